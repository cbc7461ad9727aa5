import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stage, When } from '../model/pipeline.ts';
import { parseOk, withoutSpans } from './testing.ts';

const sh = (value: string) => ({
  kind: 'step',
  name: 'sh',
  args: [{ value: { kind: 'str', value, quote: 'yaml' } }],
});

function stagesOf(yaml: string): Stage[] {
  return withoutSpans(parseOk(yaml)).stages;
}

test('sequential, nested and parallel stages with failFast', () => {
  const [outer] = stagesOf(`
stages:
  - name: Outer
    stages:
      - name: Inner
        steps: [a]
      - name: Fan
        failFast: true
        parallel:
          - {name: L, steps: [l]}
          - {name: R, steps: [r]}
`);
  assert.equal(outer?.body.kind, 'stages');
  const inner = outer?.body.kind === 'stages' ? outer.body.stages : [];
  assert.deepEqual(
    inner.map((s) => [s.name, s.body.kind, s.failFast]),
    [
      ['Inner', 'steps', false],
      ['Fan', 'parallel', true],
    ],
  );
  const fan = inner[1]?.body;
  assert.deepEqual(fan?.kind === 'parallel' && fan.stages.map((s) => s.body), [
    { kind: 'steps', steps: [sh('l')] },
    { kind: 'steps', steps: [sh('r')] },
  ]);
});

test('matrix: axes in order, excludes with values and notValues, its own directives', () => {
  const [stage] = stagesOf(`
stages:
  - name: M
    matrix:
      axes:
        OS: [linux, mac]
        VER: [1.10, 2]
      excludes:
        - {OS: mac, VER: [1.10]}
        - OS: {notValues: [linux]}
        - VER: {values: [2]}
      agent: {label: "\${{ env.OS }}"}
      environment: {X: y}
      when: {branch: main}
      stages:
        - {name: build, steps: [make]}
      post: {always: [done]}
`);
  assert.equal(stage?.body.kind, 'matrix');
  const m = stage?.body.kind === 'matrix' ? stage.body.matrix : undefined;
  assert.deepEqual(m?.axes, [
    { name: 'OS', values: ['linux', 'mac'] },
    { name: 'VER', values: ['1.10', '2'] },
  ]);
  assert.deepEqual(m?.excludes, [
    {
      conditions: [
        { axis: 'OS', values: ['mac'], negate: false },
        { axis: 'VER', values: ['1.10'], negate: false },
      ],
    },
    { conditions: [{ axis: 'OS', values: ['linux'], negate: true }] },
    { conditions: [{ axis: 'VER', values: ['2'], negate: false }] },
  ]);
  assert.deepEqual(
    m?.agent,
    { kind: 'label', label: '${env.OS}' },
    'run-time text, as a Jenkinsfile keeps it',
  );
  assert.equal(m?.stages[0]?.name, 'build');
  assert.deepEqual(m?.post, [{ condition: 'always', steps: [sh('done')] }]);
  assert.equal(m?.when?.conditions[0]?.kind, 'branch');
});

function whenOf(yaml: string): When | undefined {
  return stagesOf(`stages:\n  - name: a\n    steps: [x]\n    when:\n${yaml}`)[0]?.when;
}

test('when: conditions in file order, defaults as in Jenkins, flags', () => {
  const when = whenOf(`
      tag: "v*"
      branch: {pattern: "release-\\\\d+", comparator: REGEXP}
      environment: {name: DEPLOY, value: "yes"}
      changeset: "src/**"
      changelog: ".*\\\\[ci skip\\\\].*"
      changeRequest: {target: main}
      triggeredBy: {cause: UserIdCause, detail: alice}
      buildingTag: true
      beforeAgent: true
      beforeOptions: true
`);
  assert.deepEqual(when, {
    conditions: [
      { kind: 'tag', pattern: 'v*', comparator: 'GLOB' },
      { kind: 'branch', pattern: 'release-\\d+', comparator: 'REGEXP' },
      {
        kind: 'environment',
        name: 'DEPLOY',
        value: 'yes',
        ignoreCase: false,
        comparator: 'EQUALS',
      },
      { kind: 'changeset', pattern: 'src/**', comparator: 'GLOB', caseSensitive: false },
      { kind: 'changelog', pattern: '.*\\[ci skip\\].*' },
      { kind: 'changeRequest', filters: [{ name: 'target', value: 'main' }], comparator: 'EQUALS' },
      { kind: 'triggeredBy', cause: 'UserIdCause', detail: 'alice' },
      { kind: 'buildingTag' },
    ],
    beforeAgent: true,
    beforeInput: false,
    beforeOptions: true,
  });
});

test('when: not, allOf, anyOf (list and mapping), false flags negate', () => {
  const when = whenOf(`
      not: {branch: main}
      anyOf:
        - tag: "v*"
        - {branch: dev, changeRequest: true}
      allOf: {buildingTag: false, changeRequest: false}
`);
  assert.deepEqual(when?.conditions, [
    { kind: 'not', condition: { kind: 'branch', pattern: 'main', comparator: 'GLOB' } },
    {
      kind: 'anyOf',
      conditions: [
        { kind: 'tag', pattern: 'v*', comparator: 'GLOB' },
        {
          kind: 'allOf',
          conditions: [
            { kind: 'branch', pattern: 'dev', comparator: 'GLOB' },
            { kind: 'changeRequest', filters: [], comparator: 'EQUALS' },
          ],
        },
      ],
    },
    {
      kind: 'allOf',
      conditions: [
        { kind: 'not', condition: { kind: 'buildingTag' } },
        { kind: 'not', condition: { kind: 'changeRequest', filters: [], comparator: 'EQUALS' } },
      ],
    },
  ]);
});

test('when: equals keeps the type of a lone placeholder', () => {
  const when = whenOf(`
      equals: {expected: 2, actual: "\${{ params.COUNT }}"}
`);
  assert.deepEqual(when?.conditions[0], {
    kind: 'equals',
    expected: { kind: 'num', value: 2 },
    actual: {
      kind: 'prop',
      object: { kind: 'var', name: 'params' },
      name: 'COUNT',
      safe: false,
      spread: false,
    },
  });
});

test('input: a message, or a mapping with parameters', () => {
  const [a, b] = stagesOf(`
stages:
  - {name: a, input: Proceed?, steps: [x]}
  - name: b
    input:
      message: Deploy?
      ok: Go
      submitter: alice,ops
      submitterParameter: APPROVER
      parameters: {TARGET: [staging, prod]}
    steps: [x]
`);
  assert.deepEqual(a?.input, { message: 'Proceed?', parameters: [] });
  assert.deepEqual(b?.input, {
    message: 'Deploy?',
    ok: 'Go',
    submitter: 'alice,ops',
    submitterParameter: 'APPROVER',
    parameters: [
      { kind: 'choice', name: 'TARGET', defaultValue: 'staging', choices: ['staging', 'prod'] },
    ],
  });
});

test('post: all eleven conditions, kept in file order', () => {
  const conditions = [
    'cleanup',
    'always',
    'changed',
    'fixed',
    'regression',
    'aborted',
    'success',
    'unsuccessful',
    'unstable',
    'failure',
    'notBuilt',
  ];
  const yaml = conditions.map((c) => `  ${c}: [echo ${c}]`).join('\n');
  const p = withoutSpans(parseOk(`stages: [{name: a, steps: [x]}]\npost:\n${yaml}\n`));
  assert.deepEqual(
    p.post.map((b) => b.condition),
    conditions,
  );
  assert.deepEqual(p.post[0]?.steps, [sh('echo cleanup')]);
});

test('anchors and merge keys reuse steps and settings', () => {
  const stages = stagesOf(`
stages:
  - name: a
    agent: &box {executor: container, image: debian, network: none}
    steps: &common [make, make check]
  - name: b
    agent: {<<: *box, privileged: true}
    steps: *common
`);
  assert.deepEqual(stages[1]?.agent, {
    kind: 'executor',
    executor: 'container',
    image: 'debian',
    network: 'none',
    privileged: true,
  });
  assert.deepEqual(stages[1]?.body, stages[0]?.body);
});
