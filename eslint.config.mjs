// Layers are enforced here, not hoped for: the core imports no Forge SDK, adapter, entry or contract code, and
// nothing the app ships (src/, static/) imports the local host, which is development tooling only.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const hostImports = {
  group: ['**/host', '**/host/**'],
  message: 'src/ and static/ must not know the local host exists.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'static/*/build/**', '.data/**', '.tmp/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs', 'jest.config.js', 'tests/support/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@forge/*'], message: 'The core is pure: no Forge SDK. Put platform calls in src/adapters.' },
            {
              group: ['**/adapters', '**/adapters/**', '**/entries/**', '**/contract/**'],
              message: 'The core depends on nothing but itself.',
            },
            hostImports,
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The core takes the clock as a parameter.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The core takes the clock as a parameter.',
        },
      ],
    },
  },
  {
    files: ['src/**', 'static/**'],
    ignores: ['src/core/**', 'src/use-cases/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [hostImports] }] },
  },
  {
    files: ['src/use-cases/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@forge/*'],
              message: 'Use-cases reach Forge (storage, APIs, events) through src/adapters only.',
            },
            hostImports,
          ],
        },
      ],
    },
  },
);
