/**
 * The rig.yaml front end never throws, whatever it is given, and every span
 * it reports — on diagnostics and on model nodes — lies inside the text with
 * line and column matching the offset. Inputs: documents built from the
 * format's own keys, mutations of real files, and arbitrary text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Span } from '../model/span.ts';
import { PipelineSchema } from '../model/schema.ts';
import { STEPS } from '../steps/catalog.ts';
import { CONDITION_KEYS, MATRIX_KEYS, PIPELINE_KEYS, STAGE_KEYS } from './format.ts';
import { parseRigYaml } from './parse.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const seeds = [read('./fixtures/kitchen-sink.yaml'), read('../../../examples/yaml/rig.yaml')];

function checkSpan(text: string, span: Span, where: string): void {
  assert.ok(span.offset >= 0 && span.offset <= span.end && span.end <= text.length, where);
  const before = text.slice(0, span.offset);
  const line = before.split('\n').length;
  const col = span.offset - (before.lastIndexOf('\n') + 1) + 1;
  assert.deepEqual([span.line, span.col], [line, col], `${where} at offset ${span.offset}`);
}

function everySpan(value: unknown, visit: (span: Span) => void): void {
  if (Array.isArray(value)) value.forEach((v) => everySpan(v, visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'span') visit(v as Span);
      else everySpan(v, visit);
    }
  }
}

function checkParse(text: string): void {
  const result = parseRigYaml(text, 'fuzz.yaml');
  for (const d of result.diagnostics) checkSpan(text, d.span, `diagnostic ${d.code}: ${d.message}`);
  if (!result.value) return;
  PipelineSchema.parse(result.value);
  everySpan(result.value, (span) => checkSpan(text, span, 'model node'));
}

const words = [
  ...new Set([
    ...PIPELINE_KEYS,
    ...STAGE_KEYS,
    ...MATRIX_KEYS,
    ...CONDITION_KEYS,
    ...STEPS.map((s) => s.name),
    'steps',
    'axes',
    'excludes',
    'values',
    'notValues',
    'executor',
    'label',
    'docker',
    'image',
    'time',
    'unit',
    'count',
    'credentials',
    'type',
    'default',
    'choices',
    'always',
    'failure',
    'any',
    'none',
    'sandbox',
  ]),
];

const scalar = fc.oneof(
  fc.constantFrom(...words),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('30m', '1h', '2G', '${{ env.X }}', '${{ nope }}', '$${{', '${{ params.P', 'x'),
  fc.integer({ min: -5, max: 100 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
);

const { doc } = fc.letrec<{ doc: unknown; value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...words), tie('value'), { maxKeys: 4 }),
  ),
  doc: fc.dictionary(fc.constantFrom(...words), tie('value'), { maxKeys: 6 }),
}));

test('documents made of the format’s words never crash the reader', () => {
  fc.assert(
    fc.property(doc, (value) => checkParse(stringify(value))),
    { numRuns: 400 },
  );
});

const mutation = fc.record({
  seed: fc.constantFrom(...seeds),
  at: fc.nat(),
  cut: fc.nat({ max: 8 }),
  insert: fc.oneof(
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
      '\n',
      '\t',
      ': ',
      '- ',
      '[',
      '{',
      '}',
      '*a',
      '&a ',
      '<<: ',
      '${{',
      '"',
      "'",
      '|',
      '#',
    ),
  ),
});

test('mutated real files never crash the reader', () => {
  fc.assert(
    fc.property(mutation, ({ seed, at, cut, insert }) => {
      const i = at % (seed.length + 1);
      checkParse(seed.slice(0, i) + insert + seed.slice(i + cut));
    }),
    { numRuns: 600 },
  );
});

test('arbitrary text never crashes the reader', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), checkParse), { numRuns: 300 });
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), checkParse), {
    numRuns: 200,
  });
});

test('a billion-laughs file is refused, not expanded', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
  }
  lines.push('stages: [{name: s, steps: [{echo: *i}]}]');
  const result = parseRigYaml(lines.join('\n'), 'laughs.yaml');
  assert.equal(result.value, undefined);
  assert.ok(result.diagnostics.some((d) => d.message.startsWith('too many alias expansions')));
});
