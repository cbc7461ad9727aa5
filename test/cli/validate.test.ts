import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, workspaceWith } from '../support/cli.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'jenkinsfiles');

test('a valid pipeline validates with exit 0', async () => {
  const ws = await workspaceWith({
    Jenkinsfile: "pipeline { agent any\n stages { stage('A') { steps { sh 'true' } } } }\n",
  });
  try {
    const r = await runCli(['validate'], ws.dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Jenkinsfile: valid/);
  } finally {
    await ws.dispose();
  }
});

test("the seed's published snippet is rejected with located errors and exit 2", async () => {
  const text = await readFile(join(FIXTURES, 'malformed', 'seed-published.Jenkinsfile'), 'utf8');
  const ws = await workspaceWith({ Jenkinsfile: text });
  try {
    const r = await runCli(['validate'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Jenkinsfile:\d+:\d+: error: /m);
    assert.match(r.stderr, /never closed/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  } finally {
    await ws.dispose();
  }
});

test('misspelt directives get a did-you-mean; --json gives positions', async () => {
  const ws = await workspaceWith({
    Jenkinsfile:
      "pipeline {\n  agent any\n  stages {\n    stage('A') {\n      stpes { sh 'true' }\n    }\n  }\n}\n",
  });
  try {
    const text = await runCli(['validate'], ws.dir);
    assert.equal(text.code, 2);
    assert.match(text.stderr, /Jenkinsfile:5:7: error: .*stpes/);
    assert.match(text.stderr, /steps/);
    const json = await runCli(['validate', '--json'], ws.dir);
    assert.equal(json.code, 2);
    const out = JSON.parse(json.stdout) as {
      valid: boolean;
      diagnostics: Array<{ line: number; col: number; notes: string[] }>;
    };
    assert.equal(out.valid, false);
    const typo = out.diagnostics.find((d) => d.line === 5 && d.col === 7);
    assert.ok(
      typo?.notes.some((n) => n.includes('steps')),
      json.stdout,
    );
  } finally {
    await ws.dispose();
  }
});

test('a scripted pipeline is named as such', async () => {
  const ws = await workspaceWith({
    Jenkinsfile: "node('linux') {\n  stage('Build') {\n    sh 'make'\n  }\n}\n",
  });
  try {
    const r = await runCli(['validate'], ws.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Jenkinsfile:1:1: error: .*scripted/im);
  } finally {
    await ws.dispose();
  }
});

test('usage mistakes exit 2 without a stack trace', async () => {
  const ws = await workspaceWith({});
  try {
    const missing = await runCli(['validate'], ws.dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no Jenkinsfile or rig\.yaml/);
    const unknown = await runCli(['frobnicate'], ws.dir);
    assert.equal(unknown.code, 2);
    assert.doesNotMatch(missing.stderr + unknown.stderr, /\n\s+at /);
  } finally {
    await ws.dispose();
  }
});
