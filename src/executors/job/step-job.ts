/**
 * The `Job` every executor hands out: steps with markers in their own process
 * groups, `stopAll` over groups + markers + the job's cgroup, and a teardown
 * that runs once, in the contract's order, and never rejects.
 */
import type {
  ExitStatus,
  ExecutorKind,
  Job,
  JobSpec,
  Proc,
  SpawnRequest,
  StopOptions,
  StopReport,
  TeardownReport,
} from '../contract.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { markerEnv } from '../proc/markers.ts';
import { commandLine, findMarked, readStat } from '../proc/proc-table.ts';
import { StepProcess } from '../proc/step-process.ts';
import { stopTarget } from '../proc/stop.ts';
import type { Verdict, World } from './world.ts';

export class StepJob implements Job {
  readonly id: string;
  readonly executor: ExecutorKind;
  readonly workspace: string;
  private readonly running = new Set<StepProcess>();
  private tornDown: Promise<TeardownReport> | undefined;

  constructor(
    private readonly spec: JobSpec,
    private readonly world: World,
    private readonly ledger: Ledger,
  ) {
    this.id = spec.jobId;
    this.executor = world.kind;
    this.workspace = spec.workspace;
  }

  get tmpDir(): string {
    return this.world.tmpDir;
  }
  get workspaceInside(): string {
    return this.world.workspaceInside;
  }
  get tmpDirInside(): string {
    return this.world.tmpDirInside;
  }

  spawn(req: SpawnRequest): Proc {
    if (this.tornDown) return failedProc('the job was torn down');
    const env = {
      ...this.spec.env,
      ...req.env,
      ...this.world.stepEnv,
      ...markerEnv(this.id, req.stepId),
    };
    const launch = this.world.launch(req, env);
    if ('error' in launch) return failedProc(launch.error);
    const observe = this.world.observe?.bind(this.world);
    const proc = new StepProcess({
      ...launch,
      onStdout: observe ? tee(req.onStdout, (c) => observe(`${req.stepId} 1`, c)) : req.onStdout,
      onStderr: observe ? tee(req.onStderr, (c) => observe(`${req.stepId} 2`, c)) : req.onStderr,
      match: { jobId: this.id, stepId: req.stepId },
    });
    this.running.add(proc);
    void proc.exit.then(() => {
      this.running.delete(proc);
      launch.afterExit?.();
    });
    return {
      get pid() {
        return proc.pid;
      },
      exit: proc.exit,
      // What a step is attached to is noted before a timeout kills it: after, it is gone.
      stop: async (opts) => {
        await this.traceQuietly();
        return proc.stop(opts);
      },
    };
  }

  private async traceQuietly(): Promise<void> {
    await this.world.trace?.().catch(() => undefined);
  }

  async stopAll(opts: StopOptions): Promise<StopReport> {
    await this.traceQuietly();
    const procs = [...this.running];
    const report = await stopTarget(
      {
        groups: procs.map((p) => p.group()),
        match: { jobId: this.id },
        ...(this.world.steps ? { container: this.world.steps } : {}),
      },
      opts.graceMs,
    );
    await Promise.all(procs.map((p) => p.exit));
    if (report.killed > 0) {
      const how = report.escalated ? 'SIGKILL after the grace period' : 'SIGTERM';
      this.spec.log(`stopped ${report.killed} process(es) (${opts.reason}; ${how})`);
    }
    return report;
  }

  teardown(): Promise<TeardownReport> {
    this.tornDown ??= this.teardownOnce();
    return this.tornDown;
  }

  private async teardownOnce(): Promise<TeardownReport> {
    const started = Date.now();
    const problems: TeardownReport['failed'] = [];
    const attempt = async (what: string, work: () => Promise<unknown>): Promise<void> => {
      await work().catch((error: unknown) => {
        const entry = { kind: 'process' as const, id: what, source: 'executor' as const };
        problems.push({ entry, error: error instanceof Error ? error.message : String(error) });
      });
    };
    await attempt('find escapees', () => this.recordEscapees());
    await attempt('trace', async () => this.world.trace?.());
    await attempt('stop', () => this.stopAll({ graceMs: 0, reason: 'teardown' }));
    await attempt('collect', async () => this.world.collect?.(this.ledger));
    const recorded = this.ledger.entries();
    const destroyed = await this.ledger.destroyAll(this.spec.log);
    let verdict: Verdict = { leftovers: [], unattributed: [] };
    await attempt('verify', async () => {
      verdict = (await this.world.verify?.(recorded)) ?? verdict;
    });
    for (const item of verdict.leftovers) this.spec.log(`left on the host: ${item}`);
    for (const item of verdict.unattributed) {
      this.spec.log(`appeared on the host during the job, not traced to it, left alone: ${item}`);
    }
    const failedLines = destroyed.failed.map(
      (f) => `${f.entry.kind} ${f.entry.id} (${f.entry.source})`,
    );
    return {
      removed: destroyed.removed,
      failed: [...problems, ...destroyed.failed],
      leftovers: [...new Set([...failedLines, ...verdict.leftovers])],
      unattributed: verdict.unattributed,
      durationMs: Date.now() - started,
    };
  }

  /**
   * Processes the job started that left its containment (outside the job's
   * cgroup, or outside every step's process group without one): recorded so
   * the report says what was killed.
   */
  private async recordEscapees(): Promise<void> {
    const marked = await findMarked({ jobId: this.id });
    if (marked.length === 0) return;
    const contained = new Set(await this.world.steps?.members());
    const groups = new Set([...this.running].map((p) => p.pid));
    for (const pid of marked) {
      if (contained.has(pid)) continue;
      const stat = this.world.steps ? undefined : await readStat(pid);
      if (stat && groups.has(stat.pgid)) continue;
      const command = await commandLine(pid);
      this.ledger.record({
        kind: 'process',
        id: String(pid),
        source: 'diff',
        detail: { pid: String(pid), jobId: this.id, command },
      });
    }
  }
}

function tee(first: (chunk: Buffer) => void, second: (chunk: Buffer) => void) {
  return (chunk: Buffer): void => {
    first(chunk);
    second(chunk);
  };
}

function failedProc(error: string): Proc {
  const status: ExitStatus = { code: null, signal: null, error };
  return {
    pid: undefined,
    exit: Promise.resolve(status),
    stop: () => Promise.resolve({ killed: 0, escalated: false }),
  };
}
