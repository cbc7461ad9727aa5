/**
 * The agent half of "logs lose nothing": every chunk of a job is written to
 * `<spool>/<job>.jsonl` before it is sent, and stays there until the
 * controller acks it. After a reconnect, `unacked()` yields what to resend,
 * in order. Memory holds no chunk bodies, only counters.
 */
import {
  appendFileSync,
  existsSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { join } from 'node:path';
import type { BuildEvent } from '../runner/events.ts';

export interface Chunk {
  seq: number;
  events: BuildEvent[];
}

export class JobSpool {
  private readonly file: string;
  private readonly ackFile: string;
  lastSeq = 0;
  acked = 0;

  constructor(
    dir: string,
    readonly jobId: string,
  ) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${jobId}.jsonl`);
    this.ackFile = join(dir, `${jobId}.acked`);
    if (existsSync(this.ackFile)) this.acked = Number(readFileSync(this.ackFile, 'utf8')) || 0;
    this.lastSeq = this.acked;
    for (const c of this.read()) this.lastSeq = Math.max(this.lastSeq, c.seq);
  }

  write(events: BuildEvent[]): Chunk {
    const chunk = { seq: ++this.lastSeq, events };
    appendFileSync(this.file, `${JSON.stringify(chunk)}\n`);
    return chunk;
  }

  ack(seq: number): void {
    if (seq <= this.acked) return;
    this.acked = seq;
    writeFileSync(this.ackFile, String(seq));
    // Everything sent is acked: start the file afresh so it does not grow forever.
    if (this.acked >= this.lastSeq) writeFileSync(this.file, '');
  }

  *unacked(): Generator<Chunk> {
    for (const c of this.read()) if (c.seq > this.acked) yield c;
  }

  remove(): void {
    rmSync(this.file, { force: true });
    rmSync(this.ackFile, { force: true });
  }

  private *read(): Generator<Chunk> {
    if (!existsSync(this.file)) return;
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      if (line !== '') yield JSON.parse(line) as Chunk;
    }
  }
}
