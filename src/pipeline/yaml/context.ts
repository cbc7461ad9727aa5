/**
 * State shared by the readers of one rig.yaml: the document, positions and
 * the diagnostics collected so far. Readers never throw on user input; they
 * record a diagnostic and return `undefined`, so one pass finds every error.
 */
import { isAlias, isNode, isPair, isScalar } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { error } from '../diagnostics/diagnostic.ts';
import type { Span } from '../model/span.ts';

/** Anchors let one node appear many times; this caps the expansion (a "billion laughs" file). */
const ALIAS_BUDGET = 10_000;

export type Located = Node | Pair | Span;

export class Ctx {
  readonly diagnostics: Diagnostic[] = [];
  /** Per-node results that must be computed once (so their diagnostics are reported once). */
  readonly memo = new WeakMap<object, unknown>();
  private aliasesLeft = ALIAS_BUDGET;

  /** Offsets where lines start. Computed here rather than by the YAML lexer, whose count drifts after some syntax errors. */
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    readonly text: string,
    readonly doc: Document,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
      this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  private position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  /** The span of source offsets `[start, end)`. */
  range(start: number, end: number): Span {
    // The YAML parser may point one past the end of the text (a missing closing quote).
    start = Math.min(Math.max(0, start), this.text.length);
    end = Math.min(Math.max(start, end), this.text.length);
    const from = this.position(start);
    const to = this.position(end);
    return {
      file: this.file,
      line: from.line,
      col: from.col,
      endLine: to.line,
      endCol: to.col,
      offset: start,
      end,
    };
  }

  /** A node's value region; a pair runs from its key to the end of its value. */
  span(at: Located): Span {
    if (isPair(at)) {
      const key = isNode(at.key) ? at.key.range : undefined;
      const value = isNode(at.value) ? at.value.range : undefined;
      const start = key?.[0] ?? value?.[0] ?? 0;
      return this.range(start, this.trimEnd(start, Math.max(value?.[1] ?? 0, key?.[1] ?? 0)));
    }
    if (isNode(at)) {
      const [start, end] = at.range ?? [0, 0];
      return this.range(start, this.trimEnd(start, end));
    }
    return at;
  }

  /** Block nodes end after their line break; spans end at the last character. */
  private trimEnd(start: number, end: number): number {
    while (end > start && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  error(code: string, message: string, at: Located, notes?: string[]): undefined {
    this.diagnostics.push(error(code, message, this.span(at), notes));
    return undefined;
  }

  /**
   * Follows aliases (`*name`) to the anchored node. `undefined` (with an
   * error) when the anchor does not exist or the expansion budget is spent.
   */
  resolve(node: Node | null): Node | null | undefined {
    if (!isAlias(node)) return node;
    if (--this.aliasesLeft < 0) {
      if (this.aliasesLeft === -1) {
        this.error('yaml-syntax', `too many alias expansions (more than ${ALIAS_BUDGET})`, node);
      }
      return undefined;
    }
    const target = node.resolve(this.doc);
    if (!target) return this.error('yaml-syntax', `unknown anchor \`&${node.source}\``, node);
    return isAlias(target) ? this.resolve(target) : target;
  }

  /** The text of a scalar as written (`1.10` stays `1.10`, not `1.1`). */
  sourceText(node: Node): string {
    if (isScalar(node) && typeof node.source === 'string' && node.type === 'PLAIN') {
      return node.source;
    }
    return isScalar(node) ? String(node.value) : '';
  }
}
