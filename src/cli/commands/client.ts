/**
 * The HTTP client the `rig` client commands share: `--server`/`RIG_SERVER`,
 * `--token`/`RIG_TOKEN`, JSON in and out, API errors as readable messages.
 */
import { UsageError } from '../errors.ts';

export interface ClientOptions {
  server?: string;
  token?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Client {
  server: string;
  token: string;
  json<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T>;
  raw(path: string, headers?: Record<string, string>): Promise<Response>;
}

export function client(opts: ClientOptions): Client {
  const server = opts.server ?? process.env.RIG_SERVER;
  const token = opts.token ?? process.env.RIG_TOKEN;
  if (!server) throw new UsageError('no server: pass --server URL or set RIG_SERVER');
  if (!token) throw new UsageError('no token: pass --token T or set RIG_TOKEN');
  const raw = async (
    path: string,
    headers: Record<string, string> = {},
    init: RequestInit = {},
  ): Promise<Response> => {
    try {
      return await fetch(new URL(path, server), {
        ...init,
        headers: { authorization: `Bearer ${token}`, ...headers },
      });
    } catch (err) {
      throw new ApiError(
        0,
        `cannot reach ${server}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
  return {
    server,
    token,
    raw: (path, headers) => raw(path, headers),
    async json<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
      const res = await raw(
        path,
        { 'content-type': 'application/json' },
        {
          method: init.method ?? 'GET',
          ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        },
      );
      const body = (await res.json().catch(() => ({}))) as { error?: { message: string } };
      if (!res.ok) throw new ApiError(res.status, body.error?.message ?? `HTTP ${res.status}`);
      return body as T;
    },
  };
}

/** Runs a client command; API failures print one line and exit 1. */
export async function runClient(fn: () => Promise<number | void>): Promise<void> {
  try {
    const code = await fn();
    if (typeof code === 'number') process.exitCode = code;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    process.stderr.write(`rig: ${err.message}\n`);
    process.exitCode = 1;
  }
}

export function addClientOptions<T extends { option: (flags: string, description: string) => T }>(
  cmd: T,
): T {
  return cmd
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'API token (default: RIG_TOKEN)');
}
