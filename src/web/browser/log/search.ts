/**
 * Search in the log, on the server: the query streams back matches as
 * NDJSON while the server scans the file, so the first hit shows before
 * the scan ends. Enter goes to the next match, Shift+Enter to the previous,
 * Escape clears. Without JavaScript the same form opens a results page.
 */
import type { SearchRow } from '../../shared/log-api.ts';
import { formatCount } from '../../shared/format.ts';

export interface Hit {
  line: number;
  start: number;
  end: number;
}

export interface SearchHost {
  base: string;
  /** Hits changed (more arrived, or cleared). */
  hitsChanged(hits: Hit[]): void;
  /** Go to a hit. */
  show(hit: Hit, index: number): void;
}

export class LogSearch {
  hits: Hit[] = [];
  current = -1;
  private query = '';
  private abort: AbortController | null = null;
  private readonly status: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next: HTMLButtonElement;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly host: SearchHost,
  ) {
    const input = this.input;
    input.setAttribute('aria-describedby', 'log-search-status');
    this.status = Object.assign(document.createElement('span'), {
      id: 'log-search-status',
      className: 'search-status',
    });
    this.status.setAttribute('aria-live', 'polite');
    this.prev = button('↑', 'Previous match');
    this.next = button('↓', 'Next match');
    this.prev.addEventListener('click', () => this.step(-1));
    this.next.addEventListener('click', () => this.step(1));
    form.append(this.status, this.prev, this.next);
    this.setButtons();
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit(false);
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.shiftKey) {
        e.preventDefault();
        this.submit(true);
      } else if (e.key === 'Escape') {
        input.value = '';
        this.clear();
      }
    });
  }

  private get input(): HTMLInputElement {
    return this.form.querySelector('input[type="search"]') as HTMLInputElement;
  }

  private submit(backwards: boolean): void {
    const q = this.input.value;
    if (q === '') return this.clear();
    if (q === this.query && this.hits.length > 0) return this.step(backwards ? -1 : 1);
    void this.run(q);
  }

  step(by: number): void {
    if (this.hits.length === 0) return;
    this.current = (this.current + by + this.hits.length) % this.hits.length;
    this.host.show(this.hits[this.current] as Hit, this.current);
    this.say();
  }

  clear(): void {
    this.abort?.abort();
    this.query = '';
    this.hits = [];
    this.current = -1;
    this.status.textContent = '';
    this.host.hitsChanged(this.hits);
    this.setButtons();
  }

  private async run(q: string): Promise<void> {
    this.clear();
    this.query = q;
    const abort = new AbortController();
    this.abort = abort;
    this.status.textContent = 'Searching…';
    try {
      const res = await fetch(`${this.host.base}/search?q=${encodeURIComponent(q)}`, {
        credentials: 'same-origin',
        signal: abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(`search failed (${res.status})`);
      await readRows(res.body, (row) => this.onRow(row));
    } catch (err) {
      if (!abort.signal.aborted) this.status.textContent = (err as Error).message;
    }
  }

  private pending = false;

  private onRow(row: SearchRow): void {
    switch (row.kind) {
      case 'hit':
        this.hits.push({ line: row.line, start: row.start, end: row.end });
        if (this.current === -1) this.step(1);
        if (!this.pending) {
          // Hits can arrive by the thousand: tell the viewer once per frame.
          this.pending = true;
          requestAnimationFrame(() => {
            this.pending = false;
            this.host.hitsChanged(this.hits);
            this.say();
          });
        }
        return;
      case 'progress':
        if (this.hits.length === 0)
          this.status.textContent = `Searching… ${Math.round((100 * row.scanned) / Math.max(1, row.total))}%`;
        return;
      case 'done':
        this.host.hitsChanged(this.hits);
        this.say(row.truncated ? '+' : '');
        if (row.hits === 0) this.status.textContent = 'No matches';
        return;
      case 'error':
        this.status.textContent = row.message;
        return;
    }
  }

  private say(more = ''): void {
    this.status.textContent =
      this.hits.length === 0
        ? ''
        : `${formatCount(this.current + 1)} of ${formatCount(this.hits.length)}${more}`;
    this.setButtons();
  }

  private setButtons(): void {
    this.prev.disabled = this.next.disabled = this.hits.length === 0;
  }
}

function button(text: string, label: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'btn btn-quiet btn-small';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.title = label;
  return b;
}

async function readRows(
  body: ReadableStream<Uint8Array>,
  onRow: (row: SearchRow) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let carry = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const text = carry + decoder.decode(value, { stream: true });
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const l of lines) if (l !== '') onRow(JSON.parse(l) as SearchRow);
  }
}
