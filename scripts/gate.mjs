// The one gate: build, typecheck, lint (incl. import boundaries and format), tests.
// A developer runs `npm test` before pushing; .ci/run runs exactly the same.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  ['build', ['node', 'scripts/build.mjs']],
  ['typecheck', ['npx', 'tsc', '-p', 'tsconfig.json', '--noEmit']],
  [
    'typecheck (browser)',
    ['npx', 'tsc', '-p', 'src/web/browser/tsconfig.json', '--noEmit'],
    'src/web/browser/tsconfig.json',
  ],
  ['format', ['npx', 'prettier', '--check', '--log-level', 'warn', '.']],
  ['lint', ['npx', 'eslint', '.']],
  [
    'boundaries',
    ['npx', 'depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  ],
  ['tests', ['node', 'scripts/test.mjs', ...process.argv.slice(2)]],
];

for (const [name, [cmd, ...args], needs] of steps) {
  if (needs && !existsSync(needs)) continue;
  const t = Date.now();
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n== ${name} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  console.log(`== ${name} ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
