/**
 * Static files the pages load: the bundled island and stylesheet
 * (dist/web/app.js, app.css, built by scripts/build.mjs) and htmx with its
 * SSE extension. Each is served under a name carrying its content hash, so
 * it can be cached for a year; gzip is prepared once at start.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface Asset {
  url: string;
  type: string;
  body: Buffer;
  gzip: Buffer;
}

export interface Assets {
  /** Hashed URL of a logical asset (`app.js`), or null when it is missing (not built). */
  url(name: AssetName): string | null;
  /** The asset behind a hashed file name from a URL. */
  byFile(file: string): Asset | undefined;
}

export type AssetName = 'app.js' | 'app.css' | 'htmx.js' | 'htmx-sse.js';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json',
};

export function assetsFrom(files: Partial<Record<AssetName, Buffer>>): Assets {
  const byName = new Map<string, Asset>();
  const byFile = new Map<string, Asset>();
  for (const [name, body] of Object.entries(files)) {
    if (!body) continue;
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const dot = name.lastIndexOf('.');
    const file = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    const asset = {
      url: `/assets/${file}`,
      type: TYPES[name.slice(dot + 1)] ?? 'application/octet-stream',
      body,
      gzip: gzipSync(body, { level: 9 }),
    };
    byName.set(name, asset);
    byFile.set(file, asset);
  }
  return {
    url: (name) => byName.get(name)?.url ?? null,
    byFile: (file) => byFile.get(file),
  };
}

/**
 * Finds the built island: `dist/web/` above this module, wherever the
 * bundler put it (dist/rig.js, a chunk under dist/chunks/) or the sources
 * (src/web/assets/).
 */
export function loadAssets(): Assets {
  const require = createRequire(import.meta.url);
  const dist = builtWebDir(dirname(fileURLToPath(import.meta.url)));
  const read = (path: string | null): Buffer | undefined =>
    path && existsSync(path) ? readFileSync(path) : undefined;
  return assetsFrom({
    'app.js': read(dist && `${dist}app.js`),
    'app.css': read(dist && `${dist}app.css`),
    'htmx.js': read(require.resolve('htmx.org/dist/htmx.min.js')),
    'htmx-sse.js': read(require.resolve('htmx.org/dist/ext/hx-sse.min.js')),
  });
}

function builtWebDir(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    for (const candidate of [join(dir, 'web'), join(dir, 'dist', 'web')]) {
      if (existsSync(join(candidate, 'app.js'))) return `${candidate}/`;
    }
    if (dirname(dir) === dir) return null;
  }
}
