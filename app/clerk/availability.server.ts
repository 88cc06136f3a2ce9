/**
 * Tells "Clerk is down" apart from other auth failures. When the local Clerk is not running, every document
 * request is redirected to its handshake endpoint and the browser only shows a connection error; so when the SDK
 * wants a handshake (or throws), probe Clerk once and answer a 503 page naming it instead.
 */
import { getEnv } from '~/env.server';
import { serviceUnavailable } from '~/problem.server';

const PROBE_TIMEOUT_MS = 1_500;

/** True when anything answers HTTP at `url`'s origin (any status counts: the server is up). */
export async function isReachable(url: string): Promise<boolean> {
  try {
    await fetch(new URL('/', url), { method: 'HEAD', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return true;
  } catch {
    return false;
  }
}

export function clerkUnavailable(url: string): Response {
  return serviceUnavailable(
    'Clerk',
    `Clerk is not reachable at ${url}, so sign-in state cannot be checked.`,
    'Start the local stack with npm run dev, or check CLERK_API_URL and CLERK_PROXY_URL.',
  );
}

/** Runs a Clerk SDK call (rootAuthLoader, getAuth, getToken); a failure caused by Clerk being down becomes a 503. */
export async function withClerk<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const target = clerkTargetOf(error);
    if (target && !(await isReachable(target))) throw clerkUnavailable(new URL(target).origin);
    throw error;
  }
}

/** The Clerk URL a failure depends on: a handshake redirect's target, or the Backend API for thrown errors. */
function clerkTargetOf(error: unknown): string | null {
  const env = getEnv();
  if (error instanceof Response) {
    const location = error.headers.get('Location');
    return location && /\/v1\/client\/handshake/.test(location) ? location : null;
  }
  return env.CLERK_API_URL ?? 'https://api.clerk.com';
}
