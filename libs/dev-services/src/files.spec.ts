import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findOnPath, selfAndAncestors, tailFile, tailText } from './files';

describe('files helpers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'devsvc-files-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('tailText keeps the last lines without trailing blanks', () => {
    expect(tailText('a\nb\nc\nd\n\n', 2)).toBe('c\nd');
    expect(tailText('only', 5)).toBe('only');
  });

  it('tailFile reads the end of a file and is empty for a missing one', async () => {
    const file = path.join(dir, 'log');
    await fs.writeFile(file, Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n'));
    await expect(tailFile(file, 3)).resolves.toBe('line 97\nline 98\nline 99');
    await expect(tailFile(path.join(dir, 'missing'))).resolves.toBe('');
  });

  it('selfAndAncestors walks up to the root', () => {
    expect(selfAndAncestors('/a/b/c')).toEqual(['/a/b/c', '/a/b', '/a', '/']);
    expect(selfAndAncestors('/')).toEqual(['/']);
  });

  it('findOnPath finds executables only, in PATH order', async () => {
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    await fs.mkdir(first);
    await fs.mkdir(second);
    await fs.writeFile(path.join(first, 'tool'), '#!/bin/sh\n', { mode: 0o644 }); // not executable
    await fs.mkdir(path.join(first, 'dir-tool'));
    await fs.writeFile(path.join(second, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    const pathEnv = ['', first, second].join(path.delimiter);
    await expect(findOnPath('tool', pathEnv)).resolves.toBe(path.join(second, 'tool'));
    await expect(findOnPath('dir-tool', pathEnv)).resolves.toBeUndefined();
    await expect(findOnPath('tool', undefined)).resolves.toBeUndefined();
  });
});
