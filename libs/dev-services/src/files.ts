import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { errorField } from './errors';

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (e) {
    if (isErrno(e, 'ENOENT') || isErrno(e, 'ENOTDIR')) return false;
    throw e;
  }
}

export function isErrno(e: unknown, code: string): boolean {
  return errorField(e, 'code') === code;
}

/** The last `maxLines` lines of a text, without trailing blank lines. */
export function tailText(text: string, maxLines: number): string {
  const lines = text.replace(/\s+$/, '').split(/\r?\n/);
  return lines.slice(-maxLines).join('\n');
}

/** The end of a log file for an error message; '' when it cannot be read. */
export async function tailFile(file: string, maxLines = 20, maxBytes = 16 * 1024): Promise<string> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return tailText(buffer.toString('utf8'), maxLines);
  } catch {
    return '';
  } finally {
    await handle?.close();
  }
}

/** Finds an executable on a PATH-style list the way a shell would; undefined if absent. */
export async function findOnPath(
  name: string,
  pathEnv: string | undefined,
): Promise<string | undefined> {
  for (const dir of (pathEnv ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      const stat = await fs.stat(candidate);
      if (!stat.isFile()) continue;
      await fs.access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here: keep looking.
    }
  }
  return undefined;
}

/** `dir` and every directory above it, ending with the root. */
export function selfAndAncestors(dir: string): string[] {
  const result: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    result.push(current);
    const parent = path.dirname(current);
    if (parent === current) return result;
    current = parent;
  }
}
