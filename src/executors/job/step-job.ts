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
    const proc = new StepProcess({
      ...launch,
      onStdout: req.onStdout,
      onStderr: req.onStderr,
      match: { jobId: this.id, stepId: req.stepId },
    });
    this.running.add(proc);
    void proc.exit.then(() => this.running.delete(proc));
    return proc;
  }

  async stopAll(opts: StopOptions): Promise<StopReport> {
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
    const failed: TeardownReport['failed'] = [];
    const note = (step: string, error: unknown): void => {
      const entry = { kind: 'process' as const, id: step, source: 'executor' as const };
      failed.push({ entry, error: error instanceof Error ? error.message : String(error) });
    };
    await this.stopAll({ graceMs: 0, reason: 'teardown' }).catch((e: unknown) => note('stop', e));
    await this.world.collect?.(this.ledger).catch((e: unknown) => note('collect', e));
    const destroyed = await this.ledger.destroyAll(this.spec.log);
    const verdict: Verdict = (await this.world.verify?.().catch((e: unknown): Verdict => ({
      leftovers: [`baseline check failed: ${String(e)}`],
      unattributed: [],
    }))) ?? {
      leftovers: [],
      unattributed: [],
    };
    for (const item of verdict.leftovers) this.spec.log(`left on the host: ${item}`);
    for (const item of verdict.unattributed)
      this.spec.log(`appeared during the job, not traced to it: ${item}`);
    return {
      removed: destroyed.removed,
      failed: [...failed, ...destroyed.failed],
      leftovers: [
        ...verdict.leftovers,
        ...destroyed.failed.map((f) => `${f.entry.kind} ${f.entry.id}`),
      ],
      unattributed: verdict.unattributed,
      durationMs: Date.now() - started,
    };
  }
}

function failedProc(error: string): Proc {
  const status: ExitStatus = { code: null, signal: null, error };
  return {
    pid: undefined,
    exit: Promise.resolve(status),
    stop: () => Promise.resolve({ killed: 0, escalated: false }),
  };
}
