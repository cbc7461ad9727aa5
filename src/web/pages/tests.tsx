/** A build's test results: failures first with their messages, flaky tests marked. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { TestResultRecord } from '../../controller/store/records.ts';
import type { SessionUser } from '../auth/session.ts';
import type { Assets } from '../assets/assets.ts';
import { Icon } from '../components/icons.tsx';
import { Page } from '../components/layout.tsx';
import { Badge } from '../components/status.tsx';
import { formatDuration } from '../shared/format.ts';
import type { StatusLook } from '../shared/status.ts';
import { BuildTabs, type BuildPageData } from './build.tsx';

export type TestRow = TestResultRecord & { flaky: boolean };

const LOOKS: Record<TestRow['status'], StatusLook> = {
  failed: { tone: 'failure', label: 'Failed', icon: 'cross' },
  error: { tone: 'failure', label: 'Error', icon: 'warn' },
  skipped: { tone: 'neutral', label: 'Skipped', icon: 'dash' },
  passed: { tone: 'success', label: 'Passed', icon: 'check' },
};

export function TestsPage(props: {
  assets: Assets;
  user: SessionUser;
  data: BuildPageData;
  tests: TestRow[];
}): JSX.Element {
  const { build } = props.data;
  const bad = props.tests.filter((t) => t.status === 'failed' || t.status === 'error');
  const rest = props.tests.filter((t) => !bad.includes(t));
  const flaky = props.tests.filter((t) => t.flaky).length;
  const count = (s: TestRow['status']): number => props.tests.filter((t) => t.status === s).length;
  return (
    <Page
      title={`Tests · ${build.project} #${build.number}`}
      assets={props.assets}
      user={props.user}
      section="dashboard"
    >
      <BuildCrumbs build={build} here="Tests" />
      <BuildTabs build={build} data={props.data} current="tests" />
      {props.tests.length === 0 ? (
        <section class="card empty">
          <h2>No test results</h2>
          <p class="muted">
            This build recorded none. A <code>junit 'reports/*.xml'</code> step stores them.
          </p>
        </section>
      ) : (
        <>
          <p class="summary-line">
            <strong>{bad.length} failed</strong> · {count('passed')} passed · {count('skipped')}{' '}
            skipped
            {flaky > 0 && ` · ${flaky} flaky`} · {props.tests.length} in all
          </p>
          {bad.length > 0 && (
            <section class="card" aria-labelledby="failures-title">
              <h2 id="failures-title" class="card-title">
                Failures
              </h2>
              <ul class="test-failures">
                {bad.map((t, i) => (
                  <li id={`failure-${i + 1}`}>
                    <details class="test-failure" open={i < 3}>
                      <summary>
                        <Badge look={LOOKS[t.status]} compact />
                        <TestName test={t} />
                        {t.flaky && <FlakyMark />}
                        <span class="took">{formatDuration(t.durationMs)}</span>
                      </summary>
                      <pre class="test-message">{t.message ?? 'No message recorded.'}</pre>
                    </details>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section class="card" aria-labelledby="others-title">
            <h2 id="others-title" class="card-title">
              {bad.length > 0 ? 'Other tests' : 'Tests'}
            </h2>
            <table class="table tests-table">
              <thead>
                <tr>
                  <th scope="col">Result</th>
                  <th scope="col">Test</th>
                  <th scope="col" class="num">
                    Time
                  </th>
                </tr>
              </thead>
              <tbody>
                {rest.map((t) => (
                  <tr>
                    <td>
                      <Badge look={LOOKS[t.status]} compact />
                    </td>
                    <td>
                      <TestName test={t} />
                      {t.flaky && <FlakyMark />}
                    </td>
                    <td class="num">{formatDuration(t.durationMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </Page>
  );
}

function TestName(props: { test: TestRow }): JSX.Element {
  const t = props.test;
  return (
    <span class="test-name">
      <span class="test-class">{t.className || t.suite}</span>
      <span class="test-leaf">{t.name}</span>
    </span>
  );
}

function FlakyMark(): JSX.Element {
  return (
    <span class="flaky" title="Passed and failed across the recent builds of this branch">
      <Icon name="warn" /> flaky
    </span>
  );
}

export function BuildCrumbs(props: { build: BuildPageData['build']; here: string }): JSX.Element {
  return (
    <nav class="crumbs" aria-label="Breadcrumb">
      <a href={`/projects/${encodeURIComponent(props.build.project)}`}>{props.build.project}</a>
      <span aria-hidden="true">/</span>
      <a href={`/builds/${encodeURIComponent(props.build.id)}`}>#{props.build.number}</a>
      <span aria-hidden="true">/</span>
      <span aria-current="page">{props.here}</span>
    </nav>
  );
}
