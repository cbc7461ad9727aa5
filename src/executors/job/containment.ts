/**
 * Puts a job in its own cgroup (recorded in the ledger, so teardown removes
 * it) or explains in the build log why it runs with process groups and the
 * marker sweep only.
 */
import { createJobCgroup, type CgroupLayout, type JobCgroup } from '../cgroup/index.ts';
import type { JobSpec } from '../contract.ts';
import type { Ledger } from '../ledger/ledger.ts';

export function containJob(
  spec: JobSpec,
  layout: CgroupLayout,
  ledger: Ledger,
): JobCgroup | undefined {
  const outcome = createJobCgroup(layout, spec.jobId, spec.limits ?? {});
  if ('fallback' in outcome) {
    spec.log(
      `no cgroup for this job (${outcome.fallback}): containment is process groups + marker sweep`,
    );
    if (spec.limits && Object.keys(spec.limits).length > 0) {
      spec.log('resource limits are not applied without a cgroup');
    }
    return undefined;
  }
  const cgroup = outcome.cgroup;
  ledger.record(
    {
      kind: 'cgroup',
      id: cgroup.paths[0]!,
      source: 'executor',
      detail: { version: cgroup.version },
    },
    () => cgroup.destroy(),
  );
  const limits = cgroup.limitNotes.length > 0 ? `; limits: ${cgroup.limitNotes.join(', ')}` : '';
  spec.log(`job cgroup (${cgroup.version}) ${cgroup.paths[0]}${limits}`);
  return cgroup;
}

export function describeLayout(layout: CgroupLayout): string {
  switch (layout.version) {
    case 'v1':
      return `cgroup v1 (${Object.keys(layout.parents).join(', ')})`;
    case 'v2':
      return `cgroup v2 (${layout.controllers.join(', ') || 'no controllers'})`;
    case 'none':
      return `process groups + marker sweep (${layout.reason})`;
  }
}
