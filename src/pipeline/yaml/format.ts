/**
 * The rig.yaml format as a zod schema. It is the single list of keys the
 * readers accept (`keysOf`) and the source of docs/rig.schema.json, so what
 * an editor offers and what `rig` accepts cannot drift apart. The readers do
 * the real checking (with spans and better messages); this schema describes
 * the shape for editors.
 */
import { z } from 'zod';
import { POST_CONDITIONS } from '../model/pipeline.ts';
import { StepsFormat } from './format-steps.ts';
import { doc, formatRegistry } from './format-registry.ts';
import { DURATION_PATTERN, SIZE_PATTERN } from './units.ts';

export { formatRegistry };

/** The keys of every mapping form of a union (for the readers of flat forms such as `agent`). */
export function unionKeys(schema: z.ZodUnion): string[] {
  const keys = schema.options.flatMap((o) =>
    o instanceof z.ZodObject ? Object.keys(o.shape) : [],
  );
  return [...new Set(keys)];
}

/**
 * `keys`, after checking that they are exactly the keys of the mapping form
 * found at `path` inside `schema` (through optional, union, array, record and
 * lazy wrappers). Readers declare their key lists with it, so a reader and
 * the format cannot disagree: a mismatch fails every test at import time.
 */
export function keysAt<const K extends string>(
  schema: z.ZodType,
  path: readonly string[],
  keys: readonly K[],
): readonly K[] {
  const found = objectsAt(schema, path).map((o) => Object.keys(o.shape).sort().join(','));
  const want = [...keys].sort().join(',');
  if (!found.includes(want)) {
    throw new Error(
      `rig.yaml format has no mapping with keys [${want}] at ${path.join('.')}: ${found.join(' | ')}`,
    );
  }
  return keys;
}

function objectsAt(schema: z.ZodType, path: readonly string[]): z.ZodObject[] {
  const def = schema.def as {
    type: string;
    innerType?: z.ZodType;
    options?: z.ZodType[];
    element?: z.ZodType;
    valueType?: z.ZodType;
    getter?: () => z.ZodType;
  };
  const inner = def.innerType ?? def.element ?? def.valueType ?? def.getter?.();
  if (inner) return objectsAt(inner, path);
  if (def.options) return def.options.flatMap((o) => objectsAt(o, path));
  if (!(schema instanceof z.ZodObject)) return [];
  if (path.length === 0) return [schema];
  const next = (schema.shape as Record<string, z.ZodType>)[path[0]!];
  return next ? objectsAt(next, path.slice(1)) : [];
}

export function keysOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): Array<keyof S & string> {
  return Object.keys(schema.shape);
}

const text = (description: string) => doc(z.string(), description);
const flag = (description: string) => doc(z.boolean(), description);
const scalar = () => z.union([z.string(), z.number(), z.boolean()]);
const strings = (description: string) =>
  doc(z.union([z.string(), z.array(z.string())]), description);

const duration = (description: string) =>
  doc(z.union([z.number().positive(), z.string().regex(DURATION_PATTERN)]), description);

// ---------------------------------------------------------------- agent

const workspace = text('Workspace directory to use instead of the default.').optional();
export const AGENT_KINDS = ['any', 'none'] as const;
const DockerFormat = z.strictObject({
  image: text('Image to run the steps in.'),
  args: text('Extra arguments for `docker run`.').optional(),
  alwaysPull: flag('Pull the image even when it is present.').optional(),
  reuseNode: flag('Run on the node (and workspace) of the enclosing agent.').optional(),
  registryUrl: text('Registry to pull from.').optional(),
  registryCredentialsId: text('Credentials for the registry.').optional(),
  label: text('Agent label the container host must have.').optional(),
  customWorkspace: workspace,
});
const DockerfileFormat = z.strictObject({
  filename: text('Dockerfile name (default `Dockerfile`).').optional(),
  dir: text('Build context directory.').optional(),
  additionalBuildArgs: text('Extra arguments for `docker build`.').optional(),
  args: text('Extra arguments for `docker run`.').optional(),
  label: text('Agent label the container host must have.').optional(),
  reuseNode: flag('Run on the node (and workspace) of the enclosing agent.').optional(),
  customWorkspace: workspace,
});
const KubernetesFormat = z.strictObject({
  yaml: text('Pod specification.').optional(),
  yamlFile: text('File holding the pod specification.').optional(),
  cloud: text('Kubernetes cloud name.').optional(),
  label: text('Pod label.').optional(),
  defaultContainer: text('Container the steps run in.').optional(),
});
export const DOCKER_KEYS = keysOf(DockerFormat);
export const DOCKERFILE_KEYS = keysOf(DockerfileFormat);
export const KUBERNETES_KEYS = keysOf(KubernetesFormat);

const agentLabel = () => text('Agent label the job must run on.').optional();
const network = () =>
  doc(
    z.enum(['none', 'uplink']),
    'Network: `none` (loopback only) or an `uplink` to the host network.',
  ).optional();

export const AgentFormat = doc(
  z.union([
    doc(z.enum(AGENT_KINDS), '`any`: any agent; `none`: each stage names its own.'),
    z.strictObject({ label: text('Run on an agent with this label.'), customWorkspace: workspace }),
    z.strictObject({
      node: z.union([
        text('Label.'),
        z.strictObject({ label: text('Label.'), customWorkspace: workspace }),
      ]),
    }),
    z.strictObject({ docker: z.union([text('Image.'), DockerFormat]) }),
    z.strictObject({
      dockerfile: z.union([
        doc(z.literal(true), 'Build `Dockerfile` from the workspace root.'),
        text('Dockerfile name.'),
        DockerfileFormat,
      ]),
    }),
    z.strictObject({ kubernetes: KubernetesFormat }),
    z.strictObject({
      executor: doc(z.literal('host'), 'Rig executor: plain processes on the agent.'),
      label: agentLabel(),
    }),
    z.strictObject({
      executor: doc(
        z.literal('sandbox'),
        'Rig executor: fresh Linux namespaces, root inside, everything dies with the job.',
      ),
      network: network(),
      label: agentLabel(),
    }),
    z.strictObject({
      executor: doc(z.literal('container'), 'Rig executor: an OCI container (podman).'),
      image: text('Image to run the job in.'),
      privileged: flag('Let the job create namespaces inside its container.').optional(),
      network: network(),
      label: agentLabel(),
    }),
  ]),
  'Where the pipeline or stage runs.',
  'Agent',
);

// ---------------------------------------------------------------- options

export const OptionsFormat = doc(
  z.strictObject({
    timeout: z
      .union([
        duration('`30m`, `90s`, `1h30m`, or a number of minutes.'),
        z.strictObject({
          time: duration('`30m`, `90s`, or a number (of `unit`, default minutes).'),
          unit: doc(
            z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']),
            'Unit of a numeric `time`.',
          ).optional(),
          activity: flag('Restart the clock on every log line.').optional(),
        }),
      ])
      .optional(),
    retry: z
      .union([
        doc(z.number().int().min(1), 'Attempts in all.'),
        z.strictObject({
          count: doc(z.number().int().min(1), 'Attempts in all.'),
          conditions: z.array(z.enum(['agent', 'nonresumable', 'kubernetesAgent'])).optional(),
        }),
      ])
      .optional(),
    timestamps: flag('Prefix log lines with a timestamp.').optional(),
    skipDefaultCheckout: flag('Do not check out the repository automatically.').optional(),
    skipStagesAfterUnstable: flag(
      'Skip the remaining stages once the build is unstable.',
    ).optional(),
    parallelsAlwaysFailFast: flag('Every `parallel` fails fast.').optional(),
    disableConcurrentBuilds: z
      .union([
        flag('One build of this pipeline at a time.'),
        z.strictObject({ abortPrevious: flag('Abort the running build instead of waiting.') }),
      ])
      .optional(),
    disableResume: flag('Do not resume after a controller restart.').optional(),
    quietPeriod: duration('Wait before starting: `30s`, or a number of seconds.').optional(),
    ansiColor: text('Colour map for ANSI escapes, e.g. `xterm`.').optional(),
    checkoutToSubdirectory: text('Check out into this directory of the workspace.').optional(),
    buildDiscarder: z
      .strictObject({
        numToKeep: doc(z.number().int().min(1), 'Builds to keep.').optional(),
        daysToKeep: doc(z.number().int().min(1), 'Days to keep builds.').optional(),
      })
      .optional(),
    postTimeout: duration(
      'Rig: budget for `post` after a timeout or cancel (default 5m); a number is minutes.',
    ).optional(),
    killGrace: duration(
      'Rig: wait between SIGTERM and SIGKILL (default 10s); a number is seconds.',
    ).optional(),
    limits: z
      .strictObject({
        memory: doc(
          z.union([z.number().int().positive(), z.string().regex(SIZE_PATTERN)]),
          'Memory limit: bytes, or `512M`, `2G`, `1.5GiB`.',
        ).optional(),
        cpus: doc(z.number().positive(), 'CPUs, may be fractional.').optional(),
        pids: doc(z.number().int().positive(), 'Most processes at once.').optional(),
      })
      .optional(),
  }),
  'Options of the pipeline.',
  'Options',
);

/** The options that make sense for one stage (as in Jenkins, plus Rig's own). */
export const STAGE_OPTIONS = [
  'timeout',
  'retry',
  'timestamps',
  'skipDefaultCheckout',
  'ansiColor',
  'postTimeout',
  'killGrace',
  'limits',
] as const;
export const StageOptionsFormat = doc(
  OptionsFormat.pick(
    Object.fromEntries(STAGE_OPTIONS.map((k) => [k, true])) as Record<
      (typeof STAGE_OPTIONS)[number],
      true
    >,
  ),
  'Options of a stage or matrix; the others apply to the whole pipeline only.',
  'StageOptions',
);

// ---------------------------------------------------------------- environment, parameters, triggers, tools

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const EnvironmentFormat = doc(
  z.record(
    z.string().regex(ENV_NAME),
    z.union([
      doc(scalar(), 'The value; `${{ env.X }}` and `${{ params.X }}` are replaced.'),
      z.strictObject({ credentials: text('Id of the credential bound to this variable.') }),
    ]),
  ),
  'Environment variables, in order; later ones may use earlier ones through `${{ env.X }}`.',
  'Environment',
);

export const PARAMETER_TYPES = [
  'string',
  'text',
  'boolean',
  'choice',
  'password',
  'file',
  'credentials',
] as const;
export const ParameterFormat = z.strictObject({
  type: doc(z.enum(PARAMETER_TYPES), 'Default: from `default` or `choices`.').optional(),
  default: doc(scalar(), 'Default value.').optional(),
  description: text('Shown when asking for the value.').optional(),
  choices: doc(
    z.array(z.string()),
    'The values a `choice` offers; the first is the default.',
  ).optional(),
  trim: flag('Strip surrounding whitespace from a string value.').optional(),
});
export const ParametersFormat = doc(
  z.record(
    z.string().regex(ENV_NAME),
    z.union([
      doc(scalar(), 'A string (or boolean) parameter with this default.'),
      doc(z.array(z.string()), 'A choice parameter; the first value is the default.'),
      ParameterFormat,
    ]),
  ),
  'Build parameters, by name; available as `params.NAME` and as environment variables.',
  'Parameters',
);

export const TriggersFormat = z.strictObject({
  cron: text('Build periodically: a cron spec (Jenkins `H` syntax allowed).').optional(),
  pollSCM: text('Poll the repository on this cron spec.').optional(),
  upstream: z
    .strictObject({
      projects: strings('Jobs whose completion starts this one.'),
      threshold: z.enum(['SUCCESS', 'UNSTABLE', 'FAILURE']).optional(),
    })
    .optional(),
});

export const ToolsFormat = doc(
  z.record(z.string(), z.string()),
  'Tools to put on PATH: `type: name`, e.g. `maven: maven-3.9`.',
);

// ---------------------------------------------------------------- when

const COMPARATOR = doc(z.enum(['EQUALS', 'GLOB', 'REGEXP']), 'How `pattern` is matched.');
const pattern = (description: string, extra: z.ZodRawShape = {}) =>
  z.union([
    text(description),
    z.strictObject({ pattern: text(description), comparator: COMPARATOR.optional(), ...extra }),
  ]);

export const CHANGE_REQUEST_FILTERS = [
  'id',
  'target',
  'branch',
  'fork',
  'url',
  'title',
  'author',
  'authorDisplayName',
  'authorEmail',
] as const;

export const ConditionFormat: z.ZodType<unknown> = doc(
  z.lazy(() => ConditionShape),
  'Conditions; all of them must hold.',
  'Condition',
);
const ConditionShape = z.strictObject({
  branch: pattern('Branch pattern (glob by default).').optional(),
  tag: pattern('Tag pattern (glob by default); `""` matches any tag.').optional(),
  buildingTag: flag('The build is for a tag.').optional(),
  environment: z
    .strictObject({
      name: text('Variable name.'),
      value: text('Expected value.'),
      ignoreCase: flag('Compare ignoring case.').optional(),
      comparator: COMPARATOR.optional(),
    })
    .optional(),
  equals: z
    .strictObject({
      expected: doc(scalar(), 'Expected value.'),
      actual: doc(scalar(), 'Actual value, e.g. `${{ params.COUNT }}`.'),
    })
    .optional(),
  expression: text('A Groovy expression; the stage runs when it is truthy.').optional(),
  changeset: pattern('Changed file pattern (glob by default).', {
    caseSensitive: flag('Match case-sensitively.').optional(),
  }).optional(),
  changelog: text('Regular expression matched against commit messages.').optional(),
  changeRequest: z
    .union([
      flag('The build is for a change request (pull request).'),
      z.strictObject({
        ...Object.fromEntries(
          CHANGE_REQUEST_FILTERS.map((f) => [
            f,
            text(`Match the change request's ${f}.`).optional(),
          ]),
        ),
        comparator: COMPARATOR.optional(),
      }),
    ])
    .optional(),
  triggeredBy: z
    .union([
      text('Cause, e.g. `TimerTrigger`, `SCMTrigger`, `UserIdCause`.'),
      z.strictObject({
        cause: text('Cause class name.'),
        detail: text('E.g. the user id.').optional(),
      }),
    ])
    .optional(),
  not: doc(ConditionFormat.optional(), 'True when its one condition is false.', 'Not'),
  allOf: doc(
    z.union([z.array(ConditionFormat), ConditionFormat]),
    'True when every condition is true.',
  ).optional(),
  anyOf: doc(
    z.union([z.array(ConditionFormat), ConditionFormat]),
    'True when any condition is true; a list item with several keys is their conjunction.',
  ).optional(),
});
export const CONDITION_KEYS = keysOf(ConditionShape);

export const WhenFormat = doc(
  z.strictObject({
    ...ConditionShape.shape,
    beforeAgent: flag('Decide before allocating the stage agent.').optional(),
    beforeInput: flag('Decide before asking for `input`.').optional(),
    beforeOptions: flag('Decide before applying stage options (e.g. timeout).').optional(),
  }),
  'Run the stage only when all these conditions hold.',
  'When',
);

// ---------------------------------------------------------------- steps, post, input

export const PostFormat = doc(
  z.strictObject(
    Object.fromEntries(POST_CONDITIONS.map((c) => [c, StepsFormat.optional()])) as Record<
      (typeof POST_CONDITIONS)[number],
      z.ZodOptional<typeof StepsFormat>
    >,
  ),
  'Steps to run after the stage or pipeline, by condition. Rig runs them in Jenkins order: ' +
    POST_CONDITIONS.join(', ') +
    '.',
  'Post',
);

export const InputFormat = z.union([
  text('The question to ask.'),
  z.strictObject({
    message: text('The question to ask.'),
    id: text('Input id.').optional(),
    ok: text('Label of the proceed button.').optional(),
    submitter: text('Users or groups allowed to answer, comma separated.').optional(),
    submitterParameter: text('Variable that receives the answering user.').optional(),
    parameters: ParametersFormat.optional(),
  }),
]);

// ---------------------------------------------------------------- stages

export const STAGE_BODIES = ['steps', 'stages', 'parallel', 'matrix'] as const;
export const StageFormat: z.ZodType<unknown> = doc(
  z.lazy(() => StageShape),
  'A stage: a name and exactly one of `steps`, `stages`, `parallel`, `matrix`.',
  'Stage',
  { oneOf: STAGE_BODIES.map((k) => ({ required: [k] })) },
);
const stageList = (description: string) => doc(z.array(StageFormat), description);

const ExcludeValue = z.union([
  doc(scalar(), 'Exclude cells with this value.'),
  doc(z.array(scalar()), 'Exclude cells with any of these values.'),
  z.strictObject({ values: z.array(scalar()) }),
  z.strictObject({ notValues: doc(z.array(scalar()), 'Exclude cells with any other value.') }),
]);

export const MatrixFormat = doc(
  z.strictObject({
    axes: doc(
      z.record(z.string(), z.union([z.array(scalar()), scalar()])),
      'Axis name to its values; each combination is a cell.',
    ),
    excludes: doc(
      z.array(z.record(z.string(), ExcludeValue)),
      'Cells to leave out: a cell is excluded when it matches every axis of one entry.',
    ).optional(),
    agent: AgentFormat.optional(),
    options: StageOptionsFormat.optional(),
    environment: EnvironmentFormat.optional(),
    tools: ToolsFormat.optional(),
    when: WhenFormat.optional(),
    input: InputFormat.optional(),
    stages: stageList('Stages each cell runs.'),
    post: PostFormat.optional(),
  }),
  'Run `stages` once per combination of axis values.',
  'Matrix',
);

const StageShape = z
  .strictObject({
    name: text('Stage name, unique among its siblings.'),
    agent: AgentFormat.optional(),
    options: StageOptionsFormat.optional(),
    environment: EnvironmentFormat.optional(),
    tools: ToolsFormat.optional(),
    when: WhenFormat.optional(),
    input: InputFormat.optional(),
    failFast: flag('Stop the other parallel branches when one fails.').optional(),
    steps: StepsFormat.optional(),
    stages: stageList('Nested stages, run in order.').optional(),
    parallel: stageList('Stages run at the same time.').optional(),
    matrix: MatrixFormat.optional(),
    post: PostFormat.optional(),
  })
  .refine((stage) => STAGE_BODIES.filter((k) => stage[k] !== undefined).length === 1, {
    message: 'a stage has exactly one of `steps`, `stages`, `parallel`, `matrix`',
  });
export const STAGE_KEYS = keysOf(StageShape);
export const MATRIX_KEYS = keysOf(MatrixFormat);

// ---------------------------------------------------------------- pipeline

export const RigYamlFormat = z.strictObject({
  agent: AgentFormat.optional(),
  options: OptionsFormat.optional(),
  environment: EnvironmentFormat.optional(),
  parameters: ParametersFormat.optional(),
  triggers: TriggersFormat.optional(),
  tools: ToolsFormat.optional(),
  stages: doc(z.array(StageFormat).min(1), 'The stages, run in order.'),
  post: PostFormat.optional(),
});
export const PIPELINE_KEYS = keysOf(RigYamlFormat);
