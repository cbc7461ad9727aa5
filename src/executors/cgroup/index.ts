/**
 * Job containment by cgroup, v1 or v2 as the host has it. Without root or
 * without a usable hierarchy there is no cgroup: callers fall back to
 * process groups + the marker sweep and say so in the build log.
 */
import { shellQuote } from '../proc/shell-quote.ts';
import { detectCgroups, type CgroupLayout, type CgroupPreference } from './detect.ts';
import type { JobCgroup, Limits } from './job-cgroup.ts';
import { createV1Cgroup } from './v1.ts';
import { createV2Cgroup } from './v2.ts';

export { detectCgroups, type CgroupLayout, type CgroupPreference };
export { STEPS_LEAF, type JobCgroup, type Limits } from './job-cgroup.ts';

export type CgroupOutcome = { cgroup: JobCgroup } | { fallback: string };

export function createJobCgroup(
  layout: CgroupLayout,
  jobId: string,
  limits: Limits,
): CgroupOutcome {
  switch (layout.version) {
    case 'v1':
      return { cgroup: createV1Cgroup(layout, jobId, limits) };
    case 'v2':
      return { cgroup: createV2Cgroup(layout, jobId, limits) };
    case 'none':
      return { fallback: layout.reason };
  }
}

/** The sh prologue that moves a process into a leaf before it execs the step. */
export function joinScript(procsFiles: string[]): string {
  const joins = procsFiles.map((f) => `echo $$ > ${shellQuote(f)}`).join(' && ');
  return `${joins} || { echo "rig: cannot join the job's cgroup" >&2; exit 125; }; exec "$0" "$@"`;
}
