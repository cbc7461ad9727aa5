/**
 * Names the file binds once, at the top, to a literal: `def LEVELS = ['a', 'b']`
 * or `LEVELS = [...]` before `pipeline { }`. Jenkins evaluates section
 * arguments after that code ran, so `choice(choices: LEVELS)` is legal; Rig
 * needs parameters before the build, and can still read these.
 */
import type { Expr, Stmt } from '../../model/groovy.ts';

export function topLevelConstants(prelude: Stmt[]): Map<string, Expr> {
  const bound = new Map<string, Expr>();
  const twice = new Set<string>();
  const bind = (name: string, value: Expr | undefined): void => {
    if (bound.has(name) || !value) twice.add(name);
    else bound.set(name, value);
  };
  for (const s of prelude) {
    if (s.kind === 'def' && s.names.length === 1) bind(s.names[0]!, s.init);
    else if (s.kind === 'expr' && s.expr.kind === 'assign' && s.expr.target.kind === 'var') {
      bind(s.expr.target.name, s.expr.op === '=' ? s.expr.value : undefined);
    }
  }
  for (const name of twice) bound.delete(name);
  return bound;
}

/** `e` with constant names replaced by their literal values, or `e` itself when it is not one. */
export function resolveConstant(constants: Map<string, Expr>, e: Expr, depth = 0): Expr {
  if (depth > 8) return e;
  if (e.kind === 'var') {
    const v = constants.get(e.name);
    return v ? resolveConstant(constants, v, depth + 1) : e;
  }
  if (e.kind === 'list' && e.items.some((i) => i.kind === 'var')) {
    return { ...e, items: e.items.map((i) => resolveConstant(constants, i, depth + 1)) };
  }
  return e;
}
