// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'bench/results/**',
      '.data/**',
      '*.mjs',
      '*.cjs',
      'docker/*.mjs',
      'scripts/*.mjs',
      'apps/web/vite.config.mts',
      'jest.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The domain is pure TypeScript: no framework, driver or transport.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'typeorm/*',
                'bullmq',
                'ioredis',
                'pg',
                'pg-*',
                'express',
                'node:http',
                'http',
              ],
              message: 'libs/domain must stay pure TypeScript.',
            },
            {
              group: ['@yishi/*', '!@yishi/domain'],
              message: 'libs/domain depends on no other library.',
            },
          ],
        },
      ],
    },
  },
  {
    // The web app runs in the browser (apps/web/tsconfig.json: DOM types, JSX).
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'node:*', 'pg', 'bullmq', 'ioredis', 'typeorm'],
              message: 'apps/web talks to the public HTTP API only.',
            },
            {
              // Only the domain's label table, time formatter and calendar: pure data and arithmetic.
              regex: '^@yishi/(?!domain/(labels|calendar)(/.*)?$)',
              message:
                'apps/web talks to the public HTTP API only (it may import @yishi/domain/labels and @yishi/domain/calendar).',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.test.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      'apps/*/src/cli/**/*.ts',
    ],
    rules: {
      'no-console': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
