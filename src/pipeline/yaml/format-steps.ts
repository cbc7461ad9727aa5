/**
 * The step forms of rig.yaml, generated from the step catalog so that every
 * step Rig runs is offered to editors with its parameters:
 *   - make test                         a shell command
 *   - echo: hello                       the step's main parameter
 *   - sh: {script: make, label: Build}  named parameters
 *   - dir: {path: src, steps: [...]}    a step with a body
 */
import { z } from 'zod';
import type { ParamType, StepSignature } from '../steps/catalog.ts';
import { STEPS } from '../steps/catalog.ts';
import { doc } from './format-registry.ts';

/** Steps that rig.yaml writes differently or not at all. */
export const YAML_SPECIAL_STEPS: Record<string, string> = {
  script: 'Groovy of the documented subset',
  parallel: 'use a stage with `parallel:` instead',
};

/** The steps a rig.yaml may name: every step the runner implements. */
export function yamlSteps(): StepSignature[] {
  return STEPS.filter((s) => s.supported && !(s.name in YAML_SPECIAL_STEPS));
}

/** Step parameters that Groovy writes as a list of calls: `[{kind: {parameters}}, …]` in YAML. */
export const CALL_LISTS: ReadonlySet<string> = new Set([
  'withCredentials.bindings',
  'input.parameters',
]);

const DESCRIPTIONS: Record<string, string> = {
  sh: 'Run a shell script. YAML text reaches the shell untouched: the shell expands `$VAR`.',
  echo: 'Print a message.',
  error: 'Fail the build with a message.',
  unstable: 'Mark the build unstable with a message.',
  dir: 'Run `steps` in a directory of the workspace.',
  withEnv:
    'Run `steps` with extra environment variables (`overrides`: a mapping or `NAME=value` list).',
  timeout: 'Abort `steps` after `time` `unit`s (default MINUTES).',
  retry: 'Run `steps` up to `count` times until they succeed.',
  catchError: 'Run `steps`; on failure set `buildResult`/`stageResult` and carry on.',
  warnError: 'Run `steps`; on failure mark the build unstable and carry on.',
  sleep: 'Wait `time` `unit`s (default SECONDS).',
  archiveArtifacts: 'Keep files matching `artifacts` with the build.',
  junit: 'Record JUnit XML results; failures make the build UNSTABLE.',
  stash: 'Save files for a later `unstash`.',
  unstash: 'Restore stashed files.',
  writeFile: 'Write `text` to `file`.',
  deleteDir: 'Delete the current directory.',
  withCredentials: 'Run `steps` with credentials bound to variables.',
  lock: 'Run `steps` while holding a lock.',
};

const PARAM_FORMATS: Record<ParamType, () => z.ZodType> = {
  string: () => z.string(),
  boolean: () => z.boolean(),
  number: () => z.number(),
  list: () => z.array(z.unknown()),
  map: () => z.record(z.string(), z.unknown()),
  closure: () => z.never(),
  any: () => z.union([z.string(), z.number(), z.boolean()]),
};

const TIME_UNIT = [
  'NANOSECONDS',
  'MICROSECONDS',
  'MILLISECONDS',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'DAYS',
];
const RESULT = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED'];
/** Parameters whose strings come from a fixed set, offered as enums to editors. */
const ENUMS: Record<string, string[]> = {
  unit: TIME_UNIT,
  buildResult: RESULT,
  stageResult: RESULT,
};

function paramFormat(sig: StepSignature, name: string, type: ParamType): z.ZodType {
  if (sig.name === 'withEnv' && name === 'overrides') {
    return z.union([z.record(z.string(), z.string()), z.array(z.string())]);
  }
  if (CALL_LISTS.has(`${sig.name}.${name}`)) {
    const value = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
    return z.array(z.record(z.string(), z.record(z.string(), value)));
  }
  const words = ENUMS[name];
  return words && type === 'string' ? z.enum(words) : PARAM_FORMATS[type]();
}

function namedForm(sig: StepSignature, steps: z.ZodType): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const p of sig.params) {
    const format = paramFormat(sig, p.name, p.type);
    shape[p.name] = p.required ? format : format.optional();
  }
  if (sig.body !== 'none') shape.steps = sig.body === 'required' ? steps : steps.optional();
  return z.strictObject(shape);
}

function valueForms(sig: StepSignature, steps: z.ZodType): z.ZodType {
  const forms: z.ZodType[] = [];
  const positional = sig.params.find((p) => p.name === sig.positional);
  if (positional && sig.body !== 'required')
    forms.push(paramFormat(sig, positional.name, positional.type));
  if (sig.params.length === 0 && sig.body === 'none') forms.push(z.null());
  forms.push(namedForm(sig, steps));
  return forms.length === 1 ? forms[0]! : z.union(forms);
}

const StepsRef: z.ZodType<unknown> = z.lazy(() => StepsFormat);

export const StepFormat: z.ZodType<unknown> = doc(
  z.union([
    doc(z.string(), 'A shell command (the `sh` step).'),
    z.strictObject({
      script: doc(z.string(), 'Groovy statements of the documented subset (`script { }`).'),
    }),
    ...yamlSteps().map((sig) =>
      doc(
        z.strictObject({ [sig.name]: valueForms(sig, StepsRef) }),
        DESCRIPTIONS[sig.name] ?? `The \`${sig.name}\` step.`,
      ),
    ),
  ]),
  'A step: a shell command, or a mapping with one key, the step name.',
  'Step',
);

export const StepsFormat = doc(z.array(StepFormat), 'Steps, run in order.', 'Steps');
