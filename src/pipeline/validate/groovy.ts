/**
 * The Groovy subset: constructs the runner will not evaluate are named
 * here, with their location, before anything runs. Calls that name a step
 * Rig does not support are reported wherever they appear.
 */
import type { Expr } from '../model/groovy.ts';
import type { Pipeline, Stage, WhenCondition } from '../model/pipeline.ts';
import { stepSignature } from '../steps/catalog.ts';
import { isConstructible } from './groovy-classes.ts';
import { headSpan, type Validator } from './validator.ts';
import { walkExpr, walkStmts, walkSteps, type ExprVisitor } from './walk.ts';

const SUBSET = "outside Rig's Groovy subset";

/** The problem with `e`, if it is outside the subset. */
function problem(e: Expr): string | undefined {
  switch (e.kind) {
    case 'new':
      return isConstructible(e.typeName)
        ? undefined
        : `\`new ${e.typeName}(…)\` creates a Java object, which is ${SUBSET}`;
    case 'call':
      if (e.callee === 'evaluate')
        return `\`evaluate(…)\` compiles code at run time, which is ${SUBSET}`;
      return undefined;
    case 'method':
      if (e.name === 'execute')
        return `\`.execute()\` starts a process outside any step, which is ${SUBSET}; use \`sh\``;
      if (e.name === 'metaClass' || isMetaClass(e.object)) return `metaclass changes are ${SUBSET}`;
      if (isJenkins(e.object))
        return `the Jenkins internal API (\`Jenkins.${e.name}\`) is not available in Rig`;
      return (
        pluginVariable(e.object, e.name) ??
        rawBuild(e.object, e.name) ??
        staticCall(e.object, e.name)
      );
    case 'prop':
      if (e.name === 'metaClass') return `metaclass changes are ${SUBSET}`;
      if (isJenkins(e.object))
        return `the Jenkins internal API (\`Jenkins.${e.name}\`) is not available in Rig`;
      return rawBuild(e.object, e.name);
    default:
      return undefined;
  }
}

function isJenkins(e: Expr): boolean {
  return (e.kind === 'var' && e.name === 'Jenkins') || (e.kind === 'prop' && e.name === 'Jenkins');
}

function isMetaClass(e: Expr): boolean {
  return e.kind === 'prop' && e.name === 'metaClass';
}

/**
 * Global variables that Jenkins plugins add to scripts. Rig has none of
 * them; the runner would stop at the name, so say it here, with the
 * declarative form that does the same job.
 */
const PLUGIN_VARIABLES: Record<string, string> = {
  docker:
    "the Docker Pipeline plugin's `docker` variable, which Rig does not provide; use `agent { docker { image '…' } }` or the docker CLI in `sh`",
  openshift: "the OpenShift Client plugin's `openshift` variable, which Rig does not provide",
  Artifactory: "the Artifactory plugin's `Artifactory` variable, which Rig does not provide",
};

function pluginVariable(object: Expr, name: string): string | undefined {
  if (object.kind !== 'var' || !Object.hasOwn(PLUGIN_VARIABLES, object.name)) return undefined;
  return `\`${object.name}.${name}(…)\` uses ${PLUGIN_VARIABLES[object.name]}`;
}

function rawBuild(object: Expr, name: string): string | undefined {
  if (object.kind !== 'var' || object.name !== 'currentBuild') return undefined;
  return name === 'rawBuild' || name === 'getRawBuild'
    ? "`currentBuild.rawBuild` is Jenkins' internal build object, which Rig does not have"
    : undefined;
}

const FORBIDDEN_STATIC: Record<string, string[]> = {
  System: ['exit', 'setProperty'],
  Runtime: ['getRuntime'],
  Class: ['forName'],
  Eval: ['me', 'x', 'xy', 'xyz'],
  Thread: ['start', 'sleep'],
};

function staticCall(object: Expr, name: string): string | undefined {
  if (object.kind !== 'var') return undefined;
  return FORBIDDEN_STATIC[object.name]?.includes(name)
    ? `\`${object.name}.${name}(…)\` is ${SUBSET}`
    : undefined;
}

export function checkGroovy(v: Validator, p: Pipeline): void {
  const visit: ExprVisitor = (e) => {
    const why = problem(e);
    if (why) v.error('unsupported-groovy', why, e.span);
    else if (e.kind === 'call') unsupportedCall(v, e);
  };
  walkStmts(p.prelude, visit);
  for (const f of p.functions) walkStmts(f.body, visit);
  for (const env of p.environment) if (env.value.kind === 'expr') walkExpr(env.value.expr, visit);
  walkSteps(
    p.post.flatMap((b) => b.steps),
    visit,
  );
  visitStages(p.stages, visit);
}

function unsupportedCall(v: Validator, e: Extract<Expr, { kind: 'call' }>): void {
  const sig = stepSignature(e.callee);
  if (!sig || sig.supported || v.functions.has(e.callee)) return;
  v.error(
    'unsupported-step',
    `\`${e.callee}\` is not supported by Rig: ${sig.reason ?? 'it is not implemented'}`,
    headSpan(e.span, e.callee.length),
  );
}

function visitStages(stages: Stage[], visit: ExprVisitor): void {
  for (const s of stages) {
    for (const env of s.environment) if (env.value.kind === 'expr') walkExpr(env.value.expr, visit);
    if (s.when) for (const c of s.when.conditions) visitCondition(c, visit);
    walkSteps(
      s.post.flatMap((b) => b.steps),
      visit,
    );
    visitBody(s, visit);
  }
}

function visitBody(s: Stage, visit: ExprVisitor): void {
  const body = s.body;
  if (body.kind === 'steps') walkSteps(body.steps, visit);
  else if (body.kind === 'matrix') {
    const m = body.matrix;
    for (const env of m.environment) if (env.value.kind === 'expr') walkExpr(env.value.expr, visit);
    if (m.when) for (const c of m.when.conditions) visitCondition(c, visit);
    walkSteps(
      m.post.flatMap((b) => b.steps),
      visit,
    );
    visitStages(m.stages, visit);
  } else visitStages(body.stages, visit);
}

function visitCondition(c: WhenCondition, visit: ExprVisitor): void {
  switch (c.kind) {
    case 'expression':
      walkStmts(c.body, visit);
      return;
    case 'equals':
      walkExpr(c.expected, visit);
      walkExpr(c.actual, visit);
      return;
    case 'not':
      visitCondition(c.condition, visit);
      return;
    case 'allOf':
    case 'anyOf':
      for (const inner of c.conditions) visitCondition(inner, visit);
      return;
    default:
      return;
  }
}
