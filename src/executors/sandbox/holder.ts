/**
 * The sandbox's namespace holder: one long-lived process per job, created at
 * prepare, whose namespaces every step enters with `nsenter` (entering
 * namespaces costs a few milliseconds; creating them costs tens). It is the
 * pid namespace's init: when it dies, the kernel kills everything inside,
 * and the mount and network namespaces — with every netns, veth, tmpfs and
 * container made inside — go with it.
 */
import { spawn } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import { joinScript } from '../cgroup/index.ts';
import { DEFAULT_PATH } from '../job/launch.ts';
import { pidNamespaceMembers } from '../proc/pidns.ts';
import { signalPid, sleep } from '../proc/signal.ts';
import { HOLDER_PERL, MOUNT_SYSCALL } from './holder-perl.ts';
import { HOLDER_SCRIPT } from './holder-script.ts';
import { resolveCommand } from '../proc/resolve.ts';

export interface HolderOptions {
  /** Host directories that must stay visible at their own path inside. */
  keep: string[];
  /** Files that put a process into the job cgroup's `init` leaf. */
  cgroupJoin?: string[];
  /** Also a user namespace (root inside maps to us outside). */
  userns: boolean;
  /** `sh` forces the portable set-up script even where perl would do. */
  setup?: 'auto' | 'sh';
}

export interface Holder {
  /** Host pid of the pid namespace's init: the `nsenter --target`. */
  readonly initPid: number;
  /** The `unshare` process that waits for init. */
  readonly pid: number;
  /** Kills the sandbox and waits until nothing is left in its pid namespace. */
  kill(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

export const NAMESPACE_FLAGS = ['--mount', '--pid', '--net', '--uts', '--ipc'];

export async function startHolder(opts: HolderOptions): Promise<Holder> {
  const unshare = [
    'unshare',
    ...NAMESPACE_FLAGS,
    ...(opts.userns ? ['--user', '--map-root-user'] : []),
    '--fork',
    '--kill-child',
    '--mount-proc',
    '--',
    ...setupCommand(opts.keep, opts.setup ?? 'auto'),
  ];
  const argv = opts.cgroupJoin
    ? ['/bin/sh', '-c', joinScript(opts.cgroupJoin), ...unshare]
    : unshare;
  const child = spawn(argv[0]!, argv.slice(1), {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? DEFAULT_PATH },
  });
  const pid = child.pid;
  await waitReady(child);
  if (pid === undefined) throw new Error('could not start unshare');
  const initPid = await childOf(pid);
  const pidns = await readlink(`/proc/${initPid}/ns/pid`);
  child.stdout?.destroy();
  child.stderr?.destroy();
  return { pid, initPid, kill: () => killSandbox(pid, initPid, pidns) };
}

/** One perl process where we can (fast); the portable sh script otherwise. */
function setupCommand(keep: string[], setup: 'auto' | 'sh'): string[] {
  const nr = MOUNT_SYSCALL[process.arch];
  const perl = resolveCommand('perl', process.env.PATH ?? DEFAULT_PATH, '/');
  if (setup === 'auto' && nr !== undefined && perl)
    return [perl, '-e', HOLDER_PERL, String(nr), ...keep];
  return ['/bin/sh', '-c', HOLDER_SCRIPT, 'rig-sandbox', ...keep];
}

function waitReady(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail('timed out'), READY_TIMEOUT_MS);
    const fail = (why: string): void => {
      clearTimeout(timer);
      if (child.pid) signalPid(child.pid, 'SIGKILL');
      reject(new Error(`${why}: ${err.trim().split('\n').slice(-2).join(' ') || 'no message'}`));
    };
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', (e) => fail(e.message));
    child.once('exit', (code, signal) => fail(`the namespace holder exited (${code ?? signal})`));
  });
}

/** unshare --fork has exactly one child: the namespaces' init. */
async function childOf(pid: number): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    const first = Number(text.trim().split(/\s+/)[0]);
    if (first > 0) return first;
    await sleep(2);
  }
  throw new Error(`no init process under unshare ${pid}`);
}

/**
 * SIGKILL to init kills its pid namespace. unshare reaps init and exits; we
 * must not kill unshare first, or init becomes a zombie for the host's init
 * to reap (some inits reap slowly). Zombies hold no namespaces: not waited for.
 */
async function killSandbox(pid: number, initPid: number, pidns: string): Promise<void> {
  signalPid(initPid, 'SIGKILL');
  for (let round = 0; round < 500; round++) {
    if (round === 50) signalPid(pid, 'SIGKILL');
    if ((await pidNamespaceMembers(pidns)).length === 0) return;
    await sleep(Math.min(2 ** round, 20));
  }
  throw new Error(`processes of the sandbox (${pidns}) survive its init`);
}
