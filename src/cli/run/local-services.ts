/**
 * What the controller provides to builds, provided locally for `rig run`:
 * archived artifacts are copied to `.rig/artifacts/<build>/`, credentials come
 * from a JSON file (`--credentials FILE`, default `.rig/credentials.json`),
 * `input` is answered by `--input` or at the terminal.
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { dirname, join } from 'node:path';
import type {
  ArtifactSink,
  Credential,
  CredentialProvider,
  InputHandler,
} from '../../runner/index.ts';
import { UsageError } from '../errors.ts';

export function localArtifactSink(dir: string): ArtifactSink {
  return {
    async put(relativePath, absolutePath) {
      const target = join(dir, relativePath);
      await mkdir(dirname(target), { recursive: true });
      await copyFile(absolutePath, target);
    },
  };
}

type CredentialJson =
  | string
  | { secret: string }
  | { username: string; password: string }
  | { fileName: string; content: string }
  | { username: string; privateKey: string; passphrase?: string };

/** Reads the credentials file lazily: a pipeline without `credentials()` never needs it. */
export function fileCredentialProvider(path: string): CredentialProvider {
  let table: Promise<Record<string, CredentialJson>> | undefined;
  return {
    async get(id) {
      table ??= readCredentials(path);
      const entry = (await table)[id];
      if (entry === undefined)
        throw new Error(
          `credential '${id}' is not defined in ${path} (see docs/cli.md#credentials)`,
        );
      return toCredential(entry);
    },
  };
}

async function readCredentials(path: string): Promise<Record<string, CredentialJson>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  try {
    return JSON.parse(text) as Record<string, CredentialJson>;
  } catch (err) {
    throw new UsageError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
}

function toCredential(entry: CredentialJson): Credential {
  if (typeof entry === 'string') return { kind: 'secret', secret: entry };
  if ('secret' in entry) return { kind: 'secret', secret: entry.secret };
  if ('password' in entry) return { kind: 'usernamePassword', ...entry };
  if ('privateKey' in entry) return { kind: 'sshKey', ...entry };
  return { kind: 'file', fileName: entry.fileName, content: Buffer.from(entry.content) };
}

/** `--input proceed|abort`, else ask on a terminal, else abort with a hint. */
export function localInputHandler(answer: 'proceed' | 'abort' | undefined): InputHandler {
  return {
    async ask(request) {
      const values = Object.fromEntries(
        request.parameters.flatMap((p) =>
          p.defaultValue === undefined ? [] : [[p.name, p.defaultValue]],
        ),
      );
      if (answer === 'proceed') return { submitter: 'rig run', values };
      if (answer === 'abort') throw new Error('aborted by --input abort');
      if (!process.stdin.isTTY)
        throw new Error(
          `input '${request.message}' needs an answer: run with --input proceed or --input abort`,
        );
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const reply = await rl.question(
          `\n[${request.stage}] ${request.message} [${request.ok ?? 'Proceed'}/abort] `,
        );
        if (/^a(bort)?$/i.test(reply.trim())) throw new Error('aborted at the prompt');
        return { submitter: process.env.USER ?? 'local', values };
      } finally {
        rl.close();
      }
    },
  };
}
