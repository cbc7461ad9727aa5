/** Exit codes of every rig command, in one place. */
export const ExitCode = {
  ok: 0,
  /** The build ran and did not succeed, or a request failed. */
  failure: 1,
  /** Invalid pipeline, invalid flags or arguments. */
  usage: 2,
  /** Interrupted by Ctrl-C (post blocks still ran). */
  interrupted: 130,
} as const;

/** A mistake of the user's: printed without a stack trace, exit 2. */
export class UsageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UsageError';
  }
}
