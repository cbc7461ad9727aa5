/** The table printed after a build: every stage, every post block that ran, the result. */
import type { BuildReport } from '../../runner/events.ts';
import { formatDuration } from './duration.ts';

export function formatSummary(report: BuildReport): string {
  const rows: Array<[string, string, string]> = [['STAGE', 'RESULT', 'TIME']];
  for (const stage of report.stages) {
    const result = stage.skipped ? `skipped (${stage.skipped.reason})` : stage.result;
    rows.push([stage.path, result, stage.skipped ? '' : formatDuration(stage.durationMs)]);
  }
  for (const post of report.post) {
    const scope = post.scope === 'pipeline' ? '' : `${post.scope} `;
    rows.push([`${scope}post ${post.condition}`, post.result, '']);
  }
  const width = (i: 0 | 1): number =>
    Math.max(...rows.map((r) => (i === 1 && r[1].length > 40 ? 0 : r[i].length)));
  const w0 = width(0);
  const w1 = Math.max(6, width(1));
  const lines = rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd());
  lines.push('', `Result: ${report.result} in ${formatDuration(report.durationMs)}`);
  return lines.join('\n') + '\n';
}
