/**
 * HTTP endpoints an agent calls beside its WebSocket (bodies that are files
 * travel over HTTP, not over the message stream). All take the agent token.
 */
export const agentHttp = {
  /** PUT, raw body: one archived file. `path` is relative to the workspace. */
  artifact: (jobId: string, path: string): string =>
    `/api/agent/jobs/${encodeURIComponent(jobId)}/artifacts/${path.split('/').map(encodeURIComponent).join('/')}`,
  /** PUT (tarball body) / GET: stashes are per build. */
  stash: (jobId: string, name: string): string =>
    `/api/agent/jobs/${encodeURIComponent(jobId)}/stashes/${encodeURIComponent(name)}`,
  /** GET: a credential for this job (refused for forks' pull requests). */
  credential: (jobId: string, id: string): string =>
    `/api/agent/jobs/${encodeURIComponent(jobId)}/credentials/${encodeURIComponent(id)}`,
  /** POST, JSON body: junit results parsed on the agent. */
  tests: (jobId: string): string => `/api/agent/jobs/${encodeURIComponent(jobId)}/tests`,
} as const;
