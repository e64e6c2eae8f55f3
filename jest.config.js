/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  setupFiles: ['<rootDir>/tests/setup-env.ts'],
  // e2e tests spawn the built CLI and real servers: give them room on a loaded 2-core machine.
  testTimeout: 60000,
};
