/**
 * Teardown of a job that left 10 network namespaces and 10 containers, with
 * a baseline measured in the same run: removing the same things with a plain
 * shell loop (`ip netns delete`, `podman rm --force --time 0`).
 *   - host executor: the job records the netns in RIG_LEDGER; the containers
 *     are traced by the marker podman injects from the job's containers.conf
 *   - host executor, nothing recorded: the step runs with `set -x` and unsets
 *     RIG_LEDGER; the netns are attributed by the names its trace printed
 *   - sandbox executor: all of it lives inside and dies with the sandbox
 *     (listed from inside first, so the report names all 20)
 * Usage: [ROUNDS=5] node --import tsx bench/executor-teardown.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestImage } from '../test/support/image.ts';
import type { Executor } from '../src/executors/contract.ts';
import { createHostExecutor } from '../src/executors/host/index.ts';
import { lacksSysResource, ULIMIT_FIX } from '../src/executors/ledger/podman-conf.ts';
import { runCommand } from '../src/executors/proc/run-command.ts';
import { createSandboxExecutor } from '../src/executors/sandbox/index.ts';
import { figures, nowMs, show } from './stats.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const found = await ensureTestImage();
if ('skip' in found) {
  console.log(`skipped: ${found.skip}`);
  process.exit(0);
}
const ulimits = lacksSysResource() ? ULIMIT_FIX.map((u) => `--ulimit ${u}`).join(' ') : '';
const image = found.image;
const workspace = mkdtempSync(join(tmpdir(), 'rig-bench-ws-'));

/** Creates 10 netns and 10 containers named after `tag`; records the netns unless `traced`. */
function leaveBehind(tag: string, traced = false): string {
  return [
    traced ? 'set -ex; unset RIG_LEDGER' : 'set -e',
    'for i in 0 1 2 3 4 5 6 7 8 9; do',
    `  [ -z "$RIG_LEDGER" ] || echo "netns ${tag}-ns-$i" >> "$RIG_LEDGER"`,
    `  ip netns add ${tag}-ns-$i`,
    `  podman run -d --name ${tag}-c-$i --network none ${ulimits} ${image} sleep 600 >/dev/null`,
    'done',
  ].join('\n');
}

async function baseline(round: number): Promise<number> {
  const tag = `rbb${process.pid}-${round}`;
  const made = await runCommand(['sh', '-c', leaveBehind(tag)], {
    env: { ...process.env, RIG_LEDGER: '' },
  });
  if (!made.ok) throw new Error(made.stderr);
  const t = nowMs();
  const rm = `for i in 0 1 2 3 4 5 6 7 8 9; do ip netns delete ${tag}-ns-$i; podman rm --force --time 0 ${tag}-c-$i >/dev/null; done`;
  await runCommand(['sh', '-c', rm]);
  return nowMs() - t;
}

async function viaExecutor(
  executor: Executor,
  round: number,
  label: string,
  traced = false,
): Promise<number> {
  const jobId = `bench-td-${label}-${process.pid}-${round}`;
  const job = await executor.prepare({ jobId, workspace, log: () => undefined });
  let stderr = '';
  const proc = job.spawn({
    stepId: 'leave',
    argv: ['/bin/sh', '-c', leaveBehind(`rbt${process.pid}-${round}${label}`, traced)],
    cwd: job.workspaceInside,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    onStdout: () => undefined,
    onStderr: (d) => (stderr += d.toString()),
  });
  if ((await proc.exit).code !== 0)
    throw new Error(`the job failed to build its leftovers: ${stderr}`);
  const t = nowMs();
  const report = await job.teardown();
  const took = nowMs() - t;
  const removed = report.removed.filter((e) => e.kind === 'netns' || e.kind === 'container').length;
  if (report.leftovers.length > 0 || report.failed.length > 0 || removed !== 20) {
    throw new Error(`teardown incomplete: ${JSON.stringify(report)}`);
  }
  return took;
}

const base: number[] = [];
const host: number[] = [];
const hostTraced: number[] = [];
const sandbox: number[] = [];
const hostExecutor = createHostExecutor();
const sandboxExecutor = createSandboxExecutor();
for (let round = 0; round < ROUNDS; round++) {
  base.push(await baseline(round));
  host.push(await viaExecutor(hostExecutor, round, 'host'));
  hostTraced.push(await viaExecutor(hostExecutor, round, 'htr', true));
  sandbox.push(await viaExecutor(sandboxExecutor, round, 'sbx'));
}
rmSync(workspace, { recursive: true, force: true });

console.log(show('baseline: shell loop removing 10 netns + 10 containers', figures(base)));
console.log(show('host job teardown (10 netns + 10 containers left)', figures(host)));
console.log(
  show('host job teardown, nothing recorded (names from the -x trace)', figures(hostTraced)),
);
console.log(show('sandbox job teardown (10 netns + 10 containers inside)', figures(sandbox)));
