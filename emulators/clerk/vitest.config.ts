import { defineProject } from 'vitest/config';

// Runs from the repository root (`vitest run --project clerk`): the tests use the repo's paths.
export default defineProject({
  test: {
    name: 'clerk',
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
