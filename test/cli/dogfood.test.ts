import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../support/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');

test("Rig's own checks are a pipeline Rig accepts and plans", async () => {
  const valid = await runCli(['validate'], ROOT);
  assert.equal(valid.code, 0, valid.stderr);
  const plan = await runCli(['plan'], ROOT);
  assert.equal(plan.code, 0, plan.stderr);
  for (const stage of ['Build', 'Typecheck', 'Lint', 'Tests'])
    assert.match(plan.stdout, new RegExp(stage));
});

test('the examples validate', async () => {
  for (const dir of ['examples/seed', 'examples/parallel-matrix']) {
    const r = await runCli(['validate'], join(ROOT, dir));
    assert.equal(r.code, 0, `${dir}: ${r.stderr}`);
  }
  const yaml = await runCli(['validate', '-f', 'rig.yaml'], join(ROOT, 'examples/yaml'));
  assert.equal(yaml.code, 0, yaml.stderr);
});

test("the README's first command runs the seed example to success", async () => {
  const r = await runCli(['run', '-C', 'examples/seed'], ROOT);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /4 passed, 0 failed/);
  assert.match(r.stdout, /Destroying VM/);
});
