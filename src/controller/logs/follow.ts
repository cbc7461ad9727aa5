/**
 * A live reader of one build's log (for SSE): delivers lines from a given
 * line number on, in batches, then waits for new ones; ends when the log is
 * sealed. A batch is delivered only after the previous `onLines` settled, so
 * a slow consumer (an SSE socket under backpressure) slows its own reader and
 * nothing piles up in memory.
 */

export interface LineBatch {
  /** Line number (0-based) of `lines[0]`. */
  firstLine: number;
  lines: string[];
}

export type OnLines = (batch: LineBatch) => void | Promise<void>;
/** Called once: when the log is sealed and fully delivered, or with the error that stopped delivery. */
export type OnEnd = (error?: unknown) => void;

export interface FollowSource {
  lineCount(): number;
  sealed(): boolean;
  /** Reads up to `count` lines from `line` (at `byte`, when known). */
  read(
    line: number,
    byte: number | undefined,
    count: number,
  ): Promise<{ lines: string[]; endByte: number }>;
}

const batchLines = 1000;

export class Follower {
  private nextByte: number | undefined;
  private running = false;
  private stopped = false;

  constructor(
    private readonly source: FollowSource,
    private nextLine: number,
    private readonly onLines: OnLines,
    private readonly onEnd: OnEnd | undefined,
  ) {}

  /** New lines may be there, or the log was sealed. */
  kick(): void {
    if (!this.running && !this.stopped) void this.pump();
  }

  stop(): void {
    this.stopped = true;
  }

  /** Stops and tells the consumer why. */
  abort(error: Error): void {
    this.end(error);
  }

  get active(): boolean {
    return !this.stopped;
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (!this.stopped && this.nextLine < this.source.lineCount()) {
        const { lines, endByte } = await this.source.read(this.nextLine, this.nextByte, batchLines);
        if (this.stopped || lines.length === 0) break;
        const firstLine = this.nextLine;
        this.nextLine += lines.length;
        this.nextByte = endByte;
        await this.onLines({ firstLine, lines });
      }
      if (!this.stopped && this.source.sealed() && this.nextLine >= this.source.lineCount())
        this.end();
    } catch (error) {
      this.end(error);
    } finally {
      this.running = false;
    }
  }

  private end(error?: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.onEnd?.(error);
  }
}
