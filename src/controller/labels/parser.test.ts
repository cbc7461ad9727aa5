import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLabelExpression } from './parser.ts';
import { describeLabelExpression } from './describe.ts';
import type { LabelExpr } from './expr.ts';

function parse(text: string): LabelExpr {
  const result = parseLabelExpression(text);
  if ('error' in result) assert.fail(`${text}: ${result.error.message} at ${result.error.offset}`);
  return result.expr;
}

function errorOf(text: string): { message: string; offset: number } {
  const result = parseLabelExpression(text);
  if ('expr' in result) assert.fail(`${text} should not parse`);
  return result.error;
}

const atom = (name: string): LabelExpr => ({ kind: 'atom', name });

test('atoms keep Jenkins label characters, including - . _ : = and digits', () => {
  for (const name of [
    'linux',
    'ubuntu-22.04',
    'x86_64',
    'zone:eu-1',
    'mem=64g',
    '42',
    'a-',
    '-a',
  ]) {
    assert.deepEqual(parse(name), atom(name));
  }
});

test('&& binds tighter than ||, which binds tighter than -> and <->', () => {
  assert.equal(
    describeLabelExpression(parse('linux && !arm || vagrant')),
    'linux && !arm || vagrant',
  );
  assert.deepEqual(parse('a || b && c'), {
    kind: 'or',
    left: atom('a'),
    right: { kind: 'and', left: atom('b'), right: atom('c') },
  });
  assert.deepEqual(parse('a || b -> c'), {
    kind: 'implies',
    left: { kind: 'or', left: atom('a'), right: atom('b') },
    right: atom('c'),
  });
  assert.deepEqual(parse('a -> b <-> c'), {
    kind: 'iff',
    left: { kind: 'implies', left: atom('a'), right: atom('b') },
    right: atom('c'),
  });
});

test('! applies to the next atom or parenthesised group only', () => {
  assert.deepEqual(parse('!a && b'), {
    kind: 'and',
    left: { kind: 'not', operand: atom('a') },
    right: atom('b'),
  });
  assert.deepEqual(parse('!(a && b)'), {
    kind: 'not',
    operand: { kind: 'and', left: atom('a'), right: atom('b') },
  });
});

test('- inside a name is part of it; -> is an operator even without spaces', () => {
  assert.deepEqual(parse('a-b'), atom('a-b'));
  assert.deepEqual(parse('a->b'), { kind: 'implies', left: atom('a'), right: atom('b') });
  assert.deepEqual(parse('a<->b'), { kind: 'iff', left: atom('a'), right: atom('b') });
  assert.deepEqual(parse('a&&b||c'), {
    kind: 'or',
    left: { kind: 'and', left: atom('a'), right: atom('b') },
    right: atom('c'),
  });
});

test('<->, || and && associate to the left', () => {
  assert.deepEqual(parse('a <-> b <-> c'), {
    kind: 'iff',
    left: { kind: 'iff', left: atom('a'), right: atom('b') },
    right: atom('c'),
  });
  assert.deepEqual(parse('a && b && c'), {
    kind: 'and',
    left: { kind: 'and', left: atom('a'), right: atom('b') },
    right: atom('c'),
  });
});

test('quoted atoms allow any character and Jenkins escapes', () => {
  assert.deepEqual(parse('"my label && more"'), atom('my label && more'));
  assert.deepEqual(parse('"say \\"hi\\"\\\\"'), atom('say "hi"\\'));
  assert.deepEqual(parse('"tab\\there"'), atom('tab\there'));
  assert.deepEqual(parse('("a b" || c)'), { kind: 'or', left: atom('a b'), right: atom('c') });
});

test('empty or blank text means any agent', () => {
  assert.deepEqual(parse(''), { kind: 'any' });
  assert.deepEqual(parse('  \t '), { kind: 'any' });
});

test('whitespace, including line breaks, separates tokens', () => {
  assert.deepEqual(parse('  a\n&&\tb  '), { kind: 'and', left: atom('a'), right: atom('b') });
});

test('errors carry a message and the offset of the offending token', () => {
  assert.deepEqual(errorOf('a & b'), { message: "unexpected '&': use '&&' for and", offset: 2 });
  assert.equal(errorOf('a | b').offset, 2);
  assert.match(errorOf("'a'").message, /double quotes/);
  assert.deepEqual(errorOf('a &&'), {
    message: "expected a label or '(' but the expression ended",
    offset: 4,
  });
  assert.deepEqual(errorOf('(a || b'), { message: "missing ')' to close the '(' at 0", offset: 7 });
  assert.deepEqual(errorOf('a b'), {
    message: "expected an operator or the end but found label 'b'",
    offset: 2,
  });
  assert.deepEqual(errorOf('a )'), {
    message: "expected an operator or the end but found ')'",
    offset: 2,
  });
  assert.equal(errorOf('"open').message, 'unterminated quoted label');
  assert.equal(errorOf('""').message, 'empty label name');
  assert.deepEqual(errorOf('"a\\q"'), {
    message: "unknown escape '\\q' in quoted label",
    offset: 2,
  });
  assert.equal(errorOf('a < b').offset, 2);
  assert.equal(errorOf('a > b').offset, 2);
  assert.equal(errorOf('&& a').offset, 0);
});

test('-> does not chain, as in Jenkins', () => {
  assert.deepEqual(errorOf('a -> b -> c'), {
    message: "'->' cannot be chained: add parentheses",
    offset: 7,
  });
  assert.deepEqual(parse('(a -> b) -> c').kind, 'implies');
});

test('!! is refused, as in Jenkins, but !(!a) is fine', () => {
  assert.equal(errorOf('!!a').offset, 1);
  assert.deepEqual(parse('!(!a)'), { kind: 'not', operand: { kind: 'not', operand: atom('a') } });
});

test('deep nesting is refused instead of overflowing the stack', () => {
  assert.deepEqual(parse('('.repeat(100) + 'a' + ')'.repeat(100)), atom('a'));
  assert.equal(errorOf('('.repeat(101) + 'a' + ')'.repeat(101)).offset, 100);
  assert.equal(errorOf('('.repeat(100_000) + 'a').message, 'parentheses nested too deeply');
});
