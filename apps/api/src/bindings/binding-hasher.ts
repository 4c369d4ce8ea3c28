import { type AppConfig } from '@yishi/config';
import { BINDING_PEPPER_FILE, loadTokenSecret } from '@yishi/identity';
import { BindingHasher } from '@yishi/registry';

/** The hasher of owners' certificate and ID numbers, keyed by BINDING_PEPPER (or its file). */
export const BINDING_HASHER = Symbol('BINDING_HASHER');

export async function createBindingHasher(config: AppConfig): Promise<BindingHasher> {
  return new BindingHasher(
    await loadTokenSecret(config.bindingPepper, config.dataDir, BINDING_PEPPER_FILE),
  );
}
