/**
 * A rig.yaml and the Jenkinsfile that says the same thing give the same
 * model, apart from spans, quoting style and the file name. Each pair lives
 * in fixtures/golden as NAME.yaml and NAME.Jenkinsfile.
 *
 * One difference is normalised: a step's main parameter is positional when a
 * Jenkinsfile writes `dir('x')` and named when YAML writes `dir: {path: x}`;
 * the catalog says they are the same argument.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { parseJenkinsfile } from '../jenkinsfile/index.ts';
import type { Pipeline } from '../model/pipeline.ts';
import { PipelineSchema } from '../model/schema.ts';
import { stepSignature } from '../steps/catalog.ts';
import { parseOk } from './testing.ts';

const dir = new URL('./fixtures/golden/', import.meta.url);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length));

function comparable(p: Pipeline): unknown {
  return JSON.parse(
    JSON.stringify(p, (key, value: unknown) => {
      if (key === 'span' || key === 'quote' || key === 'source') return undefined;
      return namedMainArgument(value);
    }),
  );
}

function namedMainArgument(value: unknown): unknown {
  const step = value as { kind?: string; name?: string; args?: Array<{ name?: string }> };
  if (step?.kind !== 'step' || step.args?.length !== 1 || step.args[0]?.name) return value;
  const main = stepSignature(step.name ?? '')?.positional;
  return main ? { ...step, args: [{ ...step.args[0], name: main }] } : value;
}

function jenkinsModel(text: string, file: string): Pipeline {
  const result = parseJenkinsfile(text, file);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => `${d.span.line}:${d.span.col} ${d.message}`),
    [],
    `${file} should parse`,
  );
  return PipelineSchema.parse(result.value);
}

test('there are golden pairs to compare', () => {
  assert.ok(names.length >= 3, names.join(', '));
});

for (const name of names) {
  test(`golden: ${name}.yaml means what ${name}.Jenkinsfile means`, () => {
    const yaml = parseOk(readFileSync(new URL(`${name}.yaml`, dir), 'utf8'), `${name}.yaml`);
    const jenkinsfile = jenkinsModel(
      readFileSync(new URL(`${name}.Jenkinsfile`, dir), 'utf8'),
      `${name}.Jenkinsfile`,
    );
    assert.deepStrictEqual(comparable(yaml), comparable(jenkinsfile));
  });
}

test('Jenkinsfile models of the examples and fixtures satisfy the model schema too', () => {
  const files = [
    '../../../examples/seed/Jenkinsfile',
    '../../../examples/parallel-matrix/Jenkinsfile',
    '../../../test/fixtures/jenkinsfiles/valid/seed-repaired.Jenkinsfile',
  ];
  for (const file of files) {
    const url = new URL(file, import.meta.url);
    jenkinsModel(readFileSync(url, 'utf8'), file);
  }
});
