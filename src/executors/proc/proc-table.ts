/**
 * Reading the host's process table from /proc. Processes come and go while we
 * read, so every read tolerates a vanished pid.
 */
import { readdir, readFile } from 'node:fs/promises';
import { environMatches, type MarkerMatch } from './markers.ts';

export interface ProcStat {
  pid: number;
  /** R, S, D, Z, T… */
  state: string;
  ppid: number;
  pgid: number;
  sid: number;
}

export async function listPids(): Promise<number[]> {
  const names = await readdir('/proc');
  const pids: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) pids.push(pid);
  }
  return pids;
}

export async function readStat(pid: number): Promise<ProcStat | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'latin1').catch(() => undefined);
  if (text === undefined) return undefined;
  // comm may contain spaces and parentheses: the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    state: fields[0] ?? '?',
    ppid: Number(fields[1]),
    pgid: Number(fields[2]),
    sid: Number(fields[3]),
  };
}

export async function readEnviron(pid: number): Promise<Buffer | undefined> {
  return readFile(`/proc/${pid}/environ`).catch(() => undefined);
}

/** Pids carrying the markers (zombies have an empty environ and never match). */
export async function findMarked(match: MarkerMatch): Promise<number[]> {
  const pids = await listPids();
  const hits = await Promise.all(
    pids.map(async (pid) => {
      const environ = await readEnviron(pid);
      return environ !== undefined && environMatches(environ, match) ? pid : 0;
    }),
  );
  return hits.filter((pid) => pid !== 0);
}

/** Live (non-zombie) members of a process group. */
export async function groupMembers(pgid: number): Promise<number[]> {
  const stats = await Promise.all((await listPids()).map(readStat));
  return stats
    .filter((s): s is ProcStat => s !== undefined && s.pgid === pgid && s.state !== 'Z')
    .map((s) => s.pid);
}

export async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`).catch(() => Buffer.alloc(0));
  return raw.toString('utf8').replace(/\0+$/, '').split('\0').join(' ');
}
