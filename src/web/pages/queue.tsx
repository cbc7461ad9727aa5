/** The queue: every waiting build or job, how long it has waited, and why. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { QueueEntry } from '../../controller/api/read-models.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { Page } from '../components/layout.tsx';
import { Badge } from '../components/status.tsx';
import { Ago } from '../components/time.tsx';
import { Reason } from '../components/reason.tsx';
import { lookOf } from '../shared/status.ts';

export function QueuePage(props: {
  assets: Assets;
  user: SessionUser;
  queue: QueueEntry[];
  agents: OnlineAgent[];
  now: number;
}): JSX.Element {
  return (
    <Page title="Queue" assets={props.assets} user={props.user} section="queue">
      <div class="page-head">
        <h1>Queue</h1>
      </div>
      <div id="queue-live" hx-sse:connect="/live/queue">
        <QueueLive queue={props.queue} agents={props.agents} now={props.now} />
      </div>
    </Page>
  );
}

export interface OnlineAgent {
  name: string;
  labels: string[];
  free: number;
}

export function QueueLive(props: {
  queue: QueueEntry[];
  agents: OnlineAgent[];
  now: number;
}): JSX.Element {
  return (
    <>
      <QueueTable queue={props.queue} now={props.now} />
      <section class="card" aria-labelledby="online-title">
        <h2 id="online-title" class="card-title">
          Agents that can take work
        </h2>
        {props.agents.length === 0 ? (
          <p class="muted">No agent is online.</p>
        ) : (
          <ul class="online-agents">
            {props.agents.map((a) => (
              <li>
                <a href="/agents">{a.name}</a>
                <span class="muted">{a.free} free</span>
                <ul class="labels" aria-label={`Labels of ${a.name}`}>
                  {a.labels.map((l) => (
                    <li class="label">{l}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function QueueTable(props: { queue: QueueEntry[]; now: number }): JSX.Element {
  if (props.queue.length === 0)
    return (
      <section class="card empty">
        <h2>Nothing waits</h2>
        <p class="muted">Every queued build has found an agent.</p>
      </section>
    );
  return (
    <section class="card">
      <table class="table queue-table">
        <caption class="visually-hidden">Waiting builds and jobs, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Build</th>
            <th scope="col">Part</th>
            <th scope="col">Waiting</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {props.queue.map((e) => (
            <tr>
              <td>
                <Badge look={lookOf('queued', null)} compact />{' '}
                <a href={`/builds/${encodeURIComponent(e.build.id)}`}>
                  {e.build.project} #{e.build.number}
                </a>
              </td>
              <td>
                {e.job
                  ? `${e.job.unitPath ?? 'whole build'}${e.job.attempt > 1 ? ` (attempt ${e.job.attempt})` : ''}`
                  : 'build'}
              </td>
              <td>
                <Ago at={e.since} now={props.now} />
              </td>
              <td>
                <Reason text={e.reason} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
