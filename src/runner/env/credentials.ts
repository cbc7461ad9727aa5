/**
 * Credentials as environment variables: `environment { X = credentials('id') }`
 * (X, plus X_USR/X_PSW for username/password and SSH keys) and the bindings
 * of `withCredentials`. Every secret value is registered with the masker
 * before anything can print it. File-like credentials become files in the
 * job's tmp dir, removed when their scope ends.
 */
import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Credential } from '../api.ts';
import type { ExecContext } from '../build/types.ts';
import { StepFailure } from '../errors.ts';
import { toStr } from '../groovy/format.ts';
import type { Value } from '../groovy/values.ts';

export interface Bound {
  vars: Array<[string, string]>;
  /** Host paths to remove when the scope ends. */
  files: string[];
}

export async function resolveCredential(ctx: ExecContext, id: string): Promise<Credential> {
  const provider = ctx.build.credentials;
  if (!provider)
    throw new StepFailure(`credentials '${id}': no credential store is configured for this build`);
  try {
    return await provider.get(id);
  } catch (err) {
    throw new StepFailure(
      `credentials '${id}': ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

export async function bindEnvironmentCredential(
  ctx: ExecContext,
  name: string,
  id: string,
): Promise<Bound> {
  const cred = await resolveCredential(ctx, id);
  const bound: Bound = { vars: [], files: [] };
  switch (cred.kind) {
    case 'secret':
      secret(ctx, cred.secret);
      bound.vars.push([name, cred.secret]);
      break;
    case 'usernamePassword':
      secret(ctx, cred.password);
      secret(ctx, `${cred.username}:${cred.password}`);
      bound.vars.push(
        [name, `${cred.username}:${cred.password}`],
        [`${name}_USR`, cred.username],
        [`${name}_PSW`, cred.password],
      );
      break;
    case 'file':
      bound.vars.push([name, await secretFile(ctx, cred.content, bound, cred.fileName)]);
      break;
    case 'sshKey':
      bound.vars.push(
        [name, await secretFile(ctx, Buffer.from(cred.privateKey), bound)],
        [`${name}_USR`, cred.username],
      );
      if (cred.passphrase) {
        secret(ctx, cred.passphrase);
        bound.vars.push([`${name}_PSW`, cred.passphrase]);
      }
      break;
  }
  return bound;
}

/** One `withCredentials` binding: `usernamePassword(credentialsId: …, usernameVariable: …, …)` or its `$class` map. */
export async function bindWithCredentials(
  ctx: ExecContext,
  binding: Value,
  bound: Bound,
): Promise<void> {
  if (!(binding instanceof Map))
    throw new StepFailure(
      'withCredentials: each binding must be like string(credentialsId: …, variable: …)',
    );
  const get = (key: string): string | undefined =>
    binding.has(key) && binding.get(key) !== null ? toStr(binding.get(key) ?? null) : undefined;
  const kind = get('$class') ?? '';
  const id = get('credentialsId');
  if (!id) throw new StepFailure(`withCredentials: ${kind} needs a credentialsId`);
  const cred = await resolveCredential(ctx, id);
  const want = (k: Credential['kind']): void => {
    if (cred.kind !== k)
      throw new StepFailure(
        `withCredentials: credential '${id}' is a ${cred.kind} credential, but ${kind} needs a ${k} credential`,
      );
  };
  const variable = (key: string): string => {
    const v = get(key);
    if (!v) throw new StepFailure(`withCredentials: ${kind} needs ${key}`);
    return v;
  };
  switch (kind) {
    case 'StringBinding':
      want('secret');
      if (cred.kind === 'secret') bound.vars.push([variable('variable'), secret(ctx, cred.secret)]);
      return;
    case 'UsernamePasswordMultiBinding':
      want('usernamePassword');
      if (cred.kind === 'usernamePassword')
        bound.vars.push(
          [variable('usernameVariable'), cred.username],
          [variable('passwordVariable'), secret(ctx, cred.password)],
        );
      return;
    case 'UsernamePasswordBinding':
      want('usernamePassword');
      if (cred.kind === 'usernamePassword')
        bound.vars.push([variable('variable'), secret(ctx, `${cred.username}:${cred.password}`)]);
      return;
    case 'FileBinding':
      want('file');
      if (cred.kind === 'file')
        bound.vars.push([
          variable('variable'),
          await secretFile(ctx, cred.content, bound, cred.fileName),
        ]);
      return;
    case 'SSHUserPrivateKeyBinding':
      want('sshKey');
      if (cred.kind !== 'sshKey') return;
      bound.vars.push([
        variable('keyFileVariable'),
        await secretFile(ctx, Buffer.from(cred.privateKey), bound),
      ]);
      if (get('usernameVariable')) bound.vars.push([variable('usernameVariable'), cred.username]);
      if (get('passphraseVariable') && cred.passphrase)
        bound.vars.push([variable('passphraseVariable'), secret(ctx, cred.passphrase)]);
      return;
    default:
      throw new StepFailure(`withCredentials: binding ${kind || '(unknown)'} is not supported`);
  }
}

export async function removeFiles(bound: Bound): Promise<void> {
  await Promise.all(bound.files.map((f) => rm(f, { force: true })));
}

function secret(ctx: ExecContext, value: string): string {
  ctx.build.masker.add(value);
  return value;
}

async function secretFile(
  ctx: ExecContext,
  content: Buffer,
  bound: Bound,
  fileName?: string,
): Promise<string> {
  const node = ctx.node;
  if (!node) throw new StepFailure('a file credential needs a machine to be written to');
  const name = `secret-${randomBytes(6).toString('hex')}${fileName ? `-${fileName.replace(/[^\w.-]/g, '_')}` : ''}`;
  const host = join(node.job.tmpDir, name);
  await writeFile(host, content, { mode: 0o600 });
  bound.files.push(host);
  return posix.join(node.job.tmpDirInside, name);
}
