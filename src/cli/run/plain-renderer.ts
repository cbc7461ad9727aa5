/**
 * Output for pipes, files and CI (`CI=true`): every log line prefixed with
 * where it came from, `[Stage] line`, so interleaved parallel output stays
 * attributable. Post blocks print as `[post always]` or `[Stage post failure]`.
 */
import type { BuildEvent } from '../../runner/events.ts';

export function createPlainRenderer(write: (text: string) => void): (event: BuildEvent) => void {
  const postScope = new Map<string, string>();
  return (event) => {
    switch (event.type) {
      case 'post.start':
        postScope.set(event.scope, event.condition);
        write(
          `${prefixFor(scopeStage(event.scope), event.condition)} running post '${event.condition}'\n`,
        );
        break;
      case 'post.end':
        postScope.delete(event.scope);
        break;
      case 'stage.end':
        if (event.skipped) write(`[${event.path}] stage skipped: ${event.skipped.reason}\n`);
        break;
      case 'log': {
        const prefix = prefixFor(event.stage, postScope.get(event.stage ?? 'pipeline'));
        for (const line of event.text.split('\n')) write(`${prefix} ${line}\n`);
        break;
      }
      case 'teardown':
        for (const r of event.removed) write(`[teardown] removed ${r.kind} ${r.id}\n`);
        for (const f of event.failed)
          write(`[teardown] could not remove ${f.kind} ${f.id}: ${f.error}\n`);
        for (const l of event.leftovers) write(`[teardown] left on host: ${l}\n`);
        break;
      default:
        break;
    }
  };
}

function scopeStage(scope: string): string | null {
  return scope === 'pipeline' ? null : scope;
}

function prefixFor(stage: string | null, post: string | undefined): string {
  if (stage === null) return post ? `[post ${post}]` : '[pipeline]';
  return post ? `[${stage} post ${post}]` : `[${stage}]`;
}
