/**
 * One step's process on the host: its own session and process group
 * (`detached`), raw output through callbacks, an `exit` that never rejects,
 * and `stop` as the contract describes it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import type { ExitStatus, Proc, StopOptions, StopReport } from '../contract.ts';
import type { MarkerMatch } from './markers.ts';
import { stopTarget, type GroupHandle } from './stop.ts';

export interface LaunchSpec {
  /** What the host runs: the command itself or a wrapper that ends in it. */
  argv: string[];
  argv0?: string;
  env: Record<string, string>;
  cwd: string;
  onStdout: (chunk: Buffer) => void;
  onStderr: (chunk: Buffer) => void;
  match: MarkerMatch;
  /** The spawned process relays a child's fate (see `GroupHandle.relay`). */
  relay?: boolean;
  /**
   * The relay reports a death by signal N as exit code 128+N (crun exec,
   * podman exec): turn such codes back into signals.
   */
  signalsAsCodes?: boolean;
  /**
   * How long to keep waiting for the output pipes to close after the main
   * process exited. A background process the step left (`server &`) holds
   * them open; we stop waiting for it, but keep reading and forwarding.
   */
  lingerMs?: number;
}

const DEFAULT_LINGER_MS = 100;

export class StepProcess implements Proc {
  readonly exit: Promise<ExitStatus>;
  private readonly child: ChildProcess | undefined;
  private reaped = false;
  private stopping: Promise<StopReport> | undefined;

  constructor(private readonly spec: LaunchSpec) {
    const [command, ...args] = spec.argv;
    let child: ChildProcess | undefined;
    try {
      child = spawn(command!, args, {
        cwd: spec.cwd,
        env: spec.env,
        detached: true,
        ...(spec.argv0 !== undefined ? { argv0: spec.argv0 } : {}),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      this.exit = Promise.resolve(startFailure(spec.argv, error));
      this.reaped = true;
      return;
    }
    this.child = child;
    this.exit = this.watch(child);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Whether the main process was reaped (its pid, and so its group id, may be reused). */
  get done(): boolean {
    return this.reaped;
  }

  stop(opts: StopOptions): Promise<StopReport> {
    this.stopping ??= this.stopOnce(opts.graceMs).finally(() => {
      this.stopping = undefined;
    });
    return this.stopping;
  }

  /** The process group, for stopping several steps at once. */
  group(): GroupHandle {
    return { pgid: this.pid, leaderReaped: () => this.reaped, relay: this.spec.relay ?? false };
  }

  private async stopOnce(graceMs: number): Promise<StopReport> {
    const report = await stopTarget({ groups: [this.group()], match: this.spec.match }, graceMs);
    await this.exit;
    return report;
  }

  private watch(child: ChildProcess): Promise<ExitStatus> {
    child.stdout!.on('data', (chunk: Buffer) => this.spec.onStdout(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.spec.onStderr(chunk));
    return new Promise<ExitStatus>((resolve) => {
      let settled = false;
      const settle = (status: ExitStatus): void => {
        this.reaped = true;
        if (!settled) resolve(status);
        settled = true;
      };
      child.once('error', (error) => settle(startFailure(this.spec.argv, error)));
      const status = (code: number | null, signal: NodeJS.Signals | null): ExitStatus =>
        this.spec.signalsAsCodes ? decodeSignal(code, signal) : { code, signal };
      child.once('close', (code, signal) => settle(status(code, signal)));
      child.once('exit', (code, signal) => {
        this.reaped = true;
        afterPollPhase(this.spec.lingerMs ?? DEFAULT_LINGER_MS, () => settle(status(code, signal)));
      });
    });
  }
}

/**
 * Runs `fn` after `ms` and after one more poll phase of the event loop, so
 * output the exited process wrote before exiting (already in the pipe) has
 * been read even if the loop was busy when the timer expired.
 */
function afterPollPhase(ms: number, fn: () => void): void {
  setTimeout(() => setImmediate(() => setImmediate(fn)), ms);
}

const SIGNAL_NAMES = new Map(
  Object.entries(constants.signals).map(([name, number]) => [number, name as NodeJS.Signals]),
);

/** 128+N from a relay means death by signal N (1..31); anything else is an exit code. */
export function decodeSignal(code: number | null, signal: NodeJS.Signals | null): ExitStatus {
  const name = code !== null && code > 128 && code < 160 ? SIGNAL_NAMES.get(code - 128) : undefined;
  return name ? { code: null, signal: name } : { code, signal };
}

function startFailure(argv: string[], error: unknown): ExitStatus {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: null,
    signal: null,
    error: `cannot start ${argv[0] ?? '(empty argv)'}: ${reason}`,
  };
}
