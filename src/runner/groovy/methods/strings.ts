/** The String methods Jenkinsfiles use (Java's plus Groovy's additions). */
import { ScriptError } from '../../errors.ts';
import { toStr } from '../format.ts';
import { fullMatch, javaRegex, javaReplacement, javaSplit, matcher } from '../regex.ts';
import { GClosure, GPattern } from '../values.ts';
import type { Value } from '../values.ts';
import { javaFormat } from './java-format.ts';
import type { MethodEnv, MethodTable } from './support.ts';
import {
  argAt,
  closureArg,
  normIndex,
  numArg,
  optClosure,
  parseDecimal,
  parseInteger,
  strArg,
} from './support.ts';

export const STRING_METHODS: MethodTable<string> = {
  trim: (s) => javaTrim(s),
  strip: (s) => s.trim(),
  stripLeading: (s) => s.trimStart(),
  stripTrailing: (s) => s.trimEnd(),
  length: (s) => s.length,
  size: (s) => s.length,
  isEmpty: (s) => s.length === 0,
  isBlank: (s) => s.trim().length === 0,
  toUpperCase: (s) => s.toUpperCase(),
  toLowerCase: (s) => s.toLowerCase(),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1),
  uncapitalize: (s) => s.charAt(0).toLowerCase() + s.slice(1),
  reverse: (s) => [...s].reverse().join(''),
  toString: (s: string) => s,
  contains: (s, a, e) => s.includes(strArg(a, 0, e, 'contains')),
  startsWith: (s, a, e) =>
    s.startsWith(strArg(a, 0, e, 'startsWith'), a.length > 1 ? numArg(a, 1, e, 'startsWith') : 0),
  endsWith: (s, a, e) => s.endsWith(strArg(a, 0, e, 'endsWith')),
  equals: (s, a) => s === a[0],
  equalsIgnoreCase: (s, a, e) =>
    s.toLowerCase() === strArg(a, 0, e, 'equalsIgnoreCase').toLowerCase(),
  compareTo: (s, a, e) => compareStrings(s, strArg(a, 0, e, 'compareTo')),
  compareToIgnoreCase: (s, a, e) =>
    compareStrings(s.toLowerCase(), strArg(a, 0, e, 'compareToIgnoreCase').toLowerCase()),
  concat: (s, a, e) => s + strArg(a, 0, e, 'concat'),
  plus: (s, a) => s + toStr(a[0] ?? null),
  multiply: (s, a, e) => s.repeat(Math.max(0, numArg(a, 0, e, 'multiply'))),
  indexOf: (s, a, e) =>
    s.indexOf(strArg(a, 0, e, 'indexOf'), a.length > 1 ? numArg(a, 1, e, 'indexOf') : 0),
  lastIndexOf: (s, a, e) => s.lastIndexOf(strArg(a, 0, e, 'lastIndexOf')),
  charAt: (s, a, e) => charAt(s, numArg(a, 0, e, 'charAt'), e),
  getAt: (s, a, e) => charAt(s, normIndex(numArg(a, 0, e, 'getAt'), s.length), e),
  substring: (s, a, e) =>
    substring(
      s,
      numArg(a, 0, e, 'substring'),
      a.length > 1 ? numArg(a, 1, e, 'substring') : s.length,
      e,
    ),
  subSequence: (s, a, e) =>
    substring(s, numArg(a, 0, e, 'subSequence'), numArg(a, 1, e, 'subSequence'), e),
  take: (s, a, e) => s.slice(0, Math.max(0, numArg(a, 0, e, 'take'))),
  drop: (s, a, e) => s.slice(Math.max(0, numArg(a, 0, e, 'drop'))),
  takeRight: (s, a, e) => s.slice(Math.max(0, s.length - numArg(a, 0, e, 'takeRight'))),
  dropRight: (s, a, e) => s.slice(0, Math.max(0, s.length - numArg(a, 0, e, 'dropRight'))),
  replace: (s, a, e) => s.split(strArg(a, 0, e, 'replace')).join(strArg(a, 1, e, 'replace')),
  replaceAll: (s, a, e) => replaceRegex(s, a, e, true),
  replaceFirst: (s, a, e) => replaceRegex(s, a, e, false),
  matches: (s, a, e) => fullMatch(s, strArg(a, 0, e, 'matches'), e.span),
  split: (s, a, e) =>
    a.length === 0
      ? s
          .trim()
          .split(/\s+/)
          .filter((x) => x !== '')
      : javaSplit(s, strArg(a, 0, e, 'split'), e.span, a.length > 1 ? numArg(a, 1, e, 'split') : 0),
  tokenize: (s, a, e) => tokenize(s, a.length > 0 ? strArg(a, 0, e, 'tokenize') : ' \t\n\r\f'),
  readLines: (s) => lines(s),
  eachLine: async (s, a, e) => {
    const c = closureArg(a, 0, e, 'eachLine');
    let i = 0;
    for (const line of lines(s)) await e.call(c, [line, i++]);
    return null;
  },
  toList: (s) => [...s],
  toCharArray: (s) => [...s],
  chars: (s) => [...s],
  each: async (s, a, e) => {
    const c = closureArg(a, 0, e, 'each');
    for (const ch of s) await e.call(c, [ch]);
    return s;
  },
  collect: async (s, a, e) => {
    const c = closureArg(a, 0, e, 'collect');
    const out: Value[] = [];
    for (const ch of s) out.push(await e.call(c, [ch]));
    return out;
  },
  count: (s, a, e) => countOccurrences(s, strArg(a, 0, e, 'count')),
  padLeft: (s, a, e) =>
    padText(s, numArg(a, 0, e, 'padLeft'), a.length > 1 ? strArg(a, 1, e, 'padLeft') : ' ', true),
  padRight: (s, a, e) =>
    padText(
      s,
      numArg(a, 0, e, 'padRight'),
      a.length > 1 ? strArg(a, 1, e, 'padRight') : ' ',
      false,
    ),
  center: (s, a, e) =>
    centerText(s, numArg(a, 0, e, 'center'), a.length > 1 ? strArg(a, 1, e, 'center') : ' '),
  toInteger: (s, _a, e) => parseInteger(s, e),
  toLong: (s, _a, e) => parseInteger(s, e),
  toDouble: (s, _a, e) => parseDecimal(s, e),
  toFloat: (s, _a, e) => parseDecimal(s, e),
  toBigDecimal: (s, _a, e) => parseDecimal(s, e),
  toBoolean: (s) => ['true', 'y', '1'].includes(s.trim().toLowerCase()),
  isInteger: (s) => /^[+-]?\d+$/.test(s.trim()),
  isLong: (s) => /^[+-]?\d+$/.test(s.trim()),
  isNumber: (s) => s.trim() !== '' && !Number.isNaN(Number(s.trim())),
  isDouble: (s) => s.trim() !== '' && !Number.isNaN(Number(s.trim())),
  isBigDecimal: (s) => s.trim() !== '' && !Number.isNaN(Number(s.trim())),
  format: (s, a, e) => javaFormat(s, a, e.span),
  stripIndent: (s) => stripIndent(s),
  stripMargin: (s, a, e) => stripMargin(s, a.length > 0 ? strArg(a, 0, e, 'stripMargin') : '|'),
  find: (s, a, e) => findFirst(s, a, e),
  findAll: (s, a, e) => matcher(s, strArg(a, 0, e, 'findAll'), e.span).matches.map((m) => m[0]),
  asBoolean: (s) => s.length > 0,
  hashCode: (s) => javaHash(s),
  codePointAt: (s, a, e) => s.codePointAt(numArg(a, 0, e, 'codePointAt')) ?? null,
  denormalize: (s) => s.replace(/\r\n?/g, '\n'),
  normalize: (s) => s.replace(/\r\n?/g, '\n'),
};

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function charAt(s: string, i: number, e: MethodEnv): string {
  if (i < 0 || i >= s.length) throw outOfRange(i, s.length, e);
  return s.charAt(i);
}

function substring(s: string, begin: number, end: number, e: MethodEnv): string {
  if (begin < 0 || end > s.length || begin > end) {
    throw new ScriptError(
      `begin ${begin}, end ${end}, length ${s.length}`,
      e.span,
      'java.lang.StringIndexOutOfBoundsException',
    );
  }
  return s.slice(begin, end);
}

function outOfRange(i: number, length: number, e: MethodEnv): ScriptError {
  return new ScriptError(
    `String index out of range: ${i} (length ${length})`,
    e.span,
    'java.lang.StringIndexOutOfBoundsException',
  );
}

async function replaceRegex(s: string, a: Value[], e: MethodEnv, all: boolean): Promise<string> {
  const pattern = a[0] instanceof GPattern ? a[0].source : strArg(a, 0, e, 'replaceAll');
  const re = javaRegex(pattern, e.span, all ? 'g' : '');
  const replacement = argAt(a, 1, e, 'replaceAll');
  if (replacement instanceof GClosure) {
    const found = all
      ? [...s.matchAll(re)]
      : [re.exec(s)].filter((m): m is RegExpExecArray => m !== null);
    let out = '';
    let last = 0;
    for (const m of found) {
      const arg: Value = m.length > 1 ? [...m].map((g) => g ?? null) : m[0];
      out += s.slice(last, m.index) + toStr(await e.call(replacement, [arg]));
      last = m.index + m[0].length;
    }
    return out + s.slice(last);
  }
  return s.replace(re, javaReplacement(toStr(replacement)));
}

async function findFirst(s: string, a: Value[], e: MethodEnv): Promise<Value> {
  const m = matcher(s, strArg(a, 0, e, 'find'), e.span).matches[0];
  if (!m) return null;
  const c = optClosure(a, 1);
  if (!c) return m[0];
  return e.call(c, m.length > 1 ? [[...m].map((g) => g ?? null)] : [m[0]]);
}

function tokenize(s: string, delimiters: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of s) {
    if (delimiters.includes(ch)) {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

function lines(s: string): string[] {
  if (s === '') return [];
  const parts = s.split(/\r\n|\r|\n/);
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function countOccurrences(s: string, sub: string): number {
  if (sub === '') return s.length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) n++;
  return n;
}

function padText(s: string, width: number, pad: string, left: boolean): string {
  if (s.length >= width || pad === '') return s;
  const fill = pad.repeat(Math.ceil((width - s.length) / pad.length)).slice(0, width - s.length);
  return left ? fill + s : s + fill;
}

function centerText(s: string, width: number, pad: string): string {
  if (s.length >= width) return s;
  const left = Math.floor((width - s.length) / 2);
  return padText(padText(s, s.length + left, pad, true), width, pad, false);
}

function stripIndent(s: string): string {
  const ls = s.split('\n');
  const indents = ls.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const min = indents.length > 0 ? Math.min(...indents) : 0;
  return ls.map((l) => l.slice(Math.min(min, /^[ \t]*/.exec(l)?.[0].length ?? 0))).join('\n');
}

function stripMargin(s: string, margin: string): string {
  return s
    .split('\n')
    .map((l) => {
      const t = l.trimStart();
      return t.startsWith(margin) ? t.slice(margin.length) : l;
    })
    .join('\n');
}

function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** Java's `trim()`: strips every character up to U+0020 from both ends. */
function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  return s.slice(start, end);
}
