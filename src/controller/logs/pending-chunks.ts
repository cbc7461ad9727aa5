/**
 * Chunks that arrived after a gap, held in memory until the gap is filled.
 * Bounded by `maxBytes` (counted in characters plus one per line break); a
 * chunk that would exceed it is refused, and the agent sends it again later.
 */
export class PendingChunks {
  private readonly chunks = new Map<number, string[]>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.chunks.size;
  }

  has(seq: number): boolean {
    return this.chunks.has(seq);
  }

  /** False when holding the chunk would pass the limit. */
  hold(seq: number, lines: readonly string[]): boolean {
    const size = weight(lines);
    if (this.bytes + size > this.maxBytes) return false;
    this.chunks.set(seq, [...lines]);
    this.bytes += size;
    return true;
  }

  take(seq: number): string[] {
    const lines = this.chunks.get(seq) ?? [];
    this.chunks.delete(seq);
    this.bytes -= weight(lines);
    return lines;
  }

  /** Held sequences, lowest first. */
  sequences(): number[] {
    return [...this.chunks.keys()].sort((a, b) => a - b);
  }

  /** Sequences after `stored` and below the highest held one that have not arrived. */
  missing(stored: number): number[] {
    const highest = Math.max(0, ...this.chunks.keys());
    const missing: number[] = [];
    for (let s = stored + 1; s < highest; s++) if (!this.chunks.has(s)) missing.push(s);
    return missing;
  }
}

function weight(lines: readonly string[]): number {
  return lines.reduce((sum, l) => sum + l.length + 1, 0);
}
