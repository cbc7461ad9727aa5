/**
 * The production JobRunner: parse the pipeline file from the checkout and
 * run it with the same `runBuild` as `rig run`, scoped to the placement
 * unit when the job is one. `rig agent` passes the runner and front end in.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pipeline } from '../pipeline/model/pipeline.ts';
import type { BuildReport, ExecutorProvider, RunOptions } from '../runner/api.ts';
import type { JobRunner } from './job-runner.ts';

export interface RunnerParts {
  runBuild: (options: RunOptions) => Promise<BuildReport>;
  parse: (text: string, file: string) => { pipeline: Pipeline } | { errors: string[] };
  executors: ExecutorProvider;
}

export function runnerJobRunner(parts: RunnerParts): JobRunner {
  return async (io) => {
    const file = io.assignment.pipelineFile;
    const parsed = parts.parse(await readFile(join(io.workspace, file), 'utf8'), file);
    if ('errors' in parsed) {
      io.onEvent({
        type: 'log',
        at: Date.now(),
        stage: null,
        stepId: null,
        stream: 'system',
        text: parsed.errors.join('\n'),
      });
      return { result: 'FAILURE' };
    }
    const options: RunOptions = {
      pipeline: parsed.pipeline,
      workspace: io.workspace,
      context: io.assignment.context,
      executors: parts.executors,
      onEvent: io.onEvent,
      signal: io.signal,
      credentials: io.credentials,
      artifacts: io.artifacts,
      testResults: io.testResults,
      stashes: io.stashes,
      locks: io.locks,
    };
    if (io.assignment.scope) options.scope = io.assignment.scope;
    const report = await parts.runBuild(options);
    return { result: report.result };
  };
}
