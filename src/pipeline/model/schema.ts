/**
 * zod schema of the pipeline model (`pipeline.ts`). Front ends' output is
 * checked against it in tests, and docs/pipeline-model.schema.json is
 * generated from it. `schema.test.ts` asserts, at compile time, that each
 * schema's output type is exactly the hand-written interface.
 */
import { z } from 'zod';
import type * as P from './pipeline.ts';
import { POST_CONDITIONS } from './pipeline.ts';
import { ArgSchema, ExprSchema, FunctionDefSchema, StmtSchema } from './groovy-schema.ts';
import { SpanSchema, modelRegistry } from './span-schema.ts';

export { modelRegistry };

const named = <S extends z.ZodType>(schema: S, id: string, description?: string): S => {
  modelRegistry.add(schema, description === undefined ? { id } : { id, description });
  return schema;
};
const str = z.string();
const opt = <S extends z.ZodType>(s: S) => s.optional();

// ---------------------------------------------------------------- agents

const workspace = { customWorkspace: opt(str) };
export const AgentSchema = named(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('any'), span: SpanSchema }),
    z.strictObject({ kind: z.literal('none'), span: SpanSchema }),
    z.strictObject({ kind: z.literal('label'), label: str, ...workspace, span: SpanSchema }),
    z.strictObject({ kind: z.literal('node'), label: str, ...workspace, span: SpanSchema }),
    z.strictObject({
      kind: z.literal('docker'),
      image: str,
      args: opt(str),
      label: opt(str),
      registryUrl: opt(str),
      registryCredentialsId: opt(str),
      alwaysPull: z.boolean(),
      reuseNode: z.boolean(),
      ...workspace,
      span: SpanSchema,
    }),
    z.strictObject({
      kind: z.literal('dockerfile'),
      filename: str,
      dir: opt(str),
      additionalBuildArgs: opt(str),
      args: opt(str),
      label: opt(str),
      reuseNode: z.boolean(),
      ...workspace,
      span: SpanSchema,
    }),
    z.strictObject({
      kind: z.literal('kubernetes'),
      yaml: opt(str),
      yamlFile: opt(str),
      cloud: opt(str),
      label: opt(str),
      defaultContainer: opt(str),
      span: SpanSchema,
    }),
    z.strictObject({
      kind: z.literal('executor'),
      executor: z.enum(['host', 'sandbox', 'container']),
      label: opt(str),
      image: opt(str),
      privileged: opt(z.boolean()),
      network: opt(z.enum(['none', 'uplink'])),
      span: SpanSchema,
    }),
  ]),
  'Agent',
  'Where a pipeline or stage runs.',
);

// ---------------------------------------------------------------- options

const FlagSchema = z.strictObject({ span: SpanSchema });
const ms = z.number().min(0);
export const OptionsSchema = named(
  z.strictObject({
    timeout: opt(z.strictObject({ ms, activity: z.boolean(), span: SpanSchema })),
    retry: opt(
      z.strictObject({
        count: z.number().int(),
        conditions: z.array(z.enum(['agent', 'nonresumable', 'kubernetesAgent'])),
        span: SpanSchema,
      }),
    ),
    skipDefaultCheckout: opt(FlagSchema),
    skipStagesAfterUnstable: opt(FlagSchema),
    parallelsAlwaysFailFast: opt(FlagSchema),
    disableConcurrentBuilds: opt(z.strictObject({ abortPrevious: z.boolean(), span: SpanSchema })),
    disableResume: opt(FlagSchema),
    quietPeriod: opt(z.strictObject({ seconds: z.number(), span: SpanSchema })),
    timestamps: opt(FlagSchema),
    ansiColor: opt(z.strictObject({ colorMap: str, span: SpanSchema })),
    checkoutToSubdirectory: opt(z.strictObject({ dir: str, span: SpanSchema })),
    buildDiscarder: opt(
      z.strictObject({
        numToKeep: opt(z.number()),
        daysToKeep: opt(z.number()),
        span: SpanSchema,
      }),
    ),
    postTimeout: opt(z.strictObject({ ms, span: SpanSchema })),
    killGrace: opt(z.strictObject({ ms, span: SpanSchema })),
    limits: opt(
      z.strictObject({
        memoryBytes: opt(z.number()),
        cpus: opt(z.number()),
        pids: opt(z.number()),
        span: SpanSchema,
      }),
    ),
    other: z.array(
      z.strictObject({ name: str, args: z.array(ArgSchema), reason: str, span: SpanSchema }),
    ),
  }),
  'Options',
);

// ---------------------------------------------------------------- environment, parameters, triggers, tools

export const EnvVarSchema = named(
  z.strictObject({
    name: str,
    value: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('expr'), expr: ExprSchema }),
      z.strictObject({ kind: z.literal('credentials'), id: str, span: SpanSchema }),
    ]),
    span: SpanSchema,
  }),
  'EnvVar',
);

export const ParameterSchema = named(
  z.strictObject({
    kind: z.enum([
      'string',
      'text',
      'booleanParam',
      'choice',
      'password',
      'file',
      'run',
      'credentials',
    ]),
    name: str,
    description: opt(str),
    defaultValue: opt(z.union([str, z.boolean()])),
    choices: opt(z.array(str)),
    trim: opt(z.boolean()),
    span: SpanSchema,
  }),
  'Parameter',
);

export const TriggerSchema = named(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('cron'), spec: str, span: SpanSchema }),
    z.strictObject({ kind: z.literal('pollSCM'), spec: str, span: SpanSchema }),
    z.strictObject({
      kind: z.literal('upstream'),
      projects: z.array(str),
      threshold: opt(str),
      span: SpanSchema,
    }),
    z.strictObject({
      kind: z.literal('other'),
      name: str,
      args: z.array(ArgSchema),
      span: SpanSchema,
    }),
  ]),
  'Trigger',
);

export const ToolSchema = named(z.strictObject({ type: str, name: str, span: SpanSchema }), 'Tool');

export const LibraryRefSchema = z.strictObject({ name: str, version: opt(str), span: SpanSchema });

// ---------------------------------------------------------------- when, input, post

const ComparatorSchema = z.enum(['EQUALS', 'GLOB', 'REGEXP']);

export const WhenConditionSchema: z.ZodType<P.WhenCondition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('branch'),
      pattern: str,
      comparator: ComparatorSchema,
      span: SpanSchema,
    }),
    z.strictObject({
      kind: z.literal('tag'),
      pattern: str,
      comparator: ComparatorSchema,
      span: SpanSchema,
    }),
    z.strictObject({ kind: z.literal('buildingTag'), span: SpanSchema }),
    z.strictObject({
      kind: z.literal('environment'),
      name: str,
      value: str,
      ignoreCase: z.boolean(),
      comparator: ComparatorSchema,
      span: SpanSchema,
    }),
    z.strictObject({
      kind: z.literal('equals'),
      expected: ExprSchema,
      actual: ExprSchema,
      span: SpanSchema,
    }),
    z.strictObject({ kind: z.literal('expression'), body: z.array(StmtSchema), span: SpanSchema }),
    z.strictObject({
      kind: z.literal('changeset'),
      pattern: str,
      comparator: ComparatorSchema,
      caseSensitive: z.boolean(),
      span: SpanSchema,
    }),
    z.strictObject({ kind: z.literal('changelog'), pattern: str, span: SpanSchema }),
    z.strictObject({
      kind: z.literal('changeRequest'),
      filters: z.array(z.strictObject({ name: str, value: str })),
      comparator: ComparatorSchema,
      span: SpanSchema,
    }),
    z.strictObject({
      kind: z.literal('triggeredBy'),
      cause: str,
      detail: opt(str),
      span: SpanSchema,
    }),
    z.strictObject({ kind: z.literal('not'), condition: WhenConditionSchema, span: SpanSchema }),
    z.strictObject({
      kind: z.literal('allOf'),
      conditions: z.array(WhenConditionSchema),
      span: SpanSchema,
    }),
    z.strictObject({
      kind: z.literal('anyOf'),
      conditions: z.array(WhenConditionSchema),
      span: SpanSchema,
    }),
  ]),
);
named(WhenConditionSchema, 'WhenCondition');

export const WhenSchema = named(
  z.strictObject({
    conditions: z.array(WhenConditionSchema),
    beforeAgent: z.boolean(),
    beforeInput: z.boolean(),
    beforeOptions: z.boolean(),
    span: SpanSchema,
  }),
  'When',
);

export const InputSchema = named(
  z.strictObject({
    message: str,
    id: opt(str),
    ok: opt(str),
    submitter: opt(str),
    submitterParameter: opt(str),
    parameters: z.array(ParameterSchema),
    span: SpanSchema,
  }),
  'Input',
);

export const StepSchema: z.ZodType<P.Step> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('step'),
      name: str,
      args: z.array(ArgSchema),
      body: opt(z.array(StepSchema)),
      span: SpanSchema,
    }),
    z.strictObject({ kind: z.literal('script'), body: z.array(StmtSchema), span: SpanSchema }),
  ]),
);
named(StepSchema, 'Step');

export const PostBlockSchema = named(
  z.strictObject({
    condition: z.enum(POST_CONDITIONS),
    steps: z.array(StepSchema),
    span: SpanSchema,
  }),
  'PostBlock',
);

// ---------------------------------------------------------------- stages

export const StageSchema: z.ZodType<P.Stage> = z.lazy(() =>
  z.strictObject({
    name: str,
    agent: opt(AgentSchema),
    options: OptionsSchema,
    environment: z.array(EnvVarSchema),
    tools: z.array(ToolSchema),
    when: opt(WhenSchema),
    input: opt(InputSchema),
    failFast: z.boolean(),
    body: StageBodySchema,
    post: z.array(PostBlockSchema),
    span: SpanSchema,
  }),
);
named(StageSchema, 'Stage');

export const AxisSchema = z.strictObject({ name: str, values: z.array(str), span: SpanSchema });
export const MatrixExcludeSchema = z.strictObject({
  conditions: z.array(
    z.strictObject({ axis: str, values: z.array(str), negate: z.boolean(), span: SpanSchema }),
  ),
  span: SpanSchema,
});

export const MatrixSchema = named(
  z.strictObject({
    axes: z.array(AxisSchema),
    excludes: z.array(MatrixExcludeSchema),
    agent: opt(AgentSchema),
    options: OptionsSchema,
    environment: z.array(EnvVarSchema),
    tools: z.array(ToolSchema),
    when: opt(WhenSchema),
    input: opt(InputSchema),
    stages: z.array(StageSchema),
    post: z.array(PostBlockSchema),
    span: SpanSchema,
  }),
  'Matrix',
);

export const StageBodySchema = named(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('steps'), steps: z.array(StepSchema), span: SpanSchema }),
    z.strictObject({ kind: z.literal('stages'), stages: z.array(StageSchema), span: SpanSchema }),
    z.strictObject({
      kind: z.literal('parallel'),
      stages: z.array(StageSchema),
      span: SpanSchema,
    }),
    z.strictObject({ kind: z.literal('matrix'), matrix: MatrixSchema, span: SpanSchema }),
  ]),
  'StageBody',
);

// ---------------------------------------------------------------- pipeline

export const PipelineSchema = z.strictObject({
  source: z.strictObject({ file: str, format: z.enum(['jenkinsfile', 'yaml']) }),
  agent: AgentSchema,
  options: OptionsSchema,
  environment: z.array(EnvVarSchema),
  parameters: z.array(ParameterSchema),
  triggers: z.array(TriggerSchema),
  tools: z.array(ToolSchema),
  stages: z.array(StageSchema),
  post: z.array(PostBlockSchema),
  libraries: z.array(LibraryRefSchema),
  functions: z.array(FunctionDefSchema),
  prelude: z.array(StmtSchema),
  span: SpanSchema,
});
