/**
 * The controller's own lines in a build's log (`system` stream): queueing,
 * agent loss, retries. Plain words, never dressed up as a test failure.
 */
import type { SchedulerContext } from './context.ts';
import { logKey } from './context.ts';

export async function systemLine(
  ctx: SchedulerContext,
  buildId: string,
  text: string,
): Promise<void> {
  const stamp = new Date().toISOString();
  await ctx.logs.appendNext(logKey(buildId, 'system'), [`[rig ${stamp}] ${text}`]);
  ctx.bus.publish({ kind: 'build', buildId }, { system: text });
}
