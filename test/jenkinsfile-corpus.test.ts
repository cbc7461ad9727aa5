/**
 * The fixture corpus: realistic declarative Jenkinsfiles must validate
 * cleanly with sound spans; malformed ones must fail with exactly the
 * located errors in their `.expect` file; scripted ones must be named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkJenkinsfile, parseJenkinsfile } from '../src/pipeline/jenkinsfile/index.ts';
import {
  collectSpans,
  diagnosticSpanProblems,
  nodesWithoutSpan,
  spanProblems,
} from './support/spans.ts';

const ROOT = join(import.meta.dirname, 'fixtures', 'jenkinsfiles');

function fixtures(kind: string): Array<{ name: string; text: string; path: string }> {
  const dir = join(ROOT, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.Jenkinsfile'))
    .sort()
    .map((name) => ({ name, path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

test('the corpus has at least 40 realistic declarative Jenkinsfiles', () => {
  assert.ok(fixtures('valid').length >= 40, `${fixtures('valid').length} valid fixtures`);
});

for (const f of fixtures('valid')) {
  test(`valid: ${f.name} parses and validates without errors`, () => {
    const errors = checkJenkinsfile(f.text, f.name).filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`),
      [],
    );
    const { value } = parseJenkinsfile(f.text, f.name);
    assert.ok(value && value.stages.length > 0);
    assert.deepEqual(nodesWithoutSpan(value), []);
    const problems = collectSpans(value).flatMap((s) => spanProblems(s, f.text, f.name));
    assert.deepEqual(problems.slice(0, 5), []);
  });
}

test('valid fixtures with Windows line endings, tabs and a BOM still validate', () => {
  for (const f of fixtures('valid')) {
    const text =
      '\uFEFF' +
      f.text.replace(/\n/g, '\r\n').replace(/^( {4})+/gm, (m) => '\t'.repeat(m.length / 4));
    const errors = checkJenkinsfile(text, f.name).filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => `${f.name} ${d.span.line}:${d.span.col} ${d.code}: ${d.message}`),
      [],
    );
  }
});

for (const f of fixtures('malformed')) {
  test(`malformed: ${f.name} is rejected with the expected located errors`, () => {
    const expected = readFileSync(f.path.replace(/\.Jenkinsfile$/, '.expect'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const ds = checkJenkinsfile(f.text, f.name);
    const errors = ds.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => `${d.span.line}:${d.span.col} ${d.code}`),
      expected,
    );
    assert.deepEqual(diagnosticSpanProblems(ds, f.text), []);
  });
}

for (const f of fixtures('scripted')) {
  test(`scripted: ${f.name} is named as such`, () => {
    const errors = checkJenkinsfile(f.text, f.name).filter((d) => d.severity === 'error');
    assert.equal(errors.length, 1, errors.map((d) => d.message).join('\n'));
    assert.match(errors[0]!.code, /^(scripted-pipeline|pipeline-in-function)$/);
    assert.match(errors[0]!.message, /scripted pipeline|inside the function/);
  });
}
