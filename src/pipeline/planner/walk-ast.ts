/**
 * Visits every Groovy expression of a pipeline (step arguments, script
 * blocks, functions, prelude, `when { expression }`), for analyses that only
 * need to look, such as "which environment variables can a script set".
 */
import type { Expr, Stmt } from '../model/groovy.ts';
import type { Pipeline, Stage, Step, WhenCondition } from '../model/pipeline.ts';

export type ExprVisitor = (expr: Expr) => void;

export function visitPipeline(p: Pipeline, visit: ExprVisitor): void {
  p.prelude.forEach((s) => visitStmt(s, visit));
  p.functions.forEach((f) => f.body.forEach((s) => visitStmt(s, visit)));
  p.stages.forEach((s) => visitStage(s, visit));
  p.post.forEach((b) => visitSteps(b.steps, visit));
}

function visitStage(stage: Stage, visit: ExprVisitor): void {
  if (stage.when) stage.when.conditions.forEach((c) => visitWhen(c, visit));
  stage.post.forEach((b) => visitSteps(b.steps, visit));
  const body = stage.body;
  switch (body.kind) {
    case 'steps':
      visitSteps(body.steps, visit);
      break;
    case 'stages':
    case 'parallel':
      body.stages.forEach((s) => visitStage(s, visit));
      break;
    case 'matrix':
      body.matrix.stages.forEach((s) => visitStage(s, visit));
      body.matrix.post.forEach((b) => visitSteps(b.steps, visit));
      if (body.matrix.when) body.matrix.when.conditions.forEach((c) => visitWhen(c, visit));
      break;
  }
}

function visitWhen(cond: WhenCondition, visit: ExprVisitor): void {
  if (cond.kind === 'expression') cond.body.forEach((s) => visitStmt(s, visit));
  else if (cond.kind === 'not') visitWhen(cond.condition, visit);
  else if (cond.kind === 'allOf' || cond.kind === 'anyOf')
    cond.conditions.forEach((c) => visitWhen(c, visit));
}

export function visitSteps(steps: Step[], visit: ExprVisitor): void {
  for (const step of steps) {
    if (step.kind === 'script') step.body.forEach((s) => visitStmt(s, visit));
    else {
      step.args.forEach((a) => visitExpr(a.value, visit));
      if (step.body) visitSteps(step.body, visit);
    }
  }
}

export function visitStmt(stmt: Stmt, visit: ExprVisitor): void {
  const e = (x: Expr | undefined): void => {
    if (x) visitExpr(x, visit);
  };
  const all = (xs: Stmt[] | undefined): void => xs?.forEach((s) => visitStmt(s, visit));
  switch (stmt.kind) {
    case 'expr':
      return e(stmt.expr);
    case 'def':
      return e(stmt.init);
    case 'if':
      e(stmt.cond);
      all(stmt.then);
      return all(stmt.otherwise);
    case 'for-in':
      e(stmt.iterable);
      return all(stmt.body);
    case 'for-classic':
      if (stmt.init) visitStmt(stmt.init, visit);
      e(stmt.cond);
      e(stmt.update);
      return all(stmt.body);
    case 'while':
      e(stmt.cond);
      return all(stmt.body);
    case 'return':
      return e(stmt.value);
    case 'throw':
      return e(stmt.value);
    case 'try':
      all(stmt.body);
      stmt.catches.forEach((c) => all(c.body));
      return all(stmt.finally);
    case 'switch':
      e(stmt.subject);
      stmt.cases.forEach((c) => {
        c.values.forEach(e);
        all(c.body);
      });
      return all(stmt.defaultCase);
    case 'block':
      return all(stmt.body);
    case 'break':
    case 'continue':
      return;
  }
}

export function visitExpr(expr: Expr, visit: ExprVisitor): void {
  visit(expr);
  const e = (x: Expr): void => visitExpr(x, visit);
  switch (expr.kind) {
    case 'gstring':
      expr.parts.forEach((p) => ('expr' in p ? e(p.expr) : undefined));
      return;
    case 'list':
      return expr.items.forEach(e);
    case 'map':
      return expr.entries.forEach((m) => {
        e(m.key);
        e(m.value);
      });
    case 'prop':
      return e(expr.object);
    case 'index':
      e(expr.object);
      return e(expr.index);
    case 'call':
      expr.args.forEach((a) => e(a.value));
      if (expr.closure) e(expr.closure);
      return;
    case 'method':
      e(expr.object);
      expr.args.forEach((a) => e(a.value));
      if (expr.closure) e(expr.closure);
      return;
    case 'closure':
      return expr.body.forEach((s) => visitStmt(s, visit));
    case 'unary':
      return e(expr.operand);
    case 'binary':
      e(expr.left);
      return e(expr.right);
    case 'ternary':
      e(expr.cond);
      e(expr.then);
      return e(expr.otherwise);
    case 'assign':
      e(expr.target);
      return e(expr.value);
    case 'range':
      e(expr.from);
      return e(expr.to);
    case 'cast':
      return e(expr.expr);
    case 'new':
      return expr.args.forEach((a) => e(a.value));
    case 'str':
    case 'num':
    case 'bool':
    case 'null':
    case 'var':
      return;
  }
}
