/**
 * `triggers { cron(…) }` and `pollSCM(…)` of every project, on one timer:
 * the timer is armed for the earliest next fire of all of them, never a
 * polling loop. Specs are hashed as Jenkins hashes them, seeded with
 * `<project>/<pipeline file>` (Jenkins seeds with the job's full name), so
 * each project keeps its own spread-out minute.
 *
 * At most once: a fire is written to the store (`cron_state`) before it
 * acts, and after a restart the next fire is searched from the later of now
 * and the last recorded fire. Like Jenkins, fires missed while the
 * controller was down are not made up.
 */
import type { Logger } from 'pino';
import type { ProjectRecord, ProjectTrigger } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { nextFireTime, parseJenkinsCron } from '../triggers/cron.ts';
import type { CronSchedule } from '../triggers/cron.ts';

export interface TimedTrigger extends ProjectTrigger {
  projectId: string;
  schedule: CronSchedule;
  /** Next fire (ms since the epoch), or null when the schedule never fires. */
  next: number | null;
}

export interface TriggerClock {
  now(): number;
  /** Calls `fn` after `ms`; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

export const systemClock: TriggerClock = {
  now: () => Date.now(),
  schedule: (fn, ms) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

/** setTimeout takes at most 2^31-1 ms; a later fire re-arms on the way. */
const maxDelayMs = 2 ** 31 - 1;

export const cronSeed = (p: Pick<ProjectRecord, 'name' | 'pipelineFile'>): string =>
  `${p.name}/${p.pipelineFile}`;
const stateKey = (t: ProjectTrigger): string => `${t.kind}:${t.spec}`;

export class TriggerTimer {
  private readonly byProject = new Map<string, TimedTrigger[]>();
  private cancel: (() => void) | null = null;
  private stopped = false;
  /** Fires under way, by trigger: a trigger whose last fire still runs skips this one. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private pass: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: {
      store: Store;
      log: Logger;
      fire: (trigger: TimedTrigger, at: number) => Promise<void>;
      clock?: TriggerClock;
    },
  ) {}

  private get clock(): TriggerClock {
    return this.deps.clock ?? systemClock;
  }

  async start(): Promise<void> {
    for (const p of await this.deps.store.listProjects()) await this.setProject(p);
  }

  /** (Re)reads a project's triggers; call after they change. */
  async setProject(project: ProjectRecord): Promise<void> {
    const timed: TimedTrigger[] = [];
    for (const t of project.triggers) {
      const parsed = parseJenkinsCron(t.spec, cronSeed(project));
      if ('error' in parsed) {
        this.deps.log.warn({ project: project.name, spec: t.spec }, parsed.error.message);
        continue;
      }
      const last = (await this.deps.store.getCronState(project.id, stateKey(t))) ?? 0;
      const from = Math.max(this.clock.now(), last);
      const next = nextFireTime(parsed.schedule, new Date(from))?.getTime() ?? null;
      timed.push({ ...t, projectId: project.id, schedule: parsed.schedule, next });
    }
    if (timed.length > 0) this.byProject.set(project.id, timed);
    else this.byProject.delete(project.id);
    this.arm();
  }

  /** Every trigger with its next fire, soonest first (for the API and tests). */
  list(): TimedTrigger[] {
    return [...this.byProject.values()]
      .flat()
      .sort((a, b) => (a.next ?? Infinity) - (b.next ?? Infinity));
  }

  /** Disarms; resolves once fires already under way are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
    await Promise.all([...this.inFlight.values()]);
  }

  private arm(): void {
    this.cancel?.();
    this.cancel = null;
    const soonest = this.list()[0]?.next;
    if (this.stopped || soonest === undefined || soonest === null) return;
    const delay = Math.min(Math.max(0, soonest - this.clock.now()), maxDelayMs);
    this.cancel = this.clock.schedule(() => void (this.pass = this.due()), delay);
  }

  /** Resolves once the latest pass and the fires it started are done (tests step time with it). */
  async settled(): Promise<void> {
    await this.pass;
    await Promise.all([...this.inFlight.values()]);
  }

  private async due(): Promise<void> {
    this.cancel = null;
    const now = this.clock.now();
    for (const t of this.list()) {
      if (t.next === null || t.next > now) break;
      const at = t.next;
      t.next = nextFireTime(t.schedule, new Date(at))?.getTime() ?? null;
      const failed = (err: unknown): void =>
        this.deps.log.error({ err, project: t.projectId, spec: t.spec }, 'trigger failed');
      const key = `${t.projectId}\0${stateKey(t)}`;
      // Like Jenkins' SCMTrigger: a poll still running (slow remote) is not started twice.
      if (this.inFlight.has(key)) continue;
      try {
        await this.deps.store.setCronState(t.projectId, stateKey(t), at);
        // Not awaited: a slow pollSCM must not hold back the other triggers.
        const firing = this.deps.fire(t, at).catch(failed);
        this.inFlight.set(key, firing);
        void firing.finally(() => this.inFlight.delete(key));
      } catch (err) {
        failed(err);
      }
    }
    this.arm();
  }
}
