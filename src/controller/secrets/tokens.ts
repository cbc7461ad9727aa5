/**
 * API and agent tokens. A token is a prefix that says what it is (`rig_u_`
 * for users, `rig_a_` for agents, so a leaked token is recognisable and
 * secret scanners can find it) followed by 32 random bytes in base64url.
 *
 * Only a hash is stored. SHA-256 is enough here, unlike for passwords: a
 * token carries 256 bits of randomness, so no dictionary or brute-force
 * search can find a preimage; slow hashes (bcrypt, scrypt) exist to stretch
 * guessable passwords and would only slow down every API request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const userTokenPrefix = 'rig_u_';
export const agentTokenPrefix = 'rig_a_';

export function generateToken(prefix: string): string {
  if (!/^[a-z0-9_]{1,16}$/.test(prefix))
    throw new RangeError(`token prefix must be [a-z0-9_]{1,16}: '${prefix}'`);
  return prefix + randomBytes(32).toString('base64url');
}

/** Hex SHA-256 of the whole token, prefix included. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of the token's hash with a stored hash. */
export function verifyToken(token: string, hash: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(hash)) return false;
  return timingSafeEqual(
    createHash('sha256').update(token, 'utf8').digest(),
    Buffer.from(hash, 'hex'),
  );
}
