import { parsePostmasterPid, postgresOptions, quoteIdent, socketPathFits } from './postgres';

describe('socketPathFits', () => {
  it('accepts paths up to the platform limit', () => {
    // '/.s.PGSQL.54329' is 15 bytes.
    expect(socketPathFits('/' + 'x'.repeat(91), 54329, 'linux')).toBe(true); // 92 + 15 = 107
    expect(socketPathFits('/' + 'x'.repeat(92), 54329, 'linux')).toBe(false);
    expect(socketPathFits('/' + 'x'.repeat(87), 54329, 'darwin')).toBe(true); // 103
    expect(socketPathFits('/' + 'x'.repeat(88), 54329, 'darwin')).toBe(false);
  });

  it('counts bytes, not characters', () => {
    // 3 bytes per character: 31 characters would fit, 94 bytes do not.
    expect(socketPathFits('/' + '议'.repeat(30), 54329, 'linux')).toBe(true); // 91 + 15
    expect(socketPathFits('/' + '议'.repeat(31), 54329, 'linux')).toBe(false); // 94 + 15
  });
});

describe('postgresOptions', () => {
  it('listens on loopback with a quoted socket directory', () => {
    expect(postgresOptions(54329, "/tmp/a b'c/pg-socket", 'linux')).toBe(
      `-p 54329 -c listen_addresses=127.0.0.1 -k '/tmp/a b'\\''c/pg-socket'`,
    );
  });

  it('disables the unix socket when the path is too long', () => {
    expect(postgresOptions(54329, '/' + 'x'.repeat(200), 'linux')).toBe(
      `-p 54329 -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`,
    );
  });
});

describe('parsePostmasterPid', () => {
  it('reads pid, port and status', () => {
    const text = [
      '4242',
      '/data/postgres',
      '1763750000',
      '54329',
      '/data/pg-socket',
      '127.0.0.1',
      '  1234567     32768',
      'ready   ',
      '',
    ].join('\n');
    expect(parsePostmasterPid(text)).toEqual({ pid: 4242, port: 54329, status: 'ready' });
  });

  it('tolerates a file still being written and rejects garbage', () => {
    expect(parsePostmasterPid('4242\n/data\n1763750000\n54329\n')).toEqual({
      pid: 4242,
      port: 54329,
    });
    expect(parsePostmasterPid('4242\n/data\n')).toBeUndefined();
    expect(parsePostmasterPid('')).toBeUndefined();
  });
});

describe('quoteIdent', () => {
  it('double-quotes and escapes', () => {
    expect(quoteIdent('yishi')).toBe('"yishi"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });
});
