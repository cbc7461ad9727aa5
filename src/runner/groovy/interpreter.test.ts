import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FunctionDef, Stmt } from '../../pipeline/model/groovy.ts';
import { syntheticSpan } from '../../pipeline/model/span.ts';
import { ScriptError, StepFailure } from '../errors.ts';
import { toStr } from './format.ts';
import type { GroovyHost } from './host.ts';
import { Interpreter } from './interpreter.ts';
import { HostObject } from './values.ts';
import type { Value } from './values.ts';
import {
  bin,
  brk,
  call,
  callNamed,
  cast,
  cl,
  def,
  forIn,
  gs,
  idx,
  iff,
  list,
  m,
  map,
  neu,
  not,
  postInc,
  prop,
  range,
  ret,
  set,
  st,
  sw,
  tern,
  thrw,
  tryCatch,
  v,
  whileLoop,
} from './test-ast.ts';

const span = syntheticSpan('Jenkinsfile');

function setup(
  env: Record<string, string> = {},
  functions: FunctionDef[] = [],
): { it: Interpreter<null>; out: string[] } {
  const out: string[] = [];
  const envObj = new HostObject('env');
  const host: GroovyHost<null> = {
    hasCallable: (name) => name === 'echo' || name === 'error',
    call: async (name, args) => {
      const msg = toStr(args.positional[0] ?? null);
      if (name === 'error') throw new StepFailure(msg);
      out.push(msg);
      return null;
    },
    resolveName: (name) =>
      name === 'env' ? envObj : name in env ? (env[name] ?? null) : undefined,
    getProperty: (_obj, name) => env[name] ?? null,
    setProperty: (_obj, name, value) => {
      env[name] = toStr(value);
    },
    invokeMethod: () => undefined,
    asPlainValue: () => undefined,
    checkInterrupted: () => {},
    print: (text) => out.push(text),
  };
  return { it: new Interpreter(host, new Map(functions.map((f) => [f.name, f]))), out };
}

async function run(
  stmts: Array<Stmt | Parameters<typeof st>[0]>,
  env?: Record<string, string>,
): Promise<{ value: Value; out: string[] }> {
  const { it, out } = setup(env);
  const value = await it.runBody(stmts.map(st), null);
  return { value, out };
}

test('def, assignment, GStrings and string methods', async () => {
  const { value } = await run([
    def('name', '  Rig  '),
    set(v('name'), m(v('name'), 'trim')),
    ret(gs('hello ', m(v('name'), 'toUpperCase'), '!')),
  ]);
  assert.equal(value, 'hello RIG!');
});

test('closures with each/collect/findAll/inject/join, and implicit returns', async () => {
  const { value, out } = await run([
    def('xs', list(1, 2, 3, 4)),
    m(v('xs'), 'each', cl([], call('echo', gs('n=', v('it'))))),
    def('doubled', m(v('xs'), 'collect', cl([], bin('*', v('it'), 2)))),
    def('even', m(v('xs'), 'findAll', cl(['x'], bin('==', bin('%', v('x'), 2), 0)))),
    def('sum', m(v('xs'), 'inject', 0, cl(['acc', 'x'], bin('+', v('acc'), v('x'))))),
    ret(list(m(v('doubled'), 'join', ','), v('even'), v('sum'))),
  ]);
  assert.deepEqual(out, ['n=1', 'n=2', 'n=3', 'n=4']);
  assert.deepEqual(value, ['2,4,6,8', [2, 4], 10]);
});

test('maps keep insertion order; each with (k, v) and with an entry', async () => {
  const { value, out } = await run([
    def('m', map({ b: 1, a: 2 })),
    set(idx(v('m'), 'c'), 3),
    m(v('m'), 'each', cl(['k', 'val'], call('echo', gs(v('k'), '=', v('val'))))),
    m(v('m'), 'each', cl([], call('echo', prop(v('it'), 'key')))),
    ret(list(prop(v('m'), 'a'), m(v('m'), 'keySet'), m(v('m'), 'containsKey', 'z'))),
  ]);
  assert.deepEqual(out, ['b=1', 'a=2', 'c=3', 'b', 'a', 'c']);
  assert.deepEqual(value, [2, ['b', 'a', 'c'], false]);
});

test('for-in over lists, maps and ranges; while with break; classic increments', async () => {
  const { value } = await run([
    def('acc', list()),
    forIn('i', range(1, 3), m(v('acc'), 'add', v('i'))),
    forIn('e', map({ k: 'v' }), m(v('acc'), 'add', prop(v('e'), 'value'))),
    def('n', 0),
    whileLoop(true, postInc(v('n')), iff(bin('>=', v('n'), 5), [brk()])),
    ret(list(v('acc'), v('n'), range(0, 3, true))),
  ]);
  assert.deepEqual(value, [[1, 2, 3, 'v'], 5, [0, 1, 2]]);
});

test('bare names resolve to locals, then environment variables; unknown names are located errors', async () => {
  const { value } = await run(
    [
      def('LOCAL', 'l'),
      ret(gs(v('LOCAL'), '/', v('BRANCH_NAME'), '/', prop(v('env'), 'BRANCH_NAME'))),
    ],
    {
      BRANCH_NAME: 'main',
    },
  );
  assert.equal(value, 'l/main/main');
  await assert.rejects(run([ret(v('NOPE'))]), (err: unknown) => {
    assert.ok(err instanceof ScriptError);
    assert.equal(err.message, 'No such property: NOPE');
    assert.equal(err.span?.file, 'Jenkinsfile');
    return true;
  });
});

test('try/catch/finally catches error() as an exception with its message', async () => {
  const { value, out } = await run([
    def('r', null),
    tryCatch(
      [call('error', 'boom')],
      'e',
      ['Exception'],
      [set(v('r'), prop(v('e'), 'message'))],
      [call('echo', 'finally')],
    ),
    ret(v('r')),
  ]);
  assert.equal(value, 'boom');
  assert.deepEqual(out, ['finally']);
});

test('a catch clause for another type lets the error through', async () => {
  await assert.rejects(
    run([tryCatch([call('error', 'x')], 'e', ['NullPointerException'], [])]),
    (err: unknown) => err instanceof StepFailure && err.message === 'x',
  );
});

test('throw new Exception is catchable and rethrowing keeps the original', async () => {
  await assert.rejects(
    run([tryCatch([thrw(neu('IllegalStateException', 'bad'))], 'e', [], [thrw(v('e'))])]),
    (err: unknown) => {
      assert.equal((err as Error).message, 'bad');
      return true;
    },
  );
});

test('top-level functions take positional and named arguments and return implicitly', async () => {
  const greet: FunctionDef = {
    name: 'greet',
    params: [
      { name: 'who', span },
      { name: 'greeting', defaultValue: { kind: 'str', value: 'hi', quote: 'single', span }, span },
    ],
    body: [st(gs(v('greeting'), ' ', v('who')))],
    span,
  };
  const opts: FunctionDef = {
    name: 'opts',
    params: [{ name: 'args', span }],
    body: [st(prop(v('args'), 'target'))],
    span,
  };
  const { it } = setup({}, [greet, opts]);
  assert.equal(await it.runBody([ret(call('greet', 'bob'))], null), 'hi bob');
  assert.equal(await it.runBody([ret(callNamed('opts', { target: 'prod' }))], null), 'prod');
});

test('regex operators, switch, ternary, elvis, casts and safe navigation', async () => {
  const { value } = await run([
    def('ver', 'v1.22'),
    def('mm', bin('=~', v('ver'), 'v(\\d+)\\.(\\d+)')),
    def('minor', idx(idx(v('mm'), 0), 2)),
    def('kind', null),
    sw(
      v('minor'),
      [
        [['21'], [set(v('kind'), 'old'), brk()]],
        [
          ['22', '23'],
          [set(v('kind'), 'new'), brk()],
        ],
      ],
      [set(v('kind'), 'other')],
    ),
    ret(
      list(
        v('kind'),
        bin('==~', v('ver'), 'v[0-9.]+'),
        tern(not(v('kind')), 'a', 'b'),
        bin('?:', null, 'dflt'),
        cast(v('minor'), 'Integer'),
        prop(null, 'x', true),
        m('a,b,,c,,', 'split', ','),
        m(' a  b ', 'tokenize'),
        m('%05d|%-3s|%.2f', 'format', 42, 'x', 3.14159),
      ),
    ),
  ]);
  assert.deepEqual(value, [
    'new',
    true,
    'b',
    'dflt',
    22,
    null,
    ['a', 'b', '', 'c'],
    ['a', 'b'],
    '00042|x  |3.14',
  ]);
});

test('env assignment goes through the host; list and map printing follow Groovy', async () => {
  const env: Record<string, string> = {};
  const { value } = await run(
    [set(prop(v('env'), 'FOO'), 'bar'), ret(gs(list(1, 'a'), ' ', map({ k: 'v' }), ' ', map({})))],
    env,
  );
  assert.equal(env.FOO, 'bar');
  assert.equal(value, '[1, a] [k:v] [:]');
});

test('constructs outside the subset are located errors naming them', async () => {
  await assert.rejects(
    run([ret(neu('java.io.File', 'x'))]),
    /new java\.io\.File\(…\) is outside the Groovy subset/,
  );
  await assert.rejects(
    run([ret(m('x', 'frobnicate'))]),
    /No signature of method: java\.lang\.String\.frobnicate\(\)/,
  );
  await assert.rejects(run([ret(call('nosuchstep'))]), /No such DSL method 'nosuchstep'/);
});
