/** Processes by pid namespace: what is left of a sandbox or a container. */
import { readlink } from 'node:fs/promises';
import { listPids, readStat } from './proc-table.ts';

export async function pidNamespaceOf(pid: number): Promise<string> {
  return readlink(`/proc/${pid}/ns/pid`);
}

/** Live (non-zombie: zombies hold no namespaces) members of a pid namespace. */
export async function pidNamespaceMembers(pidns: string): Promise<number[]> {
  const found: number[] = [];
  await Promise.all(
    (await listPids()).map(async (pid) => {
      if ((await readlink(`/proc/${pid}/ns/pid`).catch(() => '')) !== pidns) return;
      if ((await readStat(pid))?.state !== 'Z') found.push(pid);
    }),
  );
  return found;
}
