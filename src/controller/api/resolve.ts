/** Finds the build a URL names: a build id, or `project#number`. */
import { notFound } from '../errors.ts';
import type { BuildRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';

export async function findBuild(store: Store, ref: string): Promise<BuildRecord> {
  const m = /^(.+)#(\d+)$/.exec(ref);
  if (m) {
    const project = await store.getProject(m[1] as string);
    const build = project && (await store.findBuild(project.id, Number(m[2])));
    if (build) return build;
  } else {
    const build = await store.getBuild(ref);
    if (build) return build;
  }
  throw notFound(`no build ${ref}`);
}
