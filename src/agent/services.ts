/**
 * What a running job asks the controller for, over HTTP with the agent
 * token: credentials (refused for forks' pull requests), artifact uploads
 * (streamed from disk), stashes. Every secret fetched is remembered so the
 * job's log is masked here, at the source, before a line leaves the machine.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { agentHttp } from '../protocol/http.ts';
import { secretsOf, type Credential } from '../protocol/credentials.ts';
import type {
  ArtifactSink,
  CredentialProvider,
  StashStore,
  TestResultSink,
} from '../runner/api.ts';

export interface ServiceTarget {
  server: string;
  token: string;
  jobId: string;
}

async function call(t: ServiceTarget, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = {
    authorization: `Bearer ${t.token}`,
    ...(init.headers as Record<string, string> | undefined),
  };
  return fetch(new URL(path, t.server), { ...init, headers });
}

async function failure(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `HTTP ${res.status}`;
}

export function credentialsFor(
  t: ServiceTarget,
  allowed: boolean,
  remember: (secret: string) => void,
): CredentialProvider {
  return {
    async get(id) {
      if (!allowed)
        throw new Error(`credential ${id} is not given to builds of pull requests from forks`);
      const res = await call(t, agentHttp.credential(t.jobId, id));
      if (!res.ok) throw new Error(`credential ${id}: ${await failure(res)}`);
      const c = (await res.json()) as Credential;
      for (const s of secretsOf(c)) remember(s);
      return c;
    },
  };
}

export function artifactsFor(t: ServiceTarget): ArtifactSink {
  return {
    async put(relativePath, absolutePath) {
      const res = await call(t, agentHttp.artifact(t.jobId, relativePath), {
        method: 'PUT',
        body: Readable.toWeb(createReadStream(absolutePath)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      if (!res.ok) throw new Error(`archiving ${relativePath}: ${await failure(res)}`);
    },
  };
}

/** Test cases from `junit` steps, posted as the controller's test report rows. */
export function testResultsFor(t: ServiceTarget): TestResultSink {
  return {
    async record(cases) {
      const tests = cases.map((c) => ({
        suite: c.suite,
        className: c.className,
        name: c.name,
        status: c.status,
        durationMs: c.durationMs,
        message: c.message ?? null,
      }));
      const res = await call(t, agentHttp.tests(t.jobId), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tests }),
      });
      if (!res.ok) throw new Error(`test results: ${await failure(res)}`);
    },
  };
}

export function stashesFor(t: ServiceTarget): StashStore {
  return {
    async put(name, tarball) {
      const res = await call(t, agentHttp.stash(t.jobId, name), {
        method: 'PUT',
        body: new Uint8Array(tarball),
      });
      if (!res.ok) throw new Error(`stash ${name}: ${await failure(res)}`);
    },
    async get(name) {
      const res = await call(t, agentHttp.stash(t.jobId, name));
      if (res.status === 404) return undefined;
      if (!res.ok) throw new Error(`unstash ${name}: ${await failure(res)}`);
      return Buffer.from(await res.arrayBuffer());
    },
  };
}

/** Replaces every remembered secret in a line with ****. */
export class Masker {
  private readonly secrets = new Set<string>();
  add(secret: string): void {
    if (secret.length >= 3) this.secrets.add(secret);
  }
  mask(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('****');
    return out;
  }
}
