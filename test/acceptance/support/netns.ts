/**
 * A network namespace joined to the host by a veth pair, so an agent inside
 * can be cut off by setting the link down. Names and the /30 are random per
 * run; `remove` deletes both (deleting the namespace deletes the pair).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';

export interface Netns {
  name: string;
  hostAddress: string;
  /** `ip netns exec NAME`: run a command inside. */
  prefix: string[];
  cut(): void;
  restore(): void;
  remove(): void;
}

const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' });

export function createNetns(): Netns {
  const id = randomBytes(3).toString('hex');
  const name = `rig-acc-${id}`;
  const host = `rga${id}`;
  const peer = `rgb${id}`;
  // 10.200-249.x.y/30: two addresses, unlikely to meet another run's.
  const base = `10.${200 + randomInt(50)}.${randomInt(256)}`;
  const last = randomInt(63) * 4;
  const hostAddress = `${base}.${last + 1}`;
  const nsAddress = `${base}.${last + 2}`;
  ip('netns', 'add', name);
  try {
    ip('link', 'add', host, 'type', 'veth', 'peer', 'name', peer);
    ip('link', 'set', peer, 'netns', name);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', host);
    ip('link', 'set', host, 'up');
    ip('-n', name, 'addr', 'add', `${nsAddress}/30`, 'dev', peer);
    ip('-n', name, 'link', 'set', peer, 'up');
    ip('-n', name, 'link', 'set', 'lo', 'up');
  } catch (err) {
    remove();
    throw err;
  }
  function remove(): void {
    try {
      ip('link', 'del', host);
    } catch {
      // Already gone with the namespace.
    }
    try {
      ip('netns', 'del', name);
    } catch {
      // Never made.
    }
  }
  return {
    name,
    hostAddress,
    prefix: ['ip', 'netns', 'exec', name],
    cut: () => ip('link', 'set', host, 'down'),
    restore: () => ip('link', 'set', host, 'up'),
    remove,
  };
}
