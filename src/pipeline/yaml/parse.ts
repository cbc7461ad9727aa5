/**
 * The rig.yaml front end: YAML text → the pipeline model, with a span on
 * every node and every diagnostic. It never throws on user input: problems
 * are collected, as many as one pass can find, and the model is returned
 * only when there are none. The format is described in docs/rig-yaml.md.
 */
import { isMap, parseDocument } from 'yaml';
import type { Document, YAMLError } from 'yaml';
import type { Diagnostic, ParseResult } from '../diagnostics/diagnostic.ts';
import { error, hasErrors } from '../diagnostics/diagnostic.ts';
import type { Pipeline } from '../model/pipeline.ts';
import { readAgent } from './agent.ts';
import { Ctx } from './context.ts';
import { readEnvironment, readParameters, readTools, readTriggers } from './environment.ts';
import { PIPELINE_KEYS } from './format.ts';
import { readOptions } from './options.ts';
import { readPost } from './post.ts';
import { fields } from './read.ts';
import { readStages } from './stages.ts';
import { checkPipeline } from './semantics.ts';

export function parseRigYaml(text: string, file: string): ParseResult<Pipeline> {
  const doc = parseDocument(text, {
    prettyErrors: false,
    keepSourceTokens: false,
    uniqueKeys: true,
  });
  const ctx = new Ctx(file, text, doc);
  ctx.diagnostics.push(...syntaxErrors(ctx, doc.errors));
  for (const w of doc.warnings)
    ctx.diagnostics.push({ ...syntaxError(ctx, w), severity: 'warning' });
  if (hasErrors(ctx.diagnostics)) return { diagnostics: ctx.diagnostics };
  const pipeline = readPipeline(ctx, doc);
  // Shared checks run on a complete model only: on a partial one they would report echoes.
  if (pipeline && !hasErrors(ctx.diagnostics)) ctx.diagnostics.push(...checkPipeline(pipeline));
  const diagnostics = ctx.diagnostics.sort((a, b) => a.span.offset - b.span.offset);
  if (!pipeline || hasErrors(diagnostics)) return { diagnostics };
  return { value: pipeline, diagnostics };
}

/** YAML errors cascade after the first few; the rest is noise. */
const MAX_SYNTAX_ERRORS = 5;

function syntaxErrors(ctx: Ctx, errors: readonly YAMLError[]): Diagnostic[] {
  const shown = errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => syntaxError(ctx, e));
  const hidden = errors.length - shown.length;
  const last = shown[shown.length - 1];
  if (last && hidden > 0)
    last.notes = [`${hidden} more YAML error(s) follow, probably caused by this one`];
  return shown;
}

function syntaxError(ctx: Ctx, e: YAMLError): Diagnostic {
  const [start, end] = e.pos;
  return error('yaml-syntax', syntaxMessage(ctx, e), ctx.range(start, Math.max(start, end)));
}

function syntaxMessage(ctx: Ctx, e: YAMLError): string {
  if (e.code === 'DUPLICATE_KEY') return `duplicate key \`${ctx.text.slice(e.pos[0], e.pos[1])}\``;
  if (e.code === 'MULTIPLE_DOCS')
    return 'a rig.yaml holds one YAML document; a second one starts here';
  const message = e.message
    .replace(/ at line \d+, column \d+:?[\s\S]*$/, '')
    .replace(/: "([\s\S]*)"$/, (_, token: string) => `: "${shorten(token)}"`);
  return message.charAt(0).toLowerCase() + message.slice(1);
}

function readPipeline(ctx: Ctx, doc: Document): Pipeline | undefined {
  const root = ctx.resolve(doc.contents);
  const whole = ctx.range(0, ctx.text.length);
  if (!root || !isMap(root)) {
    return ctx.error('wrong-type', 'a rig.yaml is a mapping with at least `stages`', root ?? whole);
  }
  const f = fields(ctx, root, PIPELINE_KEYS, 'the pipeline');
  if (!f) return undefined;
  if (!f.stages) ctx.error('missing-key', 'the pipeline needs `stages`', ctx.range(0, 0));
  // rig.yaml defaults to `agent: any`; the span of the whole mapping stands
  // for it (a synthetic span would read as "agent missing" to validation).
  const agent = f.agent
    ? readAgent(ctx, f.agent.value)
    : { kind: 'any' as const, span: ctx.span(root) };
  const pipeline = {
    source: { file: ctx.file, format: 'yaml' as const },
    agent,
    options: readOptions(ctx, f.options?.value, 'pipeline'),
    environment: readEnvironment(ctx, f.environment?.value),
    parameters: readParameters(ctx, f.parameters?.value),
    triggers: readTriggers(ctx, f.triggers?.value),
    tools: readTools(ctx, f.tools?.value),
    stages: f.stages && readStages(ctx, f.stages.value, '`stages`'),
    post: readPost(ctx, f.post?.value),
    libraries: [],
    functions: [],
    prelude: [],
    span: ctx.span(root),
  };
  if (!pipeline.agent || !pipeline.stages) return undefined;
  return { ...pipeline, agent: pipeline.agent, stages: pipeline.stages };
}

function shorten(token: string): string {
  const line = token.split('\n')[0]!;
  return line.length > 30 || line !== token ? `${line.slice(0, 30)}…` : line;
}
