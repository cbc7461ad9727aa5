/** `post { always { … } failure { … } … }`: the eleven conditions, each a list of steps. */
import { POST_CONDITIONS, type PostBlock, type PostCondition } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import { entriesOf, noArgs, requireBlock, SeenSections, type Directive } from './directives.ts';
import { lowerSteps } from './steps.ts';

export function lowerPost(ctx: LowerContext, d: Directive): PostBlock[] {
  const out: PostBlock[] = [];
  const seen = new SeenSections(ctx);
  for (const c of entriesOf(ctx, d, { blocks: true })) {
    if (!(POST_CONDITIONS as readonly string[]).includes(c.name)) {
      ctx.unknown(
        'unknown-post-condition',
        `\`${c.name}\` is not a \`post\` condition`,
        c.name,
        POST_CONDITIONS,
        c.nameSpan,
      );
      continue;
    }
    if (!seen.first(c)) continue;
    noArgs(ctx, c);
    const block = requireBlock(ctx, c);
    const steps = lowerSteps(ctx, block, `in \`post { ${c.name} }\``);
    out.push({ condition: c.name as PostCondition, steps, span: c.span });
  }
  return out;
}
