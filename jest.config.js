/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest', '<rootDir>/tests/support/clean-temp-dirs.ts'],
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // Function code imports its sibling bundles by their built names (./connections.js).
  moduleNameMapper: { '^(\\./connections)\\.js$': '$1' },
};
