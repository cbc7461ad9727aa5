/** Times as people read them, with the exact value in `datetime` and a tooltip. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import { formatAgo, formatDuration, isoTime } from '../shared/format.ts';

/** The island refreshes `data-ago` times every minute. */
export function Ago(props: { at: number; now: number }): JSX.Element {
  const iso = isoTime(props.at);
  return (
    <time datetime={iso} title={iso} data-ago={String(props.at)}>
      {formatAgo(props.at, props.now)}
    </time>
  );
}

/** A finished span, or a running one (the island ticks `data-since` on). */
export function Took(props: {
  startedAt: number | null;
  finishedAt: number | null;
  durationMs?: number | null;
  now: number;
}): JSX.Element | null {
  if (props.durationMs != null) return <span class="took">{formatDuration(props.durationMs)}</span>;
  if (props.startedAt === null) return null;
  if (props.finishedAt !== null)
    return <span class="took">{formatDuration(props.finishedAt - props.startedAt)}</span>;
  return (
    <span class="took" data-since={String(props.startedAt)}>
      {formatDuration(props.now - props.startedAt)}
    </span>
  );
}
