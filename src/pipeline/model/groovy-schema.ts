/**
 * zod schema of the Groovy-subset AST (`groovy.ts`). Each node schema is
 * checked against its hand-written interface in `schema-types.test.ts`, so
 * the two cannot drift apart. `Expr` and `Stmt` are mutually recursive: they
 * are declared first as lazy, typed references, then the node schemas use them.
 */
import { z } from 'zod';
import type * as G from './groovy.ts';
import { SpanSchema, modelRegistry } from './span-schema.ts';

export const ExprSchema: z.ZodType<G.Expr> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    StrExprSchema,
    GStringExprSchema,
    NumExprSchema,
    BoolExprSchema,
    NullExprSchema,
    ListExprSchema,
    MapExprSchema,
    VarExprSchema,
    PropExprSchema,
    IndexExprSchema,
    CallExprSchema,
    MethodExprSchema,
    ClosureExprSchema,
    UnaryExprSchema,
    BinaryExprSchema,
    TernaryExprSchema,
    AssignExprSchema,
    RangeExprSchema,
    CastExprSchema,
    NewExprSchema,
  ]),
);

export const StmtSchema: z.ZodType<G.Stmt> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    ExprStmtSchema,
    DefStmtSchema,
    IfStmtSchema,
    ForInStmtSchema,
    ForClassicStmtSchema,
    WhileStmtSchema,
    ReturnStmtSchema,
    BreakStmtSchema,
    ContinueStmtSchema,
    TryStmtSchema,
    ThrowStmtSchema,
    SwitchStmtSchema,
    BlockStmtSchema,
  ]),
);
modelRegistry.add(ExprSchema, { id: 'GroovyExpr', description: 'A Groovy expression.' });
modelRegistry.add(StmtSchema, { id: 'GroovyStmt', description: 'A Groovy statement.' });

const node = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({ kind: z.literal(kind), ...shape, span: SpanSchema });

const Stmts = z.array(StmtSchema);
modelRegistry.add(Stmts, { id: 'GroovyBlock', description: 'A list of Groovy statements.' });

// ---------------------------------------------------------------- expressions

export const StrExprSchema = node('str', {
  value: z.string(),
  quote: z.enum([
    'single',
    'double',
    'triple-single',
    'triple-double',
    'slashy',
    'dollar-slashy',
    'yaml',
  ]),
});
export const GStringExprSchema = node('gstring', {
  parts: z.array(
    z.union([z.strictObject({ text: z.string() }), z.strictObject({ expr: ExprSchema })]),
  ),
  triple: z.boolean(),
});
export const NumExprSchema = node('num', { value: z.number() });
export const BoolExprSchema = node('bool', { value: z.boolean() });
export const NullExprSchema = node('null', {});
export const ListExprSchema = node('list', { items: z.array(ExprSchema) });
export const MapEntrySchema = z.strictObject({
  key: ExprSchema,
  value: ExprSchema,
  span: SpanSchema,
});
export const MapExprSchema = node('map', { entries: z.array(MapEntrySchema) });
export const VarExprSchema = node('var', { name: z.string() });
export const PropExprSchema = node('prop', {
  object: ExprSchema,
  name: z.string(),
  safe: z.boolean(),
  spread: z.boolean(),
});
export const IndexExprSchema = node('index', { object: ExprSchema, index: ExprSchema });
export const ArgSchema = z.strictObject({
  name: z.string().optional(),
  value: ExprSchema,
  span: SpanSchema,
});
modelRegistry.add(ArgSchema, {
  id: 'GroovyArg',
  description: 'A call argument: positional when `name` is absent.',
});
export const ParamSchema = z.strictObject({
  name: z.string(),
  typeName: z.string().optional(),
  defaultValue: ExprSchema.optional(),
  span: SpanSchema,
});
export const ClosureExprSchema = node('closure', {
  params: z.array(ParamSchema),
  implicitIt: z.boolean(),
  body: Stmts,
});
export const CallExprSchema = node('call', {
  callee: z.string(),
  args: z.array(ArgSchema),
  closure: ClosureExprSchema.optional(),
  parens: z.boolean(),
});
export const MethodExprSchema = node('method', {
  object: ExprSchema,
  name: z.string(),
  args: z.array(ArgSchema),
  closure: ClosureExprSchema.optional(),
  safe: z.boolean(),
  spread: z.boolean(),
});
export const UnaryExprSchema = node('unary', {
  op: z.enum(['!', '-', '+', '~', '++pre', '--pre', 'post++', 'post--']),
  operand: ExprSchema,
});
export const BinaryExprSchema = node('binary', {
  op: z.enum([
    '+',
    '-',
    '*',
    '/',
    '%',
    '**',
    '==',
    '!=',
    '<',
    '<=',
    '>',
    '>=',
    '<=>',
    '&&',
    '||',
    '?:',
    '=~',
    '==~',
    'in',
    '!in',
    'instanceof',
    '&',
    '|',
    '^',
    '<<',
    '>>',
  ]),
  left: ExprSchema,
  right: ExprSchema,
});
export const TernaryExprSchema = node('ternary', {
  cond: ExprSchema,
  then: ExprSchema,
  otherwise: ExprSchema,
});
export const AssignExprSchema = node('assign', {
  op: z.enum(['=', '+=', '-=', '*=', '/=', '%=', '?=']),
  target: ExprSchema,
  value: ExprSchema,
});
export const RangeExprSchema = node('range', {
  from: ExprSchema,
  to: ExprSchema,
  exclusive: z.boolean(),
});
export const CastExprSchema = node('cast', { expr: ExprSchema, typeName: z.string() });
export const NewExprSchema = node('new', { typeName: z.string(), args: z.array(ArgSchema) });

// ---------------------------------------------------------------- statements

export const ExprStmtSchema = node('expr', { expr: ExprSchema });
export const DefStmtSchema = node('def', {
  names: z.array(z.string()),
  typeName: z.string().optional(),
  init: ExprSchema.optional(),
});
export const IfStmtSchema = node('if', {
  cond: ExprSchema,
  then: Stmts,
  otherwise: Stmts.optional(),
});
export const ForInStmtSchema = node('for-in', {
  varName: z.string(),
  iterable: ExprSchema,
  body: Stmts,
});
export const ForClassicStmtSchema = node('for-classic', {
  init: StmtSchema.optional(),
  cond: ExprSchema.optional(),
  update: ExprSchema.optional(),
  body: Stmts,
});
export const WhileStmtSchema = node('while', { cond: ExprSchema, body: Stmts });
export const ReturnStmtSchema = node('return', { value: ExprSchema.optional() });
export const BreakStmtSchema = node('break', {});
export const ContinueStmtSchema = node('continue', {});
export const TryStmtSchema = node('try', {
  body: Stmts,
  catches: z.array(
    z.strictObject({
      varName: z.string(),
      typeNames: z.array(z.string()),
      body: Stmts,
      span: SpanSchema,
    }),
  ),
  finally: Stmts.optional(),
});
export const ThrowStmtSchema = node('throw', { value: ExprSchema });
export const SwitchStmtSchema = node('switch', {
  subject: ExprSchema,
  cases: z.array(z.strictObject({ values: z.array(ExprSchema), body: Stmts, span: SpanSchema })),
  defaultCase: Stmts.optional(),
});
export const BlockStmtSchema = node('block', { body: Stmts });

export const FunctionDefSchema = z.strictObject({
  name: z.string(),
  params: z.array(ParamSchema),
  body: Stmts,
  span: SpanSchema,
});
