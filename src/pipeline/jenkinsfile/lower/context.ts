/**
 * State shared by the lowering passes: the source (for spans and the text
 * of dynamic values) and the diagnostics being collected.
 */
import { error, warning, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { didYouMean } from '../../diagnostics/suggest.ts';
import type { Expr } from '../../model/groovy.ts';
import type { Span } from '../../model/span.ts';
import type { Source } from '../source.ts';

export class LowerContext {
  /** Top-level names bound once to a literal (see constants.ts). */
  constants = new Map<string, Expr>();

  constructor(
    readonly src: Source,
    readonly diagnostics: Diagnostic[],
  ) {}

  error(code: string, message: string, span: Span, notes?: string[]): void {
    this.diagnostics.push(error(code, message, span, notes));
  }

  warn(code: string, message: string, span: Span, notes?: string[]): void {
    this.diagnostics.push(warning(code, message, span, notes));
  }

  /** An unknown word where one of `known` was expected, with "did you mean". */
  unknown(code: string, message: string, word: string, known: Iterable<string>, span: Span): void {
    const list = [...known];
    const notes = didYouMean(word, list) ?? [`expected one of: ${list.join(', ')}`];
    this.error(code, message, span, notes);
  }

  text(span: Span): string {
    return this.src.text.slice(span.offset, span.end);
  }
}
