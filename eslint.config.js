// @ts-check
import appsync from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';
import { APPSYNC_EXTRA_RULES } from './resolvers/lint-rules.js';

/**
 * APPSYNC_JS code, found by path: resolvers (but not manifests and Lambda resolvers) and every
 * `model/` folder of domain/ — the only domain code resolver bundles may include (scripts/build.ts
 * refuses any other).
 */
const RESOLVER_SOURCES = ['resolvers/**/*.ts', 'domain/**/model/**/*.ts'];
const NOT_RESOLVER_CODE = ['resolvers/manifest.ts', 'resolvers/module.ts', 'resolvers/*/manifest.ts', 'resolvers/**/lambda/**'];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.optimalhr/', 'dist/lambdas/', 'domain/generated/', 'coverage/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: RESOLVER_SOURCES,
    ignores: NOT_RESOLVER_CODE,
    ...appsync.configs.recommended,
    languageOptions: {
      ...appsync.configs.recommended.languageOptions,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: { ...appsync.configs.recommended.rules, ...APPSYNC_EXTRA_RULES },
  },
  {
    files: ['dist/resolvers/**/*.js'],
    ...appsync.configs.base,
    rules: { ...appsync.configs.base.rules, ...APPSYNC_EXTRA_RULES },
  },
);
