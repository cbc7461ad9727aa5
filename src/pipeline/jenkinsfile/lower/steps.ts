/**
 * Steps of `steps { }`, `post { cond { } }` and step bodies. Each call is a
 * `Step`; `script { }` keeps its Groovy statements. Like Jenkins, anything
 * that is not a step call (`def`, `if`, assignments, method calls on
 * objects) is refused outside `script { }`.
 */
import type { ClosureExpr, Expr, Stmt } from '../../model/groovy.ts';
import type { Step } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';

export function lowerSteps(
  ctx: LowerContext,
  block: ClosureExpr | undefined,
  where: string,
): Step[] {
  const out: Step[] = [];
  for (const s of block?.body ?? []) {
    const step = lowerStep(ctx, s, where);
    if (step) out.push(step);
  }
  return out;
}

function lowerStep(ctx: LowerContext, s: Stmt, where: string): Step | undefined {
  if (s.kind !== 'expr') {
    notAStep(ctx, s, STMT_WORDS[s.kind] ?? `\`${s.kind}\``, where);
    return undefined;
  }
  const e = s.expr;
  if (e.kind !== 'call') {
    notAStep(ctx, s, exprWords(e), where);
    return undefined;
  }
  if (e.callee === 'script') return scriptStep(ctx, e);
  // Jenkins runs Groovy's own `println` where a step goes; Rig's Groovy subset has it.
  if (GROOVY_PRINT.has(e.callee) && !e.closure) return { kind: 'script', body: [s], span: e.span };
  const step: Step = { kind: 'step', name: e.callee, args: e.args, span: e.span };
  if (e.closure) {
    if (!e.closure.implicitIt) {
      ctx.error(
        'syntax',
        `the block of \`${e.callee}\` takes no parameters outside \`script { }\``,
        e.closure.span,
      );
    }
    step.body = lowerSteps(ctx, e.closure, `inside \`${e.callee}\``);
  }
  return step;
}

const GROOVY_PRINT = new Set(['println', 'print']);

function scriptStep(ctx: LowerContext, e: Extract<Expr, { kind: 'call' }>): Step {
  if (e.args.length > 0)
    ctx.error(
      'unexpected-argument',
      '`script` takes only a block: `script { … }`',
      e.args[0]!.span,
    );
  if (!e.closure) ctx.error('missing-block', '`script` needs a block: `script { … }`', e.span);
  return { kind: 'script', body: e.closure?.body ?? [], span: e.span };
}

const STMT_WORDS: Partial<Record<Stmt['kind'], string>> = {
  def: 'a `def` declaration',
  if: '`if`',
  'for-in': 'a `for` loop',
  'for-classic': 'a `for` loop',
  while: 'a `while` loop',
  return: '`return`',
  try: '`try`',
  throw: '`throw`',
  switch: '`switch`',
  break: '`break`',
  continue: '`continue`',
  block: 'a block',
};

function exprWords(e: Expr): string {
  switch (e.kind) {
    case 'assign':
      return 'an assignment';
    case 'method':
      return `a method call on an object (\`.${e.name}(…)\`)`;
    case 'var':
      return `\`${e.name}\` without parentheses (a step call needs them: \`${e.name}()\`)`;
    default:
      return 'an expression';
  }
}

function notAStep(ctx: LowerContext, s: Stmt, what: string, where: string): void {
  const msg = `${what} is only allowed inside \`script { }\`, not directly ${where}`;
  ctx.error('not-a-step', msg, s.span, ['wrap Groovy code in `script { … }`']);
}
