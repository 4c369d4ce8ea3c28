import { loadSecretFile } from '@yishi/platform';

export const SECRET_FILE = 'auth-token-secret';

/** The token signing key (AUTH_TOKEN_SECRET, else generated once into `dataDir`). */
export function loadTokenSecret(
  configured: string | undefined,
  dataDir: string,
  fileName = SECRET_FILE,
): Promise<Buffer> {
  return loadSecretFile(configured, dataDir, fileName);
}
