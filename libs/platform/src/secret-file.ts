import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A server secret (the token signing key, the binding pepper): the configured one, else one
 * generated at first start and kept in `dataDir/<fileName>` (mode 600). Two processes starting together agree: each writes a file of its own and
 * links it to the name, which only the first link wins; a reader never sees a half-written file.
 */
export async function loadSecretFile(
  configured: string | undefined,
  dataDir: string,
  fileName: string,
): Promise<Buffer> {
  if (configured !== undefined) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, fileName);
  await mkdir(dataDir, { recursive: true });
  const mine = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(mine, randomBytes(48).toString('base64'), { mode: 0o600 });
    await link(mine, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(mine, { force: true });
  }
  const text = (await readFile(file, 'utf8')).trim();
  if (text.length < 32) throw new Error(`${file} holds a secret shorter than 32 characters`);
  return Buffer.from(text, 'utf8');
}
