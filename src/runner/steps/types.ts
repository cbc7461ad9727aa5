/** What a step implementation receives and provides. One file per step lives beside this one. */
import type { Span } from '../../pipeline/model/span.ts';
import type { ExecContext } from '../build/types.ts';
import type { Value } from '../groovy/values.ts';
import type { StepArgs } from './args.ts';

/** A step's body (`dir('x') { … }`): run it in a (possibly changed) context. */
export type Body = (ctx: ExecContext) => Promise<Value>;

export interface StepCall {
  name: string;
  /** The context with this step's id: logs written through it belong to the step. */
  ctx: ExecContext;
  args: StepArgs;
  body: Body | undefined;
  span: Span;
}

export interface StepImpl {
  /** Whether the step needs a machine (`sh`, file steps); under `agent none` it fails clearly. */
  needsNode: boolean;
  run(call: StepCall): Promise<Value>;
  /** A label for step.start (`sh`'s `label:`). */
  label?(args: StepArgs): string | undefined;
}
