import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describeLabelExpression } from './describe.ts';
import { matchesLabels, type LabelExpr } from './expr.ts';
import { parseLabelExpression } from './parser.ts';

function roundTrip(text: string): string {
  const result = parseLabelExpression(text);
  if ('error' in result) assert.fail(result.error.message);
  return describeLabelExpression(result.expr);
}

test('describe keeps only the parentheses the grammar needs', () => {
  assert.equal(roundTrip('(linux && (!arm)) || (vagrant)'), 'linux && !arm || vagrant');
  assert.equal(roundTrip('a && (b || c)'), 'a && (b || c)');
  assert.equal(roundTrip('(a -> b) -> c'), '(a -> b) -> c');
  assert.equal(roundTrip('a -> (b -> c)'), 'a -> (b -> c)');
  assert.equal(roundTrip('a <-> (b <-> c)'), 'a <-> (b <-> c)');
  assert.equal(roundTrip('!(!a)'), '!(!a)');
  assert.equal(roundTrip('!(a || b)'), '!(a || b)');
  assert.equal(roundTrip(''), 'any');
});

test('describe quotes names that are not bare atoms', () => {
  assert.equal(roundTrip('"two words"'), '"two words"');
  assert.equal(roundTrip('"a->b"'), '"a->b"');
  assert.equal(roundTrip('"q\\"\\n"'), '"q\\"\\n"');
  assert.equal(roundTrip('"plain"'), 'plain');
});

const labelName = fc.oneof(
  fc.constantFrom('a', 'b', 'linux', 'x86-64', 'c.d', 'k:v', '-', 'a-'),
  fc.string({ minLength: 1, maxLength: 6 }),
);

const exprArb: fc.Arbitrary<LabelExpr> = fc.letrec<{ expr: LabelExpr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    labelName.map((name): LabelExpr => ({ kind: 'atom', name })),
    tie('expr').map((operand): LabelExpr => ({ kind: 'not', operand })),
    fc
      .record(
        {
          kind: fc.constantFrom('and', 'or', 'implies', 'iff') as fc.Arbitrary<
            'and' | 'or' | 'implies' | 'iff'
          >,
          left: tie('expr'),
          right: tie('expr'),
        },
        { noNullPrototype: true },
      )
      .map((e): LabelExpr => e),
  ),
})).expr;

test('describe then parse gives back the same tree', () => {
  fc.assert(
    fc.property(exprArb, (expr) => {
      const parsed = parseLabelExpression(describeLabelExpression(expr));
      assert.ok('expr' in parsed, describeLabelExpression(expr));
      assert.deepEqual(parsed.expr, expr);
    }),
    { numRuns: 500 },
  );
});

test('parsing never throws, whatever the text', () => {
  const alphabet = fc.constantFrom(
    'a',
    'b',
    ' ',
    '&',
    '|',
    '!',
    '-',
    '>',
    '<',
    '(',
    ')',
    '"',
    '\\',
    "'",
    '\n',
  );
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.array(alphabet).map((cs) => cs.join('')),
      ),
      (text) => {
        const result = parseLabelExpression(text);
        if ('error' in result) {
          assert.ok(result.error.offset >= 0 && result.error.offset <= text.length);
        } else {
          matchesLabels(result.expr, ['a']);
        }
      },
    ),
    { numRuns: 2000 },
  );
});
