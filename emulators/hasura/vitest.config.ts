import { defineProject } from 'vitest/config';

// Runs from the repository root (`vitest run --project hasura`): the tests use the repo's paths.
export default defineProject({
  test: {
    name: 'hasura',
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
