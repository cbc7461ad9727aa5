import { detectCgroups } from '../cgroup/index.ts';
import { FORK_BOMB_CASE, MEMORY_HOG_CASE, runConformanceSuite } from '../conformance/suite.ts';
import { createSandboxExecutor } from './index.ts';

const layout = detectCgroups();
const skip: Record<string, string> = {};
if (layout.version === 'none') {
  skip[FORK_BOMB_CASE] = `no cgroup (${layout.reason}): limits need one`;
  skip[MEMORY_HOG_CASE] = skip[FORK_BOMB_CASE];
}

runConformanceSuite({ name: 'sandbox', create: () => createSandboxExecutor(), skip });
