import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'emulators/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
