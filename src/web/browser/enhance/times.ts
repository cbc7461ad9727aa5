/** Keeps relative times ("5 min ago") and running durations ticking without a reload. */
import { formatAgo, formatDuration } from '../../shared/format.ts';

export function enableTicking(doc: Document): void {
  const tick = (): void => {
    const now = Date.now();
    for (const el of doc.querySelectorAll<HTMLElement>('[data-since]')) {
      const since = Number(el.dataset.since);
      if (since > 0) el.textContent = formatDuration(now - since);
    }
  };
  const ago = (): void => {
    const now = Date.now();
    for (const el of doc.querySelectorAll<HTMLElement>('[data-ago]')) {
      el.textContent = formatAgo(Number(el.dataset.ago), now);
    }
  };
  setInterval(tick, 1000);
  setInterval(ago, 30_000);
}
