/** `rig logs BUILD [-f]`: every log stream of a build; `-f` follows it live over SSE. */
import type { Command } from '@commander-js/extra-typings';
import { ApiError, client, runClient } from './client.ts';
import type { Client } from './client.ts';

interface Stream {
  stream: string;
  label: string;
  lines: number;
}

export async function printLog(c: Client, build: string): Promise<void> {
  const { streams } = await c.json<{ streams: Stream[] }>(
    `/api/builds/${encodeURIComponent(build)}/log`,
  );
  for (const s of streams) {
    if (s.lines === 0) continue;
    process.stdout.write(`── ${s.label}\n`);
    for (let from = 0; from < s.lines; from += 10_000) {
      const page = await c.json<{ lines: string[] }>(
        `/api/builds/${encodeURIComponent(build)}/log/${s.stream}?from=${from}`,
      );
      if (page.lines.length > 0) process.stdout.write(`${page.lines.join('\n')}\n`);
    }
  }
}

/** How long `-f`/`--wait` keep trying to reach a controller that went away (a restart). */
const RECONNECT_FOR_MS = 120_000;

/**
 * Streams every line of the build until it ends; resolves with the result.
 * A controller restart only pauses it: we reconnect with `Last-Event-ID`, so
 * no line is missed or printed twice.
 */
export async function followLog(c: Client, build: string): Promise<string | null> {
  let resume = '';
  let failingSince: number | null = null;
  for (;;) {
    try {
      const res = await c.raw(`/api/builds/${encodeURIComponent(build)}/follow`, {
        'last-event-id': resume,
        accept: 'text/event-stream',
      });
      if (res.status >= 400 && res.status < 500) {
        const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
        throw new ApiError(res.status, body.error?.message ?? `HTTP ${res.status}`);
      }
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      failingSince = null;
      const end = await readEvents(res.body, (id) => (resume = id));
      if (end !== undefined) return end;
    } catch (err) {
      if (err instanceof ApiError && err.status !== 0) throw err;
      if (failingSince === null)
        process.stderr.write(`rig: lost the connection to ${c.server}; reconnecting…\n`);
      failingSince ??= Date.now();
      if (Date.now() - failingSince > RECONNECT_FOR_MS) throw asApiError(c, err);
    }
    await new Promise((r) => setTimeout(r, failingSince === null ? 100 : 500));
  }
}

function asApiError(c: Client, err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(
    0,
    `cannot reach ${c.server}: ${err instanceof Error ? err.message : String(err)}`,
  );
}

/** Prints `lines` events until `end` (its result) or the stream breaks off (undefined). */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  seen: (id: string) => void,
): Promise<string | null | undefined> {
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  let id: string | undefined;
  const decoder = new TextDecoder();
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line === '') {
        if (event === 'end')
          return (JSON.parse(data.join('\n')) as { result: string | null }).result;
        if (event === 'lines')
          for (const d of data)
            process.stdout.write(`${(JSON.parse(d) as { text: string }).text}\n`);
        // The id counts once the event's lines are out: a break before that resends them.
        if (id !== undefined) seen(id);
        event = 'message';
        data = [];
        id = undefined;
      }
    }
  }
  return undefined;
}

export function registerLogs(program: Command): void {
  program
    .command('logs')
    .description('print a build’s log (a build id or project#number)')
    .argument('<build>')
    .option('-f, --follow', 'follow the log until the build ends')
    .option('--server <url>', 'controller URL (default: RIG_SERVER)')
    .option('--token <token>', 'API token (default: RIG_TOKEN)')
    .action((build, opts) =>
      runClient(async () => {
        const c = client(opts);
        if (opts.follow) await followLog(c, build);
        else await printLog(c, build);
      }),
    );
}
