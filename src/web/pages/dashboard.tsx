/**
 * The dashboard: is everything green, what runs now, what waits and why.
 * The lists re-render live over SSE; the search box filters as you type
 * (the island) and also works as a plain GET form.
 */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { BuildRow } from '../components/build-row.tsx';
import { Icon } from '../components/icons.tsx';
import { Page } from '../components/layout.tsx';
import { Dot } from '../components/status.tsx';
import { Ago } from '../components/time.tsx';
import type { DashboardData, ProjectSummary } from '../data/dashboard-data.ts';
import { lookOf } from '../shared/status.ts';

export function DashboardPage(props: {
  assets: Assets;
  user: SessionUser;
  data: DashboardData;
}): JSX.Element {
  const q = props.data.query;
  return (
    <Page title="Builds" assets={props.assets} user={props.user} section="dashboard">
      <div class="page-head">
        <h1>Builds</h1>
        <form class="search" method="get" action="/" role="search">
          <label for="dash-q" class="visually-hidden">
            Search projects, branches and builds
          </label>
          <Icon name="search" />
          <input
            id="dash-q"
            name="q"
            type="search"
            value={q}
            placeholder="Search projects, branches, commits"
            autocomplete="off"
            data-filter="#dash-live"
          />
        </form>
      </div>
      <div
        id="dash-live"
        hx-sse:connect={`/live/dashboard${q ? `?q=${encodeURIComponent(q)}` : ''}`}
      >
        <DashboardLive data={props.data} />
      </div>
    </Page>
  );
}

export function DashboardLive(props: { data: DashboardData }): JSX.Element {
  const { data } = props;
  const nothing = data.projects.length === 0 && data.recent.length === 0;
  return (
    <div class="dashboard">
      {nothing && (
        <section class="card empty">
          <h2>{data.query ? 'Nothing matches' : 'No builds yet'}</h2>
          <p class="muted">
            {data.query
              ? 'Try fewer words, or clear the search.'
              : 'Add a project with rig projects add, or submit a build with rig submit --repo PATH.'}
          </p>
        </section>
      )}
      {(data.running.length > 0 || data.queued.length > 0) && (
        <div class="grid-2">
          <section class="card" aria-labelledby="running-title">
            <h2 id="running-title" class="card-title">
              Running <span class="count">{data.running.length}</span>
            </h2>
            {data.running.length === 0 ? (
              <p class="muted">Nothing is running.</p>
            ) : (
              <ul class="build-list">
                {data.running.map((b) => (
                  <BuildRow build={b} now={data.now} />
                ))}
              </ul>
            )}
          </section>
          <section class="card" aria-labelledby="queued-title">
            <h2 id="queued-title" class="card-title">
              Queued <span class="count">{data.queued.length}</span>
              <a class="card-link" href="/queue">
                Queue
              </a>
            </h2>
            {data.queued.length === 0 ? (
              <p class="muted">Nothing waits.</p>
            ) : (
              <ul class="build-list">
                {data.queued.map((q) => (
                  <BuildRow build={q.build} now={data.now} reason={q.reason} />
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
      {data.projects.length > 0 && (
        <section aria-labelledby="projects-title">
          <h2 id="projects-title" class="section-title">
            Projects
          </h2>
          <ul class="project-grid">
            {data.projects.map((p) => (
              <ProjectCard summary={p} now={data.now} />
            ))}
          </ul>
        </section>
      )}
      {data.recent.length > 0 && (
        <section class="card" aria-labelledby="recent-title">
          <h2 id="recent-title" class="card-title">
            Recent builds
          </h2>
          <ul class="build-list">
            {data.recent.map((b) => (
              <BuildRow build={b} now={data.now} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function ProjectCard(props: { summary: ProjectSummary; now: number }): JSX.Element {
  const { project, branches } = props.summary;
  const head = branches.find((b) => b.branch === project.defaultBranch) ?? branches[0];
  const look = head ? lookOf(head.latest.status, head.latest.result) : lookOf('pending', null);
  return (
    <li
      class={`card project-card tone-edge-${look.tone}`}
      data-search={`${project.name} ${project.repoUrl} ${branches.map((b) => b.branch).join(' ')}`}
    >
      <h3>
        <a href={`/projects/${encodeURIComponent(project.name)}`}>{project.name}</a>
      </h3>
      <p class="muted repo" title={project.repoUrl}>
        {project.repoUrl}
      </p>
      {branches.length === 0 ? (
        <p class="muted">Never built.</p>
      ) : (
        <ul class="branch-list" aria-label={`Branches of ${project.name}`}>
          {branches.map(({ branch, latest }) => (
            <li>
              <Dot look={lookOf(latest.status, latest.result)} />
              <span class="branch-name">{branch}</span>
              <a href={`/builds/${encodeURIComponent(latest.id)}`}>#{latest.number}</a>
              <Ago at={latest.finishedAt ?? latest.startedAt ?? latest.queuedAt} now={props.now} />
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
