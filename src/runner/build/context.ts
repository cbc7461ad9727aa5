/** Small operations on an ExecContext: logging, marking results, deriving child contexts. */
import type { BuildResult } from '../../pipeline/model/pipeline.ts';
import type { LogStream } from '../events.ts';
import type { ExecContext } from './types.ts';

export function log(ctx: ExecContext, text: string, stream: LogStream = 'system'): void {
  ctx.build.log(ctx, text, stream);
}

/** `unstable()`, `catchError(stageResult:)`, junit failures: mark the enclosing stage(s) and post block. */
export function markResult(ctx: ExecContext, result: BuildResult): void {
  for (const sink of ctx.sinks) sink(result);
}

export function derive(ctx: ExecContext, changes: Partial<ExecContext>): ExecContext {
  return { ...ctx, ...changes };
}
