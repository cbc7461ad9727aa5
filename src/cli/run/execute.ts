/**
 * `rig run`: load → plan → run through the same runner and executors CI
 * uses → report. Returns the exit code: 0 SUCCESS, 1 any other result,
 * 130 after Ctrl-C (post blocks still ran). Invalid input throws UsageError (2).
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { hasErrors } from '../../pipeline/diagnostics/diagnostic.ts';
import { formatDiagnostics } from '../../pipeline/diagnostics/format.ts';
import { describePlan, findStage, plan, type Plan } from '../../pipeline/planner/index.ts';
import type { ExecutorKind, Pipeline } from '../../pipeline/model/pipeline.ts';
import {
  createLocalExecutorProvider,
  InProcessLocks,
  MemoryStashStore,
  runBuild,
  type BuildReport,
  type RunOptions,
} from '../../runner/index.ts';
import { ExitCode, UsageError } from '../errors.ts';
import { createExecutors } from '../executors.ts';
import { colorFor, InvalidPipeline, requirePipeline } from '../pipeline-file.ts';
import { buildContext, planContext, type LocalRunFacts } from './context.ts';
import { readGitInfo } from './git-info.ts';
import { trapInterrupts } from './interrupts.ts';
import { LocalState } from './local-state.ts';
import { fileCredentialProvider, localArtifactSink, localInputHandler } from './local-services.ts';
import { createRunOutput } from './output.ts';
import { parseParams } from './params.ts';

export interface RunFlags {
  dir: string;
  file?: string;
  params: string[];
  branch?: string;
  stage?: string;
  report?: string;
  dryRun: boolean;
  executor: ExecutorKind;
  input?: 'proceed' | 'abort';
  credentials?: string;
  image?: string;
}

export async function planLocal(
  flags: RunFlags,
): Promise<{ plan: Plan; facts: LocalRunFacts; file: string }> {
  const dir = resolve(flags.dir);
  const loaded = await requirePipeline(dir, flags.file);
  const git = await readGitInfo(dir, { changes: looksAtChanges(loaded.pipeline) });
  const branch = flags.branch ?? git.branch;
  const facts = {
    dir,
    git,
    params: parseParams(loaded.pipeline, flags.params),
    ...(branch ? { branch } : {}),
  };
  const planned = plan(loaded.pipeline, planContext(facts));
  if (hasErrors(planned.diagnostics)) {
    process.stderr.write(
      formatDiagnostics(planned.diagnostics, (f) => (f === loaded.file ? loaded.text : undefined), {
        color: colorFor(process.stderr),
      }),
    );
    throw new InvalidPipeline(loaded.file);
  }
  return { plan: planned, facts, file: loaded.file };
}

/** Whether any `when` asks about the change set or change log. */
function looksAtChanges(pipeline: Pipeline): boolean {
  return /"kind":"change(set|log)"/.test(JSON.stringify(pipeline));
}

export async function runLocal(flags: RunFlags): Promise<number> {
  if (flags.executor === 'container' && !flags.image)
    process.stderr.write(
      'rig: note: --executor container without --image: only `agent { docker }` stages have an image\n',
    );
  const { plan: planned, facts, file } = await planLocal(flags);
  if (flags.dryRun) {
    process.stdout.write(describePlan(planned) + '\n');
    return ExitCode.ok;
  }
  const scope = flags.stage === undefined ? undefined : stageScope(planned, flags.stage);
  const state = LocalState.in(facts.dir);
  const branchKey = facts.branch ?? '';
  const { number, previous } = await state.startBuild(file, branchKey);
  const output = await createRunOutput(process.stdout);
  const interrupts = trapInterrupts((t) => process.stderr.write(t));
  try {
    const report = await runBuild({
      ...services(flags, state.root, number),
      pipeline: planned.pipeline,
      workspace: facts.dir,
      context: buildContext(facts, number, previous),
      executors: createLocalExecutorProvider(
        createExecutors(),
        flags.executor,
        flags.image ? { defaultImage: flags.image } : {},
      ),
      onEvent: (e) => output.onEvent(e),
      signal: interrupts.signal,
      ...(scope ? { scope } : {}),
    });
    output.finish(report);
    await state.finishBuild(file, branchKey, number, report.result);
    if (flags.report) await writeReport(flags.report, report);
    if (interrupts.interrupted()) return ExitCode.interrupted;
    return report.result === 'SUCCESS' ? ExitCode.ok : ExitCode.failure;
  } finally {
    interrupts.dispose();
  }
}

function stageScope(planned: Plan, name: string): RunOptions['scope'] {
  const found = findStage(planned, name);
  if ('error' in found) throw new UsageError(found.error);
  return { stagePath: found.stage.path };
}

function services(
  flags: RunFlags,
  stateDir: string,
  number: number,
): Pick<RunOptions, 'artifacts' | 'stashes' | 'locks' | 'credentials' | 'inputs'> {
  return {
    artifacts: localArtifactSink(join(stateDir, 'artifacts', String(number))),
    stashes: new MemoryStashStore(),
    locks: new InProcessLocks(),
    credentials: fileCredentialProvider(flags.credentials ?? join(stateDir, 'credentials.json')),
    inputs: localInputHandler(flags.input),
  };
}

async function writeReport(path: string, report: BuildReport): Promise<void> {
  try {
    await writeFile(path, JSON.stringify(report, null, 2) + '\n');
  } catch (err) {
    process.stderr.write(`rig: could not write the report to ${path}: ${(err as Error).message}\n`);
  }
}
