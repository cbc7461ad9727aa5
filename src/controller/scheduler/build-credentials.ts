/**
 * Credentials for the top level of an `agent none` build, which runs in the
 * controller: the same rule as for agents (none for forks' pull requests),
 * and every secret handed out is remembered for the build, so a placement
 * unit that inherits it as an environment variable has it masked on its agent.
 */
import { secretsOf } from '../../protocol/credentials.ts';
import type { CredentialProvider } from '../../protocol/runner-types.ts';
import { openCredential } from '../credentials.ts';
import type { BuildRecord } from '../store/records.ts';
import type { SchedulerContext } from './context.ts';

export function buildCredentials(ctx: SchedulerContext, build: BuildRecord): CredentialProvider {
  return {
    async get(id) {
      if (build.fromFork)
        throw new Error(`credential ${id} is not given to builds of pull requests from forks`);
      const opened = await openCredential(ctx.store, ctx.vault, id);
      if ('error' in opened) throw new Error(opened.error);
      const secrets = ctx.buildSecrets.get(build.id) ?? new Set<string>();
      for (const s of secretsOf(opened.credential)) secrets.add(s);
      ctx.buildSecrets.set(build.id, secrets);
      return opened.credential;
    },
  };
}

/** The inherited variables whose values carry one of the build's secrets. */
export function secretNames(
  ctx: SchedulerContext,
  buildId: string,
  env: Record<string, string>,
): string[] {
  const secrets = [...(ctx.buildSecrets.get(buildId) ?? [])].filter((s) => s.length > 0);
  return Object.keys(env).filter((name) => secrets.some((s) => env[name]?.includes(s)));
}
