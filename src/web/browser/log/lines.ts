/**
 * The viewer's window on a log of any size: lines live in blocks of 500,
 * fetched on demand (`…/lines?from=&count=`) and evicted least recently
 * used, so memory holds a few tens of thousands of lines however long the
 * log is. Live lines are appended into the same blocks. Lines become HTML
 * lazily, in order within a block, carrying ANSI colour state from the end
 * of the block before when that block is known.
 */
import { carryAfter } from '../../shared/ansi-carry.ts';
import { lineConverter } from '../../shared/ansi-html.ts';
import type { LineConverter } from '../../shared/ansi-html.ts';
import type { LinesPage } from '../../shared/log-api.ts';

export const BLOCK = 500;
const MAX_BLOCKS = 120;

interface Block {
  index: number;
  raw: Array<string | undefined>;
  html: string[];
  /** Lines converted so far, from the block's start. */
  converted: number;
  converter: LineConverter | null;
  carryIn: string;
  /** SGR state after the last converted line. */
  carry: string;
  usedAt: number;
  /** Converted by the server: keep its HTML, convert only lines added after. */
  seeded?: boolean;
}

export class LineStore {
  total: number;
  finished: boolean;
  /** Bytes of line data fetched, for the tests and the bench. */
  fetchedBytes = 0;
  private readonly blocks = new Map<number, Block>();
  private readonly inFlight = new Map<number, Promise<void>>();
  private clock = 0;

  constructor(
    private readonly base: string,
    total: number,
    finished: boolean,
    private readonly changed: () => void,
  ) {
    this.total = total;
    this.finished = finished;
  }

  /** The line's HTML, or undefined while its block loads (the load is started). */
  html(line: number): string | undefined {
    const b = Math.floor(line / BLOCK);
    const block = this.blocks.get(b);
    const i = line - b * BLOCK;
    if (!block || block.raw[i] === undefined) {
      void this.load(b);
      return undefined;
    }
    block.usedAt = ++this.clock;
    this.convertThrough(block, i);
    return block.converted > i ? block.html[i] : undefined;
  }

  raw(line: number): string | undefined {
    return this.blocks.get(Math.floor(line / BLOCK))?.raw[line % BLOCK];
  }

  /** Starts loading every block the line range touches. */
  ensure(from: number, to: number): void {
    for (let b = Math.floor(from / BLOCK); b <= Math.floor(Math.max(from, to - 1) / BLOCK); b++) {
      const block = this.blocks.get(b);
      if (!block || !this.complete(block)) void this.load(b);
    }
  }

  /**
   * Lines the server already rendered (the plain page the island replaces):
   * no second fetch for them. Their colour state at the end is unknown, so
   * a line appended after them starts uncoloured.
   */
  seed(firstLine: number, html: string[], text: string[]): void {
    if (firstLine % BLOCK !== 0 || html.length === 0) return;
    const block = this.create(firstLine / BLOCK);
    html.forEach((h, i) => {
      block.raw[i] = text[i] ?? '';
      block.html[i] = h;
    });
    block.converted = html.length;
    block.seeded = true;
  }

  /** Live lines from the tail stream. */
  append(firstLine: number, lines: string[]): void {
    lines.forEach((text, k) => {
      const n = firstLine + k;
      const b = Math.floor(n / BLOCK);
      const block = this.blocks.get(b) ?? this.create(b);
      block.raw[n - b * BLOCK] = text;
    });
    this.total = Math.max(this.total, firstLine + lines.length);
  }

  private complete(block: Block): boolean {
    const want = Math.min(BLOCK, this.total - block.index * BLOCK);
    for (let i = 0; i < want; i++) if (block.raw[i] === undefined) return false;
    return true;
  }

  private create(b: number): Block {
    const block: Block = {
      index: b,
      raw: [],
      html: [],
      converted: 0,
      converter: null,
      carryIn: '',
      carry: '',
      usedAt: ++this.clock,
    };
    this.blocks.set(b, block);
    this.evict();
    return block;
  }

  private load(b: number): Promise<void> {
    const running = this.inFlight.get(b);
    if (running) return running;
    const p = this.fetchBlock(b).finally(() => this.inFlight.delete(b));
    this.inFlight.set(b, p);
    return p;
  }

  private async fetchBlock(b: number): Promise<void> {
    const res = await fetch(`${this.base}/lines?from=${b * BLOCK}&count=${BLOCK}`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!res.ok) return;
    const text = await res.text();
    this.fetchedBytes += text.length;
    const page = JSON.parse(text) as LinesPage;
    this.total = Math.max(this.total, page.total);
    this.finished ||= page.finished;
    const block = this.blocks.get(b) ?? this.create(b);
    page.lines.forEach((line, i) => (block.raw[i] = line));
    this.changed();
  }

  /** Converts lines up to `i`, restarting when the colour state coming in has changed. */
  private convertThrough(block: Block, i: number): void {
    const carryIn = block.seeded ? '' : this.carryInto(block.index);
    if (block.seeded && block.converter === null) block.converter = lineConverter();
    if (block.converter === null || carryIn !== block.carryIn) {
      block.converter = lineConverter(carryIn);
      block.carryIn = carryIn;
      block.carry = carryIn;
      block.converted = 0;
    }
    while (block.converted <= i) {
      const text = block.raw[block.converted];
      if (text === undefined) return;
      block.html[block.converted] = block.converter(text);
      block.carry = carryAfter(block.carry, text);
      block.converted++;
    }
  }

  /** The colour state at the start of block `b`: known when the block before is loaded whole. */
  private carryInto(b: number): string {
    const prev = this.blocks.get(b - 1);
    if (!prev || !this.complete(prev) || prev.raw.length < BLOCK) return '';
    this.convertThrough(prev, BLOCK - 1);
    return prev.converted === BLOCK ? prev.carry : '';
  }

  private evict(): void {
    if (this.blocks.size <= MAX_BLOCKS) return;
    const tail = Math.floor(Math.max(0, this.total - 1) / BLOCK);
    const victims = [...this.blocks.values()]
      .filter((b) => b.index !== tail)
      .sort((a, b) => a.usedAt - b.usedAt)
      .slice(0, this.blocks.size - MAX_BLOCKS);
    for (const v of victims) this.blocks.delete(v.index);
  }
}
