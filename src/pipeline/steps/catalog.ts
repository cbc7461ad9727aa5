/**
 * The steps Rig knows: their parameters and whether they take a body. Front
 * ends validate calls against it (unknown step → "did you mean"); the runner
 * implements each step listed as `supported`.
 *
 * Jenkins binds a single positional argument to the step's default parameter
 * (`sh 'make'` is `sh(script: 'make')`); `positional` names that parameter.
 */
export type ParamType = 'string' | 'boolean' | 'number' | 'list' | 'map' | 'closure' | 'any';

export interface StepParam {
  name: string;
  type: ParamType;
  required?: boolean;
}

export interface StepSignature {
  name: string;
  params: StepParam[];
  positional?: string;
  /** Whether the step takes a `{ … }` body. */
  body: 'none' | 'required' | 'optional';
  /** Whether the step returns a value that `script { }` can use. */
  returns: boolean;
  /** Implemented by the runner. Unsupported steps parse but fail validation with `reason`. */
  supported: boolean;
  reason?: string;
  /**
   * Needs a workspace on an agent (Jenkins: a node context). Under `agent none`
   * such a step must be inside a stage that has its own agent.
   */
  needsWorkspace?: boolean;
}

/** Steps that read or write the workspace or start processes on the agent. */
const WORKSPACE_STEPS = new Set([
  'sh',
  'dir',
  'archiveArtifacts',
  'junit',
  'stash',
  'unstash',
  'writeFile',
  'readFile',
  'fileExists',
  'deleteDir',
  'pwd',
  'checkout',
  'git',
  'cleanWs',
  'isUnix',
]);

import { PLUGIN_STEPS } from './plugin-steps.ts';

const s = (name: string, type: ParamType = 'string', required = false): StepParam => ({
  name,
  type,
  required,
});

function step(
  name: string,
  params: StepParam[],
  opts: Partial<Omit<StepSignature, 'name' | 'params'>> = {},
): StepSignature {
  return {
    name,
    params,
    body: 'none',
    returns: false,
    supported: true,
    needsWorkspace: WORKSPACE_STEPS.has(name),
    ...opts,
  };
}

const SHELL_PARAMS = [
  s('script', 'string', true),
  s('returnStatus', 'boolean'),
  s('returnStdout', 'boolean'),
  s('label'),
  s('encoding'),
];

export const STEPS: readonly StepSignature[] = [
  step('sh', SHELL_PARAMS, { positional: 'script', returns: true }),
  step('echo', [s('message', 'any', true)], { positional: 'message' }),
  step('error', [s('message', 'string', true)], { positional: 'message' }),
  step('unstable', [s('message', 'string', true)], { positional: 'message' }),
  step('dir', [s('path', 'string', true)], { positional: 'path', body: 'required' }),
  step('withEnv', [s('overrides', 'list', true)], { positional: 'overrides', body: 'required' }),
  step('timeout', [s('time', 'number', true), s('unit'), s('activity', 'boolean')], {
    positional: 'time',
    body: 'required',
    returns: true,
  }),
  step('retry', [s('count', 'number', true), s('conditions', 'list')], {
    positional: 'count',
    body: 'required',
    returns: true,
  }),
  step(
    'catchError',
    [s('buildResult'), s('stageResult'), s('message'), s('catchInterruptions', 'boolean')],
    { body: 'required' },
  ),
  step('warnError', [s('message', 'string', true), s('catchInterruptions', 'boolean')], {
    positional: 'message',
    body: 'required',
  }),
  step('sleep', [s('time', 'number', true), s('unit')], { positional: 'time' }),
  step(
    'archiveArtifacts',
    [
      s('artifacts', 'string', true),
      s('excludes'),
      s('allowEmptyArchive', 'boolean'),
      s('fingerprint', 'boolean'),
      s('onlyIfSuccessful', 'boolean'),
      s('defaultExcludes', 'boolean'),
      s('caseSensitive', 'boolean'),
      s('followSymlinks', 'boolean'),
    ],
    { positional: 'artifacts' },
  ),
  step(
    'junit',
    [
      s('testResults', 'string', true),
      s('allowEmptyResults', 'boolean'),
      s('skipPublishingChecks', 'boolean'),
      s('skipMarkingBuildUnstable', 'boolean'),
      s('keepLongStdio', 'boolean'),
      s('healthScaleFactor', 'number'),
    ],
    { positional: 'testResults', returns: true },
  ),
  step(
    'stash',
    [
      s('name', 'string', true),
      s('includes'),
      s('excludes'),
      s('allowEmpty', 'boolean'),
      s('useDefaultExcludes', 'boolean'),
    ],
    { positional: 'name' },
  ),
  step('unstash', [s('name', 'string', true)], { positional: 'name' }),
  step('writeFile', [s('file', 'string', true), s('text', 'string', true), s('encoding')]),
  step('readFile', [s('file', 'string', true), s('encoding')], {
    positional: 'file',
    returns: true,
  }),
  step('fileExists', [s('file', 'string', true)], { positional: 'file', returns: true }),
  step('deleteDir', []),
  step('isUnix', [], { returns: true }),
  step('pwd', [s('tmp', 'boolean')], { returns: true }),
  step('withCredentials', [s('bindings', 'list', true)], {
    positional: 'bindings',
    body: 'required',
  }),
  step(
    'lock',
    [
      s('resource'),
      s('label'),
      s('quantity', 'number'),
      s('variable'),
      s('inversePrecedence', 'boolean'),
      s('skipIfLocked', 'boolean'),
    ],
    { positional: 'resource', body: 'required' },
  ),
  step('script', [], { body: 'required' }),
  step('parallel', [s('branches', 'map'), s('failFast', 'boolean')], { returns: false }),
  step('checkout', [s('scm', 'any', true)], { positional: 'scm', returns: true }),
  step(
    'git',
    [
      s('url', 'string', true),
      s('branch'),
      s('credentialsId'),
      s('changelog', 'boolean'),
      s('poll', 'boolean'),
    ],
    {
      positional: 'url',
    },
  ),
  step(
    'input',
    [
      s('message', 'string', true),
      s('id'),
      s('ok'),
      s('submitter'),
      s('submitterParameter'),
      s('parameters', 'list'),
    ],
    {
      positional: 'message',
      returns: true,
    },
  ),
  step('ansiColor', [s('colorMapName')], { positional: 'colorMapName', body: 'required' }),
  step('timestamps', [], { body: 'required' }),
  step('cleanWs', [
    s('deleteDirs', 'boolean'),
    s('disableDeferredWipeout', 'boolean'),
    s('notFailBuild', 'boolean'),
    s('patterns', 'list'),
  ]),
  step('milestone', [s('ordinal', 'number'), s('label')], { positional: 'ordinal' }),
  step('skipDefaultCheckout', []),
  // Known Jenkins steps Rig does not run: they parse, and validation names them.
  ...[
    'bat',
    'powershell',
    'pwsh',
    'node',
    'ws',
    'publishHTML',
    'recordIssues',
    'sshPublisher',
    'googleStorageUpload',
    's3Upload',
    'withAWS',
    'githubNotify',
    'setGitHubPullRequestStatus',
    'cobertura',
    'jacoco',
    'recordCoverage',
  ].map((name) =>
    step(name, [], {
      supported: false,
      reason:
        name === 'bat' || name === 'powershell' || name === 'pwsh'
          ? 'Rig runs on Linux agents; Windows shell steps are not supported'
          : name === 'node' || name === 'ws'
            ? 'scripted-pipeline steps are not supported inside a declarative pipeline'
            : 'this step comes from a Jenkins plugin that Rig does not implement',
    }),
  ),
  ...[...PLUGIN_STEPS].map(([name, reason]) => step(name, [], { supported: false, reason })),
];

const BY_NAME = new Map(STEPS.map((sig) => [sig.name, sig]));

export function stepSignature(name: string): StepSignature | undefined {
  return BY_NAME.get(name);
}

export function knownStepNames(): string[] {
  return STEPS.map((sig) => sig.name);
}
