import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expr } from '../model/groovy.ts';
import type { Matrix, Stage } from '../model/pipeline.ts';
import { describePlan } from './describe.ts';
import { findStage } from './find.ts';
import { collectStages, plan } from './plan.ts';
import {
  SPAN,
  agentNone,
  branch,
  echo,
  env,
  nestedStage,
  noOptions,
  parallelStage,
  pipeline,
  script,
  str,
  stepsStage,
  when,
} from './test-support.ts';

function matrixStage(name: string, matrix: Partial<Matrix>): Stage {
  const full: Matrix = {
    axes: [],
    excludes: [],
    options: noOptions(),
    environment: [],
    tools: [],
    stages: [stepsStage('Build', [echo('hi')])],
    post: [],
    span: SPAN,
    ...matrix,
  };
  return {
    name,
    options: noOptions(),
    environment: [],
    tools: [],
    failFast: false,
    post: [],
    span: SPAN,
    body: { kind: 'matrix', matrix: full, span: SPAN },
  };
}

test('stage paths join names; parallel and nested stages keep their kinds', () => {
  const p = pipeline([
    stepsStage('Build', [echo('b')]),
    parallelStage('Test', [stepsStage('linux', []), stepsStage('mac', [])]),
    nestedStage('Deploy', [stepsStage('staging', [])]),
  ]);
  const planned = plan(p, {});
  const paths = collectStages(planned.stages).map((s) => `${s.path}:${s.kind}`);
  assert.deepEqual(paths, [
    'Build:steps',
    'Test:parallel',
    'Test/linux:steps',
    'Test/mac:steps',
    'Deploy:sequential',
    'Deploy/staging:steps',
  ]);
  assert.equal(planned.diagnostics.length, 0);
});

test('matrix cells are named by axis values, the last axis varying slowest, minus excludes', () => {
  const m = matrixStage('Test', {
    axes: [
      { name: 'OS', values: ['linux', 'mac'], span: SPAN },
      { name: 'ARCH', values: ['amd64', 'arm64'], span: SPAN },
    ],
    excludes: [
      {
        conditions: [
          { axis: 'OS', values: ['mac'], negate: false, span: SPAN },
          { axis: 'ARCH', values: ['amd64'], negate: true, span: SPAN },
        ],
        span: SPAN,
      },
    ],
  });
  const planned = plan(pipeline([m]), {});
  const test = planned.stages[0];
  assert.ok(test);
  assert.deepEqual(
    test.children.map((c) => c.path),
    ['Test/OS=linux, ARCH=amd64', 'Test/OS=mac, ARCH=amd64', 'Test/OS=linux, ARCH=arm64'],
  );
  assert.deepEqual(
    test.children[0]?.children.map((c) => c.path),
    ['Test/OS=linux, ARCH=amd64/Build'],
  );
  assert.match(describePlan(planned), /excluded cell: OS=mac, ARCH=arm64/);
});

test('an exclude naming an unknown axis is a diagnostic', () => {
  const m = matrixStage('Test', {
    axes: [{ name: 'OS', values: ['linux'], span: SPAN }],
    excludes: [
      { conditions: [{ axis: 'ARCH', values: ['x'], negate: false, span: SPAN }], span: SPAN },
    ],
  });
  const planned = plan(pipeline([m]), {});
  assert.equal(planned.diagnostics[0]?.code, 'matrix-unknown-axis');
});

test('when on branch is decided before the run; expressions wait for the run', () => {
  const p = pipeline([
    stepsStage('Deploy', [], { when: when([branch('main')]) }),
    stepsStage('Maybe', [], { when: when([{ kind: 'expression', body: [], span: SPAN }]) }),
  ]);
  const onDev = plan(p, { branch: 'dev' });
  assert.equal(onDev.stages[0]?.when.decision, 'skip');
  assert.equal(onDev.stages[1]?.when.decision, 'runtime');
  const onMain = plan(p, { branch: 'main' });
  assert.equal(onMain.stages[0]?.when.decision, 'run');
  assert.match(
    describePlan(onDev),
    /Deploy {2}\[skipped\]\n {6}skipped due to when conditional \(branch 'main': BRANCH_NAME is 'dev'\)/,
  );
});

test('environment conditions see literal pipeline and ancestor environment, not computed values', () => {
  const envCond = (name: string): Stage['when'] =>
    when([
      {
        kind: 'environment',
        name,
        value: 'yes',
        ignoreCase: false,
        comparator: 'EQUALS',
        span: SPAN,
      },
    ]);
  const computed: Expr = { kind: 'call', callee: 'foo', args: [], parens: true, span: SPAN };
  const p = pipeline(
    [
      stepsStage('Literal', [], { when: envCond('DEPLOY') }),
      stepsStage('Computed', [], { when: envCond('OTHER') }),
      stepsStage('Scripted', [], { when: envCond('SET_LATER') }),
    ],
    { environment: [env('DEPLOY', str('yes')), env('OTHER', computed)] },
  );
  const withScript = {
    ...p,
    stages: [
      ...p.stages,
      stepsStage('Setter', [
        script([
          {
            kind: 'expr',
            expr: {
              kind: 'assign',
              op: '=',
              target: {
                kind: 'prop',
                object: { kind: 'var', name: 'env', span: SPAN },
                name: 'SET_LATER',
                safe: false,
                spread: false,
                span: SPAN,
              },
              value: str('yes'),
              span: SPAN,
            },
            span: SPAN,
          },
        ]),
      ]),
    ],
  };
  const planned = plan(withScript, {});
  assert.deepEqual(
    planned.stages.map((s) => s.when.decision),
    ['run', 'runtime', 'runtime', 'run'],
  );
});

test('stages with their own agent under agent none are placement units', () => {
  const docker = {
    kind: 'docker',
    image: 'debian',
    alwaysPull: false,
    reuseNode: false,
    span: SPAN,
  } as const;
  const p = pipeline(
    [
      stepsStage('Build', [], { agent: { kind: 'label', label: 'linux', span: SPAN } }),
      nestedStage('Outer', [stepsStage('Inner', [], { agent: docker })], { agent: docker }),
      stepsStage('NoMachine', []),
    ],
    { agent: agentNone() },
  );
  const planned = plan(p, {});
  assert.deepEqual(planned.units, ['Build', 'Outer']);
  const inner = collectStages(planned.stages).find((s) => s.path === 'Outer/Inner');
  assert.equal(inner?.placement?.unit, false);
  assert.deepEqual(planned.stages[0]?.placement?.requirement, { kind: 'any', label: 'linux' });
});

test('parallelsAlwaysFailFast makes every parallel fail fast', () => {
  const p = pipeline([parallelStage('P', [stepsStage('a', [])])], {
    options: { other: [], parallelsAlwaysFailFast: { span: SPAN } },
  });
  assert.equal(plan(p, {}).stages[0]?.failFast, true);
  assert.equal(plan(pipeline([parallelStage('P', [])]), {}).stages[0]?.failFast, false);
});

test('findStage resolves a path or a unique name and reports ambiguity', () => {
  const p = pipeline([
    nestedStage('A', [stepsStage('x', [])]),
    nestedStage('B', [stepsStage('x', []), stepsStage('y', [])]),
  ]);
  const planned = plan(p, {});
  const found = findStage(planned, 'y');
  assert.ok('stage' in found);
  assert.equal(found.stage.path, 'B/y');
  assert.deepEqual(
    found.ancestors.map((s) => s.path),
    ['B'],
  );
  const ambiguous = findStage(planned, 'x');
  assert.ok('error' in ambiguous);
  assert.match(ambiguous.error, /ambiguous.*A\/x, B\/x/);
  assert.ok('stage' in findStage(planned, 'A/x'));
});

test('options are reported as honoured or not applicable', () => {
  const p = pipeline([], {
    options: {
      timeout: { ms: 1_800_000, activity: false, span: SPAN },
      quietPeriod: { seconds: 5, span: SPAN },
      other: [
        {
          name: 'preserveStashes',
          args: [],
          reason: 'stashes are kept for the build only',
          span: SPAN,
        },
      ],
    },
  });
  const text = describePlan(plan(p, {}));
  assert.match(text, /pipeline: timeout — honoured: 30m in total/);
  assert.match(text, /pipeline: quietPeriod — not applicable/);
  assert.match(text, /pipeline: preserveStashes — not applicable: stashes are kept/);
});
