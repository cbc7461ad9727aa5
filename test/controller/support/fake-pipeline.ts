/**
 * TEST SUPPORT, now used only by the web UI's harness (test/web/support/harness.ts);
 * test/controller and test/acceptance run the real front end and runner:
 * a JSON pipeline (`rig-test.json`) and a minimal stand-in for `runBuild`
 * that runs `sh` lines with bash, emits the runner's events, honours scope,
 * placement, cancel (post still runs) and credentials. It exists to drive the
 * controller and agent end to end; it is not a runner (no Groovy, no post
 * semantics beyond one `always` line). Replace with the real ones when they land.
 */
import { spawn } from 'node:child_process';
import type { Agent, BuildResult, Pipeline } from '../../../src/pipeline/model/pipeline.ts';
import type { BuildReport, RunOptions } from '../../../src/runner/api.ts';
import type { BuildEvent } from '../../../src/runner/events.ts';

interface TestStage {
  name: string;
  agent?: string;
  sh?: string[];
  credential?: string;
  parallel?: TestStage[];
}
interface TestPipeline {
  agent: string;
  stages: TestStage[];
  retryAgent?: number;
}

const span = { file: 'rig-test.json', line: 1, col: 1, endLine: 1, endCol: 1, offset: 0, end: 0 };
const toAgent = (label: string): Agent =>
  label === 'none'
    ? { kind: 'none', span }
    : label === 'any'
      ? { kind: 'any', span }
      : { kind: 'label', label, span };

export function parseTestPipeline(text: string): { pipeline: Pipeline } | { errors: string[] } {
  let p: TestPipeline;
  try {
    p = JSON.parse(text) as TestPipeline;
  } catch (err) {
    return { errors: [`rig-test.json: ${String(err)}`] };
  }
  const pipeline = {
    source: { file: 'rig-test.json', format: 'yaml' },
    agent: toAgent(p.agent),
    options: p.retryAgent
      ? { other: [], retry: { count: p.retryAgent, conditions: ['agent'], span } }
      : { other: [] },
    environment: [],
    parameters: [{ kind: 'string', name: 'GREETING', defaultValue: 'hello', span }],
    triggers: [],
    tools: [],
    stages: p.stages.map(withModelFields),
    post: [],
    libraries: [],
    functions: [],
    prelude: [],
    span,
  };
  return { pipeline: pipeline as unknown as Pipeline };
}

/** The model fields the controller itself reads (a unit's `retry` option) beside the JSON ones. */
function withModelFields(s: TestStage): TestStage {
  const parallel = s.parallel?.map(withModelFields);
  return Object.assign({}, s, parallel ? { parallel } : {}, {
    options: { other: [] },
    body: parallel ? { kind: 'parallel', stages: parallel } : { kind: 'steps', steps: [] },
  });
}

export async function fakeRunBuild(o: RunOptions): Promise<BuildReport> {
  const started = Date.now();
  const emit = (e: BuildEvent): void => o.onEvent(e);
  const stages = o.pipeline.stages as unknown as TestStage[];
  const topNone = o.pipeline.agent.kind === 'none';
  let result: BuildResult = 'SUCCESS';
  const runStage = async (s: TestStage, prefix: string): Promise<BuildResult> => {
    const path = prefix === '' ? s.name : `${prefix}/${s.name}`;
    const inScope =
      o.scope === undefined ||
      path === o.scope.stagePath ||
      path.startsWith(`${o.scope.stagePath}/`) ||
      o.scope.stagePath.startsWith(`${path}/`);
    if (!inScope) return 'SUCCESS';
    if (s.agent && topNone && o.scope === undefined && o.placement) {
      return (
        await o.placement.runUnit({
          stagePath: path,
          agent: toAgent(s.agent),
          inheritedEnv: {},
          onEvent: emit,
          signal: o.signal ?? new AbortController().signal,
        })
      ).result;
    }
    const real =
      o.scope === undefined ||
      path === o.scope.stagePath ||
      path.startsWith(`${o.scope.stagePath}/`);
    if (real) emit({ type: 'stage.start', at: Date.now(), path, name: s.name });
    const t = Date.now();
    let r: BuildResult = 'SUCCESS';
    if (s.parallel) {
      const rs = await Promise.all(s.parallel.map((c) => runStage(c, path)));
      r = rs.find((x) => x !== 'SUCCESS') ?? 'SUCCESS';
    } else if (real) r = await runSteps(o, s, path);
    if (real)
      emit({ type: 'stage.end', at: Date.now(), path, result: r, durationMs: Date.now() - t });
    return r;
  };
  for (const s of stages) {
    if (result !== 'SUCCESS') break;
    result = await runStage(s, '');
  }
  if (o.signal?.aborted) result = 'ABORTED';
  emit({
    type: 'log',
    at: Date.now(),
    stage: null,
    stepId: null,
    stream: 'stdout',
    text: `post: always ran (${result})`,
  });
  return { result, durationMs: Date.now() - started, stages: [], post: [] };
}

async function runSteps(o: RunOptions, s: TestStage, path: string): Promise<BuildResult> {
  const env: Record<string, string> = {
    ...process.env,
    ...o.context.env,
    GREETING: String(o.context.params.GREETING ?? ''),
  } as Record<string, string>;
  if (s.credential) {
    try {
      const c = await o.credentials?.get(s.credential);
      if (c?.kind === 'secret') env.SECRET = c.secret;
    } catch (err) {
      o.onEvent({
        type: 'log',
        at: Date.now(),
        stage: path,
        stepId: null,
        stream: 'stderr',
        text: String((err as Error).message),
      });
      return 'FAILURE';
    }
  }
  for (const [i, script] of (s.sh ?? []).entries()) {
    if (o.signal?.aborted) return 'ABORTED';
    const stepId = `${path}#${i}`;
    o.onEvent({ type: 'step.start', at: Date.now(), stepId, stage: path, name: 'sh' });
    const code = await sh(script, o.workspace, env, o.signal, (text) =>
      o.onEvent({ type: 'log', at: Date.now(), stage: path, stepId, stream: 'stdout', text }),
    );
    o.onEvent({
      type: 'step.end',
      at: Date.now(),
      stepId,
      result: code === 0 ? 'SUCCESS' : 'FAILURE',
      durationMs: 0,
      exitCode: code,
    });
    if (o.signal?.aborted) return 'ABORTED';
    if (code !== 0) return 'FAILURE';
  }
  return 'SUCCESS';
}

function sh(
  script: string,
  cwd: string,
  env: Record<string, string>,
  signal: AbortSignal | undefined,
  line: (t: string) => void,
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let carry = '';
    const onData = (d: Buffer): void => {
      const parts = (carry + d.toString()).split('\n');
      carry = parts.pop() ?? '';
      if (parts.length > 0) line(parts.join('\n'));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const kill = (): void => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      } catch {
        /* already gone */
      }
    };
    signal?.addEventListener('abort', kill);
    child.on('close', (code) => {
      signal?.removeEventListener('abort', kill);
      if (carry !== '') line(carry);
      resolve(code);
    });
  });
}
