/**
 * Build logs on disk, for any size: one append-only file per build plus a
 * sparse line index and a commit record beside it (see build-log.ts for the
 * append and ordering rules, recover.ts for crash safety). Memory stays
 * bounded whatever the log size: reads go through 64 KiB blocks, the tail is
 * read backwards from the end, line ranges start from the index.
 *
 * Builds are opened on first use and kept open while in use, followed or
 * holding out-of-order chunks; beyond `maxOpenBuilds` the least recently used
 * idle ones are closed (and reopened transparently when needed).
 *
 * Durability: an `append` that resolved survives a crash of this process.
 * With `fsync: true` it also survives an OS crash or power loss, at the cost
 * of two fsyncs per chunk. Agents should batch lines into chunks (e.g. every
 * 100 ms or 64 KiB), not send one line per chunk.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BuildLog, type AppendResult, type BuildLogOptions } from './build-log.ts';
import type { OnEnd, OnLines } from './follow.ts';

export interface LogStoreOptions {
  /** Directory holding the logs; created if missing. */
  dir: string;
  /** Index every n-th line; default 1,000. Changing it later rebuilds indexes on open. */
  indexInterval?: number;
  /** fsync data and commit record on every append; default false. */
  fsync?: boolean;
  /** Out-of-order chunks held per build; default 8 MiB. */
  maxPendingBytes?: number;
  /** Longer lines are split; default 1 Mi characters. */
  maxLineLength?: number;
  /** Default 256. */
  maxOpenBuilds?: number;
}

/** An opened (or opening) build log and how many operations are using it right now. */
interface Entry {
  opening: Promise<BuildLog>;
  users: number;
}

export class LogStore {
  private readonly open = new Map<string, Entry>();
  private readonly options: BuildLogOptions;
  private readonly maxOpen: number;
  private ready: Promise<unknown> | undefined;

  constructor(private readonly config: LogStoreOptions) {
    this.options = {
      indexInterval: config.indexInterval ?? 1000,
      fsync: config.fsync ?? false,
      maxPendingBytes: config.maxPendingBytes ?? 8 * 1024 * 1024,
      maxLineLength: config.maxLineLength ?? 1024 * 1024,
    };
    this.maxOpen = config.maxOpenBuilds ?? 256;
  }

  /**
   * Stores chunk `seq` (1, 2, 3, …) of a build's log. Idempotent: a chunk
   * already stored is ignored. Lines are complete lines without `\n`.
   */
  append(buildId: string, seq: number, lines: readonly string[]): Promise<AppendResult> {
    return this.use(buildId, true, (log) => log.append(seq, lines));
  }

  /** Seals the log once the build is over (see BuildLog.finish). */
  finish(buildId: string): Promise<void> {
    return this.use(buildId, true, (log) => log.finish());
  }

  /** `count` lines from line `fromLine` (0-based); fewer at the end of the log. */
  readLines(buildId: string, fromLine: number, count: number): Promise<string[]> {
    return this.use(buildId, false, (log) => log.readLines(fromLine, count), []);
  }

  /** Bytes [start, end) of the log text, clamped to what is stored. */
  readBytes(buildId: string, start: number, end: number): Promise<Buffer> {
    return this.use(buildId, false, (log) => log.readBytes(start, end), Buffer.alloc(0));
  }

  /** The last `n` lines and the line number of the first of them. */
  tail(buildId: string, n: number): Promise<{ firstLine: number; lines: string[] }> {
    return this.use(buildId, false, (log) => log.tail(n), { firstLine: 0, lines: [] });
  }

  lineCount(buildId: string): Promise<number> {
    return this.use(buildId, false, async (log) => log.lineCount, 0);
  }

  /** Line and byte counts, whether the log is sealed, and the acknowledged sequence. */
  info(buildId: string): Promise<{
    lineCount: number;
    byteCount: number;
    sealed: boolean;
    ackedSeq: number;
    missingSeqs: number[];
  }> {
    const none = { lineCount: 0, byteCount: 0, sealed: false, ackedSeq: 0, missingSeqs: [] };
    return this.use(
      buildId,
      false,
      async (log) => ({
        lineCount: log.lineCount,
        byteCount: log.byteCount,
        sealed: log.sealed,
        ackedSeq: log.ackedSeq,
        missingSeqs: log.missingSeqs(),
      }),
      none,
    );
  }

  /**
   * Delivers lines from `fromLine` on as they are stored, then ends when the
   * log is sealed. Returns the unsubscribe function. See follow.ts.
   */
  async follow(
    buildId: string,
    fromLine: number,
    onLines: OnLines,
    onEnd?: OnEnd,
  ): Promise<() => void> {
    return this.use(buildId, true, async (log) => log.follow(fromLine, onLines, onEnd));
  }

  /** Deletes a build's log files (retention). */
  async remove(buildId: string): Promise<void> {
    const base = this.base(buildId);
    const entry = this.open.get(buildId);
    this.open.delete(buildId);
    if (entry) await (await entry.opening).close();
    await Promise.all(['.log', '.idx', '.state'].map((ext) => rm(base + ext, { force: true })));
  }

  async close(): Promise<void> {
    const entries = [...this.open.values()];
    this.open.clear();
    await Promise.all(entries.map(async (e) => (await e.opening).close()));
  }

  private async use<T>(
    buildId: string,
    create: boolean,
    fn: (log: BuildLog) => Promise<T>,
    absent?: T,
  ): Promise<T> {
    const base = this.base(buildId);
    if (!create && !this.open.has(buildId) && !(await exists(`${base}.state`))) return absent as T;
    // Counted before any await, so eviction never closes a log about to be used.
    const entry = this.entry(buildId, base);
    entry.users++;
    try {
      return await fn(await entry.opening);
    } finally {
      entry.users--;
      void this.evict();
    }
  }

  private entry(buildId: string, base: string): Entry {
    let entry = this.open.get(buildId);
    if (entry) {
      // Most recently used last, for eviction.
      this.open.delete(buildId);
    } else {
      this.ready ??= mkdir(this.config.dir, { recursive: true });
      const opening = this.ready.then(() => BuildLog.open(base, this.options));
      entry = { opening, users: 0 };
      const created = entry;
      opening.catch(() => {
        if (this.open.get(buildId) === created) this.open.delete(buildId);
      });
    }
    this.open.set(buildId, entry);
    return entry;
  }

  private async evict(): Promise<void> {
    for (const [id, entry] of this.open) {
      if (this.open.size <= this.maxOpen) return;
      if (entry.users > 0) continue;
      const log = await entry.opening.catch(() => undefined);
      // Check again after the await: someone may have started using it.
      if (entry.users === 0 && log?.idle && this.open.get(id) === entry) {
        this.open.delete(id);
        await log.close();
      }
    }
  }

  private base(buildId: string): string {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(buildId))
      throw new RangeError(`not a valid build id for a log file name: '${buildId}'`);
    return join(this.config.dir, buildId);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
