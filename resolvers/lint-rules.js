// @ts-check
/**
 * APPSYNC_JS restrictions that @aws-appsync/eslint-plugin does not check (see the platform facts).
 * Shared by eslint.config.js (sources and bundles) and the local runtime's load-time check.
 */

/** @type {import('eslint').Linter.RulesRecord} */
export const APPSYNC_EXTRA_RULES = {
  'no-restricted-syntax': [
    'error',
    { selector: 'ThrowStatement', message: 'APPSYNC_JS has no throw: use util.error(message, errorType).' },
    { selector: 'NewExpression[callee.name="RegExp"]', message: 'APPSYNC_JS has no RegExp: use util.matches.' },
    // The plugin's no-classes sees declarations only; esbuild bundles `class X {}` as `var X = class {}`.
    { selector: 'ClassExpression', message: 'APPSYNC_JS has no classes.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Array', property: 'from', message: 'APPSYNC_JS has no Array.from: use spread or map.' },
    { object: 'Array', property: 'of', message: 'APPSYNC_JS has no Array.of: use an array literal.' },
  ],
};
