/**
 * Logs: each build has streams (`system` = the controller's notes,
 * `coordinator` = the top level of an `agent none` build, one per job).
 * Ranges by line or byte, the tail, and live SSE with `Last-Event-ID` resume.
 * Nothing here holds a whole log in memory: reads are bounded pages.
 */
import { Hono } from 'hono';
import { stream as honoStream, streamSSE } from 'hono/streaming';
import { badRequest } from '../../errors.ts';
import { logKey } from '../../scheduler/context.ts';
import type { AuthEnv } from '../auth.ts';
import { requireScope } from '../auth.ts';
import type { ApiDeps } from '../deps.ts';
import { buildView } from '../read-models.ts';
import { findBuild } from '../resolve.ts';
import { followBuild, followStream } from './log-follow.ts';

const PAGE = 10_000;

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`${name} must be a non-negative integer`);
  return n;
}

export function logRoutes(deps: ApiDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const read = requireScope(deps.store, 'read');

  app.get('/:build/log', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    return c.json({ streams: (await buildView(deps.store, deps.logs, build)).streams });
  });

  app.get('/:build/log/:stream', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const key = logKey(build.id, c.req.param('stream'));
    const tail = int(c.req.query('tail'), 'tail');
    if (tail !== undefined) {
      // Read backwards from the end: the last lines of a huge log cost what they weigh.
      const last = await deps.logs.tail(key, Math.min(tail, PAGE));
      const total = last.firstLine + last.lines.length;
      return c.json({ stream: c.req.param('stream'), ...last, total });
    }
    const total = await deps.logs.lineCount(key);
    const from = int(c.req.query('from'), 'from') ?? 0;
    const to = Math.min(int(c.req.query('to'), 'to') ?? total, from + PAGE, total);
    const lines = await deps.logs.readLines(key, from, to);
    return c.json({ stream: c.req.param('stream'), firstLine: from, lines, total });
  });

  app.get('/:build/log/:stream/raw', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const key = logKey(build.id, c.req.param('stream'));
    const size = await deps.logs.byteSize(key);
    const range = /^bytes=(\d+)-(\d*)$/.exec(c.req.header('range') ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] !== '' ? Number(range[2]) + 1 : size;
    c.header('content-type', 'text/plain; charset=utf-8');
    c.header('accept-ranges', 'bytes');
    if (range) {
      c.status(206);
      c.header(
        'content-range',
        `bytes ${start}-${Math.max(start, Math.min(end, size) - 1)}/${size}`,
      );
    }
    return honoStream(c, async (s) => {
      for (let pos = start; pos < Math.min(end, size); pos += 1 << 20) {
        await s.write(await deps.logs.readBytes(key, pos, Math.min(pos + (1 << 20), end, size)));
      }
    });
  });

  app.get('/:build/log/:stream/follow', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    const resume = c.req.header('last-event-id');
    const from =
      resume !== undefined ? Number(resume) || 0 : (int(c.req.query('from'), 'from') ?? 0);
    return streamSSE(c, (s) => followStream(deps, s, build.id, c.req.param('stream'), from));
  });

  app.get('/:build/follow', read, async (c) => {
    const build = await findBuild(deps.store, c.req.param('build'));
    return streamSSE(c, (s) => followBuild(deps, s, build.id, c.req.header('last-event-id') ?? ''));
  });
  return app;
}
