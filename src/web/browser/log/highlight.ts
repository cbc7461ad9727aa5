/**
 * Marks search matches inside rendered rows with the CSS Custom Highlight
 * API (no DOM changes, so the virtual rows stay cheap). Offsets count
 * characters of the line as shown, escapes stripped: the same text the
 * server matched. Browsers without the API still get whole-line marks.
 */
import type { Hit } from './search.ts';

const supported =
  typeof Highlight !== 'undefined' && typeof CSS !== 'undefined' && 'highlights' in CSS;

export function highlightMatches(
  rows: Iterable<[HTMLElement, number | null]>,
  hitsByLine: Map<number, Hit[]>,
): void {
  if (!supported) return;
  if (hitsByLine.size === 0) {
    CSS.highlights.delete('log-match');
    return;
  }
  const ranges: Range[] = [];
  for (const [el, line] of rows) {
    const hits = line === null ? undefined : hitsByLine.get(line);
    const text = el.querySelector('.lt');
    if (!hits || !text) continue;
    for (const h of hits) {
      const r = rangeIn(text, h.start, h.end);
      if (r) ranges.push(r);
    }
  }
  CSS.highlights.set('log-match', new Highlight(...ranges));
}

function rangeIn(root: Element, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let pos = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const len = node.textContent?.length ?? 0;
    if (!started && start < pos + len) {
      range.setStart(node, start - pos);
      started = true;
    }
    if (started && end <= pos + len) {
      range.setEnd(node, end - pos);
      return range;
    }
    pos += len;
  }
  return null;
}
