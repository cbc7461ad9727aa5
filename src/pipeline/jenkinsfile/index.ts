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
  const findings = validatePipeline(result.value).filter(
    (d) => !consequential(d, result.diagnostics),
  );
  return sortDiagnostics([...result.diagnostics, ...findings]);
}

/** "Empty" findings about a block that only looks empty because its contents had errors. */
const EMPTY_CODES = new Set(['empty-steps', 'no-stages']);

function consequential(d: Diagnostic, parseErrors: Diagnostic[]): boolean {
  if (!EMPTY_CODES.has(d.code)) return false;
  return parseErrors.some(
    (e) => e.severity === 'error' && e.span.offset >= d.span.offset && e.span.end <= d.span.end,
  );
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.span.offset - b.span.offset || a.span.end - b.span.end);
}
