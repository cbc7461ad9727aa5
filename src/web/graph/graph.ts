/**
 * The stage graph of a build page: the stages that ran (from the build's
 * events) arranged by how they relate. Sequential stages follow each other;
 * parallel branches and matrix cells are lanes side by side.
 *
 * When the pipeline's shape is known (`Skeleton`, from the planner), stages
 * that have not started yet show as pending and the kinds are exact. Without
 * it the kinds are inferred: children whose run times overlap are parallel,
 * children named by axis values (`OS=linux, ARCH=amd64`) are matrix cells.
 */
import type { StageView } from '../../controller/api/read-models.ts';

export type NodeKind = 'steps' | 'sequential' | 'parallel' | 'matrix' | 'cell';

export interface Skeleton {
  name: string;
  path: string;
  kind: NodeKind;
  children: Skeleton[];
}

export interface GraphNode {
  name: string;
  path: string;
  kind: NodeKind;
  /** `pending` = known from the pipeline but not started. */
  status: 'pending' | 'running' | 'finished' | 'skipped';
  result: string | null;
  startedAt: number | null;
  durationMs: number | null;
  skipped: string | null;
  agent: string | null;
  /** Where its log starts; null while pending. */
  stream: string | null;
  line: number | null;
  children: GraphNode[];
}

export function buildGraph(stages: StageView[], skeleton: Skeleton[] | null): GraphNode[] {
  const byPath = new Map(stages.map((s) => [s.path, s]));
  if (skeleton) {
    const used = new Set<string>();
    const nodes = skeleton.map((s) => fromSkeleton(s, byPath, used));
    // A stage the plan did not foresee (a dynamic name) still shows, after the planned ones.
    const extra = stages.filter((s) => !used.has(s.path));
    return extra.length === 0 ? nodes : [...nodes, ...inferTree(extra)];
  }
  return inferTree(stages);
}

function fromSkeleton(s: Skeleton, runs: Map<string, StageView>, used: Set<string>): GraphNode {
  const run = runs.get(s.path);
  if (run) used.add(s.path);
  const children = s.children.map((c) => fromSkeleton(c, runs, used));
  const node = run ? fromRun(run, s.kind, children) : pending(s, children);
  // A container shows running while any part of it runs, even before its own start event.
  if (!run && children.some((c) => c.status !== 'pending')) node.status = 'running';
  return node;
}

function pending(s: Skeleton, children: GraphNode[]): GraphNode {
  return {
    name: s.name,
    path: s.path,
    kind: s.kind,
    status: 'pending',
    result: null,
    startedAt: null,
    durationMs: null,
    skipped: null,
    agent: null,
    stream: null,
    line: null,
    children,
  };
}

function fromRun(run: StageView, kind: NodeKind, children: GraphNode[]): GraphNode {
  return {
    name: run.name,
    path: run.path,
    kind,
    status: run.status,
    result: run.result,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    skipped: run.skipped,
    agent: run.agent,
    stream: run.stream,
    line: run.line,
    children,
  };
}

/** The tree from run data alone, kinds inferred. */
export function inferTree(stages: StageView[]): GraphNode[] {
  const children = new Map<string | null, StageView[]>();
  const paths = new Set(stages.map((s) => s.path));
  for (const s of stages) {
    // A stage whose parent never started (scoped jobs) hangs from the nearest ancestor that did.
    const parent = nearestAncestor(s.path, paths);
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  const build = (s: StageView, kind: NodeKind): GraphNode => {
    const kids = children.get(s.path) ?? [];
    const childKind = kindOfChildren(kids);
    const own: NodeKind =
      kids.length === 0
        ? kind
        : childKind === 'cell'
          ? 'matrix'
          : kind === 'cell'
            ? 'cell'
            : childKind;
    return fromRun(
      s,
      own,
      kids.map((k) => build(k, childKind === 'cell' ? 'cell' : 'steps')),
    );
  };
  return (children.get(null) ?? []).map((s) => build(s, 'steps'));
}

function nearestAncestor(path: string, paths: Set<string>): string | null {
  let p = path;
  for (let slash = p.lastIndexOf('/'); slash !== -1; slash = p.lastIndexOf('/')) {
    p = p.slice(0, slash);
    if (paths.has(p)) return p;
  }
  return null;
}

function kindOfChildren(kids: StageView[]): 'sequential' | 'parallel' | 'cell' {
  if (kids.length > 0 && kids.every((k) => /^[^=,]+=/.test(k.name))) return 'cell';
  return overlap(kids) ? 'parallel' : 'sequential';
}

/** Whether any child started before another had ended: they ran side by side. */
function overlap(kids: StageView[]): boolean {
  const spans = kids
    .filter((k) => k.startedAt !== null)
    .map(
      (k) =>
        [
          k.startedAt as number,
          k.durationMs === null ? Infinity : (k.startedAt as number) + k.durationMs,
        ] as const,
    )
    .sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) {
    if ((spans[i] as readonly [number, number])[0] < (spans[i - 1] as readonly [number, number])[1])
      return true;
  }
  return false;
}
