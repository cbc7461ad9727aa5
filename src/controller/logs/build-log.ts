/**
 * One build's log: an append-only text file (`<id>.log`), its sparse line
 * index (`<id>.idx`) and its commit record (`<id>.state`).
 *
 * Appends are serialised and idempotent by chunk sequence (1, 2, 3, …):
 * - a chunk whose sequence is already stored is ignored (`duplicate`);
 * - the next expected chunk is written, then any held chunks that now follow;
 * - a chunk after a gap is held in memory (`buffered`) until the gap is
 *   filled, up to `maxPendingBytes` per build (beyond that: `rejected`, and
 *   the agent sends it again later). Held chunks are not acknowledged, so
 *   losing them in a crash loses nothing: the agent still has them.
 * `ackedSeq` in every result is the highest sequence with all earlier ones
 * stored: the agent may drop its copies up to it.
 *
 * Line numbers are final once assigned (chunks are written in sequence
 * order), so readers and SSE resume points never shift. Readers see only
 * committed data and never wait for writers.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Follower, type FollowSource, type OnEnd, type OnLines } from './follow.ts';
import { LineIndex } from './line-index.ts';
import { normalizeLines } from './normalize-lines.ts';
import { PendingChunks } from './pending-chunks.ts';
import { readLinesFrom, readTail, skipLines } from './line-reader.ts';
import { recoverState } from './recover.ts';
import { writeFully, writeState, type LogState } from './state-file.ts';

export interface BuildLogOptions {
  indexInterval: number;
  fsync: boolean;
  maxPendingBytes: number;
  maxLineLength: number;
}

export type AppendStatus = 'appended' | 'duplicate' | 'buffered' | 'rejected' | 'sealed';

export interface AppendResult {
  status: AppendStatus;
  ackedSeq: number;
  lineCount: number;
}

const readWriteCreate = constants.O_RDWR | constants.O_CREAT;

export class BuildLog {
  private readonly pending: PendingChunks;
  private readonly followers = new Set<Follower>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly log: FileHandle,
    private readonly index: LineIndex,
    private readonly stateFile: FileHandle,
    private state: LogState,
    private readonly options: BuildLogOptions,
  ) {
    this.pending = new PendingChunks(options.maxPendingBytes);
  }

  static async open(base: string, options: BuildLogOptions): Promise<BuildLog> {
    const log = await open(`${base}.log`, readWriteCreate, 0o640);
    const stateFile = await open(`${base}.state`, readWriteCreate, 0o640);
    const index = new LineIndex(
      await open(`${base}.idx`, readWriteCreate, 0o640),
      options.indexInterval,
    );
    const state = await recoverState(log, stateFile);
    await index.repair(log, state.lineCount, state.byteEnd);
    return new BuildLog(log, index, stateFile, state, options);
  }

  /** Nothing would be lost by closing it: no followers, no chunks held in memory. */
  get idle(): boolean {
    return this.followers.size === 0 && this.pending.size === 0;
  }

  append(seq: number, lines: readonly string[]): Promise<AppendResult> {
    return this.serially(async () => {
      if (this.state.sealed) return this.result('sealed');
      if (!Number.isSafeInteger(seq) || seq < 1) return this.result('rejected');
      if (seq <= this.state.seq) return this.result('duplicate');
      if (this.pending.has(seq)) return this.result('buffered');
      if (seq > this.state.seq + 1)
        return this.result(this.pending.hold(seq, lines) ? 'buffered' : 'rejected');
      await this.write(seq, lines);
      await this.drainPending();
      return this.result('appended');
    });
  }

  /**
   * Seals the log: held chunks are written after a line saying which chunks
   * never arrived, then no more appends are accepted and followers end.
   */
  finish(): Promise<void> {
    return this.serially(async () => {
      if (this.state.sealed) return;
      for (const seq of this.pending.sequences()) {
        const lines = this.pending.take(seq);
        const gap = `[rig] log chunks ${this.state.seq + 1}-${seq - 1} never arrived; lines are missing here`;
        await this.write(seq, seq > this.state.seq + 1 ? [gap, ...lines] : lines);
      }
      await this.commit({ ...this.state, commit: this.state.commit + 1, sealed: true });
    });
  }

  /** Sequences not yet received below the highest one held: what to ask the agent for. */
  missingSeqs(): number[] {
    return this.pending.missing(this.state.seq);
  }

  get lineCount(): number {
    return this.state.lineCount;
  }

  get byteCount(): number {
    return this.state.byteEnd;
  }

  get sealed(): boolean {
    return this.state.sealed;
  }

  get ackedSeq(): number {
    return this.state.seq;
  }

  async readLines(fromLine: number, count: number): Promise<string[]> {
    const state = this.state;
    const from = Math.max(0, Math.floor(fromLine));
    const n = Math.min(Math.floor(count), state.lineCount - from);
    if (n <= 0) return [];
    const start = await this.lineOffset(from, state);
    return (await readLinesFrom(this.log, start, n, state.byteEnd)).lines;
  }

  async readBytes(start: number, end: number): Promise<Buffer> {
    const from = Math.max(0, Math.min(start, this.state.byteEnd));
    const to = Math.max(from, Math.min(end, this.state.byteEnd));
    const buffer = Buffer.alloc(to - from);
    const { bytesRead } = await this.log.read(buffer, 0, buffer.length, from);
    return buffer.subarray(0, bytesRead);
  }

  async tail(n: number): Promise<{ firstLine: number; lines: string[] }> {
    const state = this.state;
    const lines = await readTail(this.log, state.byteEnd, Math.min(Math.floor(n), state.lineCount));
    return { firstLine: state.lineCount - lines.length, lines };
  }

  follow(fromLine: number, onLines: OnLines, onEnd?: OnEnd): () => void {
    const source: FollowSource = {
      lineCount: () => this.state.lineCount,
      sealed: () => this.state.sealed,
      read: async (line, byte, count) => {
        const state = this.state;
        const start = byte ?? (await this.lineOffset(line, state));
        return readLinesFrom(
          this.log,
          start,
          Math.min(count, state.lineCount - line),
          state.byteEnd,
        );
      },
    };
    const follower = new Follower(source, Math.max(0, Math.floor(fromLine)), onLines, (error) => {
      this.followers.delete(follower);
      onEnd?.(error);
    });
    this.followers.add(follower);
    follower.kick();
    return () => {
      follower.stop();
      this.followers.delete(follower);
    };
  }

  async close(): Promise<void> {
    await this.queue;
    for (const f of this.followers) f.abort(new Error('the log store was closed'));
    this.followers.clear();
    await Promise.all([this.log.close(), this.stateFile.close(), this.index.close()]);
  }

  private async lineOffset(line: number, state: LogState): Promise<number> {
    if (line >= state.lineCount) return state.byteEnd;
    const k = Math.floor(line / this.index.interval);
    const base = await this.index.entry(k);
    return skipLines(this.log, base, line - k * this.index.interval, state.byteEnd);
  }

  private async drainPending(): Promise<void> {
    while (this.pending.has(this.state.seq + 1)) {
      const seq = this.state.seq + 1;
      await this.write(seq, this.pending.take(seq));
    }
  }

  private async write(seq: number, rawLines: readonly string[]): Promise<void> {
    const lines = normalizeLines(rawLines, this.options.maxLineLength);
    const { interval } = this.index;
    const indexOffsets: number[] = [];
    let offset = this.state.byteEnd;
    for (const [i, line] of lines.entries()) {
      if ((this.state.lineCount + i) % interval === 0) indexOffsets.push(offset);
      offset += Buffer.byteLength(line) + 1;
    }
    const data = lines.length === 0 ? Buffer.alloc(0) : Buffer.from(lines.join('\n') + '\n');
    await writeFully(this.log, data, this.state.byteEnd);
    await this.index.put(Math.ceil(this.state.lineCount / interval), indexOffsets);
    if (this.options.fsync) await Promise.all([this.log.datasync(), this.index.sync()]);
    await this.commit({
      commit: this.state.commit + 1,
      seq,
      byteEnd: this.state.byteEnd + data.length,
      lineCount: this.state.lineCount + lines.length,
      sealed: false,
    });
  }

  private async commit(next: LogState): Promise<void> {
    await writeState(this.stateFile, next, this.options.fsync);
    this.state = next;
    for (const f of this.followers) f.kick();
  }

  private result(status: AppendStatus): AppendResult {
    return { status, ackedSeq: this.state.seq, lineCount: this.state.lineCount };
  }

  private serially<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
