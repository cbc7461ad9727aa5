/** `rig logs BUILD [-f]`: every log stream of a build; `-f` follows it live over SSE. */
import type { Command } from '@commander-js/extra-typings';
import { client, runClient } from './client.ts';
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

/** Streams every line of the build until it ends; resolves with the result. */
export async function followLog(c: Client, build: string): Promise<string | null> {
  let resume = '';
  for (;;) {
    const res = await c.raw(`/api/builds/${encodeURIComponent(build)}/follow`, {
      'last-event-id': resume,
      accept: 'text/event-stream',
    });
    if (!res.ok || !res.body) throw new Error(`following the log failed: HTTP ${res.status}`);
    let buffer = '';
    let event = 'message';
    let data: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        else if (line.startsWith('id:')) resume = line.slice(3).trim();
        else if (line === '') {
          if (event === 'end')
            return (JSON.parse(data.join('\n')) as { result: string | null }).result;
          if (event === 'lines')
            for (const d of data)
              process.stdout.write(`${(JSON.parse(d) as { text: string }).text}\n`);
          event = 'message';
          data = [];
        }
      }
    }
  }
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
