/**
 * Sections shared by stages and matrices: agent, environment, options,
 * tools, when, input, post. Each writes into the fields of the target.
 */
import type { Agent, EnvVar, Input, Options, PostBlock, Tool, When } from '../../model/pipeline.ts';
import { lowerAgent } from './agent.ts';
import type { LowerContext } from './context.ts';
import { noArgs, requireBlock, type Directive } from './directives.ts';
import { lowerEnvironment } from './environment.ts';
import { lowerInput } from './input.ts';
import { lowerOptions } from './options.ts';
import { lowerPost } from './post.ts';
import { lowerTools } from './triggers.ts';
import { lowerWhen } from './when.ts';

export interface SectionTarget {
  agent?: Agent;
  options: Options;
  environment: EnvVar[];
  tools: Tool[];
  when?: When;
  input?: Input;
  post: PostBlock[];
}

export const COMMON_SECTIONS = [
  'agent',
  'environment',
  'options',
  'tools',
  'when',
  'input',
  'post',
];

/** Applies `d` if it is a common section; false when it is something else. */
export function applyCommonSection(
  ctx: LowerContext,
  d: Directive,
  target: SectionTarget,
): boolean {
  switch (d.name) {
    case 'agent': {
      const agent = lowerAgent(ctx, d);
      if (agent) target.agent = agent;
      return true;
    }
    case 'input': {
      const input = lowerInput(ctx, d);
      if (input) target.input = input;
      return true;
    }
  }
  if (!COMMON_SECTIONS.includes(d.name)) return false;
  noArgs(ctx, d);
  if (!requireBlock(ctx, d)) return true;
  switch (d.name) {
    case 'environment':
      target.environment = lowerEnvironment(ctx, d);
      break;
    case 'options':
      target.options = lowerOptions(ctx, d, 'stage');
      break;
    case 'tools':
      target.tools = lowerTools(ctx, d);
      break;
    case 'when':
      target.when = lowerWhen(ctx, d);
      break;
    case 'post':
      target.post = lowerPost(ctx, d);
      break;
  }
  return true;
}
