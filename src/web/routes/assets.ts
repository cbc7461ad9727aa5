/** /assets/<name>.<hash>.<ext>: immutable, cached for a year, gzip when the browser takes it. */
import { Hono } from 'hono';
import type { Assets } from '../assets/assets.ts';

export function assetRoutes(assets: Assets): Hono {
  const app = new Hono();
  app.get('/assets/:file', (c) => {
    const asset = assets.byFile(c.req.param('file'));
    if (!asset)
      return c.text('no such asset (the page may be older than this server: reload it)', 404);
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    c.header('content-type', asset.type);
    c.header('cache-control', 'public, max-age=31536000, immutable');
    c.header('vary', 'accept-encoding');
    c.header('x-content-type-options', 'nosniff');
    if (gzip) c.header('content-encoding', 'gzip');
    return c.body(new Uint8Array(gzip ? asset.gzip : asset.body));
  });
  return app;
}
