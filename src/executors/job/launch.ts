/** Launch helpers shared by executors whose steps see the host's filesystem. */
import { statSync } from 'node:fs';
import { resolveCommand } from '../proc/resolve.ts';

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The resolved executable, or a message naming what is wrong. */
export function resolveOnHost(
  argv: string[],
  env: Record<string, string>,
  cwd: string,
): { file: string } | { error: string } {
  const command = argv[0];
  if (!command) return { error: 'empty command line' };
  if (!isDirectory(cwd)) return { error: `working directory ${cwd} does not exist` };
  const file = resolveCommand(command, env.PATH ?? DEFAULT_PATH, cwd);
  return file ? { file } : { error: `${command}: command not found` };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
