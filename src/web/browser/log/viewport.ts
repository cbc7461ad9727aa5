/**
 * The scrolling surface: a fixed row height, a sticky layer the size of the
 * view holding a small pool of row elements, and a spacer that gives the
 * scrollbar the log's full height. Past what browsers can size an element
 * to, scroll positions are scaled onto rows. Only the rows in view exist in
 * the DOM, so a million-line log costs the same as a short one.
 */
const MAX_PX = 15_000_000;
const OVERSCAN = 4;

export interface RowPainter {
  /** A key for what row `r` shows now; the row is repainted only when it changes. */
  key(row: number): string;
  paint(el: HTMLElement, row: number): void;
}

export class Viewport {
  readonly scroller: HTMLElement;
  private readonly layer: HTMLElement;
  private readonly spacer: HTMLElement;
  private pool: HTMLElement[] = [];
  private count = 0;
  private rowPx = 20;
  private widest = 0;
  private frame = 0;
  private readonly resize: ResizeObserver;

  constructor(
    host: HTMLElement,
    private readonly painter: RowPainter,
    private readonly onScroll: () => void,
    private readonly onPaint: () => void = () => {},
  ) {
    this.scroller = el('div', 'lv-scroller');
    this.scroller.tabIndex = 0;
    this.scroller.setAttribute('role', 'region');
    this.layer = el('div', 'lv-layer');
    this.spacer = el('div', 'lv-spacer');
    this.scroller.append(this.layer, this.spacer);
    host.replaceChildren(this.scroller);
    this.rowPx = parseFloat(getComputedStyle(this.scroller).getPropertyValue('--row')) || 20;
    this.scroller.addEventListener(
      'scroll',
      () => {
        this.onScroll();
        this.schedule();
      },
      { passive: true },
    );
    this.resize = new ResizeObserver(() => this.schedule());
    this.resize.observe(this.scroller);
  }

  destroy(): void {
    this.resize.disconnect();
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
  }

  setCount(count: number): void {
    if (count === this.count) return;
    this.count = count;
    this.sizeSpacer();
    this.schedule();
  }

  /** Repaints on the next animation frame (many changes in one frame paint once). */
  schedule(): void {
    if (this.frame === 0)
      this.frame = requestAnimationFrame(() => ((this.frame = 0), this.paint()));
  }

  /** The first row in view, fractional. */
  topRow(): number {
    return (this.scroller.scrollTop * this.scale()) / this.rowPx;
  }

  visibleRows(): number {
    return Math.ceil(this.scroller.clientHeight / this.rowPx);
  }

  /** Puts `row` at the top, a third of the way down, or at the bottom of the view. */
  scrollToRow(row: number, align: 'top' | 'third' | 'bottom'): void {
    const view = this.visibleRows();
    const top =
      align === 'top' ? row : align === 'third' ? row - Math.floor(view / 3) : row - view + 1;
    const clamped = Math.max(0, Math.min(top, this.count - view + 1));
    this.scroller.scrollTop = (clamped * this.rowPx) / this.scale();
    this.schedule();
  }

  /** Whether `row` is fully in view. */
  shows(row: number): boolean {
    const top = this.topRow();
    return row >= Math.ceil(top) && row < top + this.visibleRows() - 1;
  }

  atBottom(): boolean {
    const s = this.scroller;
    return s.scrollTop + s.clientHeight >= s.scrollHeight - this.rowPx;
  }

  toBottom(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.schedule();
  }

  /** Row elements currently in view with their row numbers, for highlighting. */
  *shown(): Generator<[HTMLElement, number]> {
    for (const r of this.pool)
      if (r.dataset.row !== undefined && !r.hidden) yield [r, Number(r.dataset.row)];
  }

  private scale(): number {
    const full = this.count * this.rowPx;
    const view = this.scroller.clientHeight;
    if (full <= MAX_PX || full <= view) return 1;
    return (full - view) / (MAX_PX - view);
  }

  private sizeSpacer(): void {
    const full = Math.min(this.count * this.rowPx, MAX_PX);
    const view = this.scroller.clientHeight;
    this.spacer.style.height = `${Math.max(0, full - view)}px`;
  }

  paint(): void {
    this.sizeSpacer();
    const need = this.visibleRows() + OVERSCAN * 2;
    while (this.pool.length < need) {
      const row = el('div', 'lv-row');
      this.pool.push(row);
      this.layer.append(row);
    }
    const top = this.topRow();
    const first = Math.floor(top);
    const offset = (top - first) * this.rowPx;
    const start = Math.max(0, first - OVERSCAN);
    const end = Math.min(this.count, first + this.visibleRows() + OVERSCAN);
    let grew = false;
    for (const r of this.pool) r.hidden = true;
    for (let row = start; row < end; row++) {
      const elem = this.pool[row % this.pool.length] as HTMLElement;
      elem.hidden = false;
      elem.style.transform = `translateY(${(row - first) * this.rowPx - offset}px)`;
      const key = this.painter.key(row);
      if (elem.dataset.key === key && elem.dataset.row === String(row)) continue;
      elem.dataset.key = key;
      elem.dataset.row = String(row);
      this.painter.paint(elem, row);
      grew = true;
    }
    if (grew) this.measureWidth();
    this.onPaint();
  }

  /** Long lines scroll sideways: the spacer is as wide as the widest row seen. */
  private measureWidth(): void {
    let widest = this.widest;
    for (const r of this.pool) if (!r.hidden) widest = Math.max(widest, r.scrollWidth);
    if (widest > this.widest) {
      this.widest = widest;
      this.spacer.style.width = `${widest}px`;
    }
  }
}

function el(tag: string, cls: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = cls;
  return e;
}
