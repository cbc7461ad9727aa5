/**
 * Round trip: any expression tree, printed fully parenthesised, parses back
 * to the same tree — a check on precedence, calls, closures and GStrings.
 * Real files are checked the same way: parse, print, parse again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { BinaryOp, Expr, Stmt } from '../model/groovy.ts';
import { syntheticSpan } from '../model/span.ts';
import { parseScript } from './parser/script.ts';
import { printExpr, printStmts } from './parser/print.ts';
import { showExpr, showStmts } from './parser/sexpr.ts';
import { Source } from './source.ts';

const span = syntheticSpan('gen');
const BINARY: BinaryOp[] = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '<=>',
  '&&',
  '||',
  '?:',
  '=~',
  '==~',
  'in',
  '&',
  '|',
  '^',
  '<<',
  '>>',
];

function reparse(text: string): { stmts: Stmt[]; errors: string[] } {
  const diags: Array<{ message: string }> = [];
  const script = parseScript(new Source(text, 'rt'), diags as never);
  return { stmts: script.body, errors: diags.map((d) => d.message) };
}

const { expr } = fc.letrec<{ expr: Expr; leaf: Expr; stmt: Stmt }>((tie) => ({
  leaf: fc.oneof(
    fc
      .constantFrom('a', 'b', 'env', 'params', 'it')
      .map((name): Expr => ({ kind: 'var', name, span })),
    fc.nat({ max: 1000 }).map((value): Expr => ({ kind: 'num', value, span })),
    fc
      .string({ maxLength: 6 })
      .map((value): Expr => ({ kind: 'str', value, quote: 'single', span })),
    fc.boolean().map((value): Expr => ({ kind: 'bool', value, span })),
    fc.constant<Expr>({ kind: 'null', span }),
  ),
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc
      .tuple(fc.constantFrom(...BINARY), tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'binary', op, left, right, span })),
    fc
      .tuple(fc.constantFrom('!', '-', '~') as fc.Arbitrary<'!' | '-' | '~'>, tie('expr'))
      .map(([op, operand]): Expr => ({ kind: 'unary', op, operand, span })),
    fc
      .tuple(tie('expr'), tie('expr'), tie('expr'))
      .map(([cond, then, otherwise]): Expr => ({ kind: 'ternary', cond, then, otherwise, span })),
    fc
      .tuple(tie('expr'), fc.constantFrom('name', 'size', 'BRANCH_NAME'), fc.boolean())
      .map(([object, name, safe]): Expr => ({
        kind: 'prop',
        object,
        name,
        safe,
        spread: false,
        span,
      })),
    fc
      .tuple(tie('expr'), tie('expr'))
      .map(([object, index]): Expr => ({ kind: 'index', object, index, span })),
    fc
      .tuple(
        fc.constantFrom('foo', 'sh', 'echo'),
        fc.array(tie('expr'), { maxLength: 3 }),
        fc.option(tie('stmt'), { nil: undefined }),
      )
      .map(([callee, values, body]): Expr => {
        const call: Expr = {
          kind: 'call',
          callee,
          args: values.map((value) => ({ value, span })),
          parens: true,
          span,
        };
        if (body)
          call.closure = { kind: 'closure', params: [], implicitIt: true, body: [body], span };
        return call;
      }),
    fc
      .tuple(
        tie('expr'),
        fc.constantFrom('trim', 'collect', 'join'),
        fc.array(tie('expr'), { maxLength: 2 }),
      )
      .map(([object, name, values]): Expr => ({
        kind: 'method',
        object,
        name,
        args: values.map((value) => ({ name: 'k', value, span })),
        safe: false,
        spread: false,
        span,
      })),
    fc.array(tie('expr'), { maxLength: 3 }).map((items): Expr => ({ kind: 'list', items, span })),
    fc.array(fc.tuple(tie('expr'), tie('expr')), { maxLength: 2 }).map((kv): Expr => ({
      kind: 'map',
      entries: kv.map(([key, value]) => ({ key, value, span })),
      span,
    })),
    fc.tuple(fc.string({ maxLength: 4 }), tie('expr')).map(([text, e]): Expr => ({
      kind: 'gstring',
      parts: text ? [{ text }, { expr: e }] : [{ expr: e }],
      triple: false,
      span,
    })),
    fc
      .tuple(tie('expr'), tie('expr'), fc.boolean())
      .map(([from, to, exclusive]): Expr => ({ kind: 'range', from, to, exclusive, span })),
    fc
      .tuple(tie('expr'), fc.constantFrom('Integer', 'String', 'List<String>'))
      .map(([e, typeName]): Expr => ({ kind: 'cast', expr: e, typeName, span })),
    fc.tuple(fc.constantFrom('a', 'b'), tie('expr')).map(([name, value]): Expr => ({
      kind: 'assign',
      op: '=',
      target: { kind: 'var', name, span },
      value,
      span,
    })),
    fc
      .tuple(fc.subarray(['k', 'v']), fc.array(tie('stmt'), { maxLength: 3 }))
      .map(([names, body]): Expr => ({
        kind: 'closure',
        params: names.map((name) => ({ name, span })),
        implicitIt: names.length === 0,
        body,
        span,
      })),
    fc
      .tuple(tie('expr'), fc.constantFrom('each', 'findAll'), tie('stmt'))
      .map(([object, name, body]): Expr => ({
        kind: 'method',
        object,
        name,
        args: [],
        closure: { kind: 'closure', params: [], implicitIt: true, body: [body], span },
        safe: false,
        spread: false,
        span,
      })),
    fc.tuple(tie('expr'), fc.constantFrom('String', 'Map')).map(([left, name]): Expr => ({
      kind: 'binary',
      op: 'instanceof',
      left,
      right: { kind: 'var', name, span },
      span,
    })),
    fc
      .tuple(fc.constantFrom('Date', 'File'), fc.array(tie('expr'), { maxLength: 2 }))
      .map(([typeName, values]): Expr => ({
        kind: 'new',
        typeName,
        args: values.map((value) => ({ value, span })),
        span,
      })),
  ),
  stmt: fc.oneof(
    { depthSize: 'small' },
    tie('expr').map((e): Stmt => ({ kind: 'expr', expr: e, span })),
    fc
      .tuple(fc.constantFrom('v', 'w'), tie('expr'))
      .map(([name, init]): Stmt => ({ kind: 'def', names: [name], init, span })),
    fc
      .tuple(tie('expr'), tie('stmt'), fc.option(tie('stmt'), { nil: undefined }))
      .map(([cond, a, b]): Stmt => {
        const s: Stmt = { kind: 'if', cond, then: [a], span };
        if (b) s.otherwise = [b];
        return s;
      }),
    fc
      .tuple(fc.constantFrom('x', 'y'), tie('expr'), tie('stmt'))
      .map(([varName, iterable, body]): Stmt => ({
        kind: 'for-in',
        varName,
        iterable,
        body: [body],
        span,
      })),
    fc
      .option(tie('expr'), { nil: undefined })
      .map((value): Stmt => (value ? { kind: 'return', value, span } : { kind: 'return', span })),
  ),
}));

test('printed expressions parse back to the same tree', () => {
  fc.assert(
    fc.property(expr, (e) => {
      const text = printExpr(e);
      const { stmts, errors } = reparse(text);
      assert.deepEqual(errors, [], text);
      assert.equal(showStmts(stmts), showExpr(e), text);
    }),
    { numRuns: 500 },
  );
});

test('fixtures survive parse → print → parse', () => {
  const dir = join(import.meta.dirname, '../../../test/fixtures/jenkinsfiles/valid');
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.Jenkinsfile'))) {
    const first = reparse(readFileSync(join(dir, name), 'utf8'));
    assert.deepEqual(first.errors, [], name);
    const printed = printStmts(first.stmts);
    const second = reparse(printed);
    assert.deepEqual(second.errors, [], `${name}: ${printed.slice(0, 200)}`);
    assert.equal(showStmts(second.stmts), showStmts(first.stmts), name);
  }
});
