/** `triggers { cron(…); pollSCM(…); upstream(…) }` and `tools { maven 'x' }`. */
import type { Expr } from '../../model/groovy.ts';
import type { Tool, Trigger } from '../../model/pipeline.ts';
import type { LowerContext } from './context.ts';
import { entriesOf, type Directive } from './directives.ts';
import { arg, checkArgs, runtimeString, stringValue } from './values.ts';

/** Triggers from Jenkins plugins: kept as `other` for the controller to map or report. */
const PLUGIN_TRIGGERS = [
  'githubPush',
  'githubPullRequests',
  'GenericTrigger',
  'gitlab',
  'bitbucketPush',
  'issueCommentTrigger',
  'parameterizedCron',
  'gerrit',
  'URLTrigger',
  'pullRequestReview',
  'gitHubPRTrigger',
  'githubBranches',
];

export function lowerTriggers(ctx: LowerContext, d: Directive): Trigger[] {
  const out: Trigger[] = [];
  for (const t of entriesOf(ctx, d, { blocks: false })) {
    const trigger = lowerTrigger(ctx, t);
    if (trigger) out.push(trigger);
  }
  return out;
}

function lowerTrigger(ctx: LowerContext, t: Directive): Trigger | undefined {
  switch (t.name) {
    case 'cron':
    case 'pollSCM': {
      checkArgs(ctx, t, ['spec', 'ignorePostCommitHooks'], 1);
      const spec = arg(t, 'spec', 0);
      const value = spec && runtimeString(ctx, spec.value);
      if (value === undefined) {
        if (!spec)
          ctx.error(
            'missing-argument',
            `\`${t.name}\` needs a schedule such as \`'H 2 * * *'\``,
            t.span,
          );
        return undefined;
      }
      return { kind: t.name, spec: value, span: t.span };
    }
    case 'upstream':
      return upstream(ctx, t);
    default:
      if (!PLUGIN_TRIGGERS.includes(t.name)) {
        ctx.unknown(
          'unknown-trigger',
          `\`${t.name}\` is not a trigger`,
          t.name,
          ['cron', 'pollSCM', 'upstream', ...PLUGIN_TRIGGERS],
          t.nameSpan,
        );
        return undefined;
      }
      return { kind: 'other', name: t.name, args: t.args, span: t.span };
  }
}

function upstream(ctx: LowerContext, t: Directive): Trigger | undefined {
  checkArgs(ctx, t, ['upstreamProjects', 'threshold'], 1);
  const projects = arg(t, 'upstreamProjects', 0);
  const list = projects && stringValue(ctx, projects.value, 'the upstream projects');
  if (list === undefined) {
    if (!projects) ctx.error('missing-argument', '`upstream` needs `upstreamProjects`', t.span);
    return undefined;
  }
  const trigger: Trigger = {
    kind: 'upstream',
    projects: list
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    span: t.span,
  };
  const threshold = arg(t, 'threshold');
  if (threshold) trigger.threshold = resultName(ctx, threshold.value);
  return trigger;
}

/** `hudson.model.Result.SUCCESS` or `'SUCCESS'`. */
function resultName(ctx: LowerContext, e: Expr): string {
  if (e.kind === 'prop') return e.name;
  return stringValue(ctx, e, 'the threshold') ?? '';
}

export function lowerTools(ctx: LowerContext, d: Directive): Tool[] {
  const out: Tool[] = [];
  for (const t of entriesOf(ctx, d, { blocks: false })) {
    const a = t.args.length === 1 && t.args[0]!.name === undefined ? t.args[0]!.value : undefined;
    // Jenkins evaluates `jdk params.JDK` when the build starts; keep it as `${…}` for the runner.
    const name = a && runtimeString(ctx, a);
    if (name === undefined) {
      if (!a)
        ctx.error(
          'invalid-tool',
          `expected \`${t.name} 'installation-name'\` in \`tools\``,
          t.span,
        );
      continue;
    }
    out.push({ type: t.name, name, span: t.span });
  }
  return out;
}
