/**
 * Java regular expressions on JavaScript's engine. The common syntax is the
 * same; leading inline flags (`(?i)`), `\A` and `\z` are translated, and a
 * pattern JavaScript cannot compile is an error naming the pattern.
 */
import type { Span } from '../../pipeline/model/span.ts';
import { ScriptError } from '../errors.ts';
import { GMatcher } from './values.ts';

const cache = new Map<string, RegExp>();

export function javaRegex(pattern: string, span: Span | undefined, extraFlags = ''): RegExp {
  const key = `${extraFlags}/${pattern}`;
  const known = cache.get(key);
  if (known) return new RegExp(known.source, known.flags);
  let source = pattern;
  let flags = 'u';
  for (;;) {
    const m = /^\(\?([imsx]+)\)/.exec(source);
    if (!m) break;
    for (const f of m[1] ?? '') if (f !== 'x' && !flags.includes(f)) flags += f;
    source = source.slice(m[0].length);
  }
  source = source.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  for (const f of extraFlags) if (!flags.includes(f)) flags += f;
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch {
    try {
      re = new RegExp(source, flags.replace('u', ''));
    } catch (err) {
      throw new ScriptError(
        `invalid regular expression /${pattern}/: ${(err as Error).message}`,
        span,
        'java.util.regex.PatternSyntaxException',
      );
    }
  }
  cache.set(key, re);
  return new RegExp(re.source, re.flags);
}

/** Java's `String.matches`: the whole input must match. */
export function fullMatch(input: string, pattern: string, span: Span | undefined): boolean {
  const re = javaRegex(`(?:${pattern})`, span);
  const anchored = new RegExp(`^(?:${re.source})$`, re.flags);
  return anchored.test(input);
}

/** `input =~ pattern`: every match, in order. */
export function matcher(input: string, pattern: string, span: Span | undefined): GMatcher {
  const re = javaRegex(pattern, span, 'g');
  const matches: RegExpExecArray[] = [];
  for (let m = re.exec(input); m; m = re.exec(input)) {
    matches.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  return new GMatcher(input, pattern, matches, false);
}

/** Java's replacement syntax (`$1`, `\$`) in JavaScript's (`$1`, `$$`). */
export function javaReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i] ?? '';
      out += next === '$' ? '$$' : next;
    } else out += ch;
  }
  return out;
}

/** Java's `String.split(regex)`: trailing empty strings are dropped; a limit keeps the rest. */
export function javaSplit(
  input: string,
  pattern: string,
  span: Span | undefined,
  limit = 0,
): string[] {
  if (input === '') return [''];
  const re = javaRegex(pattern, span, 'g');
  const parts: string[] = [];
  let last = 0;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    if (m[0] === '') {
      re.lastIndex++;
      // A zero-width match at the start or end never makes an empty piece.
      if (m.index === 0 || m.index >= input.length) continue;
    }
    if (limit > 0 && parts.length === limit - 1) break;
    parts.push(input.slice(last, m.index));
    last = m.index + m[0].length;
  }
  parts.push(input.slice(last));
  if (limit === 0) {
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  }
  return parts;
}
