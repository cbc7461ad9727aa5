/** Credentials at rest, the controller's key, and API/agent tokens. */
export { CredentialVault, type OpenResult } from './vault.ts';
export { loadSecretKey, type SecretKeyResult } from './secret-key.ts';
export {
  agentTokenPrefix,
  generateToken,
  hashToken,
  userTokenPrefix,
  verifyToken,
} from './tokens.ts';
