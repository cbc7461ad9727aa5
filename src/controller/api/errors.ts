/** The one place controller errors become HTTP statuses. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ControllerError } from '../errors.ts';
import type { ErrorCode } from '../errors.ts';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
};

export function errorResponse(
  err: Error,
  c: Context,
  onUnexpected: (err: Error) => void,
): Response {
  if (err instanceof ControllerError) {
    return c.json({ error: { code: err.code, message: err.message } }, STATUS[err.code]);
  }
  onUnexpected(err);
  return c.json(
    { error: { code: 'internal', message: 'internal error; see the controller log' } },
    500,
  );
}
