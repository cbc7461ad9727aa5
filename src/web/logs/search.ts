/**
 * Server-side search over one log stream, streamed: it reads the stream's
 * bytes in 1 MiB blocks (never the whole log at once), matches each line
 * with escape sequences stripped, and yields hits as it finds them, with a
 * progress row every few blocks so a client can show how far it got.
 */
import type { LogStreams } from '../../controller/ports.ts';
import type { SearchRow } from '../shared/log-api.ts';
import { stripAnsi } from '../shared/ansi-carry.ts';

const BLOCK = 1 << 20;
const PROGRESS_EVERY = 8;

export interface SearchOptions {
  query: string;
  /** Treat the query as a regular expression (JavaScript syntax). */
  regex?: boolean;
  /** Default: case-sensitive only when the query has an upper-case letter ("smart case"). */
  caseSensitive?: boolean;
  maxHits?: number;
  signal?: AbortSignal;
}

/** A matcher from the options, or a message saying why the query is not valid. */
export function compileQuery(o: SearchOptions): RegExp | string {
  if (o.query === '') return 'the query is empty';
  const sensitive = o.caseSensitive ?? /\p{Lu}/u.test(o.query);
  const source = o.regex ? o.query : o.query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(source, `g${sensitive ? '' : 'i'}u`);
  } catch (err) {
    return `not a valid regular expression: ${(err as Error).message}`;
  }
}

export async function* searchLog(
  logs: LogStreams,
  key: string,
  o: SearchOptions,
): AsyncGenerator<SearchRow> {
  const re = compileQuery(o);
  if (typeof re === 'string') {
    yield { kind: 'error', message: re };
    return;
  }
  const max = o.maxHits ?? 10_000;
  const size = await logs.byteSize(key);
  const total = await logs.lineCount(key);
  let line = 0;
  let hits = 0;
  let carry = '';
  const decoder = new TextDecoder();
  for (let pos = 0, block = 0; pos < size; pos += BLOCK, block++) {
    if (o.signal?.aborted) return;
    const text =
      carry +
      decoder.decode(await logs.readBytes(key, pos, Math.min(size, pos + BLOCK)), { stream: true });
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const l of lines) {
      for (const m of matches(re, l)) {
        yield { kind: 'hit', line, start: m[0], end: m[1] };
        if (++hits >= max) {
          yield { kind: 'done', hits, truncated: true, scanned: line + 1 };
          return;
        }
      }
      line++;
    }
    if (block % PROGRESS_EVERY === PROGRESS_EVERY - 1)
      yield { kind: 'progress', scanned: line, total };
  }
  yield { kind: 'done', hits, truncated: false, scanned: line };
}

/** Match spans in the line as shown (escapes stripped); at most 20 per line. */
function matches(re: RegExp, raw: string): Array<[number, number]> {
  const text = stripAnsi(raw);
  re.lastIndex = 0;
  if (!re.test(text)) return [];
  re.lastIndex = 0;
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(re)) {
    if (m[0] === '') break;
    out.push([m.index, m.index + m[0].length]);
    if (out.length >= 20) break;
  }
  return out;
}
