/**
 * A stand-in for the slice of GitHub's REST API that Rig uses, for tests on
 * loopback: commit statuses (create, list, combined). Written from GitHub's
 * documentation: Bearer token auth (401 "Bad credentials"), 404 for unknown
 * repositories, 422 "Validation Failed" for a bad state, 201 with the created
 * status. Tests can script failures (`failNext`) and read every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInStatus {
  id: number;
  repo: string;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  target_url: string | null;
  created_at: string;
}

export interface StandInRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A scripted answer, or `drop` to close the connection without one. */
export type ScriptedResponse =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'drop';

export interface GitHubStandIn {
  /** Base URL to pass as `baseUrl`. */
  url: string;
  statuses: StandInStatus[];
  requests: StandInRequest[];
  /** The next requests get these answers, in order, before normal service resumes. */
  failNext(...responses: ScriptedResponse[]): void;
  close(): Promise<void>;
}

const states = new Set(['pending', 'success', 'failure', 'error']);

export async function startGitHubStandIn(options: {
  token: string;
  repos: string[];
}): Promise<GitHubStandIn> {
  const statuses: StandInStatus[] = [];
  const requests: StandInRequest[] = [];
  const script: ScriptedResponse[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const scripted = script.shift();
      if (scripted === 'drop') return res.socket?.destroy();
      if (scripted) return send(res, scripted.status, scripted.body ?? {}, scripted.headers);
      const answer = route(req, body, options, statuses);
      send(res, answer.status, answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    statuses,
    requests,
    failNext: (...responses) => script.push(...responses),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Answer {
  status: number;
  body: unknown;
}

function route(
  req: IncomingMessage,
  body: string,
  options: { token: string; repos: string[] },
  statuses: StandInStatus[],
): Answer {
  if (req.headers.authorization !== `Bearer ${options.token}`) {
    return {
      status: 401,
      body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
    };
  }
  const url = new URL(req.url ?? '/', 'http://stand-in');
  const match =
    /^\/repos\/([^/]+)\/([^/]+)\/(statuses|commits)\/([^/]+)(?:\/(statuses|status))?$/.exec(
      url.pathname,
    );
  const repo = match ? `${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}` : '';
  if (!match || !options.repos.includes(repo)) return notFound();
  const [, , , kind, ref, sub] = match;
  if (req.method === 'POST' && kind === 'statuses' && !sub)
    return create(repo, ref!, body, statuses);
  if (req.method === 'GET' && kind === 'commits' && sub === 'statuses') {
    return {
      status: 200,
      body: statuses.filter((s) => s.repo === repo && s.sha === ref).reverse(),
    };
  }
  if (req.method === 'GET' && kind === 'commits' && sub === 'status')
    return combined(repo, ref!, statuses);
  return notFound();
}

function create(repo: string, sha: string, body: string, statuses: StandInStatus[]): Answer {
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { status: 400, body: { message: 'Problems parsing JSON' } };
  }
  if (typeof input.state !== 'string' || !states.has(input.state)) {
    const error = {
      resource: 'Status',
      code: 'custom',
      field: 'state',
      message: 'state is not included in the list',
    };
    return { status: 422, body: { message: 'Validation Failed', errors: [error] } };
  }
  const status: StandInStatus = {
    id: statuses.length + 1,
    repo,
    sha,
    state: input.state,
    context: typeof input.context === 'string' ? input.context : 'default',
    description: typeof input.description === 'string' ? input.description : null,
    target_url: typeof input.target_url === 'string' ? input.target_url : null,
    created_at: new Date().toISOString(),
  };
  statuses.push(status);
  return { status: 201, body: status };
}

/** Latest status per context; the combined state is failure > pending > success, as documented. */
function combined(repo: string, sha: string, statuses: StandInStatus[]): Answer {
  const latest = new Map<string, StandInStatus>();
  for (const s of statuses)
    if (s.repo === repo && s.sha === sha) latest.set(s.context.toLowerCase(), s);
  const all = [...latest.values()];
  const state = all.some((s) => s.state === 'failure' || s.state === 'error')
    ? 'failure'
    : all.length === 0 || all.some((s) => s.state === 'pending')
      ? 'pending'
      : 'success';
  return { status: 200, body: { state, sha, total_count: all.length, statuses: all } };
}

function notFound(): Answer {
  return {
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}
