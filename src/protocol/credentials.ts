/** A credential as the controller hands it to an agent for one job. */
export type Credential =
  | { kind: 'secret'; secret: string }
  | { kind: 'usernamePassword'; username: string; password: string }
  | { kind: 'sshKey'; username: string; privateKey: string; passphrase?: string };
