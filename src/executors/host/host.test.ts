/**
 * The host executor through the conformance suite, three ways: with the
 * cgroup layout this host has, forced onto cgroup v2 (the layout most users
 * have; here the cgroup2 mount lacks the limit controllers), and with no
 * cgroup at all (what a non-root user gets: process groups + marker sweep).
 */
import { detectCgroups, type CgroupPreference } from '../cgroup/index.ts';
import { FORK_BOMB_CASE, MEMORY_HOG_CASE, runConformanceSuite } from '../conformance/suite.ts';
import { createHostExecutor } from './index.ts';

for (const cgroups of ['auto', 'v2', 'none'] as CgroupPreference[]) {
  const layout = detectCgroups(cgroups);
  const limitSkip = (controller: string): string | undefined => {
    if (layout.version === 'none') return `no cgroup (${layout.reason}): limits need one`;
    if (layout.version === 'v2' && !layout.controllers.includes(controller)) {
      return `this host's cgroup2 tree offers no ${controller} controller (hybrid v1 host)`;
    }
    if (layout.version === 'v1' && !layout.parents[controller as 'memory']) {
      return `no ${controller} hierarchy mounted`;
    }
    return undefined;
  };
  const skip: Record<string, string> = {};
  const pids = limitSkip('pids');
  const memory = limitSkip('memory');
  if (pids) skip[FORK_BOMB_CASE] = pids;
  if (memory) skip[MEMORY_HOG_CASE] = memory;
  if (cgroups !== 'auto' && layout.version === 'none' && cgroups !== 'none') continue;
  runConformanceSuite({
    name: `host (cgroups: ${cgroups} → ${layout.version})`,
    create: () => createHostExecutor({ cgroups }),
    skip,
  });
}
