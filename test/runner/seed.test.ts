import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostExecutor } from '../../src/executors/host/index.ts';
import { loadPipeline } from '../../src/pipeline/load.ts';
import { createLocalExecutorProvider, runBuild } from '../../src/runner/index.ts';
import type { BuildEvent } from '../../src/runner/index.ts';

test("the seed's repaired Jenkinsfile runs unmodified, post included", async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'rig-seed-'));
  try {
    await cp('examples/seed', workspace, { recursive: true });
    const loaded = loadPipeline(
      await readFile(join(workspace, 'Jenkinsfile'), 'utf8'),
      'Jenkinsfile',
    );
    assert.ok(loaded.value, JSON.stringify(loaded.diagnostics));
    const events: BuildEvent[] = [];
    const report = await runBuild({
      pipeline: loaded.value,
      workspace,
      context: {
        buildId: 'seed',
        buildNumber: 1,
        jobName: 'seed',
        params: {},
        env: {},
        causes: [],
        origin: 'local',
      },
      executors: createLocalExecutorProvider({ host: createHostExecutor() }, 'host'),
      onEvent: (e) => events.push(e),
    });
    const log = events.flatMap((e) => (e.type === 'log' ? [e.text] : [])).join('\n');
    assert.equal(report.result, 'SUCCESS', log);
    assert.deepEqual(report.post, [{ scope: 'pipeline', condition: 'always', result: 'SUCCESS' }]);
    assert.ok(events.some((e) => e.type === 'teardown'));
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
});
