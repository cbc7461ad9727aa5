/**
 * `network: 'uplink'`: a veth pair from the host into the sandbox, a /30 out
 * of 10.213.0.0/16 picked from the job id (the next free one on collision),
 * a default route inside, and NAT (MASQUERADE) out of the host. Forwarding
 * is enabled host-wide (net.ipv4.ip_forward=1) and left on: other uplinks
 * may be using it. DNS inside uses the host's /etc/resolv.conf; a resolver
 * on the host's loopback (systemd-resolved's 127.0.0.53) is not reachable.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { LedgerEntry } from '../contract.ts';
import { briefError, runCommand } from '../proc/run-command.ts';

export interface Uplink {
  entry: LedgerEntry;
  hostAddress: string;
  sandboxAddress: string;
  destroy(): Promise<void>;
}

export async function createUplink(jobId: string, initPid: number): Promise<Uplink> {
  const hash = createHash('sha256').update(jobId).digest();
  const hostIf = `rigu-${hash.subarray(0, 4).toString('hex')}`;
  const [host, inside, cidr] = await freeSubnet(hash.readUInt16BE(4));
  const nat = [
    '-s',
    cidr,
    '!',
    '-o',
    hostIf,
    '-j',
    'MASQUERADE',
    '-m',
    'comment',
    '--comment',
    `rig-${jobId}`,
  ];
  const forward = (dir: '-i' | '-o'): string[] => [dir, hostIf, '-j', 'ACCEPT'];
  const destroy = async (): Promise<void> => {
    await runCommand(['iptables', '-t', 'nat', '-D', 'POSTROUTING', ...nat]);
    await runCommand(['iptables', '-D', 'FORWARD', ...forward('-i')]);
    await runCommand(['iptables', '-D', 'FORWARD', ...forward('-o')]);
    const del = await runCommand(['ip', 'link', 'del', hostIf]);
    if (!del.ok && (await runCommand(['ip', 'link', 'show', hostIf])).ok)
      throw new Error(briefError(del));
  };
  try {
    await must([
      'ip',
      'link',
      'add',
      hostIf,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      String(initPid),
    ]);
    await must(['ip', 'addr', 'add', `${host}/30`, 'dev', hostIf]);
    await must(['ip', 'link', 'set', hostIf, 'up']);
    const inside_ = `addr add ${inside}/30 dev eth0\nlink set eth0 up\nroute add default via ${host}\n`;
    await must(['nsenter', `--target=${initPid}`, '--net', '--', 'ip', '-batch', '-'], inside_);
    await writeFile('/proc/sys/net/ipv4/ip_forward', '1');
    await must(['iptables', '-t', 'nat', '-A', 'POSTROUTING', ...nat]);
    await must(['iptables', '-I', 'FORWARD', ...forward('-i')]);
    await must(['iptables', '-I', 'FORWARD', ...forward('-o')]);
  } catch (error) {
    await destroy().catch(() => undefined);
    throw error;
  }
  const entry: LedgerEntry = {
    kind: 'link',
    id: hostIf,
    source: 'executor',
    detail: { uplink: cidr },
  };
  return { entry, hostAddress: host, sandboxAddress: inside, destroy };
}

async function must(argv: string[], input?: string): Promise<void> {
  const result = await runCommand(argv, input === undefined ? {} : { input });
  if (!result.ok) throw new Error(`${argv.slice(0, 3).join(' ')}: ${briefError(result)}`);
}

/** [host address, sandbox address, cidr] of a /30 no host interface uses yet. */
async function freeSubnet(seed: number): Promise<[string, string, string]> {
  const used = (await runCommand(['ip', '-4', '-o', 'addr', 'show'])).stdout;
  for (let i = 0; i < 16384; i++) {
    const n = ((seed + i) % 16384) * 4;
    const base = `10.213.${n >> 8}.`;
    const low = n & 0xff;
    if (!used.includes(` ${base}${low + 1}/`)) {
      return [`${base}${low + 1}`, `${base}${low + 2}`, `${base}${low}/30`];
    }
  }
  throw new Error('no free /30 in 10.213.0.0/16 for the uplink');
}
