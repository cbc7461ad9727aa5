/** Shared figures for executor benches: median and p99 of a list of milliseconds. */
export interface Figures {
  median: number;
  p99: number;
  n: number;
}

export function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p99: at(0.99), n: sorted.length };
}

export function show(label: string, f: Figures): string {
  return `${label.padEnd(52)} median ${f.median.toFixed(2).padStart(8)} ms   p99 ${f.p99.toFixed(2).padStart(8)} ms   (n=${f.n})`;
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
