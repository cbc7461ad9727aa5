/**
 * Formatting both the server pages and the browser island use, so a
 * duration or a status reads the same everywhere. Pure: no DOM, no Node.
 */

/** `850ms`, `12.3s`, `4m05s`, `1h02m`: short enough for a stage node. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** `just now`, `5 min ago`, `3 h ago`, `2 days ago`; the exact time goes in a title. */
export function formatAgo(at: number, now: number): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** ISO time without milliseconds, in UTC: what a tooltip and `<time datetime>` show. */
export function isoTime(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `12:04:05.123` in UTC: the log viewer's timestamp column. */
export function clockTime(at: number): string {
  return new Date(at).toISOString().slice(11, 23);
}

/** `1.2 KB`, `34 MB`: decimal units, as download sizes are shown elsewhere. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

/** `1,000,000`: line numbers and counts, with a fixed locale so tests are stable. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
