/**
 * The build page: what ran, how it went, and its log. The top part (status,
 * stage graph, jobs) is re-rendered by the server and streamed over SSE
 * while the build runs (htmx morphs it in place); the log panel is the island.
 */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { BuildView } from '../../controller/api/read-models.ts';
import type { SessionUser } from '../auth/session.ts';
import { may } from '../auth/middleware.ts';
import type { Assets } from '../assets/assets.ts';
import { Icon } from '../components/icons.tsx';
import { Page } from '../components/layout.tsx';
import { LogPanel, StreamTabs } from '../components/log-panel.tsx';
import type { LogPanelProps } from '../components/log-panel.tsx';
import { StageGraph } from '../components/stage-graph.tsx';
import { Badge } from '../components/status.tsx';
import { Ago, Took } from '../components/time.tsx';
import { CsrfField, PostButton } from '../components/forms.tsx';
import type { GraphNode } from '../graph/graph.ts';
import type { PostPhase, TeardownPhase } from '../graph/phases.ts';
import { lookOf } from '../shared/status.ts';

export interface BuildPageData {
  build: BuildView;
  graph: GraphNode[];
  posts: PostPhase[];
  teardowns: TeardownPhase[];
  tests: { total: number; failed: number };
  artifacts: number;
  now: number;
}

export function BuildPage(props: {
  assets: Assets;
  user: SessionUser;
  data: BuildPageData;
  log: LogPanelProps;
  /** The stream the URL asked for (`?log=`); live updates then keep to it. */
  pinned: string | null;
}): JSX.Element {
  const { build } = props.data;
  return (
    <Page
      title={`${build.project} #${build.number}`}
      assets={props.assets}
      user={props.user}
      section="dashboard"
      bodyClass="page-build"
    >
      <div
        id="build-live"
        class="build-live"
        hx-sse:connect={build.status === 'finished' ? undefined : liveUrl(build.id, props.pinned)}
        hx-sse:close="done"
      >
        <BuildLive user={props.user} data={props.data} />
      </div>
      <BuildTabs build={build} data={props.data} current="log" />
      <LogPanel {...props.log} />
    </Page>
  );
}

const liveUrl = (buildId: string, pinned: string | null): string =>
  `/builds/${encodeURIComponent(buildId)}/live${pinned ? `?log=${encodeURIComponent(pinned)}` : ''}`;

/**
 * The part that changes while the build runs; also what /builds/:id/live
 * streams, then with the tabs and stream tabs out of band (`oob`).
 */
export function BuildLive(props: {
  user: SessionUser;
  data: BuildPageData;
  oob?: { stream: string };
}): JSX.Element {
  const { build, now } = props.data;
  const look = lookOf(build.status, build.result);
  const labels = new Map(build.streams.map((s) => [s.stream, s.label]));
  const running = props.data.graph.flatMap(runningLeaves).map((n) => n.path);
  return (
    <>
      <BuildHeader user={props.user} build={build} now={now} />
      <p class="visually-hidden" role="status" aria-live="polite">
        {`Build ${look.label.toLowerCase()}${running.length > 0 ? `; running: ${running.join(', ')}` : ''}.`}
      </p>
      <section class="card graph-card" aria-labelledby="graph-title">
        <h2 id="graph-title" class="card-title">
          Stages
        </h2>
        <StageGraph
          buildId={build.id}
          nodes={props.data.graph}
          posts={props.data.posts}
          teardowns={props.data.teardowns}
          streamLabels={labels}
          waiting={
            new Map(
              build.jobs
                .filter((j) => j.status === 'queued' && j.unitPath !== null)
                .map((j) => [j.unitPath as string, j.waitReason ?? 'waiting for an agent']),
            )
          }
          now={now}
        />
        <Jobs build={build} now={now} />
      </section>
      {props.oob && (
        <>
          <BuildTabs build={build} data={props.data} current="log" oob />
          <StreamTabs
            buildId={build.id}
            streams={build.streams}
            stream={props.oob.stream}
            finished={build.status === 'finished'}
            oob
          />
        </>
      )}
    </>
  );
}

function runningLeaves(n: GraphNode): GraphNode[] {
  if (n.status !== 'running') return [];
  const kids = n.children.flatMap(runningLeaves);
  return kids.length > 0 ? kids : [n];
}

function BuildHeader(props: { user: SessionUser; build: BuildView; now: number }): JSX.Element {
  const { build, now } = props;
  const look = lookOf(build.status, build.result);
  const cause = build.causes[0];
  return (
    <header class="build-head">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href={`/projects/${encodeURIComponent(build.project)}`}>{build.project}</a>
        <span aria-hidden="true">/</span>
        <span aria-current="page">#{build.number}</span>
      </nav>
      <div class="build-title-row">
        <h1>
          <Badge look={look} />
          <span>
            {build.project} <span class="muted">#{build.number}</span>
          </span>
        </h1>
        <BuildActions user={props.user} build={build} />
      </div>
      <dl class="facts">
        {(build.branch ?? build.ref) && (
          <div>
            <dt>
              <Icon name="branch" />
              <span class="visually-hidden">Branch</span>
            </dt>
            <dd>{build.branch ?? build.ref}</dd>
          </div>
        )}
        {build.commit && (
          <div>
            <dt>
              <Icon name="commit" />
              <span class="visually-hidden">Commit</span>
            </dt>
            <dd>
              <code title={build.commit}>{build.commit.slice(0, 12)}</code>
            </dd>
          </div>
        )}
        {cause && (
          <div>
            <dt>Trigger</dt>
            <dd>{describeCause(cause)}</dd>
          </div>
        )}
        {build.rebuildOf && (
          <div>
            <dt>Rebuild of</dt>
            <dd>
              <a href={`/builds/${encodeURIComponent(build.rebuildOf)}`}>earlier build</a>
            </dd>
          </div>
        )}
        <div>
          <dt>Queued</dt>
          <dd>
            <Ago at={build.queuedAt} now={now} />
          </dd>
        </div>
        {build.startedAt !== null && (
          <div>
            <dt>Duration</dt>
            <dd>
              <Took startedAt={build.startedAt} finishedAt={build.finishedAt} now={now} />
            </dd>
          </div>
        )}
        {build.status === 'queued' && build.waitReason && (
          <div class="fact-wide">
            <dt>Waiting</dt>
            <dd>{build.waitReason}</dd>
          </div>
        )}
      </dl>
      {Object.keys(build.params).length > 0 && (
        <details class="params">
          <summary>Parameters ({Object.keys(build.params).length})</summary>
          <dl class="param-list">
            {Object.entries(build.params).map(([k, v]) => (
              <div>
                <dt>{k}</dt>
                <dd>
                  <code>{String(v)}</code>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </header>
  );
}

export function describeCause(cause: { cause: string; detail?: string }): string {
  const who = cause.detail ? ` by ${cause.detail}` : '';
  switch (cause.cause) {
    case 'UserIdCause':
      return `Started${who}`;
    case 'RebuildCause':
      return `Rebuilt${who}`;
    case 'TimerTriggerCause':
      return 'Started by a cron trigger';
    case 'SCMTriggerCause':
      return 'Started by a change in the repository';
    case 'BranchEventCause':
      return cause.detail ? cause.detail[0]!.toUpperCase() + cause.detail.slice(1) : 'Branch event';
    default:
      return `${cause.cause}${who}`;
  }
}

function BuildActions(props: { user: SessionUser; build: BuildView }): JSX.Element | null {
  const { user, build } = props;
  if (!may(user, 'trigger')) return null;
  const base = `/builds/${encodeURIComponent(build.id)}`;
  return (
    <div class="actions">
      {build.status !== 'finished' && (
        <PostButton
          user={user}
          action={`${base}/cancel`}
          class="btn btn-danger"
          confirm={`Cancel ${build.project} #${build.number}? Post blocks still run.`}
        >
          Cancel
        </PostButton>
      )}
      <details class="menu rebuild">
        <summary class="btn">Rebuild</summary>
        <form method="post" action={`${base}/rebuild`} class="menu-panel stack">
          <CsrfField user={user} />
          <p class="muted">Same commit{build.commit ? ` (${build.commit.slice(0, 12)})` : ''}.</p>
          {Object.entries(build.params).map(([k, v]) => (
            <ParamField name={k} value={v} />
          ))}
          <button class="btn btn-primary" type="submit">
            Rebuild
          </button>
        </form>
      </details>
    </div>
  );
}

export function ParamField(props: {
  name: string;
  value: string | boolean;
  description?: string;
  choices?: string[];
}): JSX.Element {
  const id = `param-${props.name}`;
  const field = `param.${props.name}`;
  if (typeof props.value === 'boolean')
    return (
      <div class="check">
        <input type="hidden" name={`bool.${props.name}`} value="1" />
        <input type="hidden" name={field} value="false" />
        <input id={id} type="checkbox" name={field} value="true" checked={props.value} />
        <label for={id}>{props.name}</label>
      </div>
    );
  return (
    <div class="field">
      <label for={id}>{props.name}</label>
      {props.choices ? (
        <select id={id} name={field}>
          {props.choices.map((c) => (
            <option value={c} selected={c === props.value}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} name={field} value={props.value} />
      )}
      {props.description && <p class="hint">{props.description}</p>}
    </div>
  );
}

function Jobs(props: { build: BuildView; now: number }): JSX.Element | null {
  const jobs = props.build.jobs;
  if (jobs.length === 0) return null;
  const troubled = jobs.some((j) => j.note !== null || j.attempt > 1);
  return (
    <details class="jobs" open={troubled}>
      <summary>
        Jobs and agents <span class="count">{jobs.length}</span>
      </summary>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Agent</th>
            <th scope="col">Attempt</th>
            <th scope="col">Status</th>
            <th scope="col">Took</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr>
              <td>{j.unitPath ?? 'whole build'}</td>
              <td>{j.agent ?? <span class="muted">—</span>}</td>
              <td>{j.attempt}</td>
              <td>
                <Badge look={lookOf(j.status, j.result)} />
              </td>
              <td>
                <Took startedAt={j.startedAt} finishedAt={j.finishedAt} now={props.now} />
              </td>
              <td>{j.note ?? j.waitReason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function BuildTabs(props: {
  build: BuildView;
  data: { tests: { total: number; failed: number }; artifacts: number };
  current: 'log' | 'tests' | 'artifacts';
  oob?: boolean;
}): JSX.Element {
  const base = `/builds/${encodeURIComponent(props.build.id)}`;
  const { tests } = props.data;
  const tab = (
    href: string,
    key: typeof props.current,
    label: JSX.Element | string,
  ): JSX.Element => (
    <a href={href} aria-current={props.current === key ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav
      id="build-tabs"
      class="tabs"
      aria-label="Build sections"
      hx-swap-oob={props.oob ? 'outerHTML' : undefined}
    >
      {tab(base, 'log', 'Log')}
      {tab(
        `${base}/tests`,
        'tests',
        <>
          Tests
          {tests.total > 0 && (
            <span class={`count${tests.failed > 0 ? ' count-bad' : ''}`}>
              {tests.failed > 0 ? `${tests.failed} failed` : tests.total}
            </span>
          )}
        </>,
      )}
      {tab(
        `${base}/artifacts`,
        'artifacts',
        <>
          Artifacts {props.data.artifacts > 0 && <span class="count">{props.data.artifacts}</span>}
        </>,
      )}
    </nav>
  );
}
