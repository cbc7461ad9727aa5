/**
 * Errors as values. Front ends and the planner collect diagnostics instead of
 * throwing, so one pass reports every problem it can find. A pipeline with any
 * `error` diagnostic must not run.
 */
import type { Span } from '../model/span.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable, documented identifier, e.g. `unknown-step`, `scripted-pipeline`. */
  code: string;
  message: string;
  span: Span;
  /** Extra lines shown under the code frame ("did you mean `steps`?"). */
  notes?: string[];
}

export function error(code: string, message: string, span: Span, notes?: string[]): Diagnostic {
  return notes
    ? { severity: 'error', code, message, span, notes }
    : { severity: 'error', code, message, span };
}

export function warning(code: string, message: string, span: Span, notes?: string[]): Diagnostic {
  return notes
    ? { severity: 'warning', code, message, span, notes }
    : { severity: 'warning', code, message, span };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Result of a front end: the model when it could be built, and everything found on the way. */
export interface ParseResult<T> {
  value?: T;
  diagnostics: Diagnostic[];
}
