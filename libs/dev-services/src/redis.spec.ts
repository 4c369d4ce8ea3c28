import { parseRedisServerVersion, REDIS_INSTALL_ADVICE, redisServerArgs } from './redis';

describe('redisServerArgs', () => {
  it('persists with AOF only and never evicts', () => {
    const args = redisServerArgs(6389, '/data/redis');
    const option = (name: string): string | undefined => args[args.indexOf(`--${name}`) + 1];
    expect(option('port')).toBe('6389');
    expect(option('bind')).toBe('127.0.0.1');
    expect(option('dir')).toBe('/data/redis');
    expect(option('appendonly')).toBe('yes');
    expect(option('appendfsync')).toBe('everysec');
    expect(option('save')).toBe('');
    expect(option('maxmemory-policy')).toBe('noeviction');
    expect(option('pidfile')).toBe('/data/redis/redis.pid');
    expect(option('logfile')).toBe('/data/redis/redis.log');
    expect(option('daemonize')).toBe('yes');
    expect(args.length % 2).toBe(0);
  });
});

describe('parseRedisServerVersion', () => {
  it('reads the major version', () => {
    expect(
      parseRedisServerVersion(
        'Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=ae4d7c971a948f0',
      ),
    ).toBe(7);
    expect(parseRedisServerVersion('Redis server v=6.0.16 sha=0')).toBe(6);
    expect(parseRedisServerVersion('something else')).toBeUndefined();
  });
});

describe('REDIS_INSTALL_ADVICE', () => {
  it('names every way out', () => {
    expect(REDIS_INSTALL_ADVICE).toContain('REDIS_URL');
    expect(REDIS_INSTALL_ADVICE).toContain('apt-get install redis-server');
    expect(REDIS_INSTALL_ADVICE).toContain('brew install redis');
    expect(REDIS_INSTALL_ADVICE).toContain('--maxmemory-policy noeviction');
  });
});
