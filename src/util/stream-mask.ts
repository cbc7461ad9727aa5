/**
 * Masks a stream of text chunks (a process's output) so that the result is
 * the same however the stream was cut: complete lines are masked and passed
 * on at once; the unfinished last line is held back. An endless line (a
 * progress bar redrawn with `\r`) is released once it passes `maxHold`
 * characters, except a tail just long enough to hide a secret that may
 * continue in the next chunk. Memory is bounded by `maxHold` plus one chunk.
 */
import { createMasker, maskText, maskedRanges, type Masker } from './mask.ts';

/** Beyond this many held characters, a masked run may be released before its end is known. */
const runawayLimit = 1024 * 1024;

export class StreamMasker {
  private pending = '';
  private readonly masker: Masker;

  constructor(
    secrets: Iterable<string>,
    private readonly maxHold = 64 * 1024,
  ) {
    this.masker = createMasker(secrets);
  }

  /** Returns the masked text that is safe to pass on now (possibly empty). */
  write(chunk: string): string {
    this.pending += chunk;
    const lastBreak = this.pending.lastIndexOf('\n');
    let out = '';
    if (lastBreak !== -1) {
      out = this.masker.mask(this.pending.slice(0, lastBreak + 1));
      this.pending = this.pending.slice(lastBreak + 1);
    }
    if (this.pending.length > this.maxHold) out += this.releaseLongLine();
    return out;
  }

  /** The rest, masked; call once when the stream ends. */
  end(): string {
    const rest = this.masker.mask(this.pending);
    this.pending = '';
    return rest;
  }

  /** Emits all of the held line except a tail where a secret might begin. */
  private releaseLongLine(): string {
    const text = this.pending;
    let cut = Math.min(text.length, Math.max(0, text.length - (this.masker.longest - 1)));
    const ranges = maskedRanges(text, this.masker.pieces);
    // Cut before a masked run, never inside or right after it: a secret overlapping
    // the run's end could still continue in the next chunk. Only a pathological run
    // (a secret repeated without end) is cut after, to keep memory bounded.
    const straddling = ranges.find(([start, end]) => start < cut && end >= cut);
    if (straddling) cut = text.length > this.maxHold + runawayLimit ? straddling[1] : straddling[0];
    let out = '';
    let from = 0;
    for (const [start, end] of ranges) {
      if (end > cut) break;
      out += text.slice(from, start) + maskText;
      from = end;
    }
    this.pending = text.slice(cut);
    return out + text.slice(from, cut);
  }
}
