import { defineConfig } from 'vitest/config';

// One project per package: the app's unit tests here, each emulator's in its own folder (emulators/*/vitest.config.ts).
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
        test: { name: 'app', include: ['tests/unit/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
      },
      'emulators/*',
    ],
  },
});
