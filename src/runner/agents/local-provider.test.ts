import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Executor } from '../../executors/contract.ts';
import type { Agent } from '../../pipeline/model/pipeline.ts';
import { syntheticSpan } from '../../pipeline/model/span.ts';
import { createLocalExecutorProvider } from './local-provider.ts';

const span = syntheticSpan('Jenkinsfile');
// Only probe() is consulted when choosing; prepare() is never called here.
const fake = (kind: Executor['kind'], available = true): Executor => ({
  kind,
  probe: async () => ({
    available,
    reason: available ? undefined : `${kind} is missing`,
    facts: {},
  }),
  prepare: async () => {
    throw new Error('not used');
  },
});

test('labels run on the preferred executor, and the notes say the machine meets them', async () => {
  const provider = createLocalExecutorProvider(
    { host: fake('host'), sandbox: fake('sandbox') },
    'sandbox',
  );
  const found = await provider.forAgent({ kind: 'label', label: 'vagrant', span });
  assert.ok('executor' in found);
  assert.equal(found.executor.kind, 'sandbox');
  assert.match(found.notes[0] ?? '', /label 'vagrant': met by this machine/);
  assert.deepEqual(provider.available(), ['host', 'sandbox']);
});

test('container, kubernetes and missing executors give clear errors', async () => {
  const provider = createLocalExecutorProvider({ host: fake('host') }, 'host');
  const docker: Agent = {
    kind: 'docker',
    image: 'debian',
    alwaysPull: false,
    reuseNode: false,
    span,
  };
  assert.deepEqual(await provider.forAgent(docker), {
    error: 'agent { docker } needs the container executor; run with --executor container',
  });
  assert.deepEqual(await provider.forAgent({ kind: 'kubernetes', span }), {
    error: 'kubernetes agents are not supported by rig run',
  });
  const sandbox: Agent = { kind: 'executor', executor: 'sandbox', span };
  assert.match(
    JSON.stringify(await provider.forAgent(sandbox)),
    /needs the sandbox executor; run with --executor sandbox/,
  );
  const unavailable = createLocalExecutorProvider(
    { container: fake('container', false) },
    'container',
  );
  assert.deepEqual(await unavailable.forAgent(docker), {
    error: 'the container executor cannot run here: container is missing',
  });
});
