/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Both cores: the suites mostly wait on servers and worker threads, so two run side by side
  // in about half the time of one after the other (see the note of issue 17).
  maxWorkers: 2,
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest', '<rootDir>/tests/support/clean-temp-dirs.ts'],
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Function code imports its sibling bundles by their built names (./connections.js).
  moduleNameMapper: { '^(\\./connections)\\.js$': '$1' },
};
