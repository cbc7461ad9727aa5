/**
 * Golden outcomes for real public Jenkinsfiles (each file names its source
 * and licence in its first lines). A file is either accepted — it validates
 * and plans — or rejected with exactly the located errors in its `.expect`
 * file; nothing throws. Deleting any one line of any file still never
 * throws and every diagnostic stays inside the text.
 *
 * After a deliberate change of outcome: RIG_UPDATE_GOLDEN=1 node scripts/test.mjs test/corpus
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from '../../src/pipeline/diagnostics/diagnostic.ts';
import { checkJenkinsfile, parseJenkinsfile } from '../../src/pipeline/jenkinsfile/index.ts';
import { describePlan, plan } from '../../src/pipeline/planner/index.ts';
import { diagnosticSpanProblems } from '../support/spans.ts';

const DIR = join(import.meta.dirname, 'files');
const UPDATE = process.env.RIG_UPDATE_GOLDEN === '1';
const ACCEPTED = 'accepted';

interface CorpusFile {
  name: string;
  text: string;
  expectPath: string;
}

const FILES: CorpusFile[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.Jenkinsfile'))
  .sort()
  .map((name) => ({
    name,
    text: readFileSync(join(DIR, name), 'utf8'),
    expectPath: join(DIR, name.replace(/\.Jenkinsfile$/, '.expect')),
  }));

const errorLine = (d: Diagnostic): string => `${d.span.line}:${d.span.col} ${d.code}: ${d.message}`;

/** What Rig makes of a file: `accepted`, or its errors one per line. */
function outcome(f: CorpusFile): string[] {
  const ds = checkJenkinsfile(f.text, f.name);
  assert.deepEqual(
    diagnosticSpanProblems(ds, f.text),
    [],
    `${f.name}: a diagnostic outside the text`,
  );
  const errors = ds.filter((d) => d.severity === 'error');
  if (errors.length > 0) return errors.map(errorLine);
  const { value } = parseJenkinsfile(f.text, f.name);
  assert.ok(value, `${f.name}: no errors but no pipeline`);
  const planned = plan(value, { branch: 'main', buildNumber: 1 });
  const planErrors = planned.diagnostics.filter((d) => d.severity === 'error');
  if (planErrors.length > 0) return planErrors.map(errorLine);
  assert.match(describePlan(planned), /\S/);
  return [ACCEPTED];
}

test('the corpus holds 20 to 40 files, each naming its source and licence', () => {
  assert.ok(FILES.length >= 20 && FILES.length <= 40, `${FILES.length} files`);
  for (const f of FILES) {
    assert.match(
      f.text,
      /^(#!.*\n)?\/\/ Source: https:\/\/github\.com\/\S+\n\/\/ Licence: \S+/,
      f.name,
    );
  }
});

test('the corpus has both accepted and rejected files', () => {
  const accepted = FILES.filter((f) => readExpect(f)[0] === ACCEPTED).length;
  assert.ok(accepted >= 10 && FILES.length - accepted >= 10, `${accepted} of ${FILES.length}`);
});

function readExpect(f: CorpusFile): string[] {
  if (UPDATE) writeFileSync(f.expectPath, outcome(f).join('\n') + '\n');
  return readFileSync(f.expectPath, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

for (const f of FILES) {
  test(`corpus: ${f.name} has its expected outcome`, () => {
    assert.deepEqual(outcome(f), readExpect(f));
  });
}

test('deleting any one line of a corpus file never throws and keeps diagnostics located', () => {
  const mutant = fc
    .constantFrom(...FILES)
    .chain((f) =>
      fc
        .nat({ max: f.text.split('\n').length - 1 })
        .map((line) => ({ name: f.name, line, text: withoutLine(f.text, line) })),
    );
  fc.assert(
    fc.property(mutant, (m) => {
      const ds = checkJenkinsfile(m.text, m.name);
      assert.deepEqual(ds.filter((d) => d.code === 'internal-error').map(errorLine), []);
      assert.deepEqual(diagnosticSpanProblems(ds, m.text).slice(0, 3), []);
      const { value } = parseJenkinsfile(m.text, m.name);
      if (value && !ds.some((d) => d.severity === 'error')) plan(value, { branch: 'main' });
    }),
    { numRuns: 300 },
  );
});

function withoutLine(text: string, line: number): string {
  const lines = text.split('\n');
  lines.splice(line, 1);
  return lines.join('\n');
}
