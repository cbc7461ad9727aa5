/** Small helpers the web routes share. */
import type { MiddlewareHandler } from 'hono';
import type { ApiDeps } from '../../controller/api/deps.ts';
import type { WebEnv } from '../auth/middleware.ts';
import type { WebDeps } from '../deps.ts';

/** Session loading and the sign-in redirect, put in front of every page and data route. */
export type Guard = [MiddlewareHandler<WebEnv>, MiddlewareHandler<WebEnv>];

/**
 * The controller's trigger helpers take ApiDeps but read only the scheduler
 * and store; the web never seals or opens credentials, so it has no vault.
 */
export function apiDeps(deps: WebDeps): ApiDeps {
  return { ...deps, maxArtifactBytes: 0, vault: undefined as never };
}

/**
 * Build parameters from a form: fields `param.NAME`. A boolean parameter
 * also sends `bool.NAME`; its checkbox follows a hidden `false`, so the
 * last value wins whether or not it is ticked.
 */
export function paramsFromForm(
  form: Record<string, string | File | Array<string | File>>,
  previous: Record<string, string | boolean>,
): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  const booleans = new Set(
    Object.keys(form)
      .filter((f) => f.startsWith('bool.'))
      .map((f) => f.slice('bool.'.length)),
  );
  for (const [field, raw] of Object.entries(form)) {
    if (!field.startsWith('param.')) continue;
    const name = field.slice('param.'.length);
    const values = (Array.isArray(raw) ? raw : [raw]).filter(
      (v): v is string => typeof v === 'string',
    );
    const value = values.at(-1);
    if (name === '' || value === undefined) continue;
    out[name] =
      booleans.has(name) || typeof previous[name] === 'boolean' ? value === 'true' : value;
  }
  return out;
}
