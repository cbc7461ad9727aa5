/**
 * The live state of a build's stages, folded from runner events. Pure: the
 * TTY renderer asks it for lines to draw; tests feed it events directly.
 */
import type { BuildEvent, BuildResult } from '../../runner/events.ts';
import { formatDuration } from './duration.ts';

interface StageState {
  path: string;
  name: string;
  depth: number;
  startedAt: number;
  endedAt?: number;
  result?: BuildResult;
  skipped?: string;
}

export class StageTree {
  private readonly stages = new Map<string, StageState>();

  apply(event: BuildEvent): void {
    if (event.type === 'stage.start') {
      this.stages.set(event.path, {
        path: event.path,
        name: event.name,
        depth: event.path.split('/').length - 1,
        startedAt: event.at,
      });
    } else if (event.type === 'stage.end') {
      const stage = this.stages.get(event.path) ?? this.unseen(event.path, event.at);
      stage.endedAt = event.at;
      stage.result = event.result;
      if (event.skipped) stage.skipped = event.skipped.reason;
    }
  }

  /** One line per stage, in start order, indented by depth. */
  lines(now: number, spinner: string): string[] {
    return [...this.stages.values()].map((s) => {
      const indent = '  '.repeat(s.depth);
      if (s.skipped)
        return `${indent}${symbolFor(s.result, true)} ${s.name} (skipped: ${s.skipped})`;
      const elapsed = formatDuration((s.endedAt ?? now) - s.startedAt);
      const mark = s.result ? symbolFor(s.result, false) : spinner;
      return `${indent}${mark} ${s.name} ${elapsed}`;
    });
  }

  private unseen(path: string, at: number): StageState {
    const name = path.split('/').at(-1) ?? path;
    const state = { path, name, depth: path.split('/').length - 1, startedAt: at };
    this.stages.set(path, state);
    return state;
  }
}

function symbolFor(result: BuildResult | undefined, skipped: boolean): string {
  if (skipped) return '-';
  switch (result) {
    case 'SUCCESS':
      return '✔';
    case 'UNSTABLE':
      return '!';
    case 'ABORTED':
      return '■';
    case 'NOT_BUILT':
      return '-';
    case 'FAILURE':
    case undefined:
      return '✘';
  }
}
