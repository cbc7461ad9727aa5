/**
 * `plan(pipeline, ctx)`: the stage tree with stable paths, matrices expanded,
 * `when` decided where the facts allow, and where each stage runs. Pure.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { error } from '../diagnostics/diagnostic.ts';
import type { Pipeline, Stage } from '../model/pipeline.ts';
import { requirementOf } from './agents.ts';
import { buildEnvFromContext } from './build-env.ts';
import { cellStage, expandMatrix } from './matrix.ts';
import type { Cell } from './matrix.ts';
import { optionNotes } from './options.ts';
import type { StaticEnv } from './static-env.ts';
import { scriptEnvWrites, withEnvLayer, withValues } from './static-env.ts';
import type { Plan, PlanContext, PlannedStage, Placement } from './types.ts';
import { planWhen } from './when-plan.ts';

interface Walk {
  ctx: PlanContext;
  pipeline: Pipeline;
  alwaysFailFast: boolean;
  diagnostics: Diagnostic[];
  units: string[];
  paths: Set<string>;
}

interface Parent {
  path: string;
  env: StaticEnv;
  /** Whether a machine is held above this stage (pipeline agent or an ancestor's). */
  machine: boolean;
}

export function plan(pipeline: Pipeline, ctx: PlanContext): Plan {
  const walk: Walk = {
    ctx,
    pipeline,
    alwaysFailFast: pipeline.options.parallelsAlwaysFailFast !== undefined,
    diagnostics: [],
    units: [],
    paths: new Set(),
  };
  const base: StaticEnv = {
    base: buildEnvFromContext(ctx),
    layers: new Map(),
    scriptWrites: scriptEnvWrites(pipeline),
  };
  const top: Parent = {
    path: '',
    env: withEnvLayer(base, pipeline.environment),
    machine: pipeline.agent.kind !== 'none',
  };
  const stages = pipeline.stages.map((s) => planStage(walk, s, top));
  return {
    pipeline,
    agent: pipeline.agent,
    stages,
    units: walk.units,
    options: [
      ...optionNotes('pipeline', pipeline.options),
      ...collectStages(stages).flatMap((s) => optionNotes(s.path, s.stage.options)),
    ],
    diagnostics: walk.diagnostics,
  };
}

function planStage(walk: Walk, stage: Stage, parent: Parent, cell?: Cell): PlannedStage {
  const path = parent.path ? `${parent.path}/${stage.name}` : stage.name;
  if (walk.paths.has(path)) {
    walk.diagnostics.push(
      error('duplicate-stage', `duplicate stage name '${stage.name}' at ${path}`, stage.span),
    );
  }
  walk.paths.add(path);
  const whenEnv = cell
    ? withValues(
        parent.env,
        cell.map((c) => [c.axis, c.value]),
      )
    : parent.env;
  const placement = placementOf(stage, parent.machine);
  if (placement?.unit) walk.units.push(path);
  const inner: Parent = {
    path,
    env: withEnvLayer(whenEnv, stage.environment),
    machine: parent.machine || placement !== undefined,
  };
  const planned: PlannedStage = {
    name: stage.name,
    path,
    kind: cell ? 'cell' : kindOf(stage),
    stage,
    children: [],
    when: planWhen(stage.when, whenEnv, walk.ctx),
    failFast: stage.failFast || walk.alwaysFailFast,
  };
  if (cell) planned.cell = cell;
  if (placement) planned.placement = placement;
  planned.children = childrenOf(walk, stage, inner);
  return planned;
}

function childrenOf(walk: Walk, stage: Stage, inner: Parent): PlannedStage[] {
  const body = stage.body;
  switch (body.kind) {
    case 'steps':
      return [];
    case 'stages':
    case 'parallel':
      return body.stages.map((s) => planStage(walk, s, inner));
    case 'matrix': {
      const expansion = expandMatrix(body.matrix);
      walk.diagnostics.push(...expansion.diagnostics);
      return expansion.cells.map((cell) =>
        planStage(walk, cellStage(body.matrix, cell), inner, cell),
      );
    }
  }
}

function kindOf(stage: Stage): PlannedStage['kind'] {
  const kinds = {
    steps: 'steps',
    stages: 'sequential',
    parallel: 'parallel',
    matrix: 'matrix',
  } as const;
  return kinds[stage.body.kind];
}

function placementOf(stage: Stage, machineAbove: boolean): Placement | undefined {
  if (!stage.agent || stage.agent.kind === 'none') return undefined;
  return { agent: stage.agent, requirement: requirementOf(stage.agent), unit: !machineAbove };
}

/** Every planned stage, depth first, in tree order. */
export function collectStages(stages: PlannedStage[]): PlannedStage[] {
  return stages.flatMap((s) => [s, ...collectStages(s.children)]);
}
