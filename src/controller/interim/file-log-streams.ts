/**
 * STAND-IN until controller-libs' `src/controller/logs/` LogStore lands on
 * main; then `rig serve` wires that one behind the same `LogStreams` port and
 * this file goes. One append-only file per stream, a sparse line index (every
 * 1024th line) so memory stays bounded, and the last applied seq beside it.
 */
import { EventEmitter } from 'node:events';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { LogStreams } from '../ports.ts';

const STRIDE = 1024;

interface StreamState {
  lastSeq: number;
  lines: number;
  bytes: number;
  /** Byte offset of line i*STRIDE. */
  index: number[];
}

export function openFileLogStreams(dir: string): LogStreams {
  mkdirSync(dir, { recursive: true });
  const states = new Map<string, StreamState>();
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const file = (key: string): string => join(dir, `${key.replace(/[^A-Za-z0-9._-]/g, '_')}.log`);

  const state = (key: string): StreamState => {
    let s = states.get(key);
    if (!s) {
      s = load(file(key));
      states.set(key, s);
    }
    return s;
  };

  return {
    append(key, seq, lines) {
      const s = state(key);
      if (seq <= s.lastSeq || lines.length === 0) {
        if (seq > s.lastSeq) s.lastSeq = seq;
        writeFileSync(`${file(key)}.seq`, String(s.lastSeq));
        return Promise.resolve();
      }
      const text = lines.map((l) => `${l}\n`).join('');
      const firstLine = s.lines;
      let offset = s.bytes;
      for (const l of lines) {
        if (s.lines % STRIDE === 0) s.index.push(offset);
        offset += Buffer.byteLength(l) + 1;
        s.lines++;
      }
      appendFileSync(file(key), text);
      s.bytes = offset;
      s.lastSeq = seq;
      writeFileSync(`${file(key)}.seq`, String(seq));
      emitter.emit(key, lines, firstLine);
      return Promise.resolve();
    },
    lineCount: (key) => Promise.resolve(state(key).lines),
    byteSize: (key) => Promise.resolve(state(key).bytes),
    readLines(key, from, to) {
      const s = state(key);
      const start = Math.max(0, from);
      const end = Math.min(to, s.lines);
      if (start >= end) return Promise.resolve([]);
      const block = Math.floor(start / STRIDE);
      const out: string[] = [];
      let line = block * STRIDE;
      forEachLine(file(key), s.index[block] ?? 0, s.bytes, (text) => {
        if (line >= start) out.push(text);
        line++;
        return line < end;
      });
      return Promise.resolve(out);
    },
    readBytes(key, start, end) {
      const s = state(key);
      const to = Math.min(end, s.bytes);
      if (start >= to) return Promise.resolve(Buffer.alloc(0));
      const buf = Buffer.alloc(to - start);
      const fd = openSync(file(key), 'r');
      try {
        readSync(fd, buf, 0, buf.length, start);
      } finally {
        closeSync(fd);
      }
      return Promise.resolve(buf);
    },
    follow(key, listener) {
      emitter.on(key, listener);
      return () => emitter.off(key, listener);
    },
  };
}

function load(path: string): StreamState {
  const s: StreamState = { lastSeq: 0, lines: 0, bytes: 0, index: [] };
  if (existsSync(`${path}.seq`)) s.lastSeq = Number(readFileSync(`${path}.seq`, 'utf8')) || 0;
  if (!existsSync(path)) return s;
  s.bytes = statSync(path).size;
  let offset = 0;
  forEachLine(path, 0, s.bytes, (text) => {
    if (s.lines % STRIDE === 0) s.index.push(offset);
    offset += Buffer.byteLength(text) + 1;
    s.lines++;
    return true;
  });
  return s;
}

/** Reads lines from `start` in 64 KiB blocks; stops when `visit` returns false. */
function forEachLine(
  path: string,
  start: number,
  size: number,
  visit: (line: string) => boolean,
): void {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    let pos = start;
    let carry = Buffer.alloc(0);
    while (pos < size) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos);
      if (n <= 0) break;
      pos += n;
      let data = carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      let nl = data.indexOf(10);
      while (nl !== -1) {
        if (!visit(data.subarray(0, nl).toString('utf8'))) return;
        data = data.subarray(nl + 1);
        nl = data.indexOf(10);
      }
      carry = Buffer.from(data);
    }
  } finally {
    closeSync(fd);
  }
}
