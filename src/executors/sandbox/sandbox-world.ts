/**
 * How sandbox steps start: into the job's cgroup (sh prologue), then into
 * the holder's namespaces with `nsenter`, which forks to enter the pid
 * namespace and relays its child's exit status or death signal.
 */
import { joinScript, STEPS_LEAF, type JobCgroup } from '../cgroup/index.ts';
import type { JobSpec, LedgerEntry, SpawnRequest } from '../contract.ts';
import { DEFAULT_PATH } from '../job/launch.ts';
import type { Launch, Verdict, World } from '../job/world.ts';
import type { HostDiff } from '../ledger/host-diff.ts';
import { LEDGER_ENV, readJobLedger } from '../ledger/job-file.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { findMarked } from '../proc/proc-table.ts';
import { resolveCommand } from '../proc/resolve.ts';
import type { ProcessContainer } from '../proc/stop.ts';
import { join } from 'node:path';
import type { Holder } from './holder.ts';
import { NAMESPACE_FLAGS } from './holder.ts';
import { containerCgroups, graphRoot } from './podman-storage.ts';
import { inventory, type WorldBaseline } from '../ledger/inventory.ts';

export interface SandboxParts {
  tmpDir: string;
  cgroup: JobCgroup | undefined;
  holder: Holder;
  diff: HostDiff;
  userns: boolean;
  env: Record<string, string>;
  /** The sandbox's mounts and links once it was set up: not the job's. */
  before: WorldBaseline;
}

const INSIDE = 'sandbox';

export class SandboxWorld implements World {
  readonly kind = 'sandbox' as const;
  readonly tmpDir: string;
  readonly workspaceInside: string;
  readonly tmpDirInside: string;
  readonly stepEnv: Record<string, string>;
  readonly steps: ProcessContainer | undefined;
  private readonly joinFiles: string[] | undefined;
  private readonly ledgerFile: string;

  constructor(
    private readonly spec: JobSpec,
    private readonly parts: SandboxParts,
  ) {
    this.tmpDir = parts.tmpDir;
    this.workspaceInside = spec.workspace;
    this.tmpDirInside = parts.tmpDir;
    this.ledgerFile = join(parts.tmpDir, '.rig-ledger');
    this.stepEnv = { [LEDGER_ENV]: this.ledgerFile, ...parts.env };
    const cgroup = parts.cgroup;
    this.joinFiles = cgroup?.leaf(STEPS_LEAF);
    this.steps = cgroup && {
      members: () => cgroup.members(STEPS_LEAF),
      killAll: () => cgroup.kill(STEPS_LEAF),
    };
  }

  launch(req: SpawnRequest, env: Record<string, string>): Launch | { error: string } {
    const command = req.argv[0];
    if (!command) return { error: 'empty command line' };
    // The sandbox sees the host's filesystem except /tmp and /run: bare names resolve here.
    const file = command.includes('/')
      ? command
      : resolveCommand(command, env.PATH ?? DEFAULT_PATH, '/');
    if (!file) return { error: `${command}: command not found` };
    const enter = [
      'nsenter',
      `--target=${this.parts.holder.initPid}`,
      ...NAMESPACE_FLAGS,
      ...(this.parts.userns ? ['--user', '--preserve-credentials'] : []),
      `--wd=${req.cwd}`,
      '--',
      file,
      ...req.argv.slice(1),
    ];
    const argv = this.joinFiles ? ['/bin/sh', '-c', joinScript(this.joinFiles), ...enter] : enter;
    return { argv, env, cwd: '/', relay: true };
  }

  async trace(): Promise<void> {
    const pids = new Set([
      ...((await this.steps?.members()) ?? []),
      ...(await findMarked({ jobId: this.spec.jobId })),
    ]);
    await this.parts.diff.trace([...pids]);
  }

  /**
   * The sandbox dies first: with it go the namespaces, mounts, links and
   * containers made inside, so what the job recorded is gone by then.
   */
  async collect(ledger: Ledger): Promise<void> {
    const made = await this.inventory();
    await this.parts.holder.kill();
    const fromJob = await readJobLedger(this.ledgerFile);
    for (const problem of fromJob.problems) this.spec.log(`${LEDGER_ENV}: ${problem}`);
    for (const entry of fromJob.entries) {
      ledger.record(
        { ...entry, detail: { ...entry.detail, inside: INSIDE } },
        async () => undefined,
      );
    }
    for (const entry of made) ledger.record(entry, async () => undefined);
    for (const dir of await containerCgroups(this.tmpDir)) {
      ledger.record({
        kind: 'cgroup',
        id: dir,
        source: 'diff',
        detail: { of: 'container in sandbox' },
      });
    }
    await this.parts.diff.collect(ledger);
  }

  /** What the job made inside (it dies with the sandbox), for the report. */
  private inventory(): Promise<LedgerEntry[]> {
    const storage = graphRoot(this.tmpDir);
    return inventory(
      {
        pid: this.parts.holder.initPid,
        before: this.parts.before,
        ignoreMountsUnder: [storage, '/run/containers', '/run/libpod'],
        podmanContainers: join(storage, 'overlay-containers', 'containers.json'),
      },
      INSIDE,
    ).catch(() => []);
  }

  verify(entries: LedgerEntry[]): Promise<Verdict> {
    return this.parts.diff.verify(entries.filter((e) => e.detail?.inside !== INSIDE));
  }
}
