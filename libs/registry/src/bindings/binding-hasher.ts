import { createHmac } from 'node:crypto';
import { type AppConfig } from '@yishi/config';
import { loadSecretFile } from '@yishi/platform';

/** HMAC of the normalised numbers, keyed by the server pepper; each row has its own salt. */
export class BindingHasher {
  constructor(private readonly pepper: Buffer) {
    if (pepper.length < 32) throw new Error('the binding pepper must be at least 32 bytes');
  }

  hash(salt: Buffer, kind: 'certificate' | 'id-number', normalised: string): Buffer {
    return createHmac('sha256', this.pepper)
      .update(`${kind}\u0000`)
      .update(salt)
      .update(normalised, 'utf8')
      .digest();
  }
}

/** Where the pepper is kept when BINDING_PEPPER is unset (generated at first start). */
/** The pepper of the hashed certificate and ID numbers (实名绑定), when BINDING_PEPPER is unset. */
const BINDING_PEPPER_FILE = 'binding-pepper';

/** The hasher of owners' certificate and ID numbers, keyed by BINDING_PEPPER (or its file). */
export const BINDING_HASHER = Symbol('BINDING_HASHER');

export async function createBindingHasher(config: AppConfig): Promise<BindingHasher> {
  return new BindingHasher(
    await loadSecretFile(config.bindingPepper, config.dataDir, BINDING_PEPPER_FILE),
  );
}
