/**
 * Traversals shared by the checks: every Groovy expression under a
 * statement list or expression, and every stage of a pipeline with the
 * context it runs in.
 */
import type { Arg, Expr, Stmt } from '../model/groovy.ts';
import type { Agent, Pipeline, Stage, Step } from '../model/pipeline.ts';

export type ExprVisitor = (e: Expr) => void;

export function walkExpr(e: Expr, visit: ExprVisitor): void {
  visit(e);
  for (const child of children(e)) walkExpr(child, visit);
  if (e.kind === 'closure') walkStmts(e.body, visit);
  if ((e.kind === 'call' || e.kind === 'method') && e.closure) walkExpr(e.closure, visit);
}

function argValues(args: Arg[]): Expr[] {
  return args.map((a) => a.value);
}

function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'gstring':
      return e.parts.flatMap((p) => ('expr' in p ? [p.expr] : []));
    case 'list':
      return e.items;
    case 'map':
      return e.entries.flatMap((x) => [x.key, x.value]);
    case 'prop':
      return [e.object];
    case 'index':
      return [e.object, e.index];
    case 'call':
    case 'new':
      return argValues(e.args);
    case 'method':
      return [e.object, ...argValues(e.args)];
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'ternary':
      return [e.cond, e.then, e.otherwise];
    case 'assign':
      return [e.target, e.value];
    case 'range':
      return [e.from, e.to];
    case 'cast':
      return [e.expr];
    default:
      return [];
  }
}

export function walkStmts(stmts: Stmt[], visit: ExprVisitor): void {
  for (const s of stmts) walkStmt(s, visit);
}

function walkStmt(s: Stmt, visit: ExprVisitor): void {
  const exprs: Array<Expr | undefined> = [];
  const blocks: Array<Stmt[] | undefined> = [];
  switch (s.kind) {
    case 'expr':
      exprs.push(s.expr);
      break;
    case 'def':
      exprs.push(s.init);
      break;
    case 'if':
      exprs.push(s.cond);
      blocks.push(s.then, s.otherwise);
      break;
    case 'for-in':
      exprs.push(s.iterable);
      blocks.push(s.body);
      break;
    case 'for-classic':
      exprs.push(s.cond, s.update);
      blocks.push(s.init ? [s.init] : undefined, s.body);
      break;
    case 'while':
      exprs.push(s.cond);
      blocks.push(s.body);
      break;
    case 'return':
      exprs.push(s.value);
      break;
    case 'throw':
      exprs.push(s.value);
      break;
    case 'try':
      blocks.push(s.body, ...s.catches.map((c) => c.body), s.finally);
      break;
    case 'switch':
      exprs.push(s.subject, ...s.cases.flatMap((c) => c.values));
      blocks.push(...s.cases.map((c) => c.body), s.defaultCase);
      break;
    case 'block':
      blocks.push(s.body);
      break;
    case 'break':
    case 'continue':
      break;
  }
  for (const e of exprs) if (e) walkExpr(e, visit);
  for (const b of blocks) if (b) walkStmts(b, visit);
}

/** Every Groovy expression of a list of steps (arguments, script bodies), recursively. */
export function walkSteps(steps: Step[], visit: ExprVisitor): void {
  for (const st of steps) {
    if (st.kind === 'script') walkStmts(st.body, visit);
    else {
      for (const a of st.args) walkExpr(a.value, visit);
      if (st.body) walkSteps(st.body, visit);
    }
  }
}

/** Where a stage sits: whether an agent is in effect, and whether it is inside parallel/matrix. */
export interface StageContext {
  /** An agent (not `none`) is in effect for this stage's steps. */
  hasAgent: boolean;
  withinParallel: boolean;
  /** `A » B » C`, for messages. */
  path: string;
}

export function agentProvides(agent: Agent | undefined, inherited: boolean): boolean {
  if (!agent) return inherited;
  return agent.kind !== 'none' || inherited;
}

export type StageVisitor = (stage: Stage, ctx: StageContext) => void;

/** Visits stages depth first, parents before children. */
export function walkStages(stages: Stage[], ctx: StageContext, visit: StageVisitor): void {
  for (const stage of stages) {
    const here: StageContext = {
      hasAgent: agentProvides(stage.agent, ctx.hasAgent),
      withinParallel: ctx.withinParallel,
      path: ctx.path ? `${ctx.path} » ${stage.name}` : stage.name,
    };
    visit(stage, here);
    const body = stage.body;
    if (body.kind === 'stages') walkStages(body.stages, here, visit);
    else if (body.kind === 'parallel')
      walkStages(body.stages, { ...here, withinParallel: true }, visit);
    else if (body.kind === 'matrix') {
      const cell = {
        ...here,
        hasAgent: agentProvides(body.matrix.agent, here.hasAgent),
        withinParallel: true,
      };
      walkStages(body.matrix.stages, cell, visit);
    }
  }
}

export function rootContext(p: Pipeline): StageContext {
  return { hasAgent: agentProvides(p.agent, false), withinParallel: false, path: '' };
}
