/**
 * The rig.yaml format schema (the source of docs/rig.schema.json) and the
 * readers agree: what an editor accepts, `rig` accepts, and every key the
 * schema offers is exercised by a fixture that both accept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type { ParamType, StepSignature } from '../steps/catalog.ts';
import { AGENT_KEYS } from './agent.ts';
import { StepsFormat, yamlSteps } from './format-steps.ts';
import { AgentFormat, RigYamlFormat, unionKeys } from './format.ts';
import { rigYamlJsonSchema } from './schema-export.ts';
import { describeAll, parseOk } from './testing.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const kitchenSink = read('./fixtures/kitchen-sink.yaml');
const example = read('../../../examples/yaml/rig.yaml');

function formatAccepts(text: string): z.ZodSafeParseResult<unknown> {
  return RigYamlFormat.safeParse(parseDocument(text, { merge: true }).toJS());
}

test('the fixtures and the example satisfy both the readers and the format schema', () => {
  for (const text of [kitchenSink, example]) {
    parseOk(text);
    const result = formatAccepts(text);
    assert.ok(result.success, JSON.stringify(result.error?.issues, null, 1));
  }
});

/** Every mapping key the format declares, outside step forms (tested apart). */
function formatKeys(schema: z.ZodType, seen = new Set<z.ZodType>()): Set<string> {
  const keys = new Set<string>();
  const visit = (s: z.ZodType): void => {
    if (seen.has(s) || s === StepsFormat) return;
    seen.add(s);
    const def = s.def as unknown as Record<string, unknown>;
    for (const k of ['innerType', 'element', 'valueType']) {
      if (def[k]) visit(def[k] as z.ZodType);
    }
    if (typeof def.getter === 'function') visit((def.getter as () => z.ZodType)());
    if (Array.isArray(def.options)) (def.options as z.ZodType[]).forEach(visit);
    if (s instanceof z.ZodObject) {
      for (const [k, v] of Object.entries(s.shape as Record<string, z.ZodType>)) {
        keys.add(k);
        visit(v);
      }
    }
  };
  visit(schema);
  return keys;
}

function documentKeys(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => documentKeys(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      documentKeys(v, out);
    }
  }
  return out;
}

test('the kitchen-sink fixture uses every key of the format', () => {
  const used = documentKeys(parseDocument(kitchenSink).toJS());
  const unused = [...formatKeys(RigYamlFormat)].filter((k) => !used.has(k));
  assert.deepEqual(unused, []);
});

test('the agent reader knows exactly the keys of the agent forms', () => {
  assert.deepEqual([...AGENT_KEYS].sort(), unionKeys(AgentFormat as z.ZodUnion).sort());
});

const SAMPLE: Record<ParamType, string> = {
  string: '"text"',
  boolean: 'true',
  number: '3',
  list: '["a=b"]',
  map: '{a: b}',
  closure: '',
  any: '"text"',
};

function sampleFor(sig: StepSignature, name: string, type: ParamType): string {
  if (name === 'unit') return 'SECONDS';
  if (name === 'buildResult' || name === 'stageResult') return 'UNSTABLE';
  if (sig.name === 'withCredentials') return '[{string: {credentialsId: t, variable: T}}]';
  if (sig.name === 'input' && name === 'parameters')
    return '[{choice: {name: X, choices: [a, b]}}]';
  return SAMPLE[type];
}

function stepDocs(sig: StepSignature): string[] {
  const params = sig.params.map((p) => `${p.name}: ${sampleFor(sig, p.name, p.type)}`);
  if (sig.body !== 'none') params.push('steps: [make]');
  const forms = [`{${sig.name}: {${params.join(', ')}}}`];
  const main = sig.params.find((p) => p.name === sig.positional);
  if (main && sig.body !== 'required') {
    forms.push(`{${sig.name}: ${sampleFor(sig, main.name, main.type)}}`);
  }
  if (sig.params.length === 0 && sig.body === 'none') forms.push(`{${sig.name}: null}`);
  return forms.map((step) => `stages: [{name: a, steps: [${step}]}]\n`);
}

test('every step Rig runs is accepted with all its parameters, by readers and format', () => {
  for (const sig of yamlSteps()) {
    for (const text of stepDocs(sig)) {
      assert.deepEqual(describeAll(text), [], text);
      const result = formatAccepts(text);
      assert.ok(result.success, `${text}: ${JSON.stringify(result.error?.issues)}`);
    }
  }
});

test('documents the readers reject, the format schema rejects too', () => {
  const rejected = [
    'stages: []\n',
    'stages: [{name: a}]\n',
    'stages: [{name: a, steps: [x], stpes: [y]}]\n',
    'stages: [{name: a, steps: [x], parallel: [{name: b, steps: [y]}]}]\n',
    'stages: [{name: a, steps: [{ech: hi}]}]\n',
    'stages: [{name: a, steps: [{sh: make, label: x}]}]\n',
    'stages: [{name: a, steps: [{dir: x}]}]\n',
    'stages: [{name: a, steps: [{sh: {script: x, returnStatus: "yes"}}]}]\n',
    'agent: linux\nstages: [{name: a, steps: [x]}]\n',
    'agent: {executor: sandbx}\nstages: [{name: a, steps: [x]}]\n',
    'agent: {executor: sandbox, image: x}\nstages: [{name: a, steps: [x]}]\n',
    'agent: {executor: container}\nstages: [{name: a, steps: [x]}]\n',
    'stages: [{name: a, options: {quietPeriod: 5}, steps: [x]}]\n',
    'options: {timeout: soon}\nstages: [{name: a, steps: [x]}]\n',
    'options: {limits: {memory: lots}}\nstages: [{name: a, steps: [x]}]\n',
    'environment: {1BAD: x}\nstages: [{name: a, steps: [x]}]\n',
    'post: {allways: [x]}\nstages: [{name: a, steps: [x]}]\n',
    'stages: [{name: a, steps: [x], when: {branh: main}}]\n',
  ];
  for (const text of rejected) {
    assert.notDeepEqual(describeAll(text), [], `readers accept ${text}`);
    assert.equal(formatAccepts(text).success, false, `format accepts ${text}`);
  }
});

test('the JSON Schema tells editors a stage has exactly one body', () => {
  const defs = rigYamlJsonSchema().definitions as Record<string, { oneOf?: unknown }>;
  assert.deepEqual(defs.Stage?.oneOf, [
    { required: ['steps'] },
    { required: ['stages'] },
    { required: ['parallel'] },
    { required: ['matrix'] },
  ]);
});
