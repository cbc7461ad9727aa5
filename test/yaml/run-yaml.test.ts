/**
 * rig.yaml end to end: the model the YAML front end builds runs through the
 * same runner and host executor as a Jenkinsfile, with placeholders, shell
 * environment, matrix cells, `when` and post order behaving as documented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createHostExecutor } from '../../src/executors/host/index.ts';
import { loadPipeline } from '../../src/pipeline/load.ts';
import { createLocalExecutorProvider, runBuild } from '../../src/runner/index.ts';
import type { BuildReport } from '../../src/runner/index.ts';

async function runYaml(
  text: string,
  params: Record<string, string | boolean> = {},
): Promise<{ report: BuildReport; lines: string[] }> {
  const loaded = loadPipeline(text, 'rig.yaml');
  assert.ok(
    loaded.value,
    loaded.diagnostics.map((d) => `${d.span.line}:${d.span.col} ${d.message}`).join('\n'),
  );
  const workspace = await mkdtemp(join(tmpdir(), 'rig-yaml-e2e-'));
  const lines: string[] = [];
  try {
    const report = await runBuild({
      pipeline: loaded.value,
      workspace,
      context: {
        buildId: `yaml-${randomBytes(4).toString('hex')}`,
        buildNumber: 3,
        jobName: 'rig-yaml-test',
        branch: 'main',
        params,
        env: {},
        causes: [{ cause: 'UserIdCause', detail: 'tester' }],
        origin: 'local',
      },
      executors: createLocalExecutorProvider({ host: createHostExecutor() }, 'host'),
      onEvent: (e) => {
        if (e.type === 'log')
          lines.push(...e.text.split('\n').map((t) => `[${e.stage ?? '-'}] ${t}`));
      },
    });
    return { report, lines };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

test('a rig.yaml runs: placeholders, shell environment, matrix, when and post', async () => {
  const { report, lines } = await runYaml(`
parameters:
  WHO: world
environment:
  GREETING: hello
  MESSAGE: "\${{ env.GREETING }}, \${{ params.WHO }}"
stages:
  - name: Build
    steps:
      - echo: "message is \${{ env.MESSAGE }}"
      - 'echo "shell sees $MESSAGE and $WHO"'
      - dir: {path: sub, steps: [pwd]}
  - name: Grid
    matrix:
      axes: {CC: [gcc, clang], OPT: ["0", "2"]}
      excludes: [{CC: clang, OPT: "0"}]
      stages:
        - name: cell
          steps: ['echo "cell $CC -O$OPT"']
  - name: OnlyOnRelease
    when: {branch: "release-*"}
    steps: [echo must not run]
post:
  cleanup: [echo third]
  always: [echo first]
  success: [echo second]
`);
  const text = lines.join('\n');
  assert.equal(report.result, 'SUCCESS', text);
  assert.match(text, /message is hello, world/);
  assert.match(text, /shell sees hello, world and world/);
  for (const cell of ['gcc -O0', 'gcc -O2', 'clang -O2'])
    assert.match(text, new RegExp(`cell ${cell}`));
  assert.doesNotMatch(text, /cell clang -O0/);
  assert.doesNotMatch(text, /must not run/);
  assert.deepEqual(
    report.post.map((p) => p.condition),
    ['always', 'success', 'cleanup'],
  );
  const skipped = report.stages.find((s) => s.path === 'OnlyOnRelease');
  assert.ok(skipped?.skipped, JSON.stringify(report.stages));
});

test('a failing shell step fails the build and runs failure post', async () => {
  const { report, lines } = await runYaml(`
stages:
  - name: Fail
    steps: ["exit 3"]
  - name: After
    steps: [echo never]
post:
  failure: [echo post failure ran]
`);
  assert.equal(report.result, 'FAILURE');
  assert.ok(
    lines.some((l) => l.includes('post failure ran')),
    lines.join('\n'),
  );
  assert.ok(!lines.some((l) => l.includes('never')));
});
