/** Checks a JobSpec before anything is created, so a bad spec leaves nothing behind. */
import { stat } from 'node:fs/promises';
import { ExecutorError, type ExecutorKind, type JobSpec } from '../contract.ts';

const JOB_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;

export async function validateSpec(spec: JobSpec, kind: ExecutorKind): Promise<void> {
  if (!JOB_ID.test(spec.jobId)) {
    throw new ExecutorError(
      `job id "${spec.jobId}" must be 1-48 characters of a-z, 0-9 and "-"`,
      kind,
    );
  }
  const info = await stat(spec.workspace).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ExecutorError(`workspace ${spec.workspace} is not a directory`, kind);
  }
}
