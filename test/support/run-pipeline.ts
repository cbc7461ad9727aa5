/**
 * Runs a Jenkinsfile end to end for tests: parse → validate → runBuild with
 * the real host executor in a fresh temporary workspace.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createHostExecutor } from '../../src/executors/host/index.ts';
import { loadPipeline } from '../../src/pipeline/load.ts';
import { createLocalExecutorProvider, runBuild } from '../../src/runner/index.ts';
import type { BuildContext, BuildEvent, BuildReport, RunOptions } from '../../src/runner/index.ts';

export interface RunResult {
  report: BuildReport;
  events: BuildEvent[];
  /** Every log line, in order, as `[stage] text` (stage `-` for pipeline-level lines). */
  lines: string[];
  workspace: string;
}

export interface RunSetup {
  context?: Partial<BuildContext>;
  options?: Partial<
    Omit<RunOptions, 'pipeline' | 'workspace' | 'context' | 'onEvent' | 'executors'>
  >;
  /** Files to create in the workspace before the run. */
  files?: Record<string, string>;
  /** Keep the workspace for the caller (who removes it). */
  keepWorkspace?: boolean;
  onEvent?: (event: BuildEvent) => void;
}

export async function runJenkinsfile(text: string, setup: RunSetup = {}): Promise<RunResult> {
  const loaded = loadPipeline(text, 'Jenkinsfile');
  if (!loaded.value) {
    const problems = loaded.diagnostics
      .map((d) => `${d.span.line}:${d.span.col}: ${d.message}`)
      .join('\n');
    throw new Error(`the test's Jenkinsfile does not load:\n${problems}`);
  }
  const workspace = await mkdtemp(join(tmpdir(), 'rig-runner-test-'));
  const { writeFile, mkdir } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  for (const [path, content] of Object.entries(setup.files ?? {})) {
    await mkdir(dirname(join(workspace, path)), { recursive: true });
    await writeFile(join(workspace, path), content, {
      mode: content.startsWith('#!') ? 0o755 : 0o644,
    });
  }
  const events: BuildEvent[] = [];
  try {
    const report = await runBuild({
      pipeline: loaded.value,
      workspace,
      context: {
        buildId: `test-${randomBytes(4).toString('hex')}`,
        buildNumber: 7,
        jobName: 'rig-test',
        params: {},
        env: {},
        causes: [{ cause: 'UserIdCause', detail: 'tester' }],
        origin: 'local',
        ...setup.context,
      },
      executors: createLocalExecutorProvider({ host: createHostExecutor() }, 'host'),
      onEvent: (e) => {
        events.push(e);
        setup.onEvent?.(e);
      },
      ...setup.options,
    });
    const lines = events.flatMap((e) =>
      e.type === 'log' ? e.text.split('\n').map((t) => `[${e.stage ?? '-'}] ${t}`) : [],
    );
    return { report, events, lines, workspace };
  } finally {
    if (!setup.keepWorkspace) await rm(workspace, { recursive: true, force: true });
  }
}
