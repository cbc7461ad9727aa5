/** Stored credentials, opened: for agents' jobs and for the controller's own calls (forge tokens). */
import type { Credential } from '../protocol/credentials.ts';
import type { Vault } from './ports.ts';
import type { Store } from './store/store.ts';

/** Binds a sealed record to its credential id: a record copied onto another id does not open. */
export const credentialContext = (id: string): string => `credential:${id}`;

export async function openCredential(
  store: Store,
  vault: Vault,
  id: string,
): Promise<{ credential: Credential } | { error: string }> {
  const stored = await store.getCredential(id);
  if (!stored) return { error: `no credential ${id}` };
  const opened = vault.openJson(stored.sealed, credentialContext(id));
  if ('error' in opened) return { error: `credential ${id}: ${opened.error}` };
  return { credential: opened.value as Credential };
}

/** The secret part of a credential used as an API token. */
export function tokenOf(c: Credential): string {
  switch (c.kind) {
    case 'secret':
      return c.secret;
    case 'usernamePassword':
      return c.password;
    case 'sshKey':
      return c.privateKey;
  }
}
