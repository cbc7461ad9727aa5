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
  // A switch rather than a list of children: this runs on every node of a
  // large file, and allocating per node showed up in the parse benchmark.
  switch (e.kind) {
    case 'gstring':
      for (const p of e.parts) if ('expr' in p) walkExpr(p.expr, visit);
      return;
    case 'list':
      for (const x of e.items) walkExpr(x, visit);
      return;
    case 'map':
      for (const x of e.entries) {
        walkExpr(x.key, visit);
        walkExpr(x.value, visit);
      }
      return;
    case 'prop':
      walkExpr(e.object, visit);
      return;
    case 'index':
      walkExpr(e.object, visit);
      walkExpr(e.index, visit);
      return;
    case 'call':
    case 'new':
      walkArgs(e.args, visit);
      if (e.kind === 'call' && e.closure) walkExpr(e.closure, visit);
      return;
    case 'method':
      walkExpr(e.object, visit);
      walkArgs(e.args, visit);
      if (e.closure) walkExpr(e.closure, visit);
      return;
    case 'closure':
      walkStmts(e.body, visit);
      return;
    case 'unary':
      walkExpr(e.operand, visit);
      return;
    case 'binary':
      walkExpr(e.left, visit);
      walkExpr(e.right, visit);
      return;
    case 'ternary':
      walkExpr(e.cond, visit);
      walkExpr(e.then, visit);
      walkExpr(e.otherwise, visit);
      return;
    case 'assign':
      walkExpr(e.target, visit);
      walkExpr(e.value, visit);
      return;
    case 'range':
      walkExpr(e.from, visit);
      walkExpr(e.to, visit);
      return;
    case 'cast':
      walkExpr(e.expr, visit);
      return;
    default:
      return;
  }
}

function walkArgs(args: Arg[], visit: ExprVisitor): void {
  for (const a of args) walkExpr(a.value, visit);
}

export function walkStmts(stmts: Stmt[], visit: ExprVisitor): void {
  for (const s of stmts) walkStmt(s, visit);
}

function walkOpt(e: Expr | undefined, visit: ExprVisitor): void {
  if (e) walkExpr(e, visit);
}

function walkStmt(s: Stmt, visit: ExprVisitor): void {
  switch (s.kind) {
    case 'expr':
      return walkExpr(s.expr, visit);
    case 'def':
      return walkOpt(s.init, visit);
    case 'if':
      walkExpr(s.cond, visit);
      walkStmts(s.then, visit);
      if (s.otherwise) walkStmts(s.otherwise, visit);
      return;
    case 'for-in':
      walkExpr(s.iterable, visit);
      return walkStmts(s.body, visit);
    case 'for-classic':
      if (s.init) walkStmt(s.init, visit);
      walkOpt(s.cond, visit);
      walkOpt(s.update, visit);
      return walkStmts(s.body, visit);
    case 'while':
      walkExpr(s.cond, visit);
      return walkStmts(s.body, visit);
    case 'return':
      return walkOpt(s.value, visit);
    case 'throw':
      return walkExpr(s.value, visit);
    case 'try':
      walkStmts(s.body, visit);
      for (const c of s.catches) walkStmts(c.body, visit);
      if (s.finally) walkStmts(s.finally, visit);
      return;
    case 'switch':
      walkExpr(s.subject, visit);
      for (const c of s.cases) {
        for (const v of c.values) walkExpr(v, visit);
        walkStmts(c.body, visit);
      }
      if (s.defaultCase) walkStmts(s.defaultCase, visit);
      return;
    case 'block':
      return walkStmts(s.body, visit);
    case 'break':
    case 'continue':
      return;
  }
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
