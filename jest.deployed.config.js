/** The deployed-stack suite (npm run test:deployed): real requests to the stack AWS_SAM_STACK_NAME names. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/deployed'],
  testMatch: ['**/*.deployed.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30_000,
};
