/**
 * The pipeline a project or build runs, read the way the controller reads
 * it (its git source and parser): the trigger form shows the pipeline's
 * declared parameters. Reads are cached (by commit for exact commits, a
 * short while for branch names) and given a time limit: a slow remote
 * never holds a page up; the page falls back to what earlier builds used.
 */
import type { Parameter, Pipeline } from '../../pipeline/model/pipeline.ts';
import type { WebDeps } from '../deps.ts';

const TIME_LIMIT_MS = 1500;
const REF_TTL_MS = 30_000;
const MAX_CACHED = 200;

const cache = new Map<string, { at: number; value: Promise<Pipeline | null> }>();

export function pipelineAt(
  deps: WebDeps,
  repoUrl: string,
  refOrCommit: string,
  file: string,
): Promise<Pipeline | null> {
  const key = `${repoUrl}\0${refOrCommit}\0${file}`;
  const hit = cache.get(key);
  const exact = /^[0-9a-f]{40}$/.test(refOrCommit);
  if (hit && (exact || deps.now() - hit.at < REF_TTL_MS)) return hit.value;
  const value = withTimeLimit(read(deps, repoUrl, refOrCommit, file));
  cache.set(key, { at: deps.now(), value });
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return value;
}

async function read(
  deps: WebDeps,
  repoUrl: string,
  ref: string,
  file: string,
): Promise<Pipeline | null> {
  const { source, parse } = deps.scheduler.ctx;
  try {
    const commit = await source.resolve(repoUrl, ref);
    const parsed = parse(await source.readFile(repoUrl, commit, file), file);
    return 'pipeline' in parsed ? parsed.pipeline : null;
  } catch {
    return null;
  }
}

function withTimeLimit<T>(p: Promise<T | null>): Promise<T | null> {
  return Promise.race([
    p,
    new Promise<null>((r) => setTimeout(() => r(null), TIME_LIMIT_MS).unref()),
  ]);
}

export interface ParamDef {
  name: string;
  value: string | boolean;
  description?: string;
  choices?: string[];
}

/** The declared parameters with their defaults, or else the ones the last build used. */
export function parameterDefs(
  pipeline: Pipeline | null,
  lastUsed: Record<string, string | boolean>,
): ParamDef[] {
  if (!pipeline) return Object.entries(lastUsed).map(([name, value]) => ({ name, value }));
  return pipeline.parameters
    .filter((p) => p.kind !== 'file' && p.kind !== 'run' && p.kind !== 'credentials')
    .map((p) => paramDef(p));
}

function paramDef(p: Parameter): ParamDef {
  const value =
    p.kind === 'booleanParam'
      ? p.defaultValue === true
      : String(p.defaultValue ?? p.choices?.[0] ?? '');
  return {
    name: p.name,
    value,
    ...(p.description ? { description: p.description } : {}),
    ...(p.kind === 'choice' && p.choices ? { choices: p.choices } : {}),
  };
}
