/** A credential as the controller hands it to an agent for one job. */
export type Credential =
  | { kind: 'secret'; secret: string }
  | { kind: 'usernamePassword'; username: string; password: string }
  | { kind: 'sshKey'; username: string; privateKey: string; passphrase?: string };

/** The values of a credential that must never appear in a log. */
export function secretsOf(c: Credential): string[] {
  switch (c.kind) {
    case 'secret':
      return [c.secret];
    case 'usernamePassword':
      return [c.password];
    case 'sshKey':
      return [c.privateKey, ...(c.passphrase ? [c.passphrase] : [])];
  }
}
