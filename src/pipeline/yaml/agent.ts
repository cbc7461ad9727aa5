/**
 * `agent:` — `any`, `none`, or a mapping with one kind key:
 *   {label: x, customWorkspace: y} | {node: x} | {docker: image | {...}}
 *   {dockerfile: true | file | {...}} | {kubernetes: {...}}
 *   {executor: host|sandbox|container, image, privileged, network, label}
 */
import { isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Agent, ExecutorKind } from '../model/pipeline.ts';
import type { Span } from '../model/span.ts';
import type { Ctx } from './context.ts';
import { AgentFormat, DOCKERFILE_KEYS, DOCKER_KEYS, KUBERNETES_KEYS, keysAt } from './format.ts';
import type { Entry, Fields } from './read.ts';
import { compact, fields, readBool, readEnum, readString } from './read.ts';
import { readTemplate } from './values.ts';

const KINDS = ['label', 'node', 'docker', 'dockerfile', 'kubernetes', 'executor'] as const;
type Kind = (typeof KINDS)[number];
/** Keys that may sit beside each kind key. */
const COMPANIONS: Record<Kind, readonly string[]> = {
  label: ['customWorkspace'],
  node: [],
  docker: [],
  dockerfile: [],
  kubernetes: [],
  executor: ['image', 'privileged', 'network', 'label'],
};
export const AGENT_KEYS = [...KINDS, 'customWorkspace', 'image', 'privileged', 'network'] as const;
const NODE_KEYS = keysAt(AgentFormat, ['node'], ['label', 'customWorkspace']);
type AgentKey = (typeof AGENT_KEYS)[number];

export function readAgent(ctx: Ctx, node: Node): Agent | undefined {
  const span = ctx.span(node);
  if (isScalar(node)) return scalarAgent(ctx, node, span);
  const f = fields(ctx, node, AGENT_KEYS, '`agent`');
  if (!f) return undefined;
  const kinds = KINDS.filter((k) => f[k] && !(k === 'label' && f.executor)).sort(
    (a, b) => (f[a]!.keyNode.range?.[0] ?? 0) - (f[b]!.keyNode.range?.[0] ?? 0),
  );
  const [kind, extra] = kinds;
  if (!kind) {
    return ctx.error(
      'missing-key',
      '`agent` needs one of ' + KINDS.map((k) => `\`${k}\``).join(', '),
      node,
    );
  }
  if (extra) {
    return ctx.error(
      'conflicting-keys',
      `\`agent\` has both \`${kind}\` and \`${extra}\``,
      f[extra]!.keyNode,
    );
  }
  if (!companionsFit(ctx, f, kind)) return undefined;
  return READERS[kind](ctx, f, span);
}

function scalarAgent(ctx: Ctx, node: Node, span: Span): Agent | undefined {
  const word = readString(ctx, node, '`agent`');
  if (word === 'any' || word === 'none') return { kind: word, span };
  if (word === undefined) return undefined;
  return ctx.error(
    'invalid-value',
    `\`agent\` must be \`any\`, \`none\` or a mapping, not \`${word}\``,
    node,
    [`for an agent label write \`agent: {label: ${word}}\``],
  );
}

function companionsFit(ctx: Ctx, f: Fields<AgentKey>, kind: Kind): boolean {
  let ok = true;
  for (const key of AGENT_KEYS) {
    const entry = f[key];
    if (!entry || key === kind || COMPANIONS[kind].includes(key)) continue;
    ok = false;
    ctx.error(
      'conflicting-keys',
      `\`${key}\` does not go with \`agent: {${kind}: …}\``,
      entry.keyNode,
    );
  }
  return ok;
}

type Reader = (ctx: Ctx, f: Fields<AgentKey>, span: Span) => Agent | undefined;

const str = (ctx: Ctx, e: Entry | undefined, what: string): string | undefined =>
  e ? readTemplate(ctx, e.value, `\`${what}\``) : undefined;
const bool = (ctx: Ctx, e: Entry | undefined, what: string): boolean | undefined =>
  e ? readBool(ctx, e.value, `\`${what}\``) : undefined;

const READERS: Record<Kind, Reader> = {
  label(ctx, f, span) {
    const label = str(ctx, f.label, 'label');
    if (label === undefined) return undefined;
    return withWorkspace(
      { kind: 'label', label, span },
      str(ctx, f.customWorkspace, 'customWorkspace'),
    );
  },
  node(ctx, f, span) {
    const value = f.node!.value;
    if (isScalar(value)) {
      const label = str(ctx, f.node, 'node');
      return label === undefined ? undefined : { kind: 'node', label, span };
    }
    const sub = fields(ctx, value, NODE_KEYS, '`agent.node`');
    const label = sub && str(ctx, sub.label, 'label');
    if (!sub || label === undefined) return undefined;
    return withWorkspace(
      { kind: 'node', label, span },
      str(ctx, sub.customWorkspace, 'customWorkspace'),
    );
  },
  docker(ctx, f, span) {
    const value = f.docker!.value;
    if (isScalar(value)) {
      const image = str(ctx, f.docker, 'docker');
      return image === undefined
        ? undefined
        : { kind: 'docker', image, alwaysPull: false, reuseNode: false, span };
    }
    const d = fields(ctx, value, DOCKER_KEYS, '`agent.docker`');
    if (!d) return undefined;
    const image = d.image
      ? str(ctx, d.image, 'image')
      : ctx.error('missing-key', '`agent.docker` needs `image`', value);
    if (image === undefined) return undefined;
    return compact({
      kind: 'docker',
      image,
      args: str(ctx, d.args, 'args'),
      label: str(ctx, d.label, 'label'),
      registryUrl: str(ctx, d.registryUrl, 'registryUrl'),
      registryCredentialsId: str(ctx, d.registryCredentialsId, 'registryCredentialsId'),
      alwaysPull: bool(ctx, d.alwaysPull, 'alwaysPull') ?? false,
      reuseNode: bool(ctx, d.reuseNode, 'reuseNode') ?? false,
      customWorkspace: str(ctx, d.customWorkspace, 'customWorkspace'),
      span,
    });
  },
  dockerfile(ctx, f, span) {
    const value = f.dockerfile!.value;
    if (isScalar(value)) {
      if (value.value === true)
        return { kind: 'dockerfile', filename: 'Dockerfile', reuseNode: false, span };
      const filename = str(ctx, f.dockerfile, 'dockerfile');
      return filename === undefined
        ? undefined
        : { kind: 'dockerfile', filename, reuseNode: false, span };
    }
    const d = fields(ctx, value, DOCKERFILE_KEYS, '`agent.dockerfile`');
    if (!d) return undefined;
    return compact({
      kind: 'dockerfile',
      filename: str(ctx, d.filename, 'filename') ?? 'Dockerfile',
      dir: str(ctx, d.dir, 'dir'),
      additionalBuildArgs: str(ctx, d.additionalBuildArgs, 'additionalBuildArgs'),
      args: str(ctx, d.args, 'args'),
      label: str(ctx, d.label, 'label'),
      reuseNode: bool(ctx, d.reuseNode, 'reuseNode') ?? false,
      customWorkspace: str(ctx, d.customWorkspace, 'customWorkspace'),
      span,
    });
  },
  kubernetes(ctx, f, span) {
    const k = fields(ctx, f.kubernetes!.value, KUBERNETES_KEYS, '`agent.kubernetes`');
    if (!k) return undefined;
    return compact({
      kind: 'kubernetes',
      yaml: str(ctx, k.yaml, 'yaml'),
      yamlFile: str(ctx, k.yamlFile, 'yamlFile'),
      cloud: str(ctx, k.cloud, 'cloud'),
      label: str(ctx, k.label, 'label'),
      defaultContainer: str(ctx, k.defaultContainer, 'defaultContainer'),
      span,
    });
  },
  executor(ctx, f, span) {
    const executor = readEnum(ctx, f.executor!.value, '`executor`', EXECUTORS);
    if (executor === undefined || !executorFits(ctx, f, executor)) return undefined;
    const network = f.network && readEnum(ctx, f.network.value, '`network`', NETWORKS);
    if (f.network && network === undefined) return undefined;
    return compact({
      kind: 'executor',
      executor,
      label: str(ctx, f.label, 'label'),
      image: str(ctx, f.image, 'image'),
      privileged: bool(ctx, f.privileged, 'privileged'),
      network,
      span,
    });
  },
};

const EXECUTORS = ['host', 'sandbox', 'container'] as const;
const NETWORKS = ['none', 'uplink'] as const;
/** What each executor can be told, as the Jenkinsfile forms `sandbox { }`, `container { }` allow. */
const EXECUTOR_SETTINGS: Record<ExecutorKind, readonly AgentKey[]> = {
  host: ['label'],
  sandbox: ['label', 'network'],
  container: ['image', 'privileged', 'network', 'label'],
};

function executorFits(ctx: Ctx, f: Fields<AgentKey>, executor: ExecutorKind): boolean {
  let ok = true;
  for (const key of ['image', 'privileged', 'network', 'label'] as const) {
    if (!f[key] || EXECUTOR_SETTINGS[executor].includes(key)) continue;
    ok = false;
    ctx.error(
      'conflicting-keys',
      `\`${key}\` does not go with \`executor: ${executor}\``,
      f[key].keyNode,
    );
  }
  if (executor === 'container' && !f.image) {
    ok = false;
    ctx.error('missing-key', '`executor: container` needs an `image`', f.executor!.pair);
  }
  return ok;
}

function withWorkspace<T extends Agent>(agent: T, customWorkspace: string | undefined): T {
  return customWorkspace === undefined ? agent : { ...agent, customWorkspace };
}
