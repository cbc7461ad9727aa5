import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseOk, withoutSpans } from './testing.ts';

const str = (value: string) => ({ kind: 'str', value, quote: 'yaml' });

test('a minimal pipeline: agent any by default, a string step is sh', () => {
  const p = withoutSpans(parseOk('stages:\n  - name: Build\n    steps: [make test]\n'));
  assert.deepEqual(p.agent, { kind: 'any' });
  assert.deepEqual(p.stages[0]?.body, {
    kind: 'steps',
    steps: [{ kind: 'step', name: 'sh', args: [{ value: str('make test') }] }],
  });
  assert.deepEqual(p.source, { file: 'rig.yaml', format: 'yaml' });
});

test('agents: any, none, label, node, docker, dockerfile, kubernetes, executor', () => {
  const agent = (yaml: string) =>
    withoutSpans(parseOk(`agent: ${yaml}\nstages: [{name: a, steps: [x]}]\n`)).agent;
  const none = parseOk('agent: none\nstages: [{name: a, agent: any, steps: [x]}]\n').agent;
  assert.deepEqual(withoutSpans(none), { kind: 'none' });
  assert.deepEqual(agent('{label: linux, customWorkspace: /w}'), {
    kind: 'label',
    label: 'linux',
    customWorkspace: '/w',
  });
  assert.deepEqual(agent('{node: linux}'), { kind: 'node', label: 'linux' });
  assert.deepEqual(agent('{docker: node:20}'), {
    kind: 'docker',
    image: 'node:20',
    alwaysPull: false,
    reuseNode: false,
  });
  assert.deepEqual(agent('{docker: {image: x, args: -v /a:/a, alwaysPull: true}}'), {
    kind: 'docker',
    image: 'x',
    args: '-v /a:/a',
    alwaysPull: true,
    reuseNode: false,
  });
  assert.deepEqual(agent('{dockerfile: true}'), {
    kind: 'dockerfile',
    filename: 'Dockerfile',
    reuseNode: false,
  });
  assert.deepEqual(agent('{dockerfile: {filename: ci.Dockerfile, dir: ci}}'), {
    kind: 'dockerfile',
    filename: 'ci.Dockerfile',
    dir: 'ci',
    reuseNode: false,
  });
  assert.deepEqual(agent('{kubernetes: {yamlFile: pod.yaml}}'), {
    kind: 'kubernetes',
    yamlFile: 'pod.yaml',
  });
  assert.deepEqual(
    agent('{executor: container, image: debian:12, privileged: true, network: uplink}'),
    {
      kind: 'executor',
      executor: 'container',
      image: 'debian:12',
      privileged: true,
      network: 'uplink',
    },
  );
});

test('options: durations, sizes, flags and Rig budgets', () => {
  const p = parseOk(`
options:
  timeout: {time: 90, unit: SECONDS, activity: true}
  retry: {count: 3, conditions: [agent]}
  disableConcurrentBuilds: {abortPrevious: true}
  skipDefaultCheckout: true
  skipStagesAfterUnstable: false
  quietPeriod: 30
  ansiColor: xterm
  checkoutToSubdirectory: src
  postTimeout: 2
  killGrace: 1m30s
  limits: {memory: 512M, cpus: 0.5, pids: 100}
stages: [{name: a, options: {timeout: 1h}, steps: [x]}]
`);
  const o = withoutSpans(p.options);
  assert.deepEqual(o, {
    timeout: { ms: 90_000, activity: true },
    retry: { count: 3, conditions: ['agent'] },
    disableConcurrentBuilds: { abortPrevious: true },
    skipDefaultCheckout: {},
    quietPeriod: { seconds: 30 },
    ansiColor: { colorMap: 'xterm' },
    checkoutToSubdirectory: { dir: 'src' },
    postTimeout: { ms: 120_000 },
    killGrace: { ms: 90_000 },
    limits: { memoryBytes: 512 * 1024 ** 2, cpus: 0.5, pids: 100 },
    other: [],
  });
  assert.equal(p.stages[0]?.options.timeout?.ms, 3_600_000);
  assert.equal(p.options.skipStagesAfterUnstable, undefined, '`false` leaves a flag unset');
});

test('a bare number is minutes for timeout and seconds for killGrace', () => {
  const o = parseOk(
    'options: {timeout: 30, killGrace: 5}\nstages: [{name: a, steps: [x]}]',
  ).options;
  assert.equal(o.timeout?.ms, 30 * 60_000);
  assert.equal(o.killGrace?.ms, 5000);
});

test('environment: values as written, credentials, and placeholders', () => {
  const p = withoutSpans(
    parseOk(`
environment:
  VERSION: 1.10
  DEBUG: true
  PATH: "/opt/bin:\${{ env.PATH }}"
  TOKEN: {credentials: gh-token}
stages: [{name: a, steps: [x]}]
`),
  );
  assert.deepEqual(p.environment, [
    { name: 'VERSION', value: { kind: 'expr', expr: str('1.10') } },
    { name: 'DEBUG', value: { kind: 'expr', expr: str('true') } },
    {
      name: 'PATH',
      value: {
        kind: 'expr',
        expr: {
          kind: 'gstring',
          parts: [
            { text: '/opt/bin:' },
            {
              expr: {
                kind: 'prop',
                object: { kind: 'var', name: 'env' },
                name: 'PATH',
                safe: false,
                spread: false,
              },
            },
          ],
          triple: false,
        },
      },
    },
    { name: 'TOKEN', value: { kind: 'credentials', id: 'gh-token' } },
  ]);
});

test('parameters: shorthand by value, full form, choices', () => {
  const p = withoutSpans(
    parseOk(`
parameters:
  NAME: world
  DEBUG: false
  LEVEL: [info, debug]
  NOTES: {type: text, description: Notes, trim: true}
  PICK: {choices: [a, b], description: Pick}
  SECRET: {type: password}
stages: [{name: a, steps: [x]}]
`),
  );
  assert.deepEqual(p.parameters, [
    { kind: 'string', name: 'NAME', defaultValue: 'world' },
    { kind: 'booleanParam', name: 'DEBUG', defaultValue: false },
    { kind: 'choice', name: 'LEVEL', defaultValue: 'info', choices: ['info', 'debug'] },
    { kind: 'text', name: 'NOTES', description: 'Notes', trim: true },
    { kind: 'choice', name: 'PICK', description: 'Pick', defaultValue: 'a', choices: ['a', 'b'] },
    { kind: 'password', name: 'SECRET' },
  ]);
});

test('triggers and tools', () => {
  const p = withoutSpans(
    parseOk(`
triggers:
  pollSCM: H/15 * * * *
  cron: H 2 * * *
  upstream: {projects: [a, b], threshold: UNSTABLE}
tools: {maven: maven-3, jdk: jdk17}
stages: [{name: a, steps: [x]}]
`),
  );
  assert.deepEqual(p.triggers, [
    { kind: 'pollSCM', spec: 'H/15 * * * *' },
    { kind: 'cron', spec: 'H 2 * * *' },
    { kind: 'upstream', projects: ['a', 'b'], threshold: 'UNSTABLE' },
  ]);
  assert.deepEqual(p.tools, [
    { type: 'maven', name: 'maven-3' },
    { type: 'jdk', name: 'jdk17' },
  ]);
});
