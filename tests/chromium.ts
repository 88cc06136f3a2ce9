import { existsSync } from 'node:fs';

/**
 * How every browser test here launches Chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`, else
 * Playwright's own. Without the background-networking flags Chromium keeps opening connections that an offline
 * machine refuses; as root it needs `--no-sandbox`. Used by `playwright.config.ts` and the local Clerk's browser tests.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
