import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { ConfigurationError, EnvironmentVariables, loadConfig } from './index';

const variables = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentVariables, '', true, false)
      .map((m) => m.propertyName),
  ),
];

describe('configuration', () => {
  it("README's configuration table lists every variable", () => {
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('## Architecture'),
    );
    expect(variables.length).toBeGreaterThan(15);
    for (const name of variables) expect(table).toContain(`\`${name}\``);
  });

  it('names every bad variable and hides secret values', () => {
    const bad = () =>
      loadConfig({ PORT: 'x', AUTH_TOKEN_SECRET: 'short', ACCESS_TOKEN_TTL_SECONDS: '5' });
    expect(bad).toThrow(ConfigurationError);
    try {
      bad();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('AUTH_TOKEN_SECRET');
      expect(message).toContain('(value hidden)');
      expect(message).toContain('ACCESS_TOKEN_TTL_SECONDS');
      expect(message).not.toContain('short');
    }
  });

  it('has login-throttle and token defaults', () => {
    const config = loadConfig({}, '/tmp');
    expect(config.accessTokenTtlSeconds).toBe(28800);
    expect(config.authLockAfterFailures).toBe(10);
    expect(config.authTokenSecret).toBeUndefined();
  });

  it('reads a boolean variable as 1/0 as well as true/false, and refuses anything else', () => {
    for (const [value, expected] of [
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ] as const) {
      const config = loadConfig({ SEED_DEMO: value, DB_PREPARED_STATEMENTS: value }, '/tmp');
      expect([config.seedDemo, config.dbPreparedStatements]).toEqual([expected, expected]);
    }
    expect(loadConfig({}, '/tmp').seedDemo).toBe(true);
    expect(() => loadConfig({ SEED_DEMO: 'yes' }, '/tmp')).toThrow(/SEED_DEMO/);
  });
});
