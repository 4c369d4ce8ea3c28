import { execFileSync } from 'node:child_process';
import { run, shellQuote } from './exec';

describe('shellQuote', () => {
  it('leaves plain words alone', () => {
    expect(shellQuote('/tmp/data-1/pg_socket')).toBe('/tmp/data-1/pg_socket');
  });

  it.each(["a b'c", '$HOME', '', 'x;rm -rf /', '"q"'])('round-trips %j through /bin/sh', (word) => {
    const echoed = execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(word)}`], {
      encoding: 'utf8',
    });
    expect(echoed).toBe(word);
  });
});

describe('run', () => {
  it('resolves with the exit code and output', async () => {
    await expect(run('/bin/sh', ['-c', 'echo out; echo err >&2; exit 3'])).resolves.toEqual({
      code: 3,
      stdout: 'out\n',
      stderr: 'err\n',
    });
  });

  it('rejects when the program does not exist', async () => {
    await expect(run('/nonexistent/program', [])).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
