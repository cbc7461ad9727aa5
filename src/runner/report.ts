/**
 * The `--report` JSON, built from the event stream (docs/report.md).
 * Stages appear in the order they started; a stage that ran more than once
 * (a retried pipeline) keeps its last outcome. Post blocks appear in the
 * order they ran.
 */
import type { BuildEvent, BuildReport } from './events.ts';

export class ReportBuilder {
  private readonly stages = new Map<string, BuildReport['stages'][number]>();
  private readonly names = new Map<string, string>();
  private readonly post: BuildReport['post'] = [];
  private result: BuildReport['result'] = 'NOT_BUILT';
  private durationMs = 0;

  add(event: BuildEvent): void {
    switch (event.type) {
      case 'stage.start':
        this.names.set(event.path, event.name);
        if (!this.stages.has(event.path)) {
          this.stages.set(event.path, {
            name: event.name,
            path: event.path,
            result: 'NOT_BUILT',
            durationMs: 0,
          });
        }
        return;
      case 'stage.end': {
        const name = this.names.get(event.path) ?? event.path.split('/').pop() ?? event.path;
        const entry: BuildReport['stages'][number] = {
          name,
          path: event.path,
          result: event.result,
          durationMs: event.durationMs,
        };
        if (event.skipped) entry.skipped = event.skipped;
        this.stages.set(event.path, entry);
        return;
      }
      case 'post.end':
        this.post.push({ scope: event.scope, condition: event.condition, result: event.result });
        return;
      case 'build.end':
        this.result = event.result;
        this.durationMs = event.durationMs;
        return;
      default:
        return;
    }
  }

  report(): BuildReport {
    return {
      result: this.result,
      durationMs: this.durationMs,
      stages: [...this.stages.values()],
      post: [...this.post],
    };
  }
}

/** A report from a list of events (for tests and for rebuilding a report from a stored log). */
export function reportFromEvents(events: Iterable<BuildEvent>): BuildReport {
  const builder = new ReportBuilder();
  for (const e of events) builder.add(e);
  return builder.report();
}
