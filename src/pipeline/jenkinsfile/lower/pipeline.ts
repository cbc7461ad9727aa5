/**
 * Lowers a parsed Groovy script to the pipeline model: finds the single
 * top-level `pipeline { }`, reads its sections, and keeps top-level
 * functions, `@Library` references and the statements before the pipeline.
 */
import type { Stmt } from '../../model/groovy.ts';
import type { LibraryRef, Pipeline } from '../../model/pipeline.ts';
import type { Script } from '../parser/script.ts';
import { lowerAgent } from './agent.ts';
import type { LowerContext } from './context.ts';
import {
  asDirective,
  directivesOf,
  noArgs,
  requireBlock,
  SeenSections,
  type Directive,
} from './directives.ts';
import { lowerEnvironment } from './environment.ts';
import { libraryRefs, lowerLibraries } from './libraries.ts';
import { emptyOptions, lowerOptions } from './options.ts';
import { lowerParameters } from './parameters.ts';
import { topLevelConstants } from './constants.ts';
import { isPropertiesCall, lowerProperties } from './properties.ts';
import { lowerPost } from './post.ts';
import { isPipelineCall, reportNoPipeline, type PipelineCall } from './shape.ts';
import { lowerStageList } from './stages.ts';
import { lowerTools, lowerTriggers } from './triggers.ts';
import { syntheticSpan } from '../../model/span.ts';

/** Sections of early declarative versions, still found in old Jenkinsfiles. */
const RENAMED_SECTIONS: Record<string, string> = {
  properties: '`properties` was renamed `options` in declarative 0.8',
  jobProperties: '`jobProperties` was renamed `options`',
  notifications: '`notifications` was replaced by `post`',
  postBuild: '`postBuild` was replaced by `post`',
  wrappers: 'block-scoped wrappers go in `options` or around steps',
};

const PIPELINE_SECTIONS = [
  'agent',
  'environment',
  'options',
  'parameters',
  'triggers',
  'tools',
  'stages',
  'post',
  'libraries',
];

export function lowerScript(ctx: LowerContext, script: Script): Pipeline | undefined {
  const index = script.body.findIndex(isPipelineCall);
  if (index < 0) {
    reportNoPipeline(ctx, script.body, script.functions, ctx.src.span(0, ctx.src.text.length));
    return undefined;
  }
  const call = (script.body[index] as Stmt & { expr: PipelineCall }).expr;
  const libraries = [...script.libraries];
  const before = script.body.slice(0, index);
  const prelude = topLevel(
    ctx,
    before.filter((s) => !isPropertiesCall(s)),
    libraries,
  );
  reportAfterPipeline(ctx, script.body.slice(index + 1));
  const p: Pipeline = {
    source: { file: ctx.src.file, format: 'jenkinsfile' },
    // A missing agent keeps a synthetic span; validatePipeline reports it.
    agent: { kind: 'none', span: syntheticSpan(ctx.src.file) },
    options: emptyOptions(),
    environment: [],
    parameters: [],
    triggers: [],
    tools: [],
    stages: [],
    post: [],
    libraries,
    functions: script.functions,
    prelude,
    span: call.span,
  };
  ctx.constants = topLevelConstants(prelude);
  readSections(ctx, call, p);
  for (const s of before) if (isPropertiesCall(s)) lowerProperties(ctx, s.expr, p);
  return p;
}

/** Top-level statements before the pipeline: `library 'x'` calls become library references. */
function topLevel(ctx: LowerContext, stmts: Stmt[], libraries: LibraryRef[]): Stmt[] {
  const prelude: Stmt[] = [];
  for (const s of stmts) {
    const d = asDirective(ctx, s);
    if (d?.name === 'library' && s.kind === 'expr' && s.expr.kind === 'call')
      libraries.push(...libraryRefs(ctx, d));
    else prelude.push(s);
  }
  return prelude;
}

function reportAfterPipeline(ctx: LowerContext, rest: Stmt[]): void {
  for (const s of rest) {
    if (isPipelineCall(s)) {
      ctx.error(
        'multiple-pipelines',
        'a Jenkinsfile may contain only one `pipeline` block',
        s.span,
      );
    } else {
      ctx.warn(
        'after-pipeline',
        'statements after the `pipeline` block are not run by Rig; move them above it',
        s.span,
      );
    }
  }
}

function readSections(ctx: LowerContext, call: PipelineCall, p: Pipeline): void {
  const d: Directive = {
    name: 'pipeline',
    args: call.args,
    parens: call.parens,
    span: call.span,
    nameSpan: ctx.src.span(call.span.offset, call.span.offset + 8),
  };
  if (call.closure) d.block = call.closure;
  noArgs(ctx, d);
  if (!requireBlock(ctx, d)) return;
  const seen = new SeenSections(ctx);
  for (const s of directivesOf(ctx, d.block, 'in `pipeline`')) {
    if (seen.first(s)) readSection(ctx, s, p);
  }
}

function readSection(ctx: LowerContext, s: Directive, p: Pipeline): void {
  if (s.name === 'agent') {
    const agent = lowerAgent(ctx, s);
    if (agent) p.agent = agent;
    return;
  }
  if (!PIPELINE_SECTIONS.includes(s.name)) {
    const renamed = RENAMED_SECTIONS[s.name];
    const message = `\`${s.name}\` is not a section of \`pipeline\``;
    if (renamed) ctx.error('unknown-section', message, s.nameSpan, [renamed]);
    else ctx.unknown('unknown-section', message, s.name, PIPELINE_SECTIONS, s.nameSpan);
    return;
  }
  noArgs(ctx, s);
  if (!requireBlock(ctx, s)) return;
  switch (s.name) {
    case 'environment':
      p.environment = lowerEnvironment(ctx, s);
      return;
    case 'options':
      p.options = lowerOptions(ctx, s, 'pipeline');
      return;
    case 'parameters':
      p.parameters = lowerParameters(ctx, s);
      return;
    case 'triggers':
      p.triggers = lowerTriggers(ctx, s);
      return;
    case 'tools':
      p.tools = lowerTools(ctx, s);
      return;
    case 'stages':
      p.stages = lowerStageList(ctx, s);
      return;
    case 'post':
      p.post = lowerPost(ctx, s);
      return;
    case 'libraries':
      p.libraries.push(...lowerLibraries(ctx, s));
      return;
  }
}
