/**
 * How host steps start: the resolved command itself, entered into the job's
 * cgroup by a one-line sh prologue (Node cannot run code between fork and
 * exec, and joining after spawn would miss what the step forks at once).
 * What the job leaves on the host is found three ways: the executor's own
 * entries, the job's ledger file, and the traced before/after diff.
 */
import { join } from 'node:path';
import { joinScript, STEPS_LEAF, type JobCgroup } from '../cgroup/index.ts';
import type { JobSpec, LedgerEntry, SpawnRequest } from '../contract.ts';
import { resolveOnHost } from '../job/launch.ts';
import type { Launch, Verdict, World } from '../job/world.ts';
import type { HostDiff } from '../ledger/host-diff.ts';
import { LEDGER_ENV, readJobLedger } from '../ledger/job-file.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { findMarked } from '../proc/proc-table.ts';
import type { ProcessContainer } from '../proc/stop.ts';

export interface HostWorldParts {
  tmpDir: string;
  cgroup: JobCgroup | undefined;
  diff: HostDiff;
  /** The job's containers.conf, when podman containers can be marked. */
  containersConf: string | undefined;
}

export class HostWorld implements World {
  readonly kind = 'host' as const;
  readonly tmpDir: string;
  readonly workspaceInside: string;
  readonly tmpDirInside: string;
  readonly stepEnv: Record<string, string>;
  readonly steps: ProcessContainer | undefined;
  private readonly joinFiles: string[] | undefined;
  private readonly ledgerFile: string;

  constructor(
    private readonly spec: JobSpec,
    private readonly parts: HostWorldParts,
  ) {
    this.tmpDir = parts.tmpDir;
    this.workspaceInside = spec.workspace;
    this.tmpDirInside = parts.tmpDir;
    this.ledgerFile = join(parts.tmpDir, '.rig-ledger');
    this.stepEnv = {
      [LEDGER_ENV]: this.ledgerFile,
      ...(parts.containersConf ? { CONTAINERS_CONF: parts.containersConf } : {}),
    };
    const cgroup = parts.cgroup;
    this.joinFiles = cgroup?.leaf(STEPS_LEAF);
    this.steps = cgroup && {
      members: () => cgroup.members(STEPS_LEAF),
      killAll: () => cgroup.kill(STEPS_LEAF),
    };
  }

  launch(req: SpawnRequest, env: Record<string, string>): Launch | { error: string } {
    const resolved = resolveOnHost(req.argv, env, req.cwd);
    if ('error' in resolved) return resolved;
    const command = [resolved.file, ...req.argv.slice(1)];
    if (!this.joinFiles) return { argv: command, argv0: req.argv[0]!, env, cwd: req.cwd };
    return { argv: ['/bin/sh', '-c', joinScript(this.joinFiles), ...command], env, cwd: req.cwd };
  }

  async trace(): Promise<void> {
    const pids = new Set([
      ...((await this.steps?.members()) ?? []),
      ...(await findMarked({ jobId: this.spec.jobId })),
    ]);
    await this.parts.diff.trace([...pids]);
  }

  observe(key: string, chunk: Buffer): void {
    this.parts.diff.observe(key, chunk);
  }

  async collect(ledger: Ledger): Promise<void> {
    const fromJob = await readJobLedger(this.ledgerFile);
    for (const problem of fromJob.problems) this.spec.log(`${LEDGER_ENV}: ${problem}`);
    for (const entry of fromJob.entries) ledger.record(withJobId(entry, this.spec.jobId));
    await this.parts.diff.collect(ledger);
  }

  verify(entries: LedgerEntry[]): Promise<Verdict> {
    return this.parts.diff.verify(entries);
  }
}

/** A pid the job recorded is killed only while it still carries this job's marker. */
function withJobId(entry: LedgerEntry, jobId: string): LedgerEntry {
  if (entry.kind !== 'process' && entry.kind !== 'vm' && entry.kind !== 'machine') return entry;
  return { ...entry, detail: { ...entry.detail, jobId } };
}
