/**
 * The log viewer island. It takes over the plain paged view the server
 * rendered and shows the whole stream, virtualised: line blocks load as
 * they scroll into view, live lines arrive over SSE and paint once per
 * animation frame, `#L1234` anchors jump anywhere, step sections collapse,
 * timestamps show on demand, and search runs on the server.
 */
import { clockTime, formatCount, formatDuration } from '../../shared/format.ts';
import type { FollowBatch, LogOutline } from '../../shared/log-api.ts';
import { followLog } from './follow.ts';
import { highlightMatches } from './highlight.ts';
import { LineStore } from './lines.ts';
import { RowMap } from '../../shared/log-rows.ts';
import type { Hit } from './search.ts';
import { Viewport } from './viewport.ts';

const OUTLINE_EVERY_MS = 1500;

export class LogViewer {
  readonly store: LineStore;
  private readonly view: Viewport;
  private map: RowMap;
  private mapTotal: number;
  private outline: LogOutline = { sections: [], times: [] };
  private readonly collapsed = new Set<string>();
  private following: boolean;
  private target: number | null = null;
  private epoch = 0;
  private showTimes = localStorage.getItem('rig.log.times') === '1';
  private hitsByLine = new Map<number, Hit[]>();
  private currentHit: number | null = null;
  private outlineAt = 0;
  private readonly jump: HTMLButtonElement;
  private stopFollowing: () => void = () => {};

  constructor(
    private readonly host: HTMLElement,
    readonly base: string,
    total: number,
    finished: boolean,
  ) {
    this.store = new LineStore(base, total, finished, () => this.refresh());
    this.map = new RowMap(total, [], this.collapsed);
    this.mapTotal = total;
    this.view = new Viewport(
      host,
      this,
      () => this.onUserScroll(),
      () => this.afterPaint(),
    );
    this.view.scroller.setAttribute('aria-label', 'Log output');
    this.following = !finished;
    this.jump = this.floatingButton();
    this.view.scroller.addEventListener('click', (e) => this.onClick(e));
    this.refresh();
  }

  /** Loads the outline, goes where the URL says (or to the end of a running log), follows it. */
  start(): void {
    void this.loadOutline();
    const fromQuery = Number(new URLSearchParams(location.search).get('from'));
    if (!this.goToHash() && fromQuery > 0) this.goTo(fromQuery, false);
    else if (this.target === null && this.following) this.view.toBottom();
    if (!this.store.finished)
      this.stopFollowing = followLog(
        this.base,
        this.store.total,
        (b) => this.onBatch(b),
        () => this.onEnd(),
      );
  }

  destroy(): void {
    this.stopFollowing();
    this.view.destroy();
  }

  /** Whether it sticks to the end of a running log (the reader has not scrolled away). */
  get isFollowing(): boolean {
    return this.following;
  }

  // ---- RowPainter

  key(row: number): string {
    const item = this.map.at(row);
    if (item.kind === 'section')
      return `s${item.section.id}:${item.collapsed}:${item.lines}:${this.epoch}`;
    const ready = this.store.html(item.line) !== undefined;
    return `l${item.line}:${ready}:${this.epoch}`;
  }

  paint(el: HTMLElement, row: number): void {
    const item = this.map.at(row);
    if (item.kind === 'section') {
      const s = item.section;
      const meta = [formatCount(item.lines) + (item.lines === 1 ? ' line' : ' lines')];
      if (s.durationMs !== null) meta.push(formatDuration(s.durationMs));
      const bad = s.result !== null && s.result !== 'SUCCESS';
      el.className = 'lv-row lv-section';
      el.innerHTML = `<span class="ln"></span><button type="button" class="lv-toggle" aria-expanded="${!item.collapsed}" data-section="${esc(s.id)}">${esc(s.title)}</button><span class="lv-section-meta${bad ? ' tone-failure' : ''}">${esc(meta.join(' · '))}${bad ? ` · ${esc(s.result ?? '')}` : ''}</span>`;
      return;
    }
    const n = item.line + 1;
    const html = this.store.html(item.line);
    const hit = this.hitsByLine.has(item.line);
    el.className = `lv-row${this.target === item.line ? ' lv-target' : ''}${hit ? (this.currentHit === item.line ? ' lv-hit-current' : ' lv-hit') : ''}`;
    const ts = this.showTimes ? `<span class="ts">${this.timeOf(item.line)}</span>` : '';
    el.innerHTML = `<a class="ln" href="#L${n}">${n}</a>${ts}${this.laneTag(item.line)}<span class="lt${html === undefined ? ' lv-loading' : ''}">${html ?? ''}</span>`;
  }

  // ---- navigation

  /** Shows line `line` (0-based) a third of the way down and marks it. */
  goTo(line: number, mark = true): void {
    const max = Math.max(0, this.store.total - 1);
    const l = Math.min(Math.max(0, line), max);
    const section = this.map.sectionOf(l);
    if (section && this.collapsed.delete(section.id)) this.rebuild();
    this.following = false;
    if (mark) this.target = l;
    this.epoch++;
    const row = this.map.rowOf(l);
    this.store.ensure(Math.max(0, l - 100), l + 100);
    if (!this.view.shows(row)) this.view.scrollToRow(row, 'third');
    this.refresh();
  }

  goToHash(): boolean {
    const m = /^#L(\d+)$/.exec(location.hash);
    if (!m) return false;
    this.goTo(Number(m[1]) - 1);
    return true;
  }

  setTimes(on: boolean): void {
    this.showTimes = on;
    localStorage.setItem('rig.log.times', on ? '1' : '0');
    this.host.classList.toggle('lv-times', on);
    this.epoch++;
    if (on) void this.loadOutline();
    this.refresh();
  }

  get timesShown(): boolean {
    return this.showTimes;
  }

  setHits(hits: Hit[]): void {
    this.hitsByLine = new Map();
    for (const h of hits) {
      const list = this.hitsByLine.get(h.line) ?? [];
      list.push(h);
      this.hitsByLine.set(h.line, list);
    }
    if (hits.length === 0) this.currentHit = null;
    this.epoch++;
    this.refresh();
  }

  showHit(hit: Hit): void {
    this.currentHit = hit.line;
    this.goTo(hit.line, false);
  }

  // ---- live

  private onBatch(batch: FollowBatch): void {
    this.store.append(batch.firstLine, batch.lines);
    this.rebuild();
    if (Date.now() - this.outlineAt > OUTLINE_EVERY_MS) void this.loadOutline();
    if (this.following) this.view.toBottom();
    this.refresh();
  }

  private onEnd(): void {
    this.store.finished = true;
    void this.loadOutline();
    // A follower sees the last lines; after that the log no longer moves.
    this.refresh();
    requestAnimationFrame(() => requestAnimationFrame(() => (this.following = false)));
  }

  private onUserScroll(): void {
    if (!this.store.finished) this.following = this.view.atBottom();
  }

  private afterPaint(): void {
    this.jump.hidden = this.following || this.view.atBottom();
    highlightMatches(this.visibleLines(), this.hitsByLine);
  }

  private onClick(e: MouseEvent): void {
    const toggle = (e.target as Element).closest<HTMLElement>('[data-section]');
    if (!toggle) return;
    const id = toggle.dataset.section ?? '';
    if (!this.collapsed.delete(id)) this.collapsed.add(id);
    const top = this.map.at(Math.floor(this.view.topRow()));
    this.rebuild();
    if (top.kind === 'line') this.view.scrollToRow(this.map.rowOf(top.line), 'top');
    this.refresh();
    this.view.scroller.querySelector<HTMLElement>(`[data-section="${CSS.escape(id)}"]`)?.focus();
  }

  private async loadOutline(): Promise<void> {
    this.outlineAt = Date.now();
    const res = await fetch(`${this.base}/outline`, { credentials: 'same-origin' });
    if (!res.ok) return;
    this.outline = (await res.json()) as LogOutline;
    this.rebuild();
    this.epoch++;
    this.refresh();
  }

  private rebuild(): void {
    this.mapTotal = this.store.total;
    this.map = new RowMap(this.store.total, this.outline.sections, this.collapsed);
  }

  /** Repaint: counts, gutter width, rows; new lines scroll into view when following. */
  private refresh(): void {
    if (this.mapTotal !== this.store.total) this.rebuild();
    this.host.style.setProperty('--gutter', `${String(this.store.total).length + 3}ch`);
    this.view.scroller.setAttribute(
      'aria-label',
      `Log output, ${formatCount(this.store.total)} lines`,
    );
    this.view.setCount(this.map.count);
    if (this.following) this.view.toBottom();
    this.view.schedule();
  }

  private *visibleLines(): Generator<[HTMLElement, number | null]> {
    for (const [el, row] of this.view.shown()) {
      const item = this.map.at(row);
      yield [el, item.kind === 'line' ? item.line : null];
    }
  }

  private timeOf(line: number): string {
    const at = valueAt(this.outline.times, line);
    return at === undefined ? '' : clockTime(at);
  }

  /** The parallel branch that printed the line, where branches interleave (Jenkins' `[unit]`). */
  private laneTag(line: number): string {
    const stage = valueAt(this.outline.lanes ?? [], line);
    if (!stage) return '';
    const name = stage.split('/').pop() ?? stage;
    return `<span class="lv-lane" title="${esc(stage)}">${esc(name)}</span>`;
  }

  private floatingButton(): HTMLButtonElement {
    const box = document.createElement('div');
    box.className = 'lv-status';
    const b = document.createElement('button');
    b.type = 'button';
    // Created before the first paint decides whether it is needed.
    b.hidden = true;
    b.className = 'btn btn-small';
    b.textContent = 'Jump to the end ↓';
    b.addEventListener('click', () => {
      this.following = !this.store.finished;
      this.view.toBottom();
      this.refresh();
    });
    box.append(b);
    this.host.append(box);
    return b;
  }
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The value of the last `[line, value]` pair at or before `line` (pairs ascend by line). */
function valueAt<T>(pairs: Array<[number, T]>, line: number): T | undefined {
  let lo = 0;
  let hi = pairs.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const pair = pairs[mid] as [number, T];
    if (pair[0] <= line) {
      found = pair[1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
