/**
 * The log panel of a build page. Without JavaScript it is a paged plain
 * view (500 lines, links to the other pages, line anchors); the island
 * (src/web/browser/log) takes the same element over and virtualises it.
 */
import type { JSX } from 'hono/jsx/jsx-runtime';
import { raw } from 'hono/html';
import { formatBytes, formatCount } from '../shared/format.ts';
import { lineConverter } from '../shared/ansi-html.ts';
import { Icon } from './icons.tsx';

export const LOG_PAGE = 500;

export interface LogPanelProps {
  buildId: string;
  streams: Array<{ stream: string; label: string; lines: number; bytes: number }>;
  stream: string;
  total: number;
  finished: boolean;
  /** The page shown without JavaScript. */
  from: number;
  lines: string[];
}

export const buildHref = (
  buildId: string,
  params: Record<string, string | number> = {},
): string => {
  const q = new URLSearchParams(
    Object.entries(params).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return `/builds/${encodeURIComponent(buildId)}${q ? `?${q}` : ''}`;
};

/**
 * One tab per log stream. Live updates replace it out of band (new jobs
 * bring new streams); the island switches streams in place and, until you
 * pick one, follows the stream the server marks current (the running stage's).
 */
export function StreamTabs(props: {
  buildId: string;
  streams: LogPanelProps['streams'];
  stream: string;
  finished: boolean;
  oob?: boolean;
}): JSX.Element {
  return (
    <nav
      id="stream-tabs"
      class="stream-tabs"
      aria-label="Log streams"
      data-finished={props.finished ? 'true' : 'false'}
      hx-swap-oob={props.oob ? 'outerHTML' : undefined}
    >
      {props.streams.map((s) => (
        <a
          href={buildHref(props.buildId, { log: s.stream })}
          aria-current={s.stream === props.stream ? 'true' : undefined}
          data-stream={s.stream}
          data-lines={String(s.lines)}
          data-base={`/builds/${encodeURIComponent(props.buildId)}/log/${encodeURIComponent(s.stream)}`}
        >
          {s.label}
          <span class="count">{formatCount(s.lines)}</span>
        </a>
      ))}
    </nav>
  );
}

export function LogPanel(props: LogPanelProps): JSX.Element {
  const base = `/builds/${encodeURIComponent(props.buildId)}/log/${encodeURIComponent(props.stream)}`;
  const current = props.streams.find((s) => s.stream === props.stream);
  return (
    <section class="log-panel" aria-labelledby="log-title">
      <div class="log-head">
        <h2 id="log-title" class="visually-hidden">
          Log
        </h2>
        <StreamTabs
          buildId={props.buildId}
          streams={props.streams}
          stream={props.stream}
          finished={props.finished}
        />
        <div class="log-tools" data-log-tools>
          <form class="log-search" method="get" action={`${base}/find`} role="search">
            <label for="log-q" class="visually-hidden">
              Search this log
            </label>
            <Icon name="search" />
            <input id="log-q" name="q" type="search" placeholder="Search log" autocomplete="off" />
          </form>
          <a class="btn btn-quiet btn-small" href={`${base}/raw?download=1`} download data-raw>
            <Icon name="download" />
            <span>Raw{current ? ` (${formatBytes(current.bytes)})` : ''}</span>
          </a>
        </div>
      </div>
      <div
        id="log"
        class="log"
        data-log-viewer
        data-base={base}
        data-total={String(props.total)}
        data-finished={props.finished ? 'true' : 'false'}
      >
        <PlainPage {...props} />
      </div>
    </section>
  );
}

function PlainPage(props: LogPanelProps): JSX.Element {
  const convert = lineConverter();
  const html = props.lines
    .map((text, i) => {
      const n = props.from + i + 1;
      return `<div class="line" id="L${n}"><a class="ln" href="#L${n}">${n}</a><span class="lt">${convert(text)}</span></div>`;
    })
    .join('');
  const page = (from: number): string => buildHref(props.buildId, { log: props.stream, from });
  const last = Math.max(0, Math.floor((props.total - 1) / LOG_PAGE) * LOG_PAGE);
  const to = props.from + props.lines.length;
  return (
    <div class="log-plain">
      <nav class="pager" aria-label="Log pages">
        {props.from > 0 ? <a href={page(0)}>First</a> : <span>First</span>}
        {props.from > 0 ? (
          <a href={page(Math.max(0, props.from - LOG_PAGE))} rel="prev">
            Previous
          </a>
        ) : (
          <span>Previous</span>
        )}
        <span class="pager-where">
          {props.total === 0
            ? 'No output yet'
            : `Lines ${formatCount(props.from + 1)}–${formatCount(to)} of ${formatCount(props.total)}`}
        </span>
        {to < props.total ? (
          <a href={page(to)} rel="next">
            Next
          </a>
        ) : (
          <span>Next</span>
        )}
        {to < props.total ? <a href={page(last)}>Last</a> : <span>Last</span>}
      </nav>
      <div class="log-lines">{raw(html)}</div>
    </div>
  );
}
