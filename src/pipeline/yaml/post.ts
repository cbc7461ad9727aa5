/**
 * `post:` (condition → steps, kept in file order; the runner applies Jenkins'
 * order) and `input:` (a message, or a mapping with `parameters` written as
 * at the top level).
 */
import { isScalar } from 'yaml';
import type { Node } from 'yaml';
import type { Input, PostBlock, PostCondition } from '../model/pipeline.ts';
import { POST_CONDITIONS } from '../model/pipeline.ts';
import type { Ctx } from './context.ts';
import { InputFormat, PostFormat, keysAt, keysOf } from './format.ts';
import { compact, fields } from './read.ts';
import { readTemplate } from './values.ts';
import { readParameters } from './environment.ts';
import { readSteps } from './steps.ts';

const POST_KEYS = keysOf(PostFormat);
const INPUT_KEYS = keysAt(
  InputFormat,
  [],
  ['message', 'id', 'ok', 'submitter', 'submitterParameter', 'parameters'],
);

export function readPost(ctx: Ctx, node: Node | undefined): PostBlock[] {
  const f = node && fields(ctx, node, POST_KEYS, '`post`');
  if (!f) return [];
  const blocks: PostBlock[] = [];
  for (const condition of POST_CONDITIONS as readonly PostCondition[]) {
    const e = f[condition];
    const steps = e && readSteps(ctx, e.value, `\`post.${condition}\``);
    if (e && steps) blocks.push({ condition, steps, span: ctx.span(e.pair) });
  }
  return blocks.sort((a, b) => a.span.offset - b.span.offset);
}

export function readInput(ctx: Ctx, node: Node): Input | undefined {
  const span = ctx.span(node);
  if (isScalar(node)) {
    const message = readTemplate(ctx, node, '`input`');
    return message === undefined ? undefined : { message, parameters: [], span };
  }
  const f = fields(ctx, node, INPUT_KEYS, '`input`');
  if (!f) return undefined;
  if (!f.message) return ctx.error('missing-key', '`input` needs `message`', node);
  const text = (key: Exclude<(typeof INPUT_KEYS)[number], 'parameters'>) =>
    f[key] && readTemplate(ctx, f[key].value, `\`${key}\``);
  const message = text('message');
  if (message === undefined) return undefined;
  return compact({
    message,
    id: text('id'),
    ok: text('ok'),
    submitter: text('submitter'),
    submitterParameter: text('submitterParameter'),
    parameters: readParameters(ctx, f.parameters?.value),
    span,
  });
}
