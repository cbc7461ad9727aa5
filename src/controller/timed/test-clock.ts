/** A clock for trigger tests: time moves only when the test says so. */
import type { TriggerClock } from './trigger-timer.ts';

export class ManualClock implements TriggerClock {
  private timers: Array<{ at: number; fn: () => void }> = [];
  /** The most timers ever pending at once (the trigger timer promises one). */
  maxPending = 0;

  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  schedule(fn: () => void, ms: number): () => void {
    const timer = { at: this.t + ms, fn };
    this.timers.push(timer);
    this.maxPending = Math.max(this.maxPending, this.timers.length);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }

  get pending(): number {
    return this.timers.length;
  }

  /** Moves time to `t`, running every timer due on the way; `settle` lets their async work finish. */
  async advanceTo(t: number, settle: () => Promise<void>): Promise<void> {
    for (;;) {
      const due = this.timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.t = Math.max(this.t, due.at);
      this.timers = this.timers.filter((x) => x !== due);
      due.fn();
      await settle();
    }
    this.t = t;
  }
}
