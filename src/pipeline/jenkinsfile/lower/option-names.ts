/** Which options Rig honours, which it accepts and ignores (with why), and where each may appear. */

export const TYPED_OPTIONS: readonly string[] = [
  'timeout',
  'retry',
  'skipDefaultCheckout',
  'skipStagesAfterUnstable',
  'parallelsAlwaysFailFast',
  'disableConcurrentBuilds',
  'disableResume',
  'quietPeriod',
  'timestamps',
  'ansiColor',
  'checkoutToSubdirectory',
  'buildDiscarder',
  'postTimeout',
  'killGrace',
  'resourceLimits',
];

const NO_CONTROLLER_STATE = 'Rig does not keep this Jenkins job setting';

export const IGNORED_OPTIONS: ReadonlyMap<string, string> = new Map([
  ['preserveStashes', 'stashes live only as long as the build in Rig'],
  ['newContainerPerStage', 'Rig gives each stage with its own agent its own job already'],
  ['copyArtifactPermission', NO_CONTROLLER_STATE],
  [
    'durabilityHint',
    'Rig does not resume builds across controller restarts, so durability settings do not apply',
  ],
  ['overrideIndexTriggers', NO_CONTROLLER_STATE],
  ['rateLimitBuilds', 'Rig does not rate-limit builds per job'],
  ['githubProjectProperty', NO_CONTROLLER_STATE],
  ['gitLabConnection', 'Rig reports to GitLab through its own integration'],
  ['gitlabBuilds', 'Rig reports to GitLab through its own integration'],
  ['gitlabCommitStatus', 'Rig reports to GitLab through its own integration'],
  [
    'lock',
    'pipeline-wide locks are not supported yet; use the `lock` step around the stages that need it',
  ],
  ['throttleJobProperty', 'Rig does not throttle builds per category'],
  ['throttle', 'Rig does not throttle builds per category'],
  ['office365ConnectorWebhooks', NO_CONTROLLER_STATE],
  ['sidebarLinks', NO_CONTROLLER_STATE],
  ['withAWS', 'block-scoped plugin steps as options are not supported'],
  ['withCredentials', 'credentials as an option are not supported; use the `withCredentials` step'],
  ['warnError', 'block-scoped steps as options are not supported; use the step inside `steps`'],
  ['catchError', 'block-scoped steps as options are not supported; use the step inside `steps`'],
  ['withFolderProperties', NO_CONTROLLER_STATE],
  ['buildBlocker', 'Rig does not block builds on other jobs'],
  ['disableRestartFromStage', 'Rig cannot restart builds from a stage'],
  ['pipelineTriggers', 'use the `triggers` section'],
  ['parameters', 'use the `parameters` section'],
  ['datadog', NO_CONTROLLER_STATE],
  ['authorizationMatrix', NO_CONTROLLER_STATE],
  ['azureKeyVault', 'this plugin is not available in Rig'],
  ['checkoutOptions', 'Rig checks out through its own SCM settings'],
]);

/** Options that describe the whole build and make no sense on one stage. */
export const PIPELINE_ONLY: ReadonlySet<string> = new Set([
  'buildDiscarder',
  'disableConcurrentBuilds',
  'disableResume',
  'overrideIndexTriggers',
  'parallelsAlwaysFailFast',
  'preserveStashes',
  'quietPeriod',
  'skipStagesAfterUnstable',
  'checkoutToSubdirectory',
  'newContainerPerStage',
  'durabilityHint',
  'rateLimitBuilds',
  'copyArtifactPermission',
  'githubProjectProperty',
  'gitLabConnection',
]);

export const STAGE_OPTION_NAMES: readonly string[] = [
  'timeout',
  'retry',
  'timestamps',
  'skipDefaultCheckout',
  'ansiColor',
  'killGrace',
  'postTimeout',
  'resourceLimits',
  'lock',
];
