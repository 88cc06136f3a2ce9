/**
 * The fixed names of the local Clerk instance, in one place: the server uses them, and the stack scripts
 * (`scripts/local-env.ts`) hand them to the app.
 */
import { createRequire } from 'node:module';

/** The made-up Frontend API host: has a dot and a dev suffix so clerk-js uses dev-browser mode. Nothing connects to it. */
export const LOCAL_FRONTEND_HOST = 'local-emulator.clerk.accounts.dev';

/** The local instance's default secret key. */
export const LOCAL_SECRET_KEY = 'sk_test_local';

/** `pk_test_` + base64(`<host>$`), the publishable key format the Clerk SDKs parse. */
export function publishableKeyFor(host: string = LOCAL_FRONTEND_HOST): string {
  return `pk_test_${Buffer.from(`${host}$`).toString('base64')}`;
}

/** The installed clerk-js (pinned in this package's package.json); the bundle asks for its chunks under this version. */
export const CLERK_JS_VERSION: string = createRequire(import.meta.url)('@clerk/clerk-js/package.json').version;

/** The bundle's URL on a local Clerk server at `baseUrl`: the CDN's path, major version only, as Clerk's script tag. */
export function clerkJsUrl(baseUrl: string): string {
  return `${baseUrl}/npm/@clerk/clerk-js@${CLERK_JS_VERSION.split('.')[0]}/dist/clerk.browser.js`;
}
