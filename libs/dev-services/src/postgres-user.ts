import { type Stats, promises as fs } from 'node:fs';
import path from 'node:path';
import { DevServiceError, errorMessage } from './errors';
import { run } from './exec';
import { selfAndAncestors } from './files';
import { type DevServiceLog } from './types';

/** The unprivileged account PostgreSQL runs as when we are root (it refuses to run as root). */
export interface RunAs {
  uid: number;
  gid: number;
}

const USER = 'postgres';

/** Parses `id NAME` output: `uid=101(postgres) gid=104(postgres) groups=…`. */
export function parseIdOutput(text: string): RunAs | undefined {
  const match = /uid=(\d+)\S*\s+gid=(\d+)/.exec(text);
  if (!match?.[1] || !match[2]) return undefined;
  return { uid: Number(match[1]), gid: Number(match[2]) };
}

async function lookUpUser(): Promise<RunAs | undefined> {
  const result = await run('id', [USER]);
  return result.code === 0 ? parseIdOutput(result.stdout) : undefined;
}

/** Finds the `postgres` system user, creating it (and its group) if needed. */
export async function ensurePostgresUser(log: DevServiceLog): Promise<RunAs> {
  const existing = await lookUpUser();
  if (existing) return existing;
  const advice =
    'PostgreSQL refuses to run as root, so the embedded one runs as a "postgres" user. ' +
    'Create that user yourself (e.g. `useradd --system --no-create-home postgres`), ' +
    'run the platform as a non-root user, or set DATABASE_URL.';
  try {
    // Exit code 9: the group already exists, which is what we want.
    const group = await run('groupadd', ['--system', USER]);
    if (group.code !== 0 && group.code !== 9) {
      throw new Error(`groupadd exited with ${group.code}: ${group.stderr.trim()}`);
    }
    const user = await run('useradd', ['--system', '--no-create-home', '--gid', USER, USER]);
    // Exit code 9: created concurrently by another process.
    if (user.code !== 0 && user.code !== 9) {
      throw new Error(`useradd exited with ${user.code}: ${user.stderr.trim()}`);
    }
  } catch (e) {
    throw new DevServiceError(
      `Could not create the "postgres" user (${errorMessage(e)}). ${advice}`,
      { cause: e },
    );
  }
  const created = await lookUpUser();
  if (!created)
    throw new DevServiceError(`The "postgres" user cannot be found after creating it. ${advice}`);
  log(
    'embedded PostgreSQL: created system user "postgres" (PostgreSQL refuses to run as root)',
    created,
  );
  return created;
}

/**
 * Whether `who` has all of `want` (an rwx triple: 4 read, 2 write, 1 search) on a file with this
 * stat. Only the primary group counts: spawn with uid/gid drops supplementary groups.
 */
export function permits(
  stat: Pick<Stats, 'mode' | 'uid' | 'gid'>,
  who: RunAs,
  want: number,
): boolean {
  const shift = stat.uid === who.uid ? 6 : stat.gid === who.gid ? 3 : 0;
  return ((stat.mode >> shift) & want) === want;
}

export function canSearch(stat: Pick<Stats, 'mode' | 'uid' | 'gid'>, who: RunAs): boolean {
  return permits(stat, who, 0o1);
}

/**
 * The package's libraries and share files must be readable by `who`. They are r-x for everyone
 * as npm installs them, unless npm ran with a strict umask; we do not chmod node_modules for that.
 */
export async function checkReadableDirs(
  dirs: readonly string[],
  who: RunAs,
  packageName: string,
): Promise<void> {
  for (const dir of dirs) {
    const stat = await fs.stat(dir).catch(() => undefined);
    if (stat === undefined || permits(stat, who, 0o5)) continue;
    throw new DevServiceError(
      `The "postgres" user cannot read ${dir} (mode ${(stat.mode & 0o777).toString(8)}), ` +
        `probably because npm installed ${packageName} with a strict umask. ` +
        `Run \`chmod -R o+rX ${path.dirname(dir)}\`, run as a non-root user, or set DATABASE_URL.`,
    );
  }
}

/**
 * Makes `dir` and every directory above it searchable by `who`, adding only o+x where it is
 * missing: a checkout under `mktemp -d` (mode 700) would otherwise hide the binaries and the data
 * directory from the postgres user.
 */
export async function ensureSearchable(dir: string, who: RunAs, log: DevServiceLog): Promise<void> {
  for (const current of selfAndAncestors(dir)) {
    const stat = await fs.stat(current);
    if (canSearch(stat, who)) continue;
    const mode = (stat.mode & 0o7777) | 0o001;
    try {
      await fs.chmod(current, mode);
    } catch (e) {
      throw new DevServiceError(
        `The "postgres" user cannot reach ${dir} because ${current} is not searchable, and its ` +
          `mode cannot be changed (${errorMessage(e)}). Run \`chmod o+x ${current}\`, move DATA_DIR ` +
          'elsewhere, run as a non-root user, or set DATABASE_URL.',
        { cause: e },
      );
    }
    log('embedded PostgreSQL: added o+x so the "postgres" user can reach its files', {
      dir: current,
      mode: mode.toString(8),
    });
  }
}

/** chown if the owner differs (cheap on every start). */
export async function chownIfNeeded(file: string, who: RunAs): Promise<void> {
  const stat = await fs.lstat(file);
  if (stat.uid !== who.uid || stat.gid !== who.gid) await fs.lchown(file, who.uid, who.gid);
}

/** chown -R, for a data directory that some earlier setup left owned by another user. */
export async function chownTree(dir: string, who: RunAs): Promise<void> {
  await fs.lchown(dir, who.uid, who.gid);
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(full, who);
    else await fs.lchown(full, who.uid, who.gid);
  }
}
