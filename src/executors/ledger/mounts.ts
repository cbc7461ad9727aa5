/** Mounts, read from mountinfo and removed politely first, lazily if busy. */
import { readFile } from 'node:fs/promises';
import { briefError, runCommand } from '../proc/run-command.ts';

export interface MountInfo {
  id: number;
  mountPoint: string;
  fsType: string;
  source: string;
}

export async function readMounts(pid: number | 'self' = 'self'): Promise<MountInfo[]> {
  const text = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map(parseMountLine);
}

function parseMountLine(line: string): MountInfo {
  // id parent major:minor root mountpoint options [optional…] - fstype source superopts
  const [left = '', right = ''] = line.split(' - ');
  const fields = left.split(' ');
  const [fsType = '', source = ''] = right.split(' ');
  return {
    id: Number(fields[0]),
    mountPoint: unescape(fields[4] ?? ''),
    fsType,
    source: unescape(source),
  };
}

/** mountinfo writes space, tab, newline and backslash as octal escapes. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}

/** Mount points at or below `dir`, deepest (and newest) first. */
export async function mountsUnder(dir: string): Promise<string[]> {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`;
  const points = (await readMounts())
    .map((m) => m.mountPoint)
    .filter((p) => p === dir || p.startsWith(prefix));
  return [...new Set(points)].reverse();
}

/** Unmounts each point (every stacked mount on it); `umount -l` when busy. */
export async function unmountAll(points: string[]): Promise<void> {
  const errors: string[] = [];
  for (const point of points) {
    for (let layer = 0; layer < 32 && (await isMounted(point)); layer++) {
      const polite = await runCommand(['umount', point]);
      if (polite.ok) continue;
      const lazy = await runCommand(['umount', '--lazy', point]);
      if (!lazy.ok) {
        errors.push(`${point}: ${briefError(lazy)}`);
        break;
      }
    }
  }
  if (errors.length > 0) throw new Error(errors.join('; '));
}

async function isMounted(point: string): Promise<boolean> {
  return (await readMounts()).some((m) => m.mountPoint === point);
}
