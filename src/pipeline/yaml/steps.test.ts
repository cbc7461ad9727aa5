import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Step } from '../model/pipeline.ts';
import { describeAll, parseOk, withoutSpans } from './testing.ts';

const str = (value: string) => ({ kind: 'str', value, quote: 'yaml' });

function stepsOf(yaml: string): Step[] {
  const text = `stages:\n  - name: a\n    steps:\n${yaml}`;
  const body = withoutSpans(parseOk(text)).stages[0]?.body;
  return body?.kind === 'steps' ? body.steps : [];
}

test('the main parameter is a positional argument, as in `echo "hi"`', () => {
  assert.deepEqual(stepsOf('      - echo: hi\n      - sh: make\n      - sleep: 5\n'), [
    { kind: 'step', name: 'echo', args: [{ value: str('hi') }] },
    { kind: 'step', name: 'sh', args: [{ value: str('make') }] },
    { kind: 'step', name: 'sleep', args: [{ value: { kind: 'num', value: 5 } }] },
  ]);
});

test('named parameters and a body under `steps`', () => {
  const steps = stepsOf(`
      - sh: {script: make test, returnStatus: true, label: Test}
      - dir:
          path: sub
          steps:
            - make
            - timeout: {time: 5, unit: MINUTES, steps: [sleep 1]}
`);
  assert.deepEqual(steps, [
    {
      kind: 'step',
      name: 'sh',
      args: [
        { name: 'script', value: str('make test') },
        { name: 'returnStatus', value: { kind: 'bool', value: true } },
        { name: 'label', value: str('Test') },
      ],
    },
    {
      kind: 'step',
      name: 'dir',
      args: [{ name: 'path', value: str('sub') }],
      body: [
        { kind: 'step', name: 'sh', args: [{ value: str('make') }] },
        {
          kind: 'step',
          name: 'timeout',
          args: [
            { name: 'time', value: { kind: 'num', value: 5 } },
            { name: 'unit', value: str('MINUTES') },
          ],
          body: [{ kind: 'step', name: 'sh', args: [{ value: str('sleep 1') }] }],
        },
      ],
    },
  ]);
});

test('steps without parameters take an empty value', () => {
  assert.deepEqual(stepsOf('      - deleteDir:\n      - deleteDir: {}\n'), [
    { kind: 'step', name: 'deleteDir', args: [] },
    { kind: 'step', name: 'deleteDir', args: [] },
  ]);
});

test('withEnv takes a mapping; withCredentials bindings become calls', () => {
  const steps = stepsOf(`
      - withEnv:
          overrides: {A: "1", B: "x-\${{ params.P }}"}
          steps: [env]
      - withCredentials:
          bindings:
            - usernamePassword: {credentialsId: creds, usernameVariable: U, passwordVariable: P}
          steps: [login]
`);
  assert.deepEqual(steps[0]?.kind === 'step' && steps[0].args[0]?.value, {
    kind: 'list',
    items: [
      str('A=1'),
      {
        kind: 'gstring',
        parts: [
          { text: 'B=x-' },
          {
            expr: {
              kind: 'prop',
              object: { kind: 'var', name: 'params' },
              name: 'P',
              safe: false,
              spread: false,
            },
          },
        ],
        triple: false,
      },
    ],
  });
  assert.deepEqual(steps[1]?.kind === 'step' && steps[1].args[0]?.value, {
    kind: 'list',
    items: [
      {
        kind: 'call',
        callee: 'usernamePassword',
        args: [
          { name: 'credentialsId', value: str('creds') },
          { name: 'usernameVariable', value: str('U') },
          { name: 'passwordVariable', value: str('P') },
        ],
        parens: true,
      },
    ],
  });
});

test('shell text reaches the model untouched; `$${{` escapes a placeholder elsewhere', () => {
  const steps = stepsOf(`
      - echo $HOME "\${PATH}" '$(id -u)'
      - echo: "cost: $$\${{ env.X }}"
`);
  assert.deepEqual(steps, [
    { kind: 'step', name: 'sh', args: [{ value: str(`echo $HOME "\${PATH}" '$(id -u)'`) }] },
    { kind: 'step', name: 'echo', args: [{ value: str('cost: $${{ env.X }}') }] },
  ]);
});

test('known Jenkins steps Rig does not run are kept for validation to name', () => {
  const text =
    'stages:\n  - name: a\n    steps:\n      - bat: dir\n      - slackSend: {channel: ci}\n';
  assert.deepEqual(
    describeAll(text).map((d) => d.split(' ').slice(0, 3).join(' ')),
    ['4:9 unsupported-step `bat`', '5:9 unsupported-step `slackSend`'],
  );
});

test('checkout: scm refers to the pipeline variable `scm`', () => {
  assert.deepEqual(stepsOf('      - checkout: scm\n'), [
    { kind: 'step', name: 'checkout', args: [{ value: { kind: 'var', name: 'scm' } }] },
  ]);
});

test('parameter types are checked against the step catalog', () => {
  const text = `stages:
  - name: a
    steps:
      - sh: {script: x, returnStatus: "yes"}
      - sleep: soon
      - retry: {count: 2}
      - parallel: {a: [x]}
`;
  assert.deepEqual(describeAll(text), [
    '4:39 wrong-type `returnStatus` of `sh` must be `true` or `false`, not a string',
    '5:16 wrong-type `time` of `sleep` must be a number, not a string',
    '6:16 missing-key `retry` needs `steps`',
    '7:9 unknown-step `parallel` is not a rig.yaml step: use a stage with `parallel:` instead',
  ]);
});
