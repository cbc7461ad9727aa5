/** A project added or changed: read its pipeline on the default branch for `triggers { }`. */
import type { ProjectRecord } from '../store/records.ts';
import { registerTriggers } from '../timed/register.ts';
import type { SchedulerContext } from './context.ts';

export async function readProjectTriggers(
  ctx: SchedulerContext,
  project: ProjectRecord,
): Promise<void> {
  try {
    const commit = await ctx.source.resolve(project.repoUrl, project.defaultBranch);
    const text = await ctx.source.readFile(project.repoUrl, commit, project.pipelineFile);
    const parsed = ctx.parse(text, project.pipelineFile);
    if ('errors' in parsed) {
      ctx.log.warn({ project: project.name, errors: parsed.errors }, 'triggers not read');
      return;
    }
    await registerTriggers(ctx.store, project, parsed.pipeline, ctx.triggersChanged);
  } catch (err) {
    // A project whose repository is not reachable yet still works; its first build reads them.
    ctx.log.warn({ project: project.name, err }, 'triggers not read');
  }
}
