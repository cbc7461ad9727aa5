/**
 * The controller's persistence. Every implementation (SQLite now, PostgreSQL
 * next) passes the one conformance suite in test/controller/store/.
 *
 * Contract notes:
 * - Methods are async and each is atomic on its own.
 * - `createBuild` allocates the project's next build number atomically.
 * - `recordChunk` is the idempotent half of the log path: events of a chunk
 *   are inserted once per (source, chunkSeq, index) whatever the retries.
 * - `tryLock` is a compare-and-set: it succeeds for one holder only.
 * - `recordDelivery` returns false for a delivery id already seen.
 * - `atomically` groups changes that must not be torn apart by a crash
 *   (a build marked running and its job created; a lost job and its retry).
 */
import type {
  AgentRecord,
  ArtifactRecord,
  BuildRecord,
  BuildStatus,
  CredentialRecord,
  DeliveryRecord,
  JobRecord,
  JobStatus,
  NewBuild,
  NewJob,
  ProjectRecord,
  StoredEvent,
  TestResultRecord,
  TokenRecord,
} from './records.ts';

export interface BuildQuery {
  projectId?: string;
  status?: BuildStatus[];
  limit?: number;
  /** Builds queued before this build's id (paging). */
  beforeQueuedAt?: number;
}

export interface Store {
  close(): Promise<void>;

  /**
   * Runs `fn` in one transaction: every change through `tx` lands, or none
   * does (when `fn` rejects, or the process dies). Inside `fn` use only `tx`
   * (SQLite has one connection, which the transaction holds); nested calls
   * join the outer transaction.
   */
  atomically<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  createProject(
    p: Omit<ProjectRecord, 'createdAt' | 'statusBaseUrl' | 'triggers'> &
      Partial<Pick<ProjectRecord, 'statusBaseUrl' | 'triggers'>>,
  ): Promise<ProjectRecord>;
  updateProject(id: string, patch: Partial<Omit<ProjectRecord, 'id'>>): Promise<void>;
  getProject(idOrName: string): Promise<ProjectRecord | undefined>;
  listProjects(): Promise<ProjectRecord[]>;

  createBuild(b: NewBuild): Promise<BuildRecord>;
  getBuild(id: string): Promise<BuildRecord | undefined>;
  findBuild(projectId: string, number: number): Promise<BuildRecord | undefined>;
  listBuilds(q: BuildQuery): Promise<BuildRecord[]>;
  updateBuild(
    id: string,
    patch: Partial<Omit<BuildRecord, 'id' | 'projectId' | 'number'>>,
  ): Promise<void>;
  /** The latest finished build of the project (and branch when given), excluding `exceptId`. */
  previousFinished(
    projectId: string,
    branch: string | null,
    exceptId: string,
  ): Promise<BuildRecord | undefined>;

  createJob(j: NewJob): Promise<JobRecord>;
  getJob(id: string): Promise<JobRecord | undefined>;
  listJobs(buildId: string): Promise<JobRecord[]>;
  jobsWithStatus(statuses: JobStatus[]): Promise<JobRecord[]>;
  updateJob(id: string, patch: Partial<Omit<JobRecord, 'id' | 'buildId'>>): Promise<void>;

  /** Stores a chunk's events and moves the job's `lastChunkSeq`/`logLines` on, in one transaction. */
  recordChunk(input: {
    jobId: string | null;
    buildId: string;
    source: string;
    chunkSeq: number;
    events: Array<{ index: number; line: number; event: unknown }>;
    logLines: number;
  }): Promise<void>;
  listEvents(buildId: string): Promise<StoredEvent[]>;

  upsertAgent(a: AgentRecord): Promise<void>;
  getAgent(id: string): Promise<AgentRecord | undefined>;
  getAgentByName(name: string): Promise<AgentRecord | undefined>;
  listAgents(): Promise<AgentRecord[]>;
  updateAgent(id: string, patch: Partial<Omit<AgentRecord, 'id'>>): Promise<void>;

  createToken(t: TokenRecord): Promise<void>;
  findTokenByHash(hash: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenRecord[]>;
  updateToken(
    id: string,
    patch: Partial<Pick<TokenRecord, 'lastUsedAt' | 'revoked'>>,
  ): Promise<void>;

  recordDelivery(d: DeliveryRecord): Promise<boolean>;
  setDeliveryBuild(deliveryId: string, buildId: string): Promise<void>;

  putArtifact(a: ArtifactRecord): Promise<void>;
  listArtifacts(buildId: string): Promise<ArtifactRecord[]>;

  addTestResults(rows: TestResultRecord[]): Promise<void>;
  listTestResults(buildId: string): Promise<TestResultRecord[]>;

  putCredential(c: CredentialRecord): Promise<void>;
  getCredential(id: string): Promise<CredentialRecord | undefined>;
  listCredentials(): Promise<CredentialRecord[]>;
  deleteCredential(id: string): Promise<boolean>;

  getCronState(projectId: string, spec: string): Promise<number | undefined>;
  setCronState(projectId: string, spec: string, lastFire: number): Promise<void>;
  /** The branch head pollSCM last saw for the project's `ref`. */
  getScmHead(projectId: string, ref: string): Promise<string | undefined>;
  setScmHead(projectId: string, ref: string, head: string): Promise<void>;

  tryLock(resource: string, holder: string): Promise<boolean>;
  releaseLock(resource: string, holder: string): Promise<void>;
  releaseLocksOf(holderPrefix: string): Promise<void>;
  listLocks(): Promise<Array<{ resource: string; holder: string; acquiredAt: number }>>;
}
