import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import type * as G from './groovy.ts';
import type * as P from './pipeline.ts';
import type * as GS from './groovy-schema.ts';
import * as PS from './schema.ts';
import { syntheticSpan } from './span.ts';

/**
 * Compile-time proof that each schema describes its hand-written type:
 * `Same<A, B>` holds when each is assignable to the other and both have the
 * same keys (assignability alone would not notice a missing optional field),
 * so adding, removing or retyping a field on one side only fails `npm test`.
 * (TypeScript's stricter identity check gives up on the deeply recursive AST.)
 */
type Same<A, B> = [A] extends [B]
  ? [B] extends [A]
    ? [Exclude<KeysOf<A>, KeysOf<B>> | Exclude<KeysOf<B>, KeysOf<A>>] extends [never]
      ? true
      : false
    : false
  : false;
type KeysOf<T> = T extends unknown ? keyof T : never;
type Out<S extends z.ZodType> = z.output<S>;
type Member<U, K> = Extract<U, { kind: K }>;

const typesMatch: [
  Same<Out<typeof GS.StrExprSchema>, G.StrExpr>,
  Same<Out<typeof GS.GStringExprSchema>, G.GStringExpr>,
  Same<Out<typeof GS.NumExprSchema>, G.NumExpr>,
  Same<Out<typeof GS.BoolExprSchema>, G.BoolExpr>,
  Same<Out<typeof GS.NullExprSchema>, G.NullExpr>,
  Same<Out<typeof GS.ListExprSchema>, G.ListExpr>,
  Same<Out<typeof GS.MapExprSchema>, G.MapExpr>,
  Same<Out<typeof GS.VarExprSchema>, G.VarExpr>,
  Same<Out<typeof GS.PropExprSchema>, G.PropExpr>,
  Same<Out<typeof GS.IndexExprSchema>, G.IndexExpr>,
  Same<Out<typeof GS.CallExprSchema>, G.CallExpr>,
  Same<Out<typeof GS.MethodExprSchema>, G.MethodExpr>,
  Same<Out<typeof GS.ClosureExprSchema>, G.ClosureExpr>,
  Same<Out<typeof GS.UnaryExprSchema>, G.UnaryExpr>,
  Same<Out<typeof GS.BinaryExprSchema>, G.BinaryExpr>,
  Same<Out<typeof GS.TernaryExprSchema>, G.TernaryExpr>,
  Same<Out<typeof GS.AssignExprSchema>, G.AssignExpr>,
  Same<Out<typeof GS.RangeExprSchema>, G.RangeExpr>,
  Same<Out<typeof GS.CastExprSchema>, G.CastExpr>,
  Same<Out<typeof GS.NewExprSchema>, G.NewExpr>,
  Same<Out<typeof GS.ArgSchema>, G.Arg>,
  Same<Out<typeof GS.ParamSchema>, G.Param>,
  Same<Out<typeof GS.MapEntrySchema>, G.MapEntry>,
  Same<Out<typeof GS.ExprStmtSchema>, G.ExprStmt>,
  Same<Out<typeof GS.DefStmtSchema>, G.DefStmt>,
  Same<Out<typeof GS.IfStmtSchema>, G.IfStmt>,
  Same<Out<typeof GS.ForInStmtSchema>, G.ForInStmt>,
  Same<Out<typeof GS.ForClassicStmtSchema>, G.ForClassicStmt>,
  Same<Out<typeof GS.WhileStmtSchema>, G.WhileStmt>,
  Same<Out<typeof GS.ReturnStmtSchema>, G.ReturnStmt>,
  Same<Out<typeof GS.BreakStmtSchema>, G.BreakStmt>,
  Same<Out<typeof GS.ContinueStmtSchema>, G.ContinueStmt>,
  Same<Out<typeof GS.TryStmtSchema>, G.TryStmt>,
  Same<Out<typeof GS.ThrowStmtSchema>, G.ThrowStmt>,
  Same<Out<typeof GS.SwitchStmtSchema>, G.SwitchStmt>,
  Same<Out<typeof GS.BlockStmtSchema>, G.BlockStmt>,
  Same<Out<typeof GS.FunctionDefSchema>, G.FunctionDef>,
  Same<Out<typeof PS.AgentSchema>, P.Agent>,
  Same<Out<typeof PS.OptionsSchema>, P.Options>,
  Same<Out<typeof PS.EnvVarSchema>, P.EnvVar>,
  Same<Out<typeof PS.ParameterSchema>, P.Parameter>,
  Same<Out<typeof PS.TriggerSchema>, P.Trigger>,
  Same<Out<typeof PS.ToolSchema>, P.Tool>,
  Same<Out<typeof PS.LibraryRefSchema>, P.LibraryRef>,
  Same<Out<typeof PS.WhenSchema>, P.When>,
  Same<Out<typeof PS.InputSchema>, P.Input>,
  Same<Out<typeof PS.PostBlockSchema>, P.PostBlock>,
  Same<Out<typeof PS.AxisSchema>, P.Axis>,
  Same<Out<typeof PS.MatrixExcludeSchema>, P.MatrixExclude>,
  Same<Out<typeof PS.MatrixSchema>, P.Matrix>,
  Same<Out<typeof PS.StageBodySchema>, P.StageBody>,
  Same<Out<typeof PS.PipelineSchema>, P.Pipeline>,
] = [
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
];

// The recursive unions are declared as `z.ZodType<T>`; their members are checked one by one.
const _members: Same<Member<P.WhenCondition, 'not'>['condition'], P.WhenCondition> = true;

test('schema types match the model (checked by the compiler)', () => {
  assert.ok(typesMatch.every((t) => t));
  assert.ok(_members);
});

test('PipelineSchema rejects a node without its span', () => {
  const span = syntheticSpan('rig.yaml');
  const stage: P.Stage = {
    name: 'Build',
    options: { other: [] },
    environment: [],
    tools: [],
    failFast: false,
    body: { kind: 'steps', steps: [], span },
    post: [],
    span,
  };
  const pipeline: P.Pipeline = {
    source: { file: 'rig.yaml', format: 'yaml' },
    agent: { kind: 'any', span },
    options: { other: [] },
    environment: [],
    parameters: [],
    triggers: [],
    tools: [],
    stages: [stage],
    post: [],
    libraries: [],
    functions: [],
    prelude: [],
    span,
  };
  assert.equal(PS.PipelineSchema.safeParse(pipeline).success, true);
  const broken = structuredClone(pipeline) as unknown as { stages: Array<{ span?: unknown }> };
  delete broken.stages[0]!.span;
  const result = PS.PipelineSchema.safeParse(broken);
  assert.equal(result.success, false);
  assert.deepEqual(result.error?.issues[0]?.path, ['stages', 0, 'span']);
});
