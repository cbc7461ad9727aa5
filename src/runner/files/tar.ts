/**
 * A minimal tar (POSIX ustar, pax headers for long paths) for stash and
 * unstash: regular files with their mode, nothing else. Reading refuses
 * absolute paths and `..`, so an unstash cannot write outside its directory.
 */
const BLOCK = 512;

export interface TarEntry {
  path: string;
  mode: number;
  data: Buffer;
}

export function createTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (Buffer.byteLength(entry.path) > 100) {
      const record = paxRecord('path', entry.path);
      parts.push(header('././@PaxHeader', 0o644, record.length, 'x'), pad(record));
    }
    parts.push(
      header(entry.path.slice(0, 100), entry.mode, entry.data.length, '0'),
      pad(entry.data),
    );
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

export function readTar(tar: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  let offset = 0;
  let longPath: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const h = tar.subarray(offset, offset + BLOCK);
    if (h.every((b) => b === 0)) break;
    const size = octal(h, 124, 12);
    const type = String.fromCharCode(h[156] ?? 0);
    const data = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longPath = parsePax(data).path ?? longPath;
      continue;
    }
    if (type === 'L') {
      longPath = data.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    const prefix = text(h, 345, 155);
    const name = longPath ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
    longPath = undefined;
    if (type !== '0' && type !== '\0') continue;
    out.push({ path: safePath(name), mode: octal(h, 100, 8) & 0o7777, data: Buffer.from(data) });
  }
  return out;
}

function header(name: string, mode: number, size: number, type: string): Buffer {
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'utf8');
  h.write(octalField(mode, 8), 100);
  h.write(octalField(0, 8), 108);
  h.write(octalField(0, 8), 116);
  h.write(octalField(size, 12), 124);
  h.write(octalField(Math.floor(Date.now() / 1000), 12), 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\u000000', 257, 'binary');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'binary');
  return h;
}

function octalField(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\u0000`;
}

function octal(h: Buffer, start: number, length: number): number {
  const s = text(h, start, length).trim();
  return s ? Number.parseInt(s, 8) : 0;
}

function text(h: Buffer, start: number, length: number): string {
  return h
    .subarray(start, start + length)
    .toString('utf8')
    .replace(/\0.*$/s, '');
}

function pad(data: Buffer): Buffer {
  const rest = data.length % BLOCK;
  return rest === 0 ? data : Buffer.concat([data, Buffer.alloc(BLOCK - rest)]);
}

function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length)
    length = String(length).length + Buffer.byteLength(body);
  return Buffer.from(`${length}${body}`, 'utf8');
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of data.toString('utf8').split('\n')) {
    const m = /^\d+ ([^=]+)=(.*)$/s.exec(line);
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

function safePath(path: string): string {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (path.startsWith('/') || parts.includes('..') || parts.length === 0) {
    throw new Error(`unsafe path in archive: ${path}`);
  }
  return parts.join('/');
}
