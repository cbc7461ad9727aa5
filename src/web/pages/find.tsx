/** Search results for browsers without JavaScript: each hit links to its page of the log. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import { raw } from 'hono/html';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { buildHref, LOG_PAGE } from '../components/log-panel.tsx';
import { Page } from '../components/layout.tsx';
import { lineConverter } from '../shared/ansi-html.ts';
import { formatCount } from '../shared/format.ts';

export function FindPage(props: {
  assets: Assets;
  user: SessionUser;
  buildId: string;
  stream: string;
  query: string;
  hits: Array<{ line: number; text: string }>;
  note: string;
}): JSX.Element {
  const back = buildHref(props.buildId, { log: props.stream });
  return (
    <Page
      title={`Search: ${props.query}`}
      assets={props.assets}
      user={props.user}
      section="dashboard"
    >
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={back}>Back to the log</a>
      </nav>
      <h1>
        {formatCount(props.hits.length)} {props.hits.length === 1 ? 'line matches' : 'lines match'}{' '}
        <q>{props.query}</q>
      </h1>
      {props.note && <p class="muted">{props.note}</p>}
      <ol class="find-hits log-lines">
        {props.hits.map((h) => {
          const n = h.line + 1;
          const href = `${buildHref(props.buildId, { log: props.stream, from: h.line - (h.line % LOG_PAGE) })}#L${n}`;
          return (
            <li class="line">
              <a class="ln" href={href}>
                {n}
              </a>
              <span class="lt">{raw(lineConverter()(h.text))}</span>
            </li>
          );
        })}
      </ol>
    </Page>
  );
}
