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
  const seq = await ctx.store.nextSystemLogSeq(buildId);
  const stamp = new Date().toISOString();
  await ctx.logs.append(logKey(buildId, 'system'), seq, [`[rig ${stamp}] ${text}`]);
  ctx.bus.publish({ kind: 'build', buildId }, { system: text });
}
