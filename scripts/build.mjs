// Bundles the CLI (and, when present, the browser island) with esbuild.
// Runs as `prepare`, so `npx rig` works right after `npm ci`.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const started = Date.now();
import { rmSync } from 'node:fs';

// Stale chunks from earlier builds would pile up otherwise.
rmSync('dist/chunks', { recursive: true, force: true });
await build({
  entryPoints: { rig: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  // Each command is its own chunk, loaded on demand (src/cli/commands/index.ts).
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'warning',
});
if (existsSync('src/web/browser/main.ts')) {
  await build({
    entryPoints: { app: 'src/web/browser/main.ts' },
    outdir: 'dist/web',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
if (process.env.RIG_BUILD_VERBOSE) console.log(`built in ${Date.now() - started} ms`);
