import { randomBytes } from 'node:crypto';

/** Short random ids with a kind prefix: `b` builds, `j` jobs, `a` agents, `t` tokens. */
export function newId(prefix: string): string {
  return `${prefix}${randomBytes(6).toString('hex')}`;
}
