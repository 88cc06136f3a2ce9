import { startClerk } from './index.js';

/** `npm run emulator:clerk`: starts the local Clerk server and prints the env block for `.env`. */
const port = Number(process.env.CLERK_EMULATOR_PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`CLERK_EMULATOR_PORT must be a port number, got "${process.env.CLERK_EMULATOR_PORT}"`);
  process.exit(1);
}

try {
  const clerk = await startClerk({
    port,
    secretKey: process.env.CLERK_SECRET_KEY || 'sk_test_local',
    configPath: process.env.CLERK_EMULATOR_CONFIG || 'emulators/clerk/config.local.json',
    // Logs go to stderr so stdout is only the env block.
    log: (line) => console.error(`[clerk] ${line}`),
  });
  // dotenv syntax: multi-line values (the PEM) in double quotes with \n, JSON in single quotes.
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
