/**
 * What the runner tells the world while a build runs. The terminal renderer,
 * the JSON report, the agent (which ships them to the controller) and tests
 * all subscribe to this one stream. Events are plain JSON: they cross the
 * agent protocol unchanged.
 *
 * Stage paths are the stage names from the top joined by `/`, e.g.
 * `Test/linux`; matrix cells are named by their axis values
 * (`OS=linux, ARCH=amd64`).
 */
import type { BuildResult, PostCondition } from '../pipeline/model/pipeline.ts';

export type { BuildResult, PostCondition };

export type LogStream = 'stdout' | 'stderr' | 'system';

export type BuildEvent =
  | { type: 'build.start'; at: number; buildId: string }
  | { type: 'stage.start'; at: number; path: string; name: string }
  | {
      type: 'stage.end';
      at: number;
      path: string;
      result: BuildResult;
      durationMs: number;
      skipped?: { reason: string };
    }
  | {
      type: 'step.start';
      at: number;
      stepId: string;
      stage: string | null;
      name: string;
      label?: string;
    }
  | {
      type: 'step.end';
      at: number;
      stepId: string;
      result: BuildResult;
      durationMs: number;
      exitCode?: number | null;
    }
  | {
      type: 'log';
      at: number;
      /** Stage path, or null for pipeline-level output (post, checkout, teardown). */
      stage: string | null;
      stepId: string | null;
      stream: LogStream;
      /** One or more complete lines, without the final newline. Already masked. */
      text: string;
    }
  | { type: 'post.start'; at: number; scope: string; condition: PostCondition }
  | { type: 'post.end'; at: number; scope: string; condition: PostCondition; result: BuildResult }
  | {
      type: 'teardown';
      at: number;
      removed: Array<{ kind: string; id: string }>;
      failed: Array<{ kind: string; id: string; error: string }>;
      leftovers: string[];
    }
  | { type: 'build.end'; at: number; result: BuildResult; durationMs: number };

export type BuildEventListener = (event: BuildEvent) => void;

/** `rig run --report FILE`: documented in docs/report.md. */
export interface BuildReport {
  result: BuildResult;
  durationMs: number;
  stages: Array<{
    name: string;
    path: string;
    result: BuildResult;
    durationMs: number;
    skipped?: { reason: string };
  }>;
  /** Post blocks that ran, in the order they ran. `scope` is `pipeline` or a stage path. */
  post: Array<{ scope: string; condition: PostCondition; result: BuildResult }>;
  /**
   * What each job's teardown removed, could not remove, or found left on the
   * host, one entry per job (agent) in the order they were released. Absent
   * when no job ran.
   */
  teardown?: Array<Omit<Extract<BuildEvent, { type: 'teardown' }>, 'type' | 'at'>>;
}
