/** After teardown: which recorded entries are still on the host. */
import { existsSync } from 'node:fs';
import type { LedgerEntry } from '../contract.ts';
import { findMarked } from '../proc/proc-table.ts';
import type { HostSnapshot } from './snapshot.ts';

export async function stillPresent(entries: LedgerEntry[], now: HostSnapshot): Promise<string[]> {
  const left: string[] = [];
  for (const entry of entries) {
    if (await present(entry, now)) left.push(`${entry.kind} ${entry.id} (${entry.source})`);
  }
  return left;
}

async function present(entry: LedgerEntry, now: HostSnapshot): Promise<boolean> {
  switch (entry.kind) {
    case 'netns':
      return entry.id in now.netns;
    case 'link':
      return !entry.detail?.netns && entry.id in now.links;
    case 'mount':
      return Object.values(now.mounts).some((m) => m.mountPoint === entry.id);
    case 'container':
      return entry.id in now.containers || Object.values(now.containers).includes(entry.id);
    case 'cgroup':
    case 'tmpdir':
      return entry.id.startsWith('/') && existsSync(entry.id);
    case 'process':
      return (
        entry.detail?.jobId !== undefined &&
        (await findMarked({ jobId: entry.detail.jobId })).includes(
          Number(entry.detail.pid ?? entry.id),
        )
      );
    case 'loop':
    case 'vm':
    case 'machine':
      return false;
  }
}
