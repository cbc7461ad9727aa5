/** Signals that never throw: a process that is already gone is not an error. */

/** Sends `signal` to one pid; true when it was delivered. */
export function signalPid(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends `signal` to a whole process group. Only call this while the group
 * leader has not been reaped: after that the number may be reused.
 */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  return pgid > 1 && signalPid(-pgid, signal);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
