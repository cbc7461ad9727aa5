/**
 * A containers.conf for one job, named by `CONTAINERS_CONF` in its steps'
 * environment, so every container the job creates with podman carries the
 * job's marker (the teardown diff traces it, the marker sweep stops its
 * processes) and, on hosts where root lacks CAP_SYS_RESOURCE (ours), the
 * rlimits podman otherwise fails to set. It is podman's vendor file with our
 * keys added; with an admin containers.conf present we would hide it (podman
 * reads only CONTAINERS_CONF when set), so we do not inject and say why.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUILD_MARKER } from '../proc/markers.ts';

const VENDOR = '/usr/share/containers/containers.conf';
const ADMIN = ['/etc/containers/containers.conf', '/etc/containers/containers.conf.d'];
const DEFAULT_ENV = [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'TERM=xterm',
];
/** What podman needs on hosts without CAP_SYS_RESOURCE (docs/executors.md). */
export const ULIMIT_FIX = ['nofile=20000:20000', 'nproc=32768:32768'];

export type ConfOutcome = { path: string } | { skip: string };

export async function writeJobContainersConf(jobId: string, dir: string): Promise<ConfOutcome> {
  const admin = ADMIN.find((p) => existsSync(p) && !emptyDir(p));
  if (admin) return { skip: `${admin} exists and CONTAINERS_CONF would hide it` };
  const vendor = existsSync(VENDOR) ? readFileSync(VENDOR, 'utf8') : '';
  if (/^\s*(env|default_ulimits|annotations)\s*=/m.test(vendor)) {
    return { skip: `${VENDOR} sets env/default_ulimits itself` };
  }
  const path = join(dir, 'containers.conf');
  await writeFile(path, withKeys(vendor, ourKeys(jobId)));
  return { path };
}

function ourKeys(jobId: string): string {
  const list = (values: string[]): string => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  const lines = [
    `env = ${list([...DEFAULT_ENV, `${BUILD_MARKER}=${jobId}`])}`,
    `annotations = ${list([`rig.job=${jobId}`])}`,
  ];
  if (lacksSysResource()) lines.push(`default_ulimits = ${list(ULIMIT_FIX)}`);
  return lines.join('\n');
}

/** Inserts the keys at the top of the [containers] table (or adds the table). */
function withKeys(vendor: string, keys: string): string {
  const header = /^\[containers\]\s*$/m;
  if (header.test(vendor)) return vendor.replace(header, `[containers]\n${keys}`);
  return `[containers]\n${keys}\n\n${vendor}`;
}

/** CAP_SYS_RESOURCE is bit 24 of the effective set. */
export function lacksSysResource(): boolean {
  const status = readFileSync('/proc/self/status', 'utf8');
  const hex = /^CapEff:\s*([0-9a-f]+)/m.exec(status)?.[1] ?? '0';
  return (BigInt(`0x${hex}`) & (1n << 24n)) === 0n;
}

function emptyDir(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}
