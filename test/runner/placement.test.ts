import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostExecutor } from '../../src/executors/host/index.ts';
import { loadPipeline } from '../../src/pipeline/load.ts';
import type { Pipeline } from '../../src/pipeline/model/pipeline.ts';
import { createLocalExecutorProvider, runBuild } from '../../src/runner/index.ts';
import type {
  BuildContext,
  BuildEvent,
  PlacementProvider,
  PlacementUnit,
} from '../../src/runner/index.ts';

const JENKINSFILE = `
pipeline {
    agent none
    environment { SHARED = 'from the top' }
    stages {
        stage('Prepare') {
            agent { label 'small' }
            environment { LOCAL = 'prepare' }
            steps { sh 'echo "prepare sees $SHARED and $LOCAL"' }
        }
        stage('Test') {
            agent { label 'big' }
            stages {
                stage('Unit') { steps { sh 'echo "unit sees $SHARED"' } }
            }
        }
    }
    post { always { echo 'pipeline post on the controller side' } }
}`;

function load(): Pipeline {
  const loaded = loadPipeline(JENKINSFILE, 'Jenkinsfile');
  assert.ok(loaded.value, JSON.stringify(loaded.diagnostics));
  return loaded.value;
}

const context: BuildContext = {
  buildId: 'p',
  buildNumber: 3,
  jobName: 'placement',
  params: {},
  env: {},
  causes: [],
  origin: 'controller',
};

test('placement units run through the PlacementProvider, whose runner runs just that subtree', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'rig-placement-'));
  try {
    const pipeline = load();
    const units: PlacementUnit[] = [];
    // Stands in for the controller + agent: another runner, scoped to the unit.
    const placement: PlacementProvider = {
      runUnit: async (unit) => {
        units.push(unit);
        const report = await runBuild({
          pipeline,
          workspace,
          context,
          executors: createLocalExecutorProvider({ host: createHostExecutor() }, 'host'),
          onEvent: unit.onEvent,
          signal: unit.signal,
          scope: { stagePath: unit.stagePath, inheritedEnv: unit.inheritedEnv },
        });
        return { result: report.result };
      },
    };
    const events: BuildEvent[] = [];
    const report = await runBuild({
      pipeline,
      workspace,
      context,
      executors: {
        forAgent: async () => ({ error: 'the controller side holds no machine' }),
        available: () => [],
      },
      placement,
      onEvent: (e) => events.push(e),
    });
    const log = events.flatMap((e) => (e.type === 'log' ? e.text.split('\n') : []));
    assert.equal(report.result, 'SUCCESS', log.join('\n'));
    assert.deepEqual(
      units.map((u) => u.stagePath),
      ['Prepare', 'Test'],
    );
    assert.equal(units[0]?.inheritedEnv.SHARED, 'from the top');
    assert.deepEqual(
      report.stages.map((s) => [s.path, s.result]),
      [
        ['Prepare', 'SUCCESS'],
        ['Test', 'SUCCESS'],
        ['Test/Unit', 'SUCCESS'],
      ],
    );
    assert.ok(log.includes('prepare sees from the top and prepare'), log.join('\n'));
    assert.ok(log.includes('unit sees from the top'));
    assert.deepEqual(report.post, [{ scope: 'pipeline', condition: 'always', result: 'SUCCESS' }]);
    assert.equal(
      events.filter((e) => e.type === 'build.end').length,
      1,
      'the unit runs do not end the build',
    );
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
});

test('--stage runs one subtree with the pipeline environment and post', async () => {
  const workspace = await mkdtemp(join(tmpdir(), 'rig-scope-'));
  try {
    const events: BuildEvent[] = [];
    const report = await runBuild({
      pipeline: load(),
      workspace,
      context: { ...context, origin: 'local' },
      executors: createLocalExecutorProvider({ host: createHostExecutor() }, 'host'),
      scope: { stagePath: 'Unit' },
      onEvent: (e) => events.push(e),
    });
    const log = events.flatMap((e) => (e.type === 'log' ? e.text.split('\n') : []));
    assert.equal(report.result, 'SUCCESS', log.join('\n'));
    assert.deepEqual(
      report.stages.map((s) => s.path),
      ['Test/Unit'],
    );
    assert.ok(log.includes('unit sees from the top'), log.join('\n'));
    assert.deepEqual(
      report.post.map((p) => p.scope),
      ['pipeline'],
    );
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
});
