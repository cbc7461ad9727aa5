/**
 * The before/after diff of the host for one job: snapshot at prepare, traces
 * of the job's processes before they are stopped, attribution after (see
 * attribute.ts for the rule), and the check after teardown.
 */
import type { LedgerEntry } from '../contract.ts';
import type { Verdict } from '../job/world.ts';
import { attributeDiff, type AttributionMode } from './attribute.ts';
import { Mentions } from './mentions.ts';
import type { OverlapTracker } from './overlap.ts';
import type { Ledger } from './ledger.ts';
import { takeHostSnapshot, DEFAULT_PODMAN_ROOT, type HostSnapshot } from './snapshot.ts';
import { containersOf, linkPeers, netnsInodes, newKeys } from './traces.ts';
import { stillPresent } from './verify.ts';

export interface HostDiffOptions {
  jobId: string;
  /** Host directories that are the job's (workspace, scratch). */
  paths: string[];
  mode: AttributionMode;
  podmanRoot?: string;
  /** Jobs of the same executor: `exclusive` holds only for a job that ran alone. */
  overlap?: OverlapTracker;
  log?: (message: string) => void;
  /** Attribute what the job's commands named (host executor: see mentions.ts). */
  mentions?: boolean;
}

const PODMAN_MOUNTS = ['/run/containers', '/run/libpod', '/var/run/containers'];

export class HostDiff {
  private inodes = new Set<number>();
  private unattributed: string[] = [];
  private readonly mentions = new Mentions();

  private constructor(
    private readonly opts: HostDiffOptions,
    private readonly before: HostSnapshot,
  ) {}

  static async start(opts: HostDiffOptions): Promise<HostDiff> {
    const before = await takeHostSnapshot({ processes: false, ...root(opts) });
    opts.overlap?.begin(opts.jobId);
    return new HostDiff(opts, before);
  }

  addPath(path: string): void {
    this.opts.paths.push(path);
  }

  /** One chunk of a step's output (its shell's trace lines name what it made). */
  observe(key: string, chunk: Buffer): void {
    if (this.opts.mentions) this.mentions.feed(key, chunk);
  }

  /** Call while the job's processes still run. */
  async trace(pids: number[]): Promise<void> {
    for (const inode of await netnsInodes(pids)) this.inodes.add(inode);
  }

  /** Call after the job's processes are gone: records what the job left. */
  async collect(ledger: Ledger): Promise<void> {
    const after = await takeHostSnapshot({ processes: false, ...root(this.opts) });
    const newContainers = newKeys(this.before.containers, after.containers);
    const newLinks = Object.keys(after.links).filter(
      (l) => this.before.links[l] !== after.links[l],
    );
    const [containers, peers] = await Promise.all([
      containersOf(this.opts.jobId, newContainers),
      linkPeers(newLinks),
    ]);
    const result = attributeDiff(
      this.before,
      after,
      {
        jobId: this.opts.jobId,
        netnsInodes: this.inodes,
        paths: this.opts.paths,
        containers,
        linkPeers: peers,
        ignoreMountsUnder: [this.opts.podmanRoot ?? DEFAULT_PODMAN_ROOT, ...PODMAN_MOUNTS],
        known: new Set(ledger.entries().map((e) => `${e.kind} ${e.id}`)),
        mentioned: (name) => this.mentions.has(name),
      },
      this.mode(),
    );
    for (const entry of result.entries) ledger.record(entry);
    this.unattributed = result.unattributed;
  }

  private mode(): AttributionMode {
    if (this.opts.mode !== 'exclusive' || !this.opts.overlap?.overlapped(this.opts.jobId)) {
      return this.opts.mode;
    }
    this.opts.log?.('another job ran at the same time: only what is traced to this job is removed');
    return 'traced';
  }

  /** Call after the ledger was destroyed. */
  async verify(entries: LedgerEntry[]): Promise<Verdict> {
    this.opts.overlap?.end(this.opts.jobId);
    const now = await takeHostSnapshot({ processes: false, ...root(this.opts) });
    return { leftovers: await stillPresent(entries, now), unattributed: this.unattributed };
  }
}

function root(opts: HostDiffOptions): { podmanRoot?: string } {
  return opts.podmanRoot ? { podmanRoot: opts.podmanRoot } : {};
}
