#!/usr/bin/env node
// Entry for `npx rig`: the CLI is bundled into dist/ by `npm run build` (run by `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/rig.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write(
    'rig: dist/rig.js is missing; run `npm run build` (npm ci runs it for you)\n',
  );
  process.exit(2);
}
await import(bundle);
