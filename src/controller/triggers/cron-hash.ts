/**
 * Jenkins' `H`: a stable pseudo-random choice per job. Jenkins seeds
 * `java.util.Random` with the MD5 of the job's full name (folded to 64 bits)
 * and draws `nextInt(n)` once per `H`, left to right, across all lines of
 * the spec (`hudson.scheduler.Hash`). We reproduce that generator bit for bit,
 * so a job keeps the minute it had in Jenkins.
 */
import { createHash } from 'node:crypto';

/** Produces integers in [0, n); one draw per `H` in the spec. */
export interface CronHash {
  next(n: number): number;
}

const multiplier = 0x5deece66dn;
const increment = 0xbn;
const mask48 = (1n << 48n) - 1n;

/** `java.util.Random`, as specified by its Javadoc (48-bit LCG). */
export class JavaRandom {
  private seed: bigint;

  constructor(seed: bigint) {
    this.seed = (BigInt.asUintN(64, seed) ^ multiplier) & mask48;
  }

  private nextBits(bits: number): number {
    this.seed = (this.seed * multiplier + increment) & mask48;
    return Number(this.seed >> BigInt(48 - bits));
  }

  /** `Random.nextInt(bound)`, including its rejection loop for unbiased results. */
  nextInt(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0)
      throw new RangeError(`bound must be positive: ${bound}`);
    let r = this.nextBits(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
    // Java loops while `u - r + m` overflows a signed 32-bit int.
    for (let u = r; u - (r = u % bound) + m > 0x7fffffff; u = this.nextBits(31));
    return r;
  }
}

/** Jenkins' `Hash.from(seed)`: MD5 of the UTF-8 seed, folded to 8 bytes, big-endian. */
export function jenkinsHash(seed: string): CronHash {
  const digest = createHash('md5').update(seed, 'utf8').digest();
  for (let i = 8; i < digest.length; i++) digest[i % 8]! ^= digest[i]!;
  const random = new JavaRandom(digest.readBigUInt64BE(0));
  return { next: (n) => random.nextInt(n) };
}
