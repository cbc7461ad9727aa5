/** Agents: labels, state (with the reason when there is one), current jobs, host facts. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import { may } from '../auth/middleware.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { PostButton } from '../components/forms.tsx';
import { Page } from '../components/layout.tsx';
import { Badge } from '../components/status.tsx';
import { Ago } from '../components/time.tsx';
import type { AgentRow } from '../data/agents-data.ts';
import { describeFacts } from '../data/agents-data.ts';
import { agentLook } from '../shared/status.ts';

export function AgentsPage(props: {
  assets: Assets;
  user: SessionUser;
  rows: AgentRow[];
  now: number;
}): JSX.Element {
  return (
    <Page title="Agents" assets={props.assets} user={props.user} section="agents">
      <div class="page-head">
        <h1>Agents</h1>
      </div>
      <div id="agents-live" hx-sse:connect="/live/agents">
        <AgentsLive user={props.user} rows={props.rows} now={props.now} />
      </div>
    </Page>
  );
}

export function AgentsLive(props: {
  user: SessionUser;
  rows: AgentRow[];
  now: number;
}): JSX.Element {
  if (props.rows.length === 0)
    return (
      <section class="card empty">
        <h2>No agents yet</h2>
        <p class="muted">
          Start one with <code>rig agent --server URL --token T --labels linux</code>.
        </p>
      </section>
    );
  const counts = new Map<string, number>();
  for (const r of props.rows) counts.set(r.state, (counts.get(r.state) ?? 0) + 1);
  return (
    <>
      <p class="summary-line">{[...counts].map(([state, n]) => `${n} ${state}`).join(' · ')}</p>
      <ul class="agent-grid">
        {props.rows.map((r) => (
          <AgentCard user={props.user} row={r} now={props.now} />
        ))}
      </ul>
    </>
  );
}

function AgentCard(props: { user: SessionUser; row: AgentRow; now: number }): JSX.Element {
  const { agent, state, reason, jobs } = props.row;
  const look = agentLook(state);
  return (
    <li class={`card agent-card tone-edge-${look.tone}`} aria-labelledby={`agent-${agent.id}`}>
      <div class="agent-head">
        <h2 id={`agent-${agent.id}`}>{agent.name}</h2>
        <Badge look={look} />
      </div>
      {reason && <p class={`agent-reason tone-text-${look.tone}`}>{reason}</p>}
      <ul class="labels" aria-label="Labels">
        {agent.labels.length === 0 ? (
          <li class="muted">no labels</li>
        ) : (
          agent.labels.map((l) => <li class="label">{l}</li>)
        )}
      </ul>
      <p class="agent-load">
        {agent.busy} of {agent.executors} executors busy ·{' '}
        {agent.connected ? (
          'connected'
        ) : (
          <>
            last seen <Ago at={agent.lastSeen} now={props.now} />
          </>
        )}
      </p>
      {jobs.length > 0 && (
        <ul class="agent-jobs" aria-label="Running now">
          {jobs.map((j) => (
            <li>
              <span class="agent-job-label">Running</span>
              <a href={`/builds/${encodeURIComponent(j.buildId)}`}>{j.title}</a>
              {j.unit && <span class="muted"> · {j.unit}</span>}
            </li>
          ))}
        </ul>
      )}
      <dl class="facts-grid">
        {describeFacts(agent.facts).map(([k, v]) => (
          <div>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {may(props.user, 'admin') && state !== 'offline' && (
        <PostButton
          user={props.user}
          action={`/agents/${encodeURIComponent(agent.name)}/drain`}
          class="btn btn-small"
          fields={{ drain: state === 'draining' ? 'false' : 'true' }}
        >
          {state === 'draining' ? 'Resume' : 'Drain'}
        </PostButton>
      )}
    </li>
  );
}
