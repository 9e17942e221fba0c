/**
 * Fault-injection suites (`npm run test:faults`): the app as real processes on the
 * local PostgreSQL server, which the suites stop and restart. One file at a time,
 * never in parallel with each other: they share that server. Each test states its
 * own bounds; the default below only catches one that forgot.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testRegex: 'test/faults/.*\\.fault-spec\\.ts$',
  maxWorkers: 1,
  testTimeout: 60000,
  globalSetup: '<rootDir>/test/faults/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
};
