/**
 * Typed errors of the controller. Routes throw these; `api/errors.ts` maps
 * them to HTTP statuses in one place. Anything else is a 500.
 */
export class ControllerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ControllerError';
  }
}

export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unavailable';

export const badRequest = (m: string): ControllerError => new ControllerError('bad_request', m);
export const unauthorized = (m: string): ControllerError => new ControllerError('unauthorized', m);
export const forbidden = (m: string): ControllerError => new ControllerError('forbidden', m);
export const notFound = (m: string): ControllerError => new ControllerError('not_found', m);
export const conflict = (m: string): ControllerError => new ControllerError('conflict', m);
export const tooLarge = (m: string): ControllerError => new ControllerError('too_large', m);

/** The controller cannot start as configured (unreadable key, bad data directory): no stack trace. */
export class ControllerSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ControllerSetupError';
  }
}
