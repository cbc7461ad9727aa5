/**
 * How things go wrong inside a build, as values the runner can reason about.
 * They mirror the Java exceptions a Jenkinsfile can see (and catch), because
 * Jenkins' semantics hang on them: an `AbortException` is a plain failure, a
 * `FlowInterruptedException` carries a result (ABORTED for timeouts and
 * cancels) and says whether it was a real interruption (a user abort) or a
 * timeout of the body's own `timeout` step (which `retry` may retry).
 */
import type { BuildResult } from '../pipeline/model/pipeline.ts';
import type { Span } from '../pipeline/model/span.ts';

export abstract class PipelineError extends Error {
  /** The Java class a Jenkinsfile sees in `catch (X e)` and `e.toString()`. */
  abstract readonly javaClass: string;
  /** The result this error gives the stage and build when nothing catches it. */
  abstract readonly result: BuildResult;
}

/** A step failed (`error 'x'`, `sh` exited non-zero): `hudson.AbortException`. */
export class StepFailure extends PipelineError {
  readonly javaClass = 'hudson.AbortException';
  readonly result: BuildResult = 'FAILURE';
  constructor(message: string) {
    super(message);
    this.name = 'StepFailure';
  }
}

export type InterruptionCause = 'timeout' | 'cancel' | 'failFast' | 'input' | 'post-budget';

/** The body was stopped: `org.jenkinsci.plugins.workflow.steps.FlowInterruptedException`. */
export class Interruption extends PipelineError {
  readonly javaClass = 'org.jenkinsci.plugins.workflow.steps.FlowInterruptedException';
  constructor(
    override readonly result: BuildResult,
    readonly reason: InterruptionCause,
    /** False for a `timeout` firing on its own body: `retry` retries those, `catchError` always catches them. */
    public actualInterruption: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'Interruption';
  }
}

/** A Groovy error at a place in the Jenkinsfile (no such property, outside the subset, NPE…). */
export class ScriptError extends PipelineError {
  readonly result: BuildResult = 'FAILURE';
  constructor(
    message: string,
    readonly span: Span | undefined,
    override readonly javaClass: string = 'groovy.lang.GroovyRuntimeException',
  ) {
    super(message);
    this.name = 'ScriptError';
  }
}

/** `throw new Exception('x')` in a script: the class the script named. */
export class ThrownByScript extends PipelineError {
  readonly result: BuildResult = 'FAILURE';
  constructor(
    override readonly javaClass: string,
    message: string,
  ) {
    super(message);
    this.name = 'ThrownByScript';
  }
}

/** Anything thrown, as a PipelineError (a bug in Rig becomes a failure with its message). */
export function asPipelineError(err: unknown): PipelineError {
  if (err instanceof PipelineError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ThrownByScript('java.lang.Exception', `internal error: ${message}`);
}

/** How an error reads in the log: `file:line:col: message` when it has a place. */
export function describeError(err: PipelineError): string {
  if (err instanceof ScriptError && err.span) {
    const s = err.span;
    return `${s.file}:${s.line}:${s.col}: ${err.message}`;
  }
  return err.message;
}

/** A result that came from elsewhere (a placement unit run by another runner). */
export class ResultError extends PipelineError {
  readonly javaClass = 'hudson.AbortException';
  constructor(
    override readonly result: BuildResult,
    message: string,
  ) {
    super(message);
    this.name = 'ResultError';
  }
}
