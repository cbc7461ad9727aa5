/** A build's archived files, with sizes, checksums and download links. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { ArtifactRecord } from '../../controller/store/records.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { Icon } from '../components/icons.tsx';
import { Page } from '../components/layout.tsx';
import { formatBytes } from '../shared/format.ts';
import { BuildTabs, type BuildPageData } from './build.tsx';
import { BuildCrumbs } from './tests.tsx';

export const artifactHref = (buildId: string, path: string): string =>
  `/builds/${encodeURIComponent(buildId)}/artifacts/${path.split('/').map(encodeURIComponent).join('/')}`;

export function ArtifactsPage(props: {
  assets: Assets;
  user: SessionUser;
  data: BuildPageData;
  artifacts: ArtifactRecord[];
}): JSX.Element {
  const { build } = props.data;
  const total = props.artifacts.reduce((n, a) => n + a.size, 0);
  return (
    <Page
      title={`Artifacts · ${build.project} #${build.number}`}
      assets={props.assets}
      user={props.user}
      section="dashboard"
    >
      <BuildCrumbs build={build} here="Artifacts" />
      <BuildTabs build={build} data={props.data} current="artifacts" />
      {props.artifacts.length === 0 ? (
        <section class="card empty">
          <h2>No artifacts</h2>
          <p class="muted">
            This build archived nothing. <code>archiveArtifacts 'dist/**'</code> keeps files.
          </p>
        </section>
      ) : (
        <section class="card">
          <p class="summary-line">
            {props.artifacts.length} {props.artifacts.length === 1 ? 'file' : 'files'},{' '}
            {formatBytes(total)}
          </p>
          <table class="table artifacts-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col" class="num">
                  Size
                </th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {props.artifacts.map((a) => (
                <tr>
                  <td>
                    <a href={artifactHref(build.id, a.path)} download>
                      <Icon name="download" /> {a.path}
                    </a>
                  </td>
                  <td class="num">{formatBytes(a.size)}</td>
                  <td>
                    <code class="sha" title={a.sha256}>
                      {a.sha256.slice(0, 16)}…
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Page>
  );
}
