import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '../model/span.ts';
import { describeAll, parseOk } from './testing.ts';

const text = `stages:
  - name: a
    when:
      expression: params.DEPLOY == true
    steps:
      - script: |
          def xs = ['a', 'b']
          for (x in xs) {
            echo "item \${x}"
          }
      - script: "echo 'one line'"
`;

const slice = (span: Span | undefined) => (span ? text.slice(span.offset, span.end) : '');

test('script: and when.expression hold Groovy statements', () => {
  const stage = parseOk(text).stages[0]!;
  const steps = stage.body.kind === 'steps' ? stage.body.steps : [];
  assert.deepEqual(
    steps.map((s) => s.kind),
    ['script', 'script'],
  );
  const expression = stage.when?.conditions[0];
  assert.equal(expression?.kind, 'expression');
  assert.equal(expression?.kind === 'expression' && expression.body[0]?.kind, 'expr');
});

test('Groovy spans point into the YAML file, through block-scalar indentation', () => {
  const stage = parseOk(text).stages[0]!;
  const steps = stage.body.kind === 'steps' ? stage.body.steps : [];
  const block = steps[0]?.kind === 'script' ? steps[0].body : [];
  assert.equal(slice(block[0]?.span), "def xs = ['a', 'b']");
  assert.deepEqual([block[0]?.span.line, block[0]?.span.col], [7, 11]);
  const loop = block[1];
  assert.equal(loop?.kind, 'for-in');
  const echo = loop?.kind === 'for-in' ? loop.body[0] : undefined;
  assert.equal(slice(echo?.span), 'echo "item ${x}"');
  assert.deepEqual([echo?.span.line, echo?.span.col], [9, 13]);
  const quoted = steps[1]?.kind === 'script' ? steps[1].body[0] : undefined;
  assert.equal(slice(quoted?.span), "echo 'one line'");
  const when = stage.when?.conditions[0];
  const cond = when?.kind === 'expression' ? when.body[0] : undefined;
  assert.equal(slice(cond?.span), 'params.DEPLOY == true');
});

test('Groovy errors are located in the YAML file, positions in messages too', () => {
  const broken = `stages:
  - name: a
    steps:
      - script: |
          echo 'fine'
          def x = (1 +
`;
  assert.deepEqual(describeAll(broken).slice(0, 1), [
    '6:23 unclosed-bracket `(` opened at 6:19 is never closed',
  ]);
});

test('functions and libraries belong in a Jenkinsfile, not in rig.yaml Groovy', () => {
  const withDef = `stages:
  - name: a
    steps:
      - script: |
          def greet(name) { echo name }
          greet('x')
`;
  assert.deepEqual(describeAll(withDef), [
    '5:11 unsupported `def greet(…)` cannot be defined inside rig.yaml Groovy',
  ]);
});

test('script must be a string', () => {
  assert.deepEqual(describeAll('stages: [{name: a, steps: [{script: [1]}]}]'), [
    '1:37 wrong-type `script` must be a string of Groovy, not a list',
  ]);
});
