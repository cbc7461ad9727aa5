/**
 * The log viewer's data routes (session-authenticated twins of the API's
 * log routes, shaped for the island): line pages, the outline (sections
 * and arrival times), the live tail, search (NDJSON, streamed), a search
 * results page for browsers without JavaScript, and the raw download.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { stream as honoStream, streamSSE } from 'hono/streaming';
import { findBuild } from '../../controller/api/resolve.ts';
import { badRequest } from '../../controller/errors.ts';
import { logKey } from '../../controller/scheduler/context.ts';
import type { WebEnv } from '../auth/middleware.ts';
import { signedIn } from '../auth/middleware.ts';
import type { WebDeps } from '../deps.ts';
import { followLog } from '../logs/follow.ts';
import { outlineOf } from '../logs/outline.ts';
import { searchLog } from '../logs/search.ts';
import type { SearchOptions } from '../logs/search.ts';
import { FindPage } from '../pages/find.tsx';
import type { LinesPage } from '../shared/log-api.ts';
import type { Guard } from './common.ts';

const MAX_PAGE = 5000;

function nat(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`${name} must be a non-negative integer`);
  return n;
}

async function target(
  deps: WebDeps,
  c: Context,
): Promise<{ buildId: string; key: string; finished: boolean; stream: string }> {
  const build = await findBuild(deps.store, c.req.param('build') ?? '');
  const stream = c.req.param('stream') ?? '';
  return {
    buildId: build.id,
    key: logKey(build.id, stream),
    finished: build.status === 'finished',
    stream,
  };
}

function searchOptions(c: Context, signal?: AbortSignal): SearchOptions {
  const cs = c.req.query('case');
  return {
    query: c.req.query('q') ?? '',
    regex: c.req.query('regex') === '1',
    ...(cs === '1' ? { caseSensitive: true } : cs === '0' ? { caseSensitive: false } : {}),
    ...(signal ? { signal } : {}),
  };
}

export function logRoutes(deps: WebDeps, guard: Guard): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const base = '/builds/:build/log/:stream';

  app.get(`${base}/lines`, ...guard, async (c) => {
    const t = await target(deps, c);
    const total = await deps.logs.lineCount(t.key);
    const from = nat(c.req.query('from'), 'from', 0);
    const count = Math.min(nat(c.req.query('count'), 'count', 1000), MAX_PAGE);
    const lines = await deps.logs.readLines(t.key, from, Math.min(total, from + count));
    const page: LinesPage = { firstLine: from, lines, total, finished: t.finished };
    c.header('cache-control', 'no-store');
    return c.json(page);
  });

  app.get(`${base}/outline`, ...guard, async (c) => {
    const t = await target(deps, c);
    c.header('cache-control', 'no-store');
    return c.json(outlineOf(await deps.store.listEvents(t.buildId), t.stream));
  });

  app.get(`${base}/follow`, ...guard, async (c) => {
    const t = await target(deps, c);
    const resume = c.req.header('last-event-id');
    const from =
      resume !== undefined && /^\d+$/.test(resume)
        ? Number(resume)
        : nat(c.req.query('from'), 'from', 0);
    return streamSSE(c, (s) => followLog(deps, s, t.buildId, t.stream, from));
  });

  app.get(`${base}/search`, ...guard, async (c) => {
    const t = await target(deps, c);
    const abort = new AbortController();
    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    c.header('cache-control', 'no-store');
    return honoStream(c, async (s) => {
      s.onAbort(() => abort.abort());
      for await (const row of searchLog(deps.logs, t.key, searchOptions(c, abort.signal)))
        await s.write(`${JSON.stringify(row)}\n`);
    });
  });

  app.get(`${base}/find`, ...guard, async (c) => {
    const t = await target(deps, c);
    const hits: Array<{ line: number; text: string }> = [];
    let note = '';
    for await (const row of searchLog(deps.logs, t.key, { ...searchOptions(c), maxHits: 200 })) {
      if (row.kind === 'hit' && hits.at(-1)?.line !== row.line)
        hits.push({ line: row.line, text: '' });
      if (row.kind === 'error') note = row.message;
      if (row.kind === 'done' && row.truncated) note = 'Showing the first 200 matches.';
    }
    for (const h of hits) h.text = (await deps.logs.readLines(t.key, h.line, h.line + 1))[0] ?? '';
    return c.html(
      <FindPage
        assets={deps.assets}
        user={signedIn(c)}
        buildId={t.buildId}
        stream={t.stream}
        query={c.req.query('q') ?? ''}
        hits={hits}
        note={note}
      />,
    );
  });

  app.get(`${base}/raw`, ...guard, async (c) => {
    const t = await target(deps, c);
    const size = await deps.logs.byteSize(t.key);
    c.header('content-type', 'text/plain; charset=utf-8');
    c.header('content-length', String(size));
    c.header('x-content-type-options', 'nosniff');
    if (c.req.query('download') !== undefined)
      c.header(
        'content-disposition',
        `attachment; filename="${t.buildId}-${t.stream.replace(/[^\w.-]/g, '_')}.log"`,
      );
    return honoStream(c, async (s) => {
      for (let pos = 0; pos < size && !s.aborted; pos += 1 << 20)
        await s.write(await deps.logs.readBytes(t.key, pos, Math.min(size, pos + (1 << 20))));
    });
  });
  return app;
}
