// Three projects: `unit` (the pure core, the contract, adapters against in-memory ports, and the scope check of
// every route the code names: no local host, no browser, no Custom UI build, no child processes; well under a
// minute), `e2e` (every other test outside tests/browser, so no test file falls outside a project: the local host
// and the app through it, and the manifest checks that run Forge's linters and ESLint as child processes and need
// the Custom UI build) and `browser` (Chromium against the local host; needs the build). `npm test` runs all
// three; `npm run test:unit|test:e2e|test:browser` runs one (`npx jest --selectProjects unit`).
// Reporters are global: the REST-check reporter sums the OpenAPI tally of the whole run and fails it on a violation.
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@core/(.*)$': '<rootDir>/src/core/$1',
    '^@contract/(.*)$': '<rootDir>/src/contract/$1',
  },
  setupFilesAfterEnv: ['<rootDir>/tests/support/quiet-console.ts'],
  testTimeout: 60000,
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
};

/** Paths (from tests/) of the unit project: folders end in `/`. */
const UNIT = ['core/', 'contract/', 'adapters/', 'manifest/endpoint-scopes.test.ts'];
const escape = (path) => path.replace(/[.]/g, '\\.');

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tests/support/rest-check-reporter.js'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: UNIT.flatMap((path) =>
        path.endsWith('/')
          ? [`<rootDir>/tests/${path}**/*.test.ts`, `<rootDir>/tests/${path}**/*.test.tsx`]
          : [`<rootDir>/tests/${path}`],
      ),
    },
    {
      ...shared,
      displayName: 'e2e',
      testPathIgnorePatterns: [
        '/node_modules/',
        ...UNIT.map((path) => `<rootDir>/tests/${escape(path)}`),
        '<rootDir>/tests/browser/',
      ],
    },
    {
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.test.ts', '<rootDir>/tests/browser/**/*.test.tsx'],
    },
  ],
};
