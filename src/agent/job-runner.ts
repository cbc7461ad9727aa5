/**
 * How the agent runs one job once the workspace is checked out. The real
 * one is `runBuild` from src/runner (see runner-job.ts); the interface is
 * this small so the agent's connection, spool and checkout do not care.
 */
import type { BuildResult } from '../pipeline/model/pipeline.ts';
import type { JobAssignment } from '../protocol/messages.ts';
import type {
  ArtifactSink,
  CredentialProvider,
  LockProvider,
  StashStore,
  TestResultSink,
} from '../runner/api.ts';
import type { BuildEventListener } from '../runner/events.ts';

export interface JobIo {
  assignment: JobAssignment;
  /** The checked-out sources at the exact commit. */
  workspace: string;
  onEvent: BuildEventListener;
  /** Aborted on cancel: stop as `rig run` does on Ctrl-C (post runs with its budget). */
  signal: AbortSignal;
  credentials: CredentialProvider;
  artifacts: ArtifactSink;
  testResults: TestResultSink;
  stashes: StashStore;
  locks: LockProvider;
}

export type JobRunner = (io: JobIo) => Promise<{ result: BuildResult }>;
