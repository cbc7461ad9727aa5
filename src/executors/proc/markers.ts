/**
 * Markers: every process of a job carries `RIG_BUILD_MARKER=<jobId>` and
 * `RIG_STEP_MARKER=<stepId>` in its environment. The kernel keeps a process's
 * initial environment in `/proc/<pid>/environ` even after it calls `setsid`
 * or double-forks, so a sweep finds what escaped the process group.
 */
export const BUILD_MARKER = 'RIG_BUILD_MARKER';
export const STEP_MARKER = 'RIG_STEP_MARKER';

/** Which processes a sweep selects: every process of a job, or one step's. */
export interface MarkerMatch {
  jobId: string;
  stepId?: string;
}

export function markerEnv(jobId: string, stepId: string): Record<string, string> {
  return { [BUILD_MARKER]: jobId, [STEP_MARKER]: stepId };
}

/**
 * Whether a raw `environ` (NUL-separated `KEY=VALUE` entries) carries exactly
 * these marker values: `RIG_BUILD_MARKER=job-1` never matches `job-10`.
 */
export function environMatches(environ: Buffer, match: MarkerMatch): boolean {
  if (!hasEntry(environ, `${BUILD_MARKER}=${match.jobId}`)) return false;
  return match.stepId === undefined || hasEntry(environ, `${STEP_MARKER}=${match.stepId}`);
}

function hasEntry(environ: Buffer, entry: string): boolean {
  const needle = Buffer.from(`${entry}\0`);
  for (let at = environ.indexOf(needle); at !== -1; at = environ.indexOf(needle, at + 1)) {
    if (at === 0 || environ[at - 1] === 0) return true;
  }
  return false;
}
