/** The controller's JSON API as a test calls it, and polling for a condition. */
export class Api {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  async call<T = Record<string, unknown>>(
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${this.token}`,
        'content-type': 'application/json',
        ...(init.headers as Record<string, string>),
      },
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }

  async build(id: string): Promise<BuildView> {
    return (await this.call<BuildView>(`/api/builds/${encodeURIComponent(id)}`)).body;
  }

  /** Every line of one stream of a build. */
  async lines(id: string, stream: string): Promise<string[]> {
    const out: string[] = [];
    for (;;) {
      const page = await this.call<{ lines: string[]; total: number }>(
        `/api/builds/${encodeURIComponent(id)}/log/${stream}?from=${out.length}`,
      );
      out.push(...page.body.lines);
      if (page.body.lines.length === 0 || out.length >= page.body.total) return out;
    }
  }

  async finished(id: string, timeoutMs = 60_000): Promise<BuildView> {
    return waitFor(
      `build ${id} to finish`,
      async () => {
        const b = await this.build(id).catch(() => undefined);
        return b?.status === 'finished' ? b : undefined;
      },
      timeoutMs,
    );
  }
}

export interface JobView {
  id: string;
  unitPath: string | null;
  status: string;
  result: string | null;
  agent: string | null;
  attempt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface BuildView {
  id: string;
  number: number;
  status: string;
  result: string | null;
  jobs: JobView[];
  streams: Array<{ stream: string; label: string; lines: number }>;
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      // The controller may be restarting; keep asking until the deadline.
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
