/**
 * Executors for `rig run`: the caller (the CLI) hands over the executors it
 * built; this maps `agent` requirements onto them. `any`, `label` and
 * `node` run on the preferred executor (this machine meets every label, and
 * the log says so); `docker` needs the container executor; `executor`
 * agents name theirs; Kubernetes is not something a laptop has.
 */
import type { Agent } from '../../pipeline/model/pipeline.ts';
import type { Executor, ExecutorKind, ExecutorProbe } from '../../executors/contract.ts';
import type { ExecutorProvider } from '../api.ts';

type Found = Awaited<ReturnType<ExecutorProvider['forAgent']>>;

export interface LocalProviderOptions {
  /** The image `agent any`/`label` jobs get when the preferred executor is `container`. */
  defaultImage?: string;
  /**
   * Why a `label` requirement holds here. Under `rig run` this machine stands
   * in for every label; an agent was chosen because its labels matched.
   */
  labelNote?: (label: string) => string;
}

export function createLocalExecutorProvider(
  executors: Partial<Record<ExecutorKind, Executor>>,
  preferred: ExecutorKind,
  options: LocalProviderOptions = {},
): ExecutorProvider {
  const probes = new Map<ExecutorKind, Promise<ExecutorProbe>>();
  const use = async (kind: ExecutorKind, notes: string[], missing: string): Promise<Found> => {
    const executor = executors[kind];
    if (!executor) return { error: missing };
    let probe = probes.get(kind);
    if (!probe) probes.set(kind, (probe = executor.probe()));
    const result = await probe;
    if (!result.available)
      return { error: `the ${kind} executor cannot run here: ${result.reason ?? 'unavailable'}` };
    return kind === 'container' && options.defaultImage
      ? { executor, notes, defaults: { image: options.defaultImage } }
      : { executor, notes };
  };
  return {
    available: () =>
      (Object.keys(executors) as ExecutorKind[]).filter((k) => executors[k] !== undefined),
    forAgent: (agent: Agent | undefined): Promise<Found> => {
      const missingPreferred = `the ${preferred} executor is not available`;
      switch (agent?.kind) {
        case undefined:
        case 'none':
        case 'any':
          return use(preferred, [], missingPreferred);
        case 'label':
        case 'node':
          return use(
            preferred,
            [
              options.labelNote?.(agent.label) ??
                `label '${agent.label}': met by this machine (rig run runs every label locally)`,
            ],
            missingPreferred,
          );
        case 'docker':
          return use(
            'container',
            [`image ${agent.image}`],
            'agent { docker } needs the container executor; run with --executor container',
          );
        case 'dockerfile':
          return Promise.resolve({
            error: `agent { dockerfile } needs an image built from ${agent.filename}, which rig run does not build; build it and use agent { docker { image '…' } }`,
          });
        case 'kubernetes':
          return Promise.resolve({ error: 'kubernetes agents are not supported by rig run' });
        case 'executor':
          return use(
            agent.executor,
            [],
            `agent { executor '${agent.executor}' } needs the ${agent.executor} executor; run with --executor ${agent.executor}`,
          );
      }
    },
  };
}
