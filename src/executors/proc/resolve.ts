/**
 * Resolves a command name through PATH before spawning, so "not found" is the
 * same infrastructure error whether or not a wrapper (cgroup join, nsenter)
 * sits between us and the command.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

/** The executable to run, or undefined when nothing on PATH matches. */
export function resolveCommand(command: string, path: string, cwd: string): string | undefined {
  if (command.includes('/')) {
    const full = isAbsolute(command) ? command : join(cwd, command);
    return executable(full) ? full : undefined;
  }
  for (const dir of path.split(':')) {
    const full = join(dir || '.', command);
    if (executable(isAbsolute(full) ? full : join(cwd, full))) return full;
  }
  return undefined;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
