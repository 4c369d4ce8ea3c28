/** @type {import('jest').Config} */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  // @fastify/static requires content-disposition 3, an ES module: Node 20 loads it (require(esm)),
  // Jest's module system does not, so it is compiled to CommonJS for the tests.
  '/content-disposition/dist/.+\\.js$': [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true }, diagnostics: false },
  ],
};
const transformIgnorePatterns = [
  '/node_modules/(?!(@fastify/static/node_modules/)?content-disposition/)',
];
const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });

module.exports = {
  testEnvironment: 'node',
  watchman: false,
  // Integration tests talk to real services, and a platform starting on a busy machine can take a
  // minute; a project-level testTimeout is ignored by Jest.
  testTimeout: 120000,
  // Two files at a time, each in its own database and queue prefix. The event store's reads wait for
  // transactions cluster-wide (the snapshot's xmin), so tests of readAll wait for their own events
  // rather than assume a quiet server.
  maxWorkers: 2,
  // No forceExit: every test closes what it opens, and a leaked handle should show ("Jest did not
  // exit one second after the test run has completed") rather than be hidden. The last one was an
  // ioredis connection the relay test gave a BullMQ Worker and never closed.
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: [
        '<rootDir>/test/**/*.test.ts',
        '<rootDir>/libs/**/*.test.ts',
        '<rootDir>/apps/**/*.test.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      // Real processes on their own PostgreSQL and Redis, stopped and wiped on purpose.
      displayName: 'chaos',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/chaos/**/*.chaos.ts'],
    },
  ],
};
