/**
 * The `--report` JSON, built from the event stream (docs/report.md).
 * Stages appear in tree order: each stage followed by its children, siblings
 * in the order they started (declaration order, also for parallel branches).
 * A stage that ran more than once (a retried pipeline) keeps its last
 * outcome. Post blocks appear in the order they ran.
 */
import type { BuildEvent, BuildReport } from './events.ts';

type StageEntry = BuildReport['stages'][number];

export class ReportBuilder {
  private readonly stages = new Map<string, StageEntry>();
  private readonly children = new Map<string, string[]>();
  private readonly roots: string[] = [];
  private readonly post: BuildReport['post'] = [];
  private readonly teardown: NonNullable<BuildReport['teardown']> = [];
  private result: BuildReport['result'] = 'NOT_BUILT';
  private durationMs = 0;

  add(event: BuildEvent): void {
    switch (event.type) {
      case 'stage.start':
        if (!this.stages.has(event.path)) {
          this.stages.set(event.path, {
            name: event.name,
            path: event.path,
            result: 'NOT_BUILT',
            durationMs: 0,
          });
          this.place(event.path, event.name);
        }
        return;
      case 'stage.end': {
        const known = this.stages.get(event.path);
        const name = known?.name ?? event.path.split('/').pop() ?? event.path;
        const entry: StageEntry = {
          name,
          path: event.path,
          result: event.result,
          durationMs: event.durationMs,
        };
        if (event.skipped) entry.skipped = event.skipped;
        if (!known) this.place(event.path, name);
        this.stages.set(event.path, entry);
        return;
      }
      case 'post.end':
        this.post.push({ scope: event.scope, condition: event.condition, result: event.result });
        return;
      case 'teardown':
        this.teardown.push({
          removed: event.removed,
          failed: event.failed,
          leftovers: event.leftovers,
        });
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
    const ordered: StageEntry[] = [];
    const visit = (path: string): void => {
      const entry = this.stages.get(path);
      if (entry) ordered.push(entry);
      for (const child of this.children.get(path) ?? []) visit(child);
    };
    for (const root of this.roots) visit(root);
    return {
      result: this.result,
      durationMs: this.durationMs,
      stages: ordered,
      post: [...this.post],
      ...(this.teardown.length > 0 ? { teardown: [...this.teardown] } : {}),
    };
  }

  /** Under its parent (the path without its last name) when that stage is known, else at the top. */
  private place(path: string, name: string): void {
    const parent = path.endsWith(`/${name}`) ? path.slice(0, -name.length - 1) : undefined;
    if (parent !== undefined && this.stages.has(parent)) {
      const list = this.children.get(parent) ?? [];
      list.push(path);
      this.children.set(parent, list);
    } else this.roots.push(path);
  }
}

/** A report from a list of events (for tests and for rebuilding a report from a stored log). */
export function reportFromEvents(events: Iterable<BuildEvent>): BuildReport {
  const builder = new ReportBuilder();
  for (const e of events) builder.add(e);
  return builder.report();
}
