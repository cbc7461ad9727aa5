/**
 * Declarative sections are Groovy calls: `agent any`, `stage('x') { … }`,
 * `timeout(time: 5)`. A `Directive` is one such call seen as a name, its
 * arguments and its block, which is how the lowering passes read them.
 */
import type { Arg, ClosureExpr, Expr, Stmt } from '../../model/groovy.ts';
import type { Span } from '../../model/span.ts';
import type { LowerContext } from './context.ts';

export interface Directive {
  name: string;
  args: Arg[];
  block?: ClosureExpr;
  /** Whether the call had parentheses (`retry(3)` vs `retry 3`). */
  parens: boolean;
  span: Span;
  /** Just the name, for "unknown section" carets. */
  nameSpan: Span;
}

/** The directive a statement is, or undefined when it is some other statement. */
export function asDirective(ctx: LowerContext, s: Stmt): Directive | undefined {
  if (s.kind !== 'expr') return undefined;
  return exprAsDirective(ctx, s.expr);
}

export function exprAsDirective(ctx: LowerContext, e: Expr): Directive | undefined {
  if (e.kind === 'var') {
    return { name: e.name, args: [], parens: false, span: e.span, nameSpan: e.span };
  }
  if (e.kind !== 'call') return undefined;
  const src = ctx.src;
  const offset = e.span.offset;
  const length = e.callee.length;
  // Only errors need the name's own span: compute it on demand.
  return {
    name: e.callee,
    args: e.args,
    block: e.closure,
    parens: e.parens,
    span: e.span,
    get nameSpan() {
      return src.span(offset, offset + length);
    },
  };
}

/**
 * The directives of a section's block. Anything else is reported with
 * `what` ("in `options`") and skipped, so the rest is still checked.
 */
export function directivesOf(
  ctx: LowerContext,
  block: ClosureExpr | undefined,
  what: string,
): Directive[] {
  if (!block) return [];
  if (!block.implicitIt) {
    ctx.error('syntax', `${what} does not take closure parameters`, block.span);
  }
  const out: Directive[] = [];
  for (const s of block.body) {
    const d = asDirective(ctx, s);
    if (d) out.push(d);
    else
      ctx.error(
        'not-a-directive',
        `expected a directive ${what}, found ${describeStmt(s)}`,
        s.span,
      );
  }
  return out;
}

export function describeStmt(s: Stmt): string {
  switch (s.kind) {
    case 'expr':
      return describeExpr(s.expr);
    case 'def':
      return 'a `def` declaration';
    case 'for-in':
    case 'for-classic':
      return 'a `for` loop';
    case 'block':
      return 'a block';
    default:
      return `\`${s.kind}\``;
  }
}

export function describeExpr(e: Expr): string {
  switch (e.kind) {
    case 'assign':
      return 'an assignment';
    case 'method':
      return `a method call (\`.${e.name}()\`)`;
    case 'prop':
      return `a property (\`.${e.name}\`)`;
    case 'str':
    case 'gstring':
      return 'a string';
    case 'call':
      return `a call of \`${e.callee}\``;
    case 'var':
      return `\`${e.name}\``;
    default:
      return 'an expression';
  }
}

/** A directive's block, reporting when it is missing. */
export function requireBlock(ctx: LowerContext, d: Directive): ClosureExpr | undefined {
  if (!d.block) {
    ctx.error('missing-block', `\`${d.name}\` needs a block: \`${d.name} { … }\``, d.span);
  }
  return d.block;
}

/** Reports arguments given to a directive that takes only a block. */
export function noArgs(ctx: LowerContext, d: Directive): void {
  if (d.args.length > 0) {
    ctx.error(
      'unexpected-argument',
      `\`${d.name}\` takes no arguments, only a block`,
      d.args[0]!.span,
    );
  }
}

/**
 * Tracks which sections a block has seen, reporting duplicates the way
 * Jenkins does ("Multiple occurrences of the … section").
 */
export class SeenSections {
  private readonly seen = new Map<string, Span>();

  constructor(private readonly ctx: LowerContext) {}

  first(d: Directive): boolean {
    const prev = this.seen.get(d.name);
    if (prev) {
      this.ctx.error(
        'duplicate-section',
        `\`${d.name}\` appears more than once here (first at ${prev.line}:${prev.col})`,
        d.nameSpan,
      );
      return false;
    }
    this.seen.set(d.name, d.span);
    return true;
  }
}

/**
 * The entries of a list section (`options`, `parameters`, `triggers`, …):
 * reports an empty section, and blocks where entries take none.
 */
export function entriesOf(ctx: LowerContext, d: Directive, opts: { blocks: boolean }): Directive[] {
  const entries = directivesOf(ctx, d.block, `in \`${d.name}\``);
  if (d.block && d.block.body.length === 0) {
    ctx.error('empty-section', `\`${d.name}\` is empty: add entries or remove it`, d.span);
  }
  if (!opts.blocks) {
    for (const e of entries) {
      if (e.block)
        ctx.error(
          'unexpected-block',
          `entries of \`${d.name}\` take no block (\`${e.name} { … }\`)`,
          e.block.span,
        );
    }
  }
  return entries;
}
