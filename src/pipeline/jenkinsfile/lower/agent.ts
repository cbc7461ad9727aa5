/**
 * `agent`: any, none, label, node, docker, dockerfile, kubernetes, and
 * Rig's own executor forms (`sandbox { }`, `host { }`, `container { }`,
 * `executor 'sandbox'`).
 */
import type { Agent, ExecutorKind } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import { directivesOf, type Directive } from './directives.ts';
import { getBool, getString, readSettings, type SettingKind } from './settings.ts';

const AGENT_TYPES = [
  'any',
  'none',
  'label',
  'node',
  'docker',
  'dockerfile',
  'kubernetes',
  'sandbox',
  'host',
  'container',
  'executor',
];

const DOCKER: Record<string, SettingKind> = {
  image: 'string',
  args: 'string',
  label: 'string',
  registryUrl: 'string',
  registryCredentialsId: 'string',
  alwaysPull: 'bool',
  reuseNode: 'bool',
  customWorkspace: 'string',
  containerPerStageRoot: 'bool',
};
const DOCKERFILE: Record<string, SettingKind> = {
  filename: 'string',
  dir: 'string',
  additionalBuildArgs: 'string',
  args: 'string',
  label: 'string',
  reuseNode: 'bool',
  customWorkspace: 'string',
  registryUrl: 'string',
  registryCredentialsId: 'string',
  containerPerStageRoot: 'bool',
};
const KUBERNETES: Record<string, SettingKind> = {
  yaml: 'string',
  yamlFile: 'string',
  cloud: 'string',
  label: 'string',
  defaultContainer: 'string',
  ...Object.fromEntries(
    [
      'inheritFrom',
      'namespace',
      'serviceAccount',
      'nodeSelector',
      'workingDir',
      'idleMinutes',
      'activeDeadlineSeconds',
      'instanceCap',
      'showRawYaml',
      'podRetention',
      'workspaceVolume',
      'yamlMergeStrategy',
      'containerTemplate',
      'containerTemplates',
      'slaveConnectTimeout',
      'customWorkspace',
      'supplementalGroups',
      'retries',
      'agentContainer',
      'agentInjection',
      'inheritYamlMergeStrategy',
      'podTemplate',
      'runAsUser',
      'runAsGroup',
      'hostNetwork',
      'instanceCapStr',
      'idleMinutesStr',
    ].map((k) => [k, 'any' as const]),
  ),
};
const LABEL: Record<string, SettingKind> = { label: 'string', customWorkspace: 'string' };
const SANDBOX: Record<string, SettingKind> = { label: 'string', network: 'string' };
const HOST: Record<string, SettingKind> = { label: 'string' };
const CONTAINER: Record<string, SettingKind> = {
  image: 'string',
  privileged: 'bool',
  network: 'string',
  label: 'string',
};

export function lowerAgent(ctx: LowerContext, d: Directive): Agent | undefined {
  if (d.block) {
    if (d.args.length > 0)
      ctx.error(
        'unexpected-argument',
        '`agent` takes either a word or a block, not both',
        d.args[0]!.span,
      );
    const inner = directivesOf(ctx, d.block, 'in `agent`');
    if (inner.length !== 1) {
      ctx.error(
        'agent-type',
        '`agent { … }` must contain exactly one agent type (label, docker, …)',
        d.span,
      );
      return undefined;
    }
    return agentOfType(ctx, inner[0]!, d);
  }
  const [first, ...rest] = d.args;
  if (!first || rest.length > 0) {
    ctx.error(
      'agent-type',
      "`agent` needs one agent type: `agent any`, `agent none`, `agent { label 'x' }`, …",
      d.span,
    );
    return undefined;
  }
  if (first.name !== undefined) {
    // Early declarative syntax: `agent label: 'x'`, `agent docker: 'image'`.
    const asType: Directive = {
      ...d,
      name: first.name,
      args: [{ value: first.value, span: first.span }],
      nameSpan: first.span,
    };
    return agentOfType(ctx, asType, d);
  }
  if (first.value.kind === 'var' && (first.value.name === 'any' || first.value.name === 'none')) {
    return { kind: first.value.name, span: d.span };
  }
  ctx.error('agent-type', '`agent` without a block takes `any` or `none`', first.span);
  return undefined;
}

function agentOfType(ctx: LowerContext, t: Directive, outer: Directive): Agent | undefined {
  const span = outer.span;
  switch (t.name) {
    case 'any':
    case 'none':
      return { kind: t.name, span };
    case 'label':
    case 'node': {
      const s = readSettings(ctx, t, LABEL, 'label');
      const agent: Extract<Agent, { kind: 'label' | 'node' }> = {
        kind: t.name,
        label: getString(s, 'label') ?? '',
        span,
      };
      const ws = getString(s, 'customWorkspace');
      if (ws !== undefined) agent.customWorkspace = ws;
      return agent;
    }
    case 'docker':
      return dockerAgent(ctx, t, span);
    case 'dockerfile':
      return dockerfileAgent(ctx, t, span);
    case 'kubernetes':
      return kubernetesAgent(ctx, t, span);
    case 'sandbox':
    case 'host':
    case 'container':
      return executorAgent(ctx, t, t.name, span);
    case 'executor':
      return namedExecutor(ctx, t, span);
  }
  ctx.unknown(
    'unknown-agent',
    `\`${t.name}\` is not an agent type`,
    t.name,
    AGENT_TYPES,
    t.nameSpan,
  );
  return undefined;
}

function dockerAgent(ctx: LowerContext, t: Directive, span: Agent['span']): Agent | undefined {
  const s = readSettings(ctx, t, DOCKER, 'image');
  const image = getString(s, 'image');
  if (image === undefined) {
    ctx.error('missing-setting', '`docker` needs an `image`', t.span);
    return undefined;
  }
  const agent: Extract<Agent, { kind: 'docker' }> = {
    kind: 'docker',
    image,
    alwaysPull: getBool(s, 'alwaysPull') ?? false,
    reuseNode: getBool(s, 'reuseNode') ?? false,
    span,
  };
  for (const k of [
    'args',
    'label',
    'registryUrl',
    'registryCredentialsId',
    'customWorkspace',
  ] as const) {
    const v = getString(s, k);
    if (v !== undefined) agent[k] = v;
  }
  return agent;
}

function dockerfileAgent(ctx: LowerContext, t: Directive, span: Agent['span']): Agent {
  const positional =
    t.args.length === 1 && t.args[0]!.name === undefined ? t.args[0]!.value : undefined;
  const settings = positional ? new Map() : readSettings(ctx, t, DOCKERFILE);
  if (positional && !(positional.kind === 'bool' && positional.value)) {
    ctx.error(
      'expected-boolean',
      '`dockerfile` takes `true` or a block of settings',
      positional.span,
    );
  }
  const agent: Extract<Agent, { kind: 'dockerfile' }> = {
    kind: 'dockerfile',
    filename: getString(settings, 'filename') ?? 'Dockerfile',
    reuseNode: getBool(settings, 'reuseNode') ?? false,
    span,
  };
  for (const k of ['dir', 'additionalBuildArgs', 'args', 'label', 'customWorkspace'] as const) {
    const v = getString(settings, k);
    if (v !== undefined) agent[k] = v;
  }
  return agent;
}

function kubernetesAgent(ctx: LowerContext, t: Directive, span: Agent['span']): Agent {
  const s = readSettings(ctx, t, KUBERNETES);
  const agent: Extract<Agent, { kind: 'kubernetes' }> = { kind: 'kubernetes', span };
  for (const k of ['yaml', 'yamlFile', 'cloud', 'label', 'defaultContainer'] as const) {
    const v = getString(s, k);
    if (v !== undefined) agent[k] = v;
  }
  return agent;
}

function executorAgent(
  ctx: LowerContext,
  t: Directive,
  executor: ExecutorKind,
  span: Agent['span'],
): Agent | undefined {
  const spec = executor === 'sandbox' ? SANDBOX : executor === 'host' ? HOST : CONTAINER;
  const s = readSettings(ctx, t, spec, executor === 'container' ? 'image' : 'label');
  const agent: Extract<Agent, { kind: 'executor' }> = { kind: 'executor', executor, span };
  const label = getString(s, 'label');
  if (label !== undefined) agent.label = label;
  const image = getString(s, 'image');
  if (image !== undefined) agent.image = image;
  const privileged = getBool(s, 'privileged');
  if (privileged !== undefined) agent.privileged = privileged;
  const network = getString(s, 'network');
  if (network !== undefined) {
    if (network === 'none' || network === 'uplink') agent.network = network;
    else ctx.error('invalid-value', '`network` must be `none` or `uplink`', s.get('network')!.span);
  }
  if (executor === 'container' && image === undefined) {
    ctx.error('missing-setting', '`container` needs an `image`', t.span);
    return undefined;
  }
  return agent;
}

function namedExecutor(ctx: LowerContext, t: Directive, span: Agent['span']): Agent | undefined {
  const v = t.args[0]?.value;
  if (
    t.args.length === 1 &&
    v?.kind === 'str' &&
    ['host', 'sandbox', 'container'].includes(v.value)
  ) {
    if (v.value === 'container') {
      ctx.error(
        'missing-setting',
        "a container executor needs an image: use `container { image '…' }`",
        t.span,
      );
      return undefined;
    }
    return { kind: 'executor', executor: v.value as ExecutorKind, span };
  }
  ctx.error('invalid-value', "`executor` takes `'host'` or `'sandbox'`", t.span);
  return undefined;
}
