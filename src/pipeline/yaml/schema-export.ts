/**
 * The JSON Schemas committed under docs/: one of the rig.yaml format, for
 * editors (VS Code's YAML extension: `# yaml-language-server: $schema=…`),
 * and one of the pipeline model that both front ends produce. Both are
 * generated from zod schemas; `schema-export.test.ts` fails when the
 * committed files are stale and rewrites them with UPDATE_SCHEMAS=1.
 */
import { z } from 'zod';
import { PipelineSchema, modelRegistry } from '../model/schema.ts';
import { RigYamlFormat, formatRegistry } from './format.ts';

const BASE = 'https://rig.dev/schemas';

export function rigYamlJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RigYamlFormat, { metadata: formatRegistry, target: 'draft-07' });
  return {
    $schema: schema.$schema,
    $id: `${BASE}/rig.schema.json`,
    title: 'rig.yaml',
    description:
      'A Rig pipeline. Stages run in order; each has `steps`, `stages`, `parallel` or `matrix`. See docs/rig-yaml.md.',
    ...withoutSchemaKeyword(schema),
  };
}

export function pipelineModelJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PipelineSchema, { metadata: modelRegistry, target: 'draft-07' });
  return {
    $schema: schema.$schema,
    $id: `${BASE}/pipeline-model.schema.json`,
    title: 'Rig pipeline model',
    description:
      'What a Jenkinsfile or rig.yaml means, as both front ends produce it (src/pipeline/model/pipeline.ts).',
    ...withoutSchemaKeyword(schema),
  };
}

function withoutSchemaKeyword(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

/** The committed files and how to produce their text. */
export const SCHEMA_FILES: ReadonlyArray<{ path: string; render: () => string }> = [
  { path: 'docs/rig.schema.json', render: () => render(rigYamlJsonSchema()) },
  { path: 'docs/pipeline-model.schema.json', render: () => render(pipelineModelJsonSchema()) },
];

function render(schema: Record<string, unknown>): string {
  return JSON.stringify(schema, null, 2) + '\n';
}
