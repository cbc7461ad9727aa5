/**
 * Credentials at rest, sealed with AES-256-GCM.
 *
 * A sealed record is `[key version: 1 byte][IV: 12 bytes][auth tag: 16 bytes][ciphertext]`.
 * Each record gets a fresh random IV (with at most billions of records per key,
 * random 96-bit IVs stay far from a collision). The version byte names the
 * key, so keys can be rotated: keep old keys in the ring to open old records,
 * seal new ones with the newest. The associated data binds a record to its
 * version and to a context chosen by the caller (the credential id), so a
 * record copied onto another credential does not open. Any change to a
 * record, its version or its context is detected by GCM's tag.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { keyBytes, loadSecretKey } from './secret-key.ts';

const ivBytes = 12;
const tagBytes = 16;
const headerBytes = 1 + ivBytes + tagBytes;

export type OpenResult = { plaintext: Buffer } | { error: string };

export class CredentialVault {
  private readonly keys: ReadonlyMap<number, Buffer>;
  private readonly current: number;

  /** `keys` maps version (1–255) to a 32-byte key; the highest version seals. */
  constructor(keys: ReadonlyMap<number, Buffer>) {
    for (const [version, key] of keys) {
      if (!Number.isInteger(version) || version < 1 || version > 255)
        throw new RangeError(`bad key version ${version}`);
      if (key.length !== keyBytes) throw new RangeError(`key ${version} must be ${keyBytes} bytes`);
    }
    if (keys.size === 0) throw new RangeError('a vault needs a key');
    this.keys = keys;
    this.current = Math.max(...keys.keys());
  }

  /** Opens the vault with the controller's key (`RIG_SECRET_KEY` or `<dataDir>/secret.key`) as version 1. */
  static async open(options: {
    dataDir: string;
    env?: Record<string, string | undefined>;
  }): Promise<CredentialVault | { error: string }> {
    const loaded = await loadSecretKey(options);
    if ('error' in loaded) return loaded;
    return new CredentialVault(new Map([[1, loaded.key]]));
  }

  seal(plaintext: Buffer | string, context: string): Buffer {
    const key = this.keys.get(this.current)!;
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
    cipher.setAAD(associatedData(this.current, context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.from([this.current]), iv, cipher.getAuthTag(), body]);
  }

  open(record: Buffer, context: string): OpenResult {
    if (record.length < headerBytes) return { error: 'sealed record is too short' };
    const version = record[0]!;
    const key = this.keys.get(version);
    if (!key)
      return { error: `sealed with key version ${version}, which this vault does not have` };
    const decipher = createDecipheriv('aes-256-gcm', key, record.subarray(1, 1 + ivBytes), {
      authTagLength: tagBytes,
    });
    decipher.setAAD(associatedData(version, context));
    decipher.setAuthTag(record.subarray(1 + ivBytes, headerBytes));
    try {
      return {
        plaintext: Buffer.concat([decipher.update(record.subarray(headerBytes)), decipher.final()]),
      };
    } catch {
      return { error: 'sealed record was altered, or belongs to another credential or key' };
    }
  }

  /** Seals a JSON value (a credential payload); returns base64 for a text column. */
  sealJson(value: unknown, context: string): string {
    return this.seal(JSON.stringify(value), context).toString('base64');
  }

  openJson(sealed: string, context: string): { value: unknown } | { error: string } {
    const opened = this.open(Buffer.from(sealed, 'base64'), context);
    if ('error' in opened) return opened;
    try {
      return { value: JSON.parse(opened.plaintext.toString('utf8')) as unknown };
    } catch {
      return { error: 'sealed record does not hold JSON' };
    }
  }
}

function associatedData(version: number, context: string): Buffer {
  return Buffer.concat([Buffer.from(`rig-credential\0${version}\0`), Buffer.from(context, 'utf8')]);
}
