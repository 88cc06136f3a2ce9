import { LOCAL_SECRET_KEY, startClerk } from './index.js';

/**
 * `npm run emulator:clerk`: starts the local Clerk server and prints the env block for `.env` on stdout.
 * Env: CLERK_EMULATOR_PORT (4000), CLERK_EMULATOR_HOST (127.0.0.1), CLERK_SECRET_KEY (sk_test_local), CLERK_EMULATOR_CONFIG
 * (emulators/clerk/config.local.json), CLERK_EMULATOR_APP_ORIGINS (comma-separated origins of the app, where redirects
 * may go; default http://127.0.0.1:3000,http://localhost:3000), and for tests CLERK_EMULATOR_DATA_DIR (.data/clerk) and
 * CLERK_EMULATOR_SESSION_TOKEN_LIFETIME (60 seconds). Webhooks: CLERK_EMULATOR_WEBHOOK_URL with
 * CLERK_EMULATOR_WEBHOOK_SIGNING_SECRET (whsec_…) add an endpoint for every event; CLERK_EMULATOR_WEBHOOK_RETRY_SCHEDULE
 * = comma-separated milliseconds between attempts (default: Svix's schedule 100 times faster).
 */
function integerFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

const port = integerFromEnv('CLERK_EMULATOR_PORT', 4000, 0, 65535);
const sessionTokenLifetimeSeconds = integerFromEnv('CLERK_EMULATOR_SESSION_TOKEN_LIFETIME', 60, 1, 86_400);

/** The env's webhook endpoint and retry schedule, or exits with a message naming the variable. */
function webhooksFromEnv() {
  const url = process.env.CLERK_EMULATOR_WEBHOOK_URL;
  const signingSecret = process.env.CLERK_EMULATOR_WEBHOOK_SIGNING_SECRET;
  if (!url !== !signingSecret) {
    console.error(
      'CLERK_EMULATOR_WEBHOOK_URL and CLERK_EMULATOR_WEBHOOK_SIGNING_SECRET go together: set both or neither',
    );
    process.exit(1);
  }
  const rawSchedule = process.env.CLERK_EMULATOR_WEBHOOK_RETRY_SCHEDULE;
  const retryScheduleMs = rawSchedule ? rawSchedule.split(',').map((part) => Number(part.trim())) : undefined;
  if (retryScheduleMs?.some((ms) => !Number.isInteger(ms) || ms < 0 || ms > 86_400_000)) {
    console.error(
      `CLERK_EMULATOR_WEBHOOK_RETRY_SCHEDULE must be comma-separated milliseconds (0..86400000), got "${rawSchedule}"`,
    );
    process.exit(1);
  }
  return { endpoints: url && signingSecret ? [{ url, signingSecret }] : [], retryScheduleMs };
}

try {
  const clerk = await startClerk({
    webhooks: webhooksFromEnv(),
    port,
    host: process.env.CLERK_EMULATOR_HOST || undefined,
    secretKey: process.env.CLERK_SECRET_KEY || LOCAL_SECRET_KEY,
    configPath: process.env.CLERK_EMULATOR_CONFIG || 'emulators/clerk/config.local.json',
    dataDir: process.env.CLERK_EMULATOR_DATA_DIR || '.data/clerk',
    sessionTokenLifetimeSeconds,
    appOrigins: process.env.CLERK_EMULATOR_APP_ORIGINS?.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    // Logs go to stderr so stdout is only the env block.
    log: (line) => console.error(`[clerk] ${line}`),
  });
  // .env syntax: multi-line values (the PEM) in double quotes with \n, JSON in single quotes.
  const quote = (value: string) =>
    value.includes('\n') ? `"${value.replace(/\n/g, '\\n')}"` : /[\s"'#]/.test(value) ? `'${value}'` : value;
  console.log('\n# Local Clerk — paste into .env:');
  for (const [name, value] of Object.entries(clerk.env)) console.log(`${name}=${quote(value)}`);
  console.log('');
  const stop = () => void clerk.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
