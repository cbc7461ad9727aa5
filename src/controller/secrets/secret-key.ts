/**
 * The controller's master key for credentials at rest: 32 random bytes,
 * from `RIG_SECRET_KEY` (base64) when set, else from `<dataDir>/secret.key`,
 * which is created on first use with mode 0600. Creation is atomic and exclusive, so two
 * processes starting at once agree on one key. A key file that others can
 * read is refused, as ssh refuses such private keys.
 *
 * Losing the key loses every stored credential; back it up with the data
 * directory, or set `RIG_SECRET_KEY` from a secret manager.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const keyBytes = 32;

export type SecretKeyResult =
  { key: Buffer; source: 'env' | 'file'; path?: string; created: boolean } | { error: string };

export async function loadSecretKey(options: {
  dataDir: string;
  env?: Record<string, string | undefined>;
}): Promise<SecretKeyResult> {
  const fromEnv = (options.env ?? process.env).RIG_SECRET_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const key = decodeKey(fromEnv);
    return key
      ? { key, source: 'env', created: false }
      : {
          error: `RIG_SECRET_KEY must be ${keyBytes} bytes in base64 (e.g. openssl rand -base64 32)`,
        };
  }
  const path = join(options.dataDir, 'secret.key');
  try {
    return await readOrCreate(options.dataDir, path);
  } catch (e) {
    return { error: `cannot use ${path}: ${(e as Error).message}` };
  }
}

export function decodeKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === keyBytes && key.toString('base64') === trimmed ? key : undefined;
}

async function readOrCreate(dataDir: string, path: string): Promise<SecretKeyResult> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(keyBytes);
  // Write a complete file aside, then link it into place: link() fails if the
  // key exists, so a concurrent starter never sees a half-written key.
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(key.toString('base64') + '\n');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(temp, path);
    return { key, source: 'file', path, created: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readExisting(path);
  } finally {
    await rm(temp, { force: true });
  }
}

async function readExisting(path: string): Promise<SecretKeyResult> {
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    return {
      error: `${path} is readable by others (mode ${mode.toString(8)}): run chmod 600 ${path}`,
    };
  }
  const text = await readFile(path, 'utf8');
  // Another process may have created the file a moment ago and not written it yet.
  if (text === '')
    return { error: `${path} is empty: remove it to create a new key, or restore it from backup` };
  const key = decodeKey(text);
  return key
    ? { key, source: 'file', path, created: false }
    : { error: `${path} does not hold a ${keyBytes}-byte base64 key` };
}
