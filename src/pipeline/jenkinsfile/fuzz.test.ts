/**
 * Property tests: whatever the input — token soup, mutated or truncated real
 * Jenkinsfiles, arbitrary Unicode — the front end returns diagnostics with
 * spans inside the text, never throws, and never reports an internal error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkJenkinsfile, parseJenkinsfile } from './index.ts';
import { collectSpans, diagnosticSpanProblems, spanProblems } from '../../../test/support/spans.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/jenkinsfiles');
const CORPUS = ['valid', 'malformed', 'scripted'].flatMap((kind) =>
  readdirSync(join(FIXTURES, kind))
    .filter((f) => f.endsWith('.Jenkinsfile'))
    .map((f) => readFileSync(join(FIXTURES, kind, f), 'utf8')),
);

/** The properties every input must satisfy. */
function holdsFor(text: string): void {
  const parsed = parseJenkinsfile(text, 'Jenkinsfile');
  const checked = checkJenkinsfile(text, 'Jenkinsfile');
  for (const ds of [parsed.diagnostics, checked]) {
    const internal = ds.filter((d) => d.code === 'internal-error');
    assert.deepEqual(
      internal,
      [],
      `internal error for input ${JSON.stringify(text.slice(0, 300))}`,
    );
    assert.deepEqual(diagnosticSpanProblems(ds, text).slice(0, 3), []);
  }
  if (parsed.value) {
    const problems = collectSpans(parsed.value).flatMap((s) => spanProblems(s, text, 'model'));
    assert.deepEqual(problems.slice(0, 3), []);
  }
  if (!parsed.value) assert.ok(parsed.diagnostics.some((d) => d.severity === 'error'));
}

const TOKENS = [
  'pipeline',
  'agent',
  'any',
  'none',
  'stages',
  'stage',
  'steps',
  'post',
  'always',
  'when',
  'branch',
  'environment',
  'options',
  'timeout',
  'matrix',
  'axes',
  'axis',
  'values',
  'parallel',
  'script',
  'sh',
  'echo',
  'def',
  'if',
  'else',
  'for',
  'in',
  'while',
  'try',
  'catch',
  'finally',
  'switch',
  'case',
  'default',
  'return',
  'new',
  'class',
  'import',
  '@Library',
  '@Field',
  '_',
  'true',
  'false',
  'null',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  ';',
  ':',
  '.',
  '?.',
  '*.',
  '?:',
  '?',
  '->',
  '=',
  '==',
  '=~',
  '==~',
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '!',
  '&&',
  '||',
  '<',
  '>',
  '<=',
  '..',
  '..<',
  'as',
  'instanceof',
  "'single'",
  '"double"',
  '"g ${x} $y.z"',
  "'''triple'''",
  '"""tri ${a}"""',
  '/slash/',
  '$/dollar/$',
  '"${',
  "'",
  '"',
  '"""',
  "'''",
  '${',
  '$',
  '\\',
  '10L',
  '1.5f',
  '0x1F',
  '1_000',
  '1e3',
  '// comment',
  '/* block */',
  '/*',
  '#!/bin/groovy',
  '\n',
  '\n',
  '\t',
  ' ',
  'é',
  '日本',
  '😀',
];

const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).chain((toks) =>
  fc
    .array(fc.constantFrom(' ', '', '\n', '  '), {
      minLength: toks.length,
      maxLength: toks.length,
    })
    .map((ws) => toks.map((t, i) => t + ws[i]!).join('')),
);

test('token soup never breaks the front end', () => {
  fc.assert(fc.property(soup, holdsFor), { numRuns: 400 });
});

const fixture = fc.constantFrom(...CORPUS);

const mutated = fc
  .tuple(
    fixture,
    fc.nat(),
    fc.nat({ max: 60 }),
    fc.constantFrom(...TOKENS),
    fc.constantFrom('delete', 'insert', 'replace', 'truncate', 'duplicate'),
  )
  .map(([text, at, len, tok, op]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    switch (op) {
      case 'delete':
        return text.slice(0, i) + text.slice(i + len);
      case 'insert':
        return text.slice(0, i) + tok + text.slice(i);
      case 'replace':
        return text.slice(0, i) + tok + text.slice(i + len);
      case 'truncate':
        return text.slice(0, i);
      case 'duplicate':
        return text.slice(0, i + len) + text.slice(i);
    }
  });

test('mutated and truncated real Jenkinsfiles never break the front end', () => {
  fc.assert(fc.property(mutated, holdsFor), { numRuns: 400 });
});

test('several mutations at once', () => {
  const many = fc
    .tuple(fixture, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)), { maxLength: 8 }))
    .map(([text, edits]) =>
      edits.reduce((t, [at, tok]) => {
        const i = t.length === 0 ? 0 : at % t.length;
        return t.slice(0, i) + tok + t.slice(i + 1);
      }, text),
    );
  fc.assert(fc.property(many, holdsFor), { numRuns: 200 });
});

test('arbitrary Unicode text never breaks the front end', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), holdsFor), {
    numRuns: 300,
  });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), holdsFor), { numRuns: 200 });
});

test('pathological nesting and repetition stay within limits', () => {
  for (const text of [
    '('.repeat(20000),
    '{'.repeat(20000),
    '"${'.repeat(3000),
    'pipeline { ' + 'stage("x") { '.repeat(3000),
    '[' + '1,'.repeat(20000) + ']',
    'x = ' + '-'.repeat(20000) + '1',
    "'".repeat(9999),
    '/*'.repeat(5000),
    '$/'.repeat(5000),
  ]) {
    holdsFor(text);
  }
});
