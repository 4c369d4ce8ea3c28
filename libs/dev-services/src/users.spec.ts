import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ServiceUsers } from './users';

describe('ServiceUsers: who still uses a server we run', () => {
  let dir: string;
  beforeEach(async () => {
    dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'yishi-users-')), 'users');
  });
  afterEach(async () => {
    await fs.rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('counts other live processes, not this one, and forgets dead ones', async () => {
    const users = new ServiceUsers(dir);
    expect(await users.others()).toEqual([]); // no directory yet
    await users.join();
    expect(await users.others()).toEqual([]); // only this process
    // Another live process (our parent) and one that was killed with -9 (no such pid).
    await fs.writeFile(path.join(dir, `${process.ppid}-aa11`), '');
    await fs.writeFile(path.join(dir, '4194303-bb22'), '');
    expect(await users.others()).toEqual([process.ppid]);
    expect((await fs.readdir(dir)).sort()).toHaveLength(2); // the dead one's file is gone
    await users.leave();
    expect(await fs.readdir(dir)).toEqual([`${process.ppid}-aa11`]);
  });
});
