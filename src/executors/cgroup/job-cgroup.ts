/**
 * A job's cgroup: one directory per job (per hierarchy on v1) carrying the
 * limits, with leaf groups below it. Steps join the `steps` leaf; a sandbox's
 * namespace holder joins `init`, so stopping every step leaves the sandbox
 * standing for `post`. Kill means every member of a leaf dies at once,
 * double-forked and `setsid` orphans included, without scanning /proc.
 */
export const STEPS_LEAF = 'steps';

export interface JobCgroup {
  readonly version: 'v1' | 'v2';
  /** The job's directories (one per v1 hierarchy). */
  readonly paths: string[];
  /** What the limits became, for the build log ("memory 256 MiB", "cpus: not available"). */
  readonly limitNotes: string[];
  /** Creates a leaf (idempotent) and returns the files a process writes its pid to, to join it. */
  leaf(name: string): string[];
  members(leaf?: string): Promise<number[]>;
  /** Kills every member of the leaf (or of the whole job); resolves once they are gone. */
  kill(leaf?: string): Promise<number[]>;
  /** Kills everything and removes the directories. Idempotent. */
  destroy(): Promise<void>;
}

export interface Limits {
  memoryBytes?: number;
  cpus?: number;
  pids?: number;
}

export const CFS_PERIOD_US = 100_000;

export function formatBytes(bytes: number): string {
  const mib = bytes / (1 << 20);
  return Number.isInteger(mib) ? `${mib} MiB` : `${bytes} bytes`;
}
