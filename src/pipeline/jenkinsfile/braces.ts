/**
 * Bracket recovery before parsing. If the brackets of a file do not pair up,
 * this pass decides where the missing `}` most likely belonged, inserts
 * virtual closers there and drops stray ones, so the parser always sees a
 * balanced stream and can report every other problem in the same pass.
 *
 * Two strategies are tried and the one needing fewer repairs wins:
 * plain nesting (unclosed blocks close at end of file), and indentation
 * (a line indented like the line that opened a block ends that block).
 * The second finds, for the seed's published snippet, each `}` the
 * snippet lost.
 */
import { error, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Source } from './source.ts';
import { makeToken, type Token } from './tokens.ts';

const CLOSER: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
const OPENER: Record<string, string> = { '}': '{', ')': '(', ']': '[' };

interface Open {
  tok: Token;
  /** Column of the line that began the statement holding this bracket. */
  indent: number;
  /** Offset where that statement began, to name the block in messages. */
  stmtStart: number;
}

export interface Balanced {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

export function balanceBrackets(tokens: Token[], src: Source): Balanced {
  if (isBalanced(tokens)) return { tokens, diagnostics: [] };
  const plain = repair(tokens, src, false);
  const indented = repair(tokens, src, true);
  return indented.diagnostics.length <= plain.diagnostics.length ? indented : plain;
}

/** The common case, checked without building anything. */
function isBalanced(tokens: Token[]): boolean {
  const expected: string[] = [];
  for (const t of tokens) {
    if (t.kind !== 'punct') continue;
    const closer = CLOSER[t.text];
    if (closer !== undefined) expected.push(closer);
    else if (OPENER[t.text] !== undefined && expected.pop() !== t.text) return false;
  }
  return expected.length === 0;
}

function isOpen(t: Token): boolean {
  return t.kind === 'punct' && (t.text === '{' || t.text === '(' || t.text === '[');
}
function isClose(t: Token): boolean {
  return t.kind === 'punct' && (t.text === '}' || t.text === ')' || t.text === ']');
}

class Repair {
  readonly out: Token[] = [];
  readonly stack: Open[] = [];
  readonly diagnostics: Diagnostic[] = [];
  stmtIndent = 1;
  stmtStart = 0;

  constructor(readonly src: Source) {}

  top(): Open | undefined {
    return this.stack[this.stack.length - 1];
  }

  atBraceLevel(): boolean {
    const top = this.top();
    return !top || top.tok.text === '{';
  }

  /** Closes the innermost bracket with a virtual closer placed before `at`. */
  closeVirtually(at: Token, atEof: boolean, hint: boolean): void {
    const open = this.stack.pop()!;
    const pos = atEof ? lastEnd(this.out) : at.start;
    const closer = CLOSER[open.tok.text]!;
    this.out.push(makeToken('punct', closer, pos, pos, at.nl, { virtual: true }));
    const what = this.describe(open);
    const notes = hint
      ? [
          `judging by the indentation, a \`${closer}\` is missing before line ${this.src.where(at.start).split(':')[0]}`,
        ]
      : undefined;
    const span = atEof ? this.src.span(pos, pos) : this.src.span(at.start, at.end);
    this.diagnostics.push(
      error(
        'unclosed-bracket',
        `\`${what}\` opened at ${this.src.where(open.tok.start)} is never closed`,
        span,
        notes,
      ),
    );
  }

  describe(open: Open): string {
    if (open.tok.text !== '{') return open.tok.text;
    const head = this.src.text.slice(open.stmtStart, open.tok.end).replace(/\s+/g, ' ').trim();
    return head.length > 40 ? `…${head.slice(head.length - 39)}` : head;
  }
}

function lastEnd(out: Token[]): number {
  return out.length > 0 ? out[out.length - 1]!.end : 0;
}

function repair(tokens: Token[], src: Source, useIndent: boolean): Balanced {
  const r = new Repair(src);
  for (const t of tokens) {
    if (t.kind === 'eof') {
      while (r.stack.length > 0) r.closeVirtually(t, true, false);
      r.out.push(t);
      break;
    }
    const col = t.start - src.lineStarts[src.lineIndex(t.start)]! + 1;
    if (t.nl && r.atBraceLevel()) {
      if (useIndent && !isClose(t)) closeDedented(r, t, col);
      if (r.atBraceLevel()) {
        r.stmtIndent = src.indentOf(t.start);
        r.stmtStart = t.start;
      }
    }
    if (isOpen(t)) {
      r.stack.push({ tok: t, indent: r.stmtIndent, stmtStart: r.stmtStart });
      r.out.push(t);
    } else if (isClose(t)) {
      closeBracket(r, t, useIndent ? col : -1);
    } else {
      r.out.push(t);
    }
  }
  return { tokens: r.out, diagnostics: r.diagnostics };
}

/** A line that starts at or left of a block's opening line ends that block. */
function closeDedented(r: Repair, t: Token, col: number): void {
  for (;;) {
    const top = r.top();
    if (!top || top.tok.text !== '{' || col > top.indent) return;
    r.closeVirtually(t, false, true);
  }
}

function closeBracket(r: Repair, t: Token, col: number): void {
  const want = OPENER[t.text]!;
  const { depth, byIndent } = matchingDepth(r, t, want, col);
  if (depth < 0) {
    r.diagnostics.push(
      error(
        'unexpected-bracket',
        `unexpected \`${t.text}\`: there is no open \`${want}\` for it`,
        r.src.span(t.start, t.end),
      ),
    );
    return;
  }
  while (r.stack.length - 1 > depth) r.closeVirtually(t, false, byIndent);
  r.stack.pop();
  r.out.push(t);
}

/** Index in the stack of the bracket `t` closes (-1 when it closes nothing). */
function matchingDepth(
  r: Repair,
  t: Token,
  want: string,
  col: number,
): { depth: number; byIndent: boolean } {
  const top = r.stack.length - 1;
  const topOpen = r.stack[top];
  if (!topOpen) return { depth: -1, byIndent: false };
  // A `}` first on its line pairs with the block whose opening line it lines up with.
  if (col > 0 && t.nl && want === '{' && topOpen.tok.text === '{' && topOpen.indent > col) {
    for (let i = top - 1; i >= 0 && r.stack[i]!.tok.text === '{'; i--) {
      if (r.stack[i]!.indent === col) return { depth: i, byIndent: true };
    }
  }
  if (topOpen.tok.text === want) return { depth: top, byIndent: false };
  for (let i = top - 1; i >= 0; i--) {
    if (r.stack[i]!.tok.text === want) return { depth: i, byIndent: false };
  }
  return { depth: -1, byIndent: false };
}
