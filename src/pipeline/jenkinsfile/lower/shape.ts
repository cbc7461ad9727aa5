/**
 * What kind of file this is: a declarative pipeline (one top-level
 * `pipeline { }`), a scripted pipeline (`node { }` / `stage('x') { }` at the
 * top), a pipeline hidden inside a function (a shared-library `call()`), or
 * something else. Only the first is lowered; the others get one clear error.
 */
import type { Expr, FunctionDef, Stmt } from '../../model/groovy.ts';
import type { Span } from '../../model/span.ts';
import { stepSignature } from '../../steps/catalog.ts';
import { walkStmts } from '../../validate/walk.ts';
import type { LowerContext } from './context.ts';

export type PipelineCall = Extract<Expr, { kind: 'call' }>;

export function isPipelineCall(s: Stmt): s is Stmt & { kind: 'expr'; expr: PipelineCall } {
  return s.kind === 'expr' && s.expr.kind === 'call' && s.expr.callee === 'pipeline';
}

/**
 * The first `node { }`, `stage('x') { }` or `parallel(…)` call anywhere in these
 * statements — in blocks, closures, map entries — as scripted pipelines
 * use them.
 */
function findScripted(stmts: Stmt[]): PipelineCall | undefined {
  let found: PipelineCall | undefined;
  walkStmts(stmts, (e) => {
    if (found || e.kind !== 'call') return;
    if (e.closure ? e.callee === 'node' || e.callee === 'stage' : e.callee === 'parallel')
      found = e;
  });
  return found;
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
  const scripted = findScripted(body) ?? findScripted(functions.flatMap((f) => f.body));
  if (scripted) {
    const head = ctx.src.span(scripted.span.offset, scripted.span.offset + scripted.callee.length);
    ctx.error(
      'scripted-pipeline',
      `this is a scripted pipeline: it runs \`${scripted.callee}${scripted.closure ? ' { … }' : '(…)'}\` without a \`pipeline\` block, and Rig runs declarative pipelines`,
      head,
      [
        "wrap it as `pipeline { agent any; stages { stage('Build') { steps { script { … } } } } }`, or rewrite its stages declaratively",
      ],
    );
    return;
  }
  const entry = libraryEntry(body, functions);
  if (entry) {
    ctx.error(
      'no-pipeline',
      `no \`pipeline { … }\` block found: the file only calls \`${entry.callee}(…)\`, which is not a step Rig knows (a shared-library step that defines the pipeline?); Rig runs declarative Jenkinsfiles and does not load shared libraries`,
      ctx.src.span(entry.span.offset, entry.span.offset + entry.callee.length),
      ['copy the pipeline the library step builds into the Jenkinsfile as `pipeline { … }`'],
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

/**
 * The top-level call that stands in for a pipeline, as in `buildPlugin(…)`
 * files: a call of something that is neither a step nor a function of the file.
 */
function libraryEntry(body: Stmt[], functions: FunctionDef[]): PipelineCall | undefined {
  const own = new Set(functions.map((f) => f.name));
  for (const s of body) {
    if (s.kind !== 'expr' || s.expr.kind !== 'call') continue;
    const callee = s.expr.callee;
    if (!own.has(callee) && !stepSignature(callee)) return s.expr;
  }
  return undefined;
}
