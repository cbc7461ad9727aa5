/** A project: run a build (branch and parameters), its branches, its history. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ProjectRecord } from '../../controller/store/records.ts';
import { may } from '../auth/middleware.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { BuildRow } from '../components/build-row.tsx';
import type { BuildRowData } from '../components/build-row.tsx';
import { CsrfField } from '../components/forms.tsx';
import { Page } from '../components/layout.tsx';
import type { ParamDef } from '../data/pipeline-info.ts';
import { ParamField } from './build.tsx';

export function ProjectPage(props: {
  assets: Assets;
  user: SessionUser;
  project: ProjectRecord;
  builds: BuildRowData[];
  params: ParamDef[];
  olderThan: number | null;
  now: number;
}): JSX.Element {
  const { project } = props;
  const base = `/projects/${encodeURIComponent(project.name)}`;
  return (
    <Page title={project.name} assets={props.assets} user={props.user} section="dashboard">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/">Builds</a>
        <span aria-hidden="true">/</span>
        <span aria-current="page">{project.name}</span>
      </nav>
      <div class="page-head">
        <div>
          <h1>{project.name}</h1>
          <p class="muted repo">
            {project.repoUrl} · <code>{project.pipelineFile}</code>
          </p>
        </div>
      </div>
      <div class="grid-sidebar">
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title" class="card-title">
            Builds
          </h2>
          {props.builds.length === 0 ? (
            <p class="muted">No builds yet.</p>
          ) : (
            <ul class="build-list">
              {props.builds.map((b) => (
                <BuildRow build={b} now={props.now} />
              ))}
            </ul>
          )}
          {props.olderThan !== null && (
            <a class="btn btn-quiet" href={`${base}?before=${props.olderThan}`}>
              Older builds
            </a>
          )}
        </section>
        {may(props.user, 'trigger') && (
          <section class="card" aria-labelledby="run-title">
            <h2 id="run-title" class="card-title">
              Run a build
            </h2>
            <form method="post" action={`${base}/builds`} class="stack">
              <CsrfField user={props.user} />
              <div class="field">
                <label for="ref">Branch, tag or commit</label>
                <input
                  id="ref"
                  name="ref"
                  value={project.defaultBranch}
                  required
                  spellcheck={false}
                />
              </div>
              {props.params.map((p) => (
                <ParamField {...p} />
              ))}
              <button class="btn btn-primary" type="submit">
                Run build
              </button>
            </form>
          </section>
        )}
      </div>
    </Page>
  );
}
