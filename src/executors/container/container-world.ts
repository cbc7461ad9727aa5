/**
 * How container steps run: exec'd into the job's container by the OCI
 * runtime (or podman exec). The container's pid namespace is the set of
 * step processes: everything but its init is killed by `stopAll`, so the
 * container stays up for `post`; removing the container ends the rest.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JobSpec, LedgerEntry, SpawnRequest } from '../contract.ts';
import type { Launch, Verdict, World } from '../job/world.ts';
import type { HostDiff } from '../ledger/host-diff.ts';
import { inventory, type WorldBaseline } from '../ledger/inventory.ts';
import { LEDGER_ENV, readJobLedger } from '../ledger/job-file.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { pidNamespaceMembers } from '../proc/pidns.ts';
import { readStat } from '../proc/proc-table.ts';
import { signalPid, sleep } from '../proc/signal.ts';
import type { ProcessContainer } from '../proc/stop.ts';
import type { ExecLauncher } from './exec-launcher.ts';
import {
  INIT_SLEEP_CMDLINE,
  TMP_INSIDE,
  WORKSPACE_INSIDE,
  type RunningContainer,
} from './run-container.ts';

export interface ContainerParts {
  tmpDir: string;
  container: RunningContainer;
  pidns: string;
  launcher: ExecLauncher;
  diff: HostDiff;
  /** Removes the container (idempotent). */
  remove(): Promise<void>;
  /** The container's mounts and links when it started: not the job's. */
  before: WorldBaseline;
}

const INSIDE = 'container';

export class ContainerWorld implements World {
  readonly kind = 'container' as const;
  readonly tmpDir: string;
  readonly workspaceInside = WORKSPACE_INSIDE;
  readonly tmpDirInside = TMP_INSIDE;
  readonly stepEnv: Record<string, string>;
  readonly steps: ProcessContainer;

  constructor(
    private readonly spec: JobSpec,
    private readonly parts: ContainerParts,
  ) {
    this.tmpDir = parts.tmpDir;
    this.stepEnv = { [LEDGER_ENV]: join(TMP_INSIDE, '.rig-ledger') };
    const init = parts.container.initPid;
    const members = async (): Promise<number[]> => {
      const all = (await pidNamespaceMembers(parts.pidns)).filter((pid) => pid !== init);
      const idle = await Promise.all(all.map((pid) => isInitSleep(pid, init)));
      return all.filter((_, i) => !idle[i]);
    };
    this.steps = { members, killAll: () => killAllBut(members) };
  }

  launch(req: SpawnRequest, env: Record<string, string>): Launch | { error: string } {
    if (!req.argv[0]) return { error: 'empty command line' };
    return this.parts.launcher.launch(req, env);
  }

  async trace(): Promise<void> {
    await this.parts.diff.trace([]);
  }

  /** The container goes first: what the job made inside goes with it. */
  async collect(ledger: Ledger): Promise<void> {
    const made = await inventory(
      { pid: this.parts.container.initPid, before: this.parts.before },
      INSIDE,
    ).catch(() => []);
    await this.parts.remove();
    const fromJob = await readJobLedger(join(this.tmpDir, '.rig-ledger'));
    for (const problem of fromJob.problems) this.spec.log(`${LEDGER_ENV}: ${problem}`);
    for (const entry of fromJob.entries) {
      ledger.record(
        { ...entry, detail: { ...entry.detail, inside: INSIDE } },
        async () => undefined,
      );
    }
    for (const entry of made) ledger.record(entry, async () => undefined);
    await this.parts.diff.collect(ledger);
  }

  verify(entries: LedgerEntry[]): Promise<Verdict> {
    return this.parts.diff.verify(entries.filter((e) => e.detail?.inside !== INSIDE));
  }
}

/** The init's own `sleep`, which it restarts when killed: not a step process. */
async function isInitSleep(pid: number, init: number): Promise<boolean> {
  const [stat, cmdline] = await Promise.all([
    readStat(pid),
    readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
  ]);
  return stat?.ppid === init && cmdline === INIT_SLEEP_CMDLINE;
}

async function killAllBut(members: () => Promise<number[]>): Promise<number[]> {
  const killed = new Set<number>();
  for (let round = 0; round < 500; round++) {
    const left = await members();
    if (left.length === 0) return [...killed];
    for (const pid of left) if (signalPid(pid, 'SIGKILL')) killed.add(pid);
    await sleep(Math.min(2 ** round, 20));
  }
  throw new Error('processes in the container survive SIGKILL');
}
