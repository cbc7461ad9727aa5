/**
 * The stage graph: top-level stages left to right (top to bottom on a
 * phone), parallel branches as lanes and matrix cells as a grid; below
 * them the post and teardown phases, each a row of its own. Every started stage links to the line where its log
 * starts; the island turns those links into in-page jumps.
 */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { GraphNode } from '../graph/graph.ts';
import type { PostPhase, TeardownPhase } from '../graph/phases.ts';
import { formatDuration } from '../shared/format.ts';
import { lookOf } from '../shared/status.ts';
import { Icon } from './icons.tsx';
import { buildHref, LOG_PAGE } from './log-panel.tsx';

export interface GraphProps {
  buildId: string;
  nodes: GraphNode[];
  posts: PostPhase[];
  teardowns: TeardownPhase[];
  streamLabels: Map<string, string>;
  /** Why a stage with its own agent has not started: its job's wait reason, by stage path. */
  waiting: Map<string, string>;
  now: number;
}

/** The stage's first log line; `from` opens the right page when JavaScript is off. */
export const logHref = (buildId: string, stream: string, line: number): string =>
  `${buildHref(buildId, { log: stream, from: line - (line % LOG_PAGE) })}#L${line + 1}`;

export function StageGraph(props: GraphProps): JSX.Element {
  const empty =
    props.nodes.length === 0 && props.posts.length === 0 && props.teardowns.length === 0;
  if (empty) return <p class="muted graph-empty">No stage has started yet.</p>;
  return (
    <>
      {props.nodes.length > 0 && (
        <div class="graph-scroll">
          <ol class="graph" aria-label="Stages">
            {props.nodes.map((n) => (
              <li class="graph-col">
                <Node node={n} {...props} />
              </li>
            ))}
          </ol>
        </div>
      )}
      {(props.posts.length > 0 || props.teardowns.length > 0) && (
        <div class="graph-phases">
          {props.posts.length > 0 && <PostPhaseRow {...props} />}
          {props.teardowns.length > 0 && <TeardownPhaseRow {...props} />}
        </div>
      )}
    </>
  );
}

function Node(props: GraphProps & { node: GraphNode }): JSX.Element {
  const { node } = props;
  if (node.children.length === 0) return <Chip {...props} />;
  const listClass = node.kind === 'parallel' ? 'lanes' : node.kind === 'matrix' ? 'cells' : 'chain';
  return (
    <div class={`group group-${node.kind}`}>
      <Chip {...props} header />
      <ol
        class={listClass}
        aria-label={`${node.name}: ${describeKind(node)}`}
        style={node.kind === 'matrix' ? `--cols: ${matrixColumns(node)}` : undefined}
      >
        {node.children.map((c) => (
          <li>
            <Node {...props} node={c} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * Cells named `OS=linux, ARCH=amd64` lay out as a grid with one column per
 * value of the last axis, so a row is one value of the others; at most 4.
 */
function matrixColumns(node: GraphNode): number {
  const last = new Set(node.children.map((c) => c.name.split(', ').at(-1) ?? c.name));
  const n = node.children.length;
  return last.size <= 4 && n % last.size === 0 ? last.size : Math.min(n, 3);
}

function describeKind(node: GraphNode): string {
  if (node.kind === 'parallel') return `${node.children.length} parallel branches`;
  if (node.kind === 'matrix') return `${node.children.length} matrix cells`;
  return `${node.children.length} stages in order`;
}

function Chip(props: GraphProps & { node: GraphNode; header?: boolean }): JSX.Element {
  const { node } = props;
  const wait = node.status === 'pending' ? props.waiting.get(node.path) : undefined;
  const look = wait ? lookOf('queued', null) : lookOf(node.status, node.result);
  const took =
    node.durationMs !== null
      ? formatDuration(node.durationMs)
      : node.status === 'running' && node.startedAt !== null
        ? formatDuration(props.now - node.startedAt)
        : null;
  const body = (
    <>
      <span class={`chip-mark tone-${look.tone}`}>
        <Icon name={look.icon} />
      </span>
      <span class="chip-text">
        <span class="chip-name">{node.name}</span>
        <span class="chip-meta">
          <span class="visually-hidden">{look.label}. </span>
          {wait && <span class="chip-wait">{wait}</span>}
          {node.skipped ? (
            <span title={node.skipped}>skipped</span>
          ) : (
            took && (
              <span
                data-since={
                  node.durationMs === null && node.startedAt ? String(node.startedAt) : undefined
                }
              >
                {took}
              </span>
            )
          )}
          {node.agent && <span class="chip-agent">on {node.agent}</span>}
        </span>
      </span>
    </>
  );
  const cls = `chip tone-${look.tone}${props.header ? ' chip-header' : ''} status-${node.status}`;
  if (node.stream === null || node.line === null)
    return (
      <span class={cls} data-path={node.path}>
        {body}
      </span>
    );
  return (
    <a
      class={cls}
      href={logHref(props.buildId, node.stream, node.line)}
      data-stream={node.stream}
      data-line={String(node.line)}
      data-path={node.path}
      title={node.skipped ?? `${node.path}: ${look.label}`}
    >
      {body}
    </a>
  );
}

/** After the stages, in a row of its own: the post blocks that ran. */
function PostPhaseRow(props: GraphProps): JSX.Element {
  return (
    <div class="phase">
      <span class="phase-title">Post</span>
      <ol class="phase-chips" aria-label="Post blocks">
        {props.posts.map((p) => {
          const look = lookOf(p.result === null ? 'running' : 'finished', p.result);
          return (
            <li>
              <a
                class={`chip tone-${look.tone}`}
                href={logHref(props.buildId, p.stream, p.line)}
                data-stream={p.stream}
                data-line={String(p.line)}
              >
                <span class={`chip-mark tone-${look.tone}`}>
                  <Icon name={look.icon} />
                </span>
                <span class="chip-text">
                  <span class="chip-name">
                    {p.condition}
                    {p.scope !== 'pipeline' && <span class="chip-scope"> · {p.scope}</span>}
                  </span>
                  <span class="chip-meta">
                    <span class="visually-hidden">{look.label}. </span>
                    {p.durationMs !== null && formatDuration(p.durationMs)}
                  </span>
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** Each job's teardown: what it removed, failed to remove, or left on the host. */
function TeardownPhaseRow(props: GraphProps): JSX.Element {
  return (
    <div class="phase">
      <span class="phase-title">Teardown</span>
      <ol class="phase-chips" aria-label="Teardown">
        {props.teardowns.map((t) => {
          const bad = t.failed.length > 0 || t.leftovers.length > 0;
          const look = lookOf('finished', bad ? 'UNSTABLE' : 'SUCCESS');
          return (
            <li>
              <a
                class={`chip teardown tone-${look.tone}`}
                href={logHref(props.buildId, t.stream, t.line)}
                data-stream={t.stream}
                data-line={String(t.line)}
              >
                <span class={`chip-mark tone-${look.tone}`}>
                  <Icon name={look.icon} />
                </span>
                <span class="chip-text">
                  <span class="chip-name">{t.summary}</span>
                  <span class="chip-meta">{props.streamLabels.get(t.stream) ?? t.stream}</span>
                  {t.failed.map((f) => (
                    <span class="chip-problem">
                      could not remove {f.what}: {f.error}
                    </span>
                  ))}
                  {t.leftovers.map((l) => (
                    <span class="chip-problem">left on the host: {l}</span>
                  ))}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
