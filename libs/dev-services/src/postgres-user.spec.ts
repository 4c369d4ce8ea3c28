import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canSearch, ensureSearchable, parseIdOutput, permits } from './postgres-user';

describe('parseIdOutput', () => {
  it('reads uid and gid', () => {
    expect(
      parseIdOutput('uid=101(postgres) gid=104(postgres) groups=104(postgres),103(ssl-cert)\n'),
    ).toEqual({
      uid: 101,
      gid: 104,
    });
    expect(parseIdOutput('id: ‘postgres’: no such user')).toBeUndefined();
  });
});

describe('canSearch', () => {
  const who = { uid: 101, gid: 104 };
  it('uses the owner, then the group, then the other bits', () => {
    expect(canSearch({ mode: 0o40700, uid: 101, gid: 0 }, who)).toBe(true);
    expect(canSearch({ mode: 0o40070, uid: 101, gid: 104 }, who)).toBe(false); // owner bits win
    expect(canSearch({ mode: 0o40750, uid: 0, gid: 104 }, who)).toBe(true);
    expect(canSearch({ mode: 0o40701, uid: 0, gid: 104 }, who)).toBe(false); // group bits win
    expect(canSearch({ mode: 0o40700, uid: 0, gid: 0 }, who)).toBe(false);
    expect(canSearch({ mode: 0o40711, uid: 0, gid: 0 }, who)).toBe(true);
  });
});

describe('permits', () => {
  const who = { uid: 101, gid: 104 };
  it('needs every wanted bit from the one class that applies', () => {
    expect(permits({ mode: 0o40755, uid: 0, gid: 0 }, who, 0o5)).toBe(true);
    expect(permits({ mode: 0o40751, uid: 0, gid: 0 }, who, 0o5)).toBe(false);
    expect(permits({ mode: 0o40700, uid: 0, gid: 0 }, who, 0o5)).toBe(false);
    expect(permits({ mode: 0o40570, uid: 101, gid: 104 }, who, 0o5)).toBe(true);
    expect(permits({ mode: 0o100644, uid: 0, gid: 104 }, who, 0o4)).toBe(true);
  });
});

describe('ensureSearchable', () => {
  it('adds only o+x where it is missing and says so', async () => {
    const top = await fs.mkdtemp(path.join(os.tmpdir(), 'devsvc-search-')); // mode 700, like CI
    try {
      const inner = path.join(top, 'inner');
      await fs.mkdir(inner, { mode: 0o750 });
      await fs.chmod(inner, 0o750);
      const log = jest.fn();
      const nobody = { uid: 65534, gid: 65534 };
      await ensureSearchable(inner, nobody, log);
      expect((await fs.stat(top)).mode & 0o7777).toBe(0o701);
      expect((await fs.stat(inner)).mode & 0o7777).toBe(0o751);
      expect(log.mock.calls.map(([, extra]) => (extra as { dir: string }).dir)).toEqual([
        inner,
        top,
      ]);

      log.mockClear();
      await ensureSearchable(inner, nobody, log);
      expect(log).not.toHaveBeenCalled();
    } finally {
      await fs.rm(top, { recursive: true, force: true });
    }
  });
});
