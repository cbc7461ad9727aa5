/**
 * Reading the host's process table from /proc. Processes come and go while we
 * read, so every read tolerates a vanished pid.
 *
 * Whole-table scans read synchronously: /proc files are generated in memory,
 * a sync read costs microseconds, while hundreds of async reads queue on
 * libuv's four-thread pool and made every teardown wait tens of milliseconds.
 */
import { readdirSync, readFileSync } from 'node:fs';
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
  return listPidsNow(await readdir('/proc'));
}

function listPidsNow(names: string[] = readdirSync('/proc')): number[] {
  const pids: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) pids.push(pid);
  }
  return pids;
}

export async function readStat(pid: number): Promise<ProcStat | undefined> {
  return parseStat(pid, await readFile(`/proc/${pid}/stat`).catch(() => undefined));
}

function parseStat(pid: number, raw: Buffer | undefined): ProcStat | undefined {
  if (raw === undefined) return undefined;
  const text = raw.toString('latin1');
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
export function findMarked(match: MarkerMatch): Promise<number[]> {
  const hits = environs().filter(([, environ]) => environMatches(environ, match));
  return Promise.resolve(hits.map(([pid]) => pid));
}

/** Every readable process environment, read in one synchronous pass. */
export function environs(): Array<[number, Buffer]> {
  const out: Array<[number, Buffer]> = [];
  for (const pid of listPidsNow()) {
    const environ = readSync(`/proc/${pid}/environ`);
    if (environ !== undefined && environ.length > 0) out.push([pid, environ]);
  }
  return out;
}

function readSync(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Live (non-zombie) members of a process group. */
export function groupMembers(pgid: number): Promise<number[]> {
  const stats = listPidsNow().map((pid) => parseStat(pid, readSync(`/proc/${pid}/stat`)));
  return Promise.resolve(
    stats
      .filter((s): s is ProcStat => s !== undefined && s.pgid === pgid && s.state !== 'Z')
      .map((s) => s.pid),
  );
}

export async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`).catch(() => Buffer.alloc(0));
  return raw.toString('utf8').replace(/\0+$/, '').split('\0').join(' ');
}
