/**
 * Builders for hand-made pipeline models, for tests of the planner and the
 * runner that must not depend on a front end.
 */
import type { Expr, Stmt } from '../model/groovy.ts';
import type {
  Agent,
  EnvVar,
  Options,
  Pipeline,
  PostBlock,
  PostCondition,
  Stage,
  Step,
  When,
  WhenCondition,
} from '../model/pipeline.ts';
import { syntheticSpan } from '../model/span.ts';

export const SPAN = syntheticSpan('Jenkinsfile');

export function noOptions(): Options {
  return { other: [] };
}

export function pipeline(stages: Stage[], extra: Partial<Pipeline> = {}): Pipeline {
  return {
    source: { file: 'Jenkinsfile', format: 'jenkinsfile' },
    agent: { kind: 'any', span: SPAN },
    options: noOptions(),
    environment: [],
    parameters: [],
    triggers: [],
    tools: [],
    stages,
    post: [],
    libraries: [],
    functions: [],
    prelude: [],
    span: SPAN,
    ...extra,
  };
}

function stageBase(name: string, extra: Partial<Stage>): Omit<Stage, 'body'> {
  return {
    name,
    options: noOptions(),
    environment: [],
    tools: [],
    failFast: false,
    post: [],
    span: SPAN,
    ...extra,
  };
}

export function stepsStage(name: string, steps: Step[], extra: Partial<Stage> = {}): Stage {
  return { ...stageBase(name, extra), body: { kind: 'steps', steps, span: SPAN } };
}

export function nestedStage(name: string, stages: Stage[], extra: Partial<Stage> = {}): Stage {
  return { ...stageBase(name, extra), body: { kind: 'stages', stages, span: SPAN } };
}

export function parallelStage(name: string, stages: Stage[], extra: Partial<Stage> = {}): Stage {
  return { ...stageBase(name, extra), body: { kind: 'parallel', stages, span: SPAN } };
}

export function str(value: string): Expr {
  return { kind: 'str', value, quote: 'single', span: SPAN };
}

export function step(name: string, ...args: Expr[]): Step {
  return { kind: 'step', name, args: args.map((value) => ({ value, span: SPAN })), span: SPAN };
}

export function sh(script: string): Step {
  return step('sh', str(script));
}

export function echo(message: string): Step {
  return step('echo', str(message));
}

export function script(body: Stmt[]): Step {
  return { kind: 'script', body, span: SPAN };
}

export function post(condition: PostCondition, steps: Step[]): PostBlock {
  return { condition, steps, span: SPAN };
}

export function env(name: string, value: Expr): EnvVar {
  return { name, value: { kind: 'expr', expr: value }, span: SPAN };
}

export function when(conditions: WhenCondition[], extra: Partial<When> = {}): When {
  return {
    conditions,
    beforeAgent: false,
    beforeInput: false,
    beforeOptions: false,
    span: SPAN,
    ...extra,
  };
}

export function branch(pattern: string): WhenCondition {
  return { kind: 'branch', pattern, comparator: 'GLOB', span: SPAN };
}

export function agentNone(): Agent {
  return { kind: 'none', span: SPAN };
}
