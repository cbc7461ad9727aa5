/** Non-error control flow, thrown through the evaluator: `return`, `break`, `continue`. */
import type { Value } from './values.ts';

export class ReturnSignal {
  constructor(readonly value: Value) {}
}
export class BreakSignal {}
export class ContinueSignal {}
