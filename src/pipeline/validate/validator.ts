/** What the checks share: the pipeline, its declared functions, and the diagnostics. */
import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { Pipeline } from '../model/pipeline.ts';
import type { Span } from '../model/span.ts';

export class Validator {
  readonly diagnostics: Diagnostic[] = [];
  /** Top-level `def` functions: callable like steps. */
  readonly functions: ReadonlySet<string>;
  readonly hasLibraries: boolean;

  constructor(readonly pipeline: Pipeline) {
    this.functions = new Set(pipeline.functions.map((f) => f.name));
    this.hasLibraries = pipeline.libraries.length > 0;
  }

  error(code: string, message: string, span: Span, notes?: string[]): void {
    this.diagnostics.push(error(code, message, span, notes));
  }

  warn(code: string, message: string, span: Span, notes?: string[]): void {
    this.diagnostics.push(warning(code, message, span, notes));
  }
}

/** The first `len` characters of a span, for carets under a name rather than a whole block. */
export function headSpan(span: Span, len: number): Span {
  const oneLine = span.endLine === span.line;
  const end = Math.min(span.end, span.offset + len);
  return {
    ...span,
    endLine: span.line,
    endCol: oneLine ? Math.min(span.endCol, span.col + len) : span.col + (end - span.offset),
    end,
  };
}
