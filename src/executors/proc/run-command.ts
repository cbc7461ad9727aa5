/** Helper commands (`ip`, `podman`, `umount`…): results as values, never thrown. */
import { execFile } from 'node:child_process';

export interface CommandResult {
  ok: boolean;
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCommand(
  argv: string[],
  opts: { timeoutMs?: number; input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CommandResult> {
  const [command, ...args] = argv;
  return new Promise((resolve) => {
    const child = execFile(
      command!,
      args,
      {
        timeout: opts.timeoutMs ?? 60_000,
        maxBuffer: 32 << 20,
        env: opts.env ?? process.env,
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        const message = error && typeof error.code === 'string' ? `${error.message}\n` : '';
        resolve({ ok: !error, code, stdout, stderr: message + stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** The last line of a failed command's stderr, for one-line messages. */
export function briefError(result: CommandResult): string {
  const lines = result.stderr.trim().split('\n').filter(Boolean);
  return lines.at(-1) ?? `exit ${result.code ?? 'by signal'}`;
}
