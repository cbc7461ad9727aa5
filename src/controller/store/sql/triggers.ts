/** What timer triggers remember across restarts: the last cron fire, the head pollSCM last saw. */
import type { Kysely } from 'kysely';
import type { Store } from '../store.ts';
import type { Database } from './schema.ts';
import { num } from './json.ts';

type TriggerMethods = Pick<Store, 'getCronState' | 'setCronState' | 'getScmHead' | 'setScmHead'>;

export function triggerMethods(db: Kysely<Database>): TriggerMethods {
  return {
    async getCronState(projectId, spec) {
      const r = await db
        .selectFrom('cron_state')
        .select('last_fire')
        .where('project_id', '=', projectId)
        .where('spec', '=', spec)
        .executeTakeFirst();
      return r === undefined ? undefined : num(r.last_fire);
    },
    async setCronState(projectId, spec, lastFire) {
      await db
        .insertInto('cron_state')
        .values({ project_id: projectId, spec, last_fire: lastFire })
        .onConflict((oc) => oc.columns(['project_id', 'spec']).doUpdateSet({ last_fire: lastFire }))
        .execute();
    },
    async getScmHead(projectId, ref) {
      const r = await db
        .selectFrom('scm_poll_state')
        .select('head')
        .where('project_id', '=', projectId)
        .where('ref', '=', ref)
        .executeTakeFirst();
      return r?.head;
    },
    async setScmHead(projectId, ref, head) {
      const checkedAt = Date.now();
      await db
        .insertInto('scm_poll_state')
        .values({ project_id: projectId, ref, head, checked_at: checkedAt })
        .onConflict((oc) =>
          oc.columns(['project_id', 'ref']).doUpdateSet({ head, checked_at: checkedAt }),
        )
        .execute();
    },
  };
}
