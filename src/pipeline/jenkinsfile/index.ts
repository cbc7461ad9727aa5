/**
 * The Jenkinsfile front end: text → pipeline model, with diagnostics.
 *
 *   parseJenkinsfile  lex → repair brackets → parse Groovy → lower the
 *                     `pipeline { }` call tree to the model. Never throws.
 *   checkJenkinsfile  the above plus validatePipeline: what `rig validate` prints.
 */
import { error, type Diagnostic, type ParseResult } from '../diagnostics/diagnostic.ts';
import type { Pipeline } from '../model/pipeline.ts';
import { validatePipeline } from '../validate/index.ts';
import { LowerContext } from './lower/context.ts';
import { lowerScript } from './lower/pipeline.ts';
import { parseScript } from './parser/script.ts';
import { Source } from './source.ts';

export function parseJenkinsfile(text: string, file: string): ParseResult<Pipeline> {
  const src = new Source(text, file);
  const diagnostics: Diagnostic[] = [];
  try {
    const script = parseScript(src, diagnostics);
    const value = lowerScript(new LowerContext(src, diagnostics), script);
    return value
      ? { value, diagnostics: sortDiagnostics(diagnostics) }
      : { diagnostics: sortDiagnostics(diagnostics) };
  } catch (e) {
    // A bug in Rig, not in the Jenkinsfile: still a diagnostic, never a crash.
    const message = e instanceof Error ? e.message : String(e);
    diagnostics.push(
      error(
        'internal-error',
        `Rig failed to read this file (a bug in Rig): ${message}`,
        src.span(0, 0),
      ),
    );
    return { diagnostics: sortDiagnostics(diagnostics) };
  }
}

/** Parse and validate: every diagnostic `rig validate` reports, in source order. */
export function checkJenkinsfile(text: string, file: string): Diagnostic[] {
  const result = parseJenkinsfile(text, file);
  if (!result.value) return result.diagnostics;
  return sortDiagnostics([...result.diagnostics, ...validatePipeline(result.value)]);
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.span.offset - b.span.offset || a.span.end - b.span.end);
}
