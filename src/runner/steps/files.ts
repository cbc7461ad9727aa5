/** `writeFile`, `readFile`, `fileExists`: relative to the current directory, on the job's machine. */
import { access, mkdir, readFile as read, writeFile as write } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveFile } from '../files/paths.ts';
import { StepFailure } from '../errors.ts';
import type { StepImpl } from './types.ts';

function isBase64(encoding: string | undefined): boolean {
  return encoding?.toLowerCase() === 'base64';
}

export const writeFile: StepImpl = {
  needsNode: true,
  async run({ ctx, args }) {
    const path = resolveFile(ctx, args.str('file'));
    const text = args.str('text');
    await mkdir(dirname(path), { recursive: true });
    await write(path, isBase64(args.optStr('encoding')) ? Buffer.from(text, 'base64') : text);
    return null;
  },
};

export const readFile: StepImpl = {
  needsNode: true,
  async run({ ctx, args }) {
    const file = args.str('file');
    try {
      const content = await read(resolveFile(ctx, file));
      return isBase64(args.optStr('encoding'))
        ? content.toString('base64')
        : content.toString('utf8');
    } catch (err) {
      throw new StepFailure(
        `readFile: ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
      );
    }
  },
};

export const fileExists: StepImpl = {
  needsNode: true,
  async run({ ctx, args }) {
    const file = args.str('file');
    if (file === '') return true;
    try {
      await access(resolveFile(ctx, file));
      return true;
    } catch {
      return false;
    }
  },
};
