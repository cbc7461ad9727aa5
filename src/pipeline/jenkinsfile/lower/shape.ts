/**
 * What kind of file this is: a declarative pipeline (one top-level
 * `pipeline { }`), a scripted pipeline (`node { }` / `stage('x') { }` at the
 * top), a pipeline hidden inside a function (a shared-library `call()`), or
 * something else. Only the first is lowered; the others get one clear error.
 */
import type { Expr, FunctionDef, Stmt } from '../../model/groovy.ts';
import type { Span } from '../../model/span.ts';
import type { LowerContext } from './context.ts';

export type PipelineCall = Extract<Expr, { kind: 'call' }>;

export function isPipelineCall(s: Stmt): s is Stmt & { kind: 'expr'; expr: PipelineCall } {
  return s.kind === 'expr' && s.expr.kind === 'call' && s.expr.callee === 'pipeline';
}

/** The first `node`/`stage` call reachable through top-level blocks, as scripted pipelines use them. */
function findScripted(stmts: Stmt[], depth = 0): PipelineCall | undefined {
  if (depth > 20) return undefined;
  for (const s of stmts) {
    const found = scriptedIn(s, depth);
    if (found) return found;
  }
  return undefined;
}

function scriptedIn(s: Stmt, depth: number): PipelineCall | undefined {
  switch (s.kind) {
    case 'expr': {
      const e = s.expr;
      if (e.kind !== 'call' && e.kind !== 'method') return undefined;
      if (e.kind === 'call' && (e.callee === 'node' || e.callee === 'stage') && e.closure) return e;
      return e.closure ? findScripted(e.closure.body, depth + 1) : undefined;
    }
    case 'try':
      return (
        findScripted(s.body, depth + 1) ??
        (s.finally ? findScripted(s.finally, depth + 1) : undefined)
      );
    case 'if':
      return (
        findScripted(s.then, depth + 1) ??
        (s.otherwise ? findScripted(s.otherwise, depth + 1) : undefined)
      );
    case 'block':
      return findScripted(s.body, depth + 1);
    default:
      return undefined;
  }
}

function containsPipeline(stmts: Stmt[]): boolean {
  return stmts.some(
    (s) =>
      isPipelineCall(s) ||
      (s.kind === 'expr' &&
        (s.expr.kind === 'call' || s.expr.kind === 'method') &&
        s.expr.closure !== undefined &&
        containsPipeline(s.expr.closure.body)),
  );
}

/** Reports why there is no top-level `pipeline { }`. */
export function reportNoPipeline(
  ctx: LowerContext,
  body: Stmt[],
  functions: FunctionDef[],
  whole: Span,
): void {
  const fn = functions.find((f) => containsPipeline(f.body));
  if (fn) {
    ctx.error(
      'pipeline-in-function',
      `the \`pipeline\` block is inside the function \`${fn.name}\`; Rig reads a Jenkinsfile whose \`pipeline { }\` is at the top level`,
      fn.span,
      [
        'a shared-library step that wraps `pipeline { }` cannot be run directly; copy the pipeline into the Jenkinsfile',
      ],
    );
    return;
  }
  const nested = body.find(
    (s) =>
      s.kind === 'expr' &&
      (s.expr.kind === 'call' || s.expr.kind === 'method') &&
      s.expr.closure &&
      containsPipeline(s.expr.closure.body),
  );
  if (nested) {
    ctx.error(
      'pipeline-nested',
      'the `pipeline` block must be at the top level of the Jenkinsfile, not inside another block',
      nested.span,
    );
    return;
  }
  const scripted = findScripted(body);
  if (scripted) {
    const head = ctx.src.span(scripted.span.offset, scripted.span.offset + scripted.callee.length);
    ctx.error(
      'scripted-pipeline',
      `this is a scripted pipeline (\`${scripted.callee} { … }\` at the top level); Rig runs declarative pipelines`,
      head,
      [
        "wrap it as `pipeline { agent any; stages { stage('Build') { steps { script { … } } } } }`, or rewrite its stages declaratively",
      ],
    );
    return;
  }
  ctx.error(
    'no-pipeline',
    'no `pipeline { … }` block found: Rig runs declarative Jenkinsfiles',
    whole,
    ['a declarative Jenkinsfile has the form `pipeline { agent any; stages { … } }`'],
  );
}
