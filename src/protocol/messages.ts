/**
 * The agent protocol: JSON messages over one WebSocket that the agent opens
 * to `GET /api/agent/connect` (Authorization: Bearer <agent token>).
 * docs/protocol.md explains the conversation; these schemas are the truth.
 *
 * Invariants:
 * - Chunks are numbered from 1 per job, contiguously. The controller applies
 *   a chunk at most once (by number) and acks it; the agent keeps every
 *   unacked chunk on disk and resends them, in order, after a reconnect.
 * - `job.done` carries the number of the job's last chunk: the controller
 *   finishes the job only once it holds every chunk up to it.
 * - A job belongs to the agent it was assigned to until the controller says
 *   otherwise (`welcome.jobs[].keep = false`, or `job.cancel`).
 */
import { z } from 'zod';
import type { BuildContext, BuildEvent } from './runner-types.ts';

export const PROTOCOL_VERSION = 1;
export const AGENT_CONNECT_PATH = '/api/agent/connect';

const buildResult = z.enum(['SUCCESS', 'UNSTABLE', 'FAILURE', 'NOT_BUILT', 'ABORTED']);
/** Events are the runner's; the protocol only checks their envelope. */
const buildEvent = z
  .looseObject({ type: z.string(), at: z.number() })
  .transform((e) => e as unknown as BuildEvent);

const heldLock = z.object({
  jobId: z.string(),
  requestId: z.string(),
  resource: z.string(),
  held: z.boolean(),
});

const heldJob = z.object({
  jobId: z.string(),
  /** Highest chunk number the agent has produced so far. */
  lastChunkSeq: z.number().int().nonnegative(),
  /** Present once the job has ended on the agent. */
  result: buildResult.optional(),
});

export const agentMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    name: z.string().min(1).max(100),
    labels: z.array(z.string()),
    executors: z.number().int().min(0),
    executorKinds: z.array(z.string()),
    facts: z.record(z.string(), z.string()),
    draining: z.boolean(),
    quarantine: z.object({ reason: z.string() }).nullable(),
    jobs: z.array(heldJob),
    /**
     * Every `lock()` of its jobs the agent holds or waits for. The controller
     * frees locks of those jobs that are not listed (a release lost while
     * disconnected); the agent then sends its waiting requests again.
     */
    locks: z.array(heldLock).optional(),
  }),
  z.object({ type: z.literal('ping'), at: z.number() }),
  z.object({ type: z.literal('pong'), at: z.number() }),
  z.object({ type: z.literal('job.started'), jobId: z.string() }),
  z.object({
    type: z.literal('job.chunk'),
    jobId: z.string(),
    seq: z.number().int().positive(),
    events: z.array(buildEvent),
  }),
  z.object({
    type: z.literal('job.done'),
    jobId: z.string(),
    result: buildResult,
    lastChunkSeq: z.number().int().nonnegative(),
    /** Infrastructure failure before the runner started (checkout failed, no executor). */
    error: z.string().optional(),
  }),
  z.object({ type: z.literal('job.refused'), jobId: z.string(), reason: z.string() }),
  z.object({
    type: z.literal('lock.acquire'),
    requestId: z.string(),
    jobId: z.string(),
    resource: z.string(),
  }),
  z.object({
    type: z.literal('lock.release'),
    jobId: z.string(),
    resource: z.string(),
    /** The request whose lock (or wait) ends; without it, every lock of the job on `resource`. */
    requestId: z.string().optional(),
  }),
  z.object({
    type: z.literal('status'),
    draining: z.boolean(),
    quarantine: z.object({ reason: z.string() }).nullable(),
  }),
]);
export type AgentMessage = z.infer<typeof agentMessage>;

export const jobAssignment = z.object({
  jobId: z.string(),
  buildId: z.string(),
  project: z.string(),
  repo: z.object({ url: z.string(), commit: z.string().nullable(), ref: z.string().nullable() }),
  pipelineFile: z.string(),
  /**
   * A placement unit: run only this stage subtree, with the environment the
   * controller's side computed. `secretEnv` names the inherited variables that
   * hold secrets (from `credentials()` at the top level): the agent masks them.
   */
  scope: z
    .object({
      stagePath: z.string(),
      inheritedEnv: z.record(z.string(), z.string()),
      secretEnv: z.array(z.string()).optional(),
    })
    .nullable(),
  context: z.looseObject({ buildId: z.string() }).transform((c) => c as unknown as BuildContext),
  /** False for pull requests from forks: the agent must not ask for credentials. */
  credentialsAllowed: z.boolean(),
  attempt: z.number().int().positive(),
  /** Largest single artifact the controller accepts, in bytes. */
  maxArtifactBytes: z.number().int().positive(),
});
export type JobAssignment = z.infer<typeof jobAssignment>;

export const controllerMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    agentId: z.string(),
    heartbeatMs: z.number().int().positive(),
    reconnectWindowMs: z.number().int().positive(),
    jobs: z.array(
      z.object({ jobId: z.string(), ackedSeq: z.number().int().nonnegative(), keep: z.boolean() }),
    ),
  }),
  z.object({ type: z.literal('ping'), at: z.number() }),
  z.object({ type: z.literal('pong'), at: z.number() }),
  z.object({ type: z.literal('job.assign'), job: jobAssignment }),
  z.object({ type: z.literal('chunk.ack'), jobId: z.string(), seq: z.number().int() }),
  z.object({ type: z.literal('job.done.ack'), jobId: z.string() }),
  z.object({ type: z.literal('job.cancel'), jobId: z.string(), reason: z.string() }),
  /** May come again for a request sent again; the agent ignores what it no longer waits for. */
  z.object({ type: z.literal('lock.granted'), requestId: z.string() }),
  /** An admin cleared the agent's quarantine; the agent answers with `status` (an older agent logs an unknown message and carries on). */
  z.object({ type: z.literal('quarantine.clear'), by: z.string() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type ControllerMessage = z.infer<typeof controllerMessage>;

/** Parses one frame; a frame that is not valid is an error value, never a throw. */
export function parseFrame<T>(
  schema: z.ZodType<T>,
  data: string,
): { ok: true; message: T } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { ok: false, error: 'frame is not JSON' };
  }
  const r = schema.safeParse(json);
  return r.success ? { ok: true, message: r.data } : { ok: false, error: z.prettifyError(r.error) };
}
