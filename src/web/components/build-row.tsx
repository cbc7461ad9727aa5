/** One build in a list: status, name, branch and commit, when, how long. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { BuildRecord } from '../../controller/store/records.ts';
import { lookOf } from '../shared/status.ts';
import { Icon } from './icons.tsx';
import { Reason } from './reason.tsx';
import { Badge } from './status.tsx';
import { Ago, Took } from './time.tsx';

export type BuildRowData = Omit<BuildRecord, 'projectId'> & { project: string };

export function BuildRow(props: {
  build: BuildRowData;
  now: number;
  reason?: string;
}): JSX.Element {
  const b = props.build;
  const branch = b.branch ?? b.ref;
  return (
    <li
      class="build-row"
      data-search={`${b.project} #${b.number} ${branch ?? ''} ${b.commit ?? ''}`}
    >
      <Badge look={lookOf(b.status, b.result)} compact />
      <a class="build-row-name" href={`/builds/${encodeURIComponent(b.id)}`}>
        {b.project} <span class="muted">#{b.number}</span>
      </a>
      <span class="build-row-ref">
        {branch && (
          <span class="ref">
            <Icon name="branch" />
            {branch}
          </span>
        )}
        {b.commit && <code class="sha">{b.commit.slice(0, 7)}</code>}
      </span>
      <span class="build-row-when">
        {props.reason ? (
          <Ago at={b.queuedAt} now={props.now} />
        ) : (
          <>
            <Ago at={b.startedAt ?? b.queuedAt} now={props.now} />
            <Took startedAt={b.startedAt} finishedAt={b.finishedAt} now={props.now} />
          </>
        )}
      </span>
      {props.reason && <Reason text={props.reason} class="wait-reason build-row-reason" />}
    </li>
  );
}
