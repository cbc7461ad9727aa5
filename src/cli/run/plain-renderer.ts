/**
 * Output for pipes, files and CI (`CI=true`): every log line prefixed with
 * where it came from, `[Stage] line`, so interleaved parallel output stays
 * attributable. Post blocks print as `[post always]` or `[Stage post failure]`.
 */
import type { BuildEvent } from '../../runner/events.ts';

export function createPlainRenderer(write: (text: string) => void): (event: BuildEvent) => void {
  const postScope = new Map<string, string>();
  // The runner logs why a stage was skipped; nested stages it skipped with it get a line here.
  const logged = new Set<string>();
  return (event) => {
    switch (event.type) {
      case 'post.start':
        // The runner logs the block's own header line; only the prefix changes here.
        postScope.set(event.scope, event.condition);
        break;
      case 'post.end':
        postScope.delete(event.scope);
        break;
      case 'stage.end':
        if (event.skipped && !logged.has(event.path))
          write(`[${event.path}] stage skipped: ${event.skipped.reason}\n`);
        break;
      case 'log': {
        if (event.stage !== null) logged.add(event.stage);
        const prefix = prefixFor(event.stage, postScope.get(event.stage ?? 'pipeline'));
        for (const line of event.text.split('\n')) write(`${prefix} ${line}\n`);
        break;
      }
      case 'teardown':
        // Each removal was already logged by the executor as it happened; this is the tally.
        if (event.removed.length > 0) write(`[teardown] removed ${tally(event.removed)}\n`);
        for (const f of event.failed)
          write(`[teardown] could not remove ${f.kind} ${f.id}: ${f.error}\n`);
        for (const l of event.leftovers) write(`[teardown] left on host: ${l}\n`);
        break;
      default:
        break;
    }
  };
}

function prefixFor(stage: string | null, post: string | undefined): string {
  if (stage === null) return post ? `[post ${post}]` : '[pipeline]';
  return post ? `[${stage} post ${post}]` : `[${stage}]`;
}

/** `2 containers, 1 netns` */
function tally(entries: ReadonlyArray<{ kind: string }>): string {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ');
}
