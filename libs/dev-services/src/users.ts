import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isErrno } from './files';

const USER_FILE = /^(\d+)-[0-9a-f]+$/;

/** Whether a process with this id exists (EPERM: it does, owned by another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return isErrno(e, 'EPERM');
  }
}

/**
 * The processes using a server we run (the embedded PostgreSQL, our redis-server): one empty file
 * per user, `<pid>-<random>`, in a directory beside the server's data. A process joins before it
 * looks for the server and leaves when done; the server is stopped only by the last one out, so
 * `npm run verify` or `rebuild` next to a running platform (or the worker stopping before the API)
 * never stops the database the others are using. A process killed with -9 leaves its file behind;
 * its pid is dead, so it counts for nothing and is removed. (A dead pid reused by an unrelated
 * process keeps a server running that could have stopped: the safe side.)
 */
export class ServiceUsers {
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = path.join(dir, `${process.pid}-${randomBytes(6).toString('hex')}`);
  }

  async join(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await fs.writeFile(this.file, '', { mode: 0o600 });
  }

  async leave(): Promise<void> {
    await fs.rm(this.file, { force: true });
  }

  /**
   * The ids of other live processes that joined. This process's other handles are not counted:
   * within one process whoever calls stop() means it (tests simulate a killed run that way).
   */
  async others(): Promise<number[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (e) {
      if (isErrno(e, 'ENOENT')) return [];
      throw e;
    }
    const pids: number[] = [];
    for (const name of names) {
      const pid = Number(USER_FILE.exec(name)?.[1]);
      if (!pid || pid === process.pid) continue;
      if (processAlive(pid)) pids.push(pid);
      else await fs.rm(path.join(this.dir, name), { force: true });
    }
    return pids;
  }
}
