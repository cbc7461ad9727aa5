import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BuildReport } from '../../src/runner/events.ts';
import { collect, runCli, spawnCli, workspaceWith } from '../support/cli.ts';
import { waitForNoProcesses } from '../support/processes.ts';

const pipeline = (stages: string, post = ''): string =>
  `pipeline {\n  agent any\n  stages {\n${stages}\n  }\n${post ? `  post {\n${post}\n  }\n` : ''}}\n`;

test('exit 0 on SUCCESS, 1 otherwise, and the report says why', async () => {
  const ws = await workspaceWith({
    Jenkinsfile: pipeline(
      "    stage('Build') { steps { sh 'echo built' } }\n    stage('Test') { steps { sh 'exit 3' } }\n    stage('Deploy') { steps { echo 'no' } }",
      "    always { echo 'bye' }\n    failure { echo 'it failed' }",
    ),
  });
  try {
    const r = await runCli(['run', '--report', 'report.json'], ws.dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /\[Build\] built/);
    assert.match(r.stdout, /script returned exit code 3/);
    const report = JSON.parse(await readFile(join(ws.dir, 'report.json'), 'utf8')) as BuildReport;
    assert.equal(report.result, 'FAILURE');
    assert.deepEqual(
      report.stages.map((s) => [s.path, s.result, s.skipped !== undefined]),
      [
        ['Build', 'SUCCESS', false],
        ['Test', 'FAILURE', false],
        ['Deploy', 'NOT_BUILT', true],
      ],
    );
    assert.deepEqual(
      report.post.map((p) => p.condition),
      ['always', 'failure'],
    );
  } finally {
    await ws.dispose();
  }
});

test('--dry-run and rig plan print the plan and run nothing', async () => {
  const ws = await workspaceWith({
    Jenkinsfile: pipeline(
      "    stage('Touch') { steps { sh 'touch ran' } }\n    stage('Release') {\n      when { branch 'main' }\n      steps { echo 'x' }\n    }",
    ),
  });
  try {
    for (const args of [
      ['run', '--dry-run', '--branch', 'dev'],
      ['plan', '--branch', 'dev'],
    ]) {
      const r = await runCli(args, ws.dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Touch/);
      assert.match(r.stdout, /Release.*skipped/s);
    }
    assert.equal(existsSync(join(ws.dir, 'ran')), false);
  } finally {
    await ws.dispose();
  }
});

test('parameters are checked against the pipeline; mistakes exit 2', async () => {
  const ws = await workspaceWith({
    Jenkinsfile:
      "pipeline { agent any\n parameters { booleanParam(name: 'FAST', defaultValue: false) }\n stages { stage('A') { steps { echo \"fast=${params.FAST}\" } } } }\n",
  });
  try {
    const ok = await runCli(['run', '--param', 'FAST=true'], ws.dir);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /fast=true/);
    const unknown = await runCli(['run', '--param', 'SLOW=1'], ws.dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown parameter 'SLOW'.*FAST/);
    const wrong = await runCli(['run', '--param', 'FAST=yes'], ws.dir);
    assert.equal(wrong.code, 2);
  } finally {
    await ws.dispose();
  }
});

test('Ctrl-C stops the build, post still runs, exit 130, nothing left running', async () => {
  const tag = `rig-cli-sigint-${randomBytes(4).toString('hex')}`;
  const ws = await workspaceWith({
    Jenkinsfile: `pipeline {\n agent any\n environment { TEST_TAG = '${tag}' }\n stages { stage('Long') { steps { sh 'echo started; (setsid sleep 300 &); sleep 300' } } }\n post {\n  aborted { sh 'touch post-aborted' }\n  always { sh 'touch post-always' }\n }\n}\n`,
  });
  try {
    const child = spawnCli(['run'], ws.dir);
    let sent = false;
    const result = await collect(child, (out) => {
      if (!sent && out.includes('started')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    assert.equal(result.code, 130, result.stdout + result.stderr);
    assert.ok(existsSync(join(ws.dir, 'post-aborted')), 'post aborted ran');
    assert.ok(existsSync(join(ws.dir, 'post-always')), 'post always ran');
    assert.deepEqual(await waitForNoProcesses(`TEST_TAG=${tag}`, 1000), []);
  } finally {
    await ws.dispose();
  }
});

test('a timeout ends ABORTED, kills children that escaped their group, and post runs', async () => {
  const tag = `rig-cli-timeout-${randomBytes(4).toString('hex')}`;
  const ws = await workspaceWith({
    Jenkinsfile: `pipeline {\n agent any\n options { timeout(time: 2, unit: 'SECONDS'); killGrace(time: 1, unit: 'SECONDS') }\n environment { TEST_TAG = '${tag}' }\n stages { stage('Hang') { steps { sh '(setsid sh -c "trap \\"\\" TERM; sleep 300" &); trap "" TERM; sleep 300' } } }\n post {\n  aborted { sh 'touch aborted' }\n  failure { sh 'touch failure' }\n }\n}\n`,
  });
  try {
    const started = Date.now();
    const r = await runCli(['run', '--report', 'report.json'], ws.dir);
    const elapsed = Date.now() - started;
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const report = JSON.parse(await readFile(join(ws.dir, 'report.json'), 'utf8')) as BuildReport;
    assert.equal(report.result, 'ABORTED');
    assert.ok(existsSync(join(ws.dir, 'aborted')), 'post aborted ran');
    assert.equal(existsSync(join(ws.dir, 'failure')), false, 'post failure did not run');
    assert.deepEqual(await waitForNoProcesses(`TEST_TAG=${tag}`, 1000), []);
    // timeout + grace, plus generous room for a loaded CI machine.
    assert.ok(elapsed < 2000 + 1000 + 20000, `took ${elapsed} ms`);
  } finally {
    await ws.dispose();
  }
});

test('rig ledger add inside a job: teardown destroys what the job recorded', async () => {
  const ns = `rig-cli-ledger-${randomBytes(3).toString('hex')}`;
  const rig = `${process.execPath} --import ${import.meta.resolve('tsx')} ${join(import.meta.dirname, '..', '..', 'src', 'cli', 'main.ts')}`;
  const ws = await workspaceWith({
    Jenkinsfile: pipeline(
      `    stage('Net') { steps { sh '${rig} ledger add netns ${ns} && ip netns add ${ns}' } }`,
    ),
  });
  try {
    const r = await runCli(['run'], ws.dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`removed netns ${ns}`));
    assert.equal(existsSync(`/run/netns/${ns}`), false, 'the netns is gone');
    const outside = await runCli(['ledger', 'add', 'netns', 'x'], ws.dir, { RIG_LEDGER: '' });
    assert.equal(outside.code, 2);
    assert.match(outside.stderr, /inside a Rig job/);
  } finally {
    await ws.dispose();
  }
});

test('`when { changeset }` sees the last commit and the working tree; branch and commit reach env', async () => {
  const ws = await workspaceWith({
    Jenkinsfile: `pipeline {
  agent any
  stages {
    stage('Docs') { when { changeset 'docs/**' }
      steps { echo "docs changed on \${env.BRANCH_NAME} at \${env.GIT_COMMIT}" } }
    stage('Code') { when { changeset 'src/**' }
      steps { echo 'code changed' } }
  }
}
`,
  });
  try {
    const git = (...a: string[]): string =>
      execFileSync('git', ['-c', 'user.email=t@e', '-c', 'user.name=t', ...a], {
        cwd: ws.dir,
      }).toString();
    git('init', '-q', '-b', 'topic');
    mkdirSync(join(ws.dir, 'docs'));
    writeFileSync(join(ws.dir, 'docs', 'a.md'), 'a');
    git('add', '.');
    git('commit', '-qm', 'docs');
    const commit = git('rev-parse', 'HEAD').trim();
    const r = await runCli(['run'], ws.dir, { CI: 'true' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`docs changed on topic at ${commit}`));
    assert.doesNotMatch(r.stdout, /code changed/);
  } finally {
    await ws.dispose();
  }
});
