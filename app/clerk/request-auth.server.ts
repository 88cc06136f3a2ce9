/**
 * Clerk's auth state, computed once per request. A document request runs the root loader (`rootAuthLoader`) and
 * the route's loader side by side, and each would otherwise authenticate the request on its own (a new Clerk
 * backend client, the session token verified again). The root loader shares the auth object it computes through
 * the request's load context (one object per request, handed to every loader); a loader that runs without the
 * root loader (a client-side data request, an action) authenticates by itself with `getAuth`.
 */
import { getAuth, rootAuthLoader } from '@clerk/remix/ssr.server';
import type { LoaderFunctionArgs } from '@remix-run/node';
import { withClerk } from './availability.server';

export type RequestAuth = Awaited<ReturnType<typeof getAuth>>;

const authOfRootLoader = new WeakMap<object, Promise<RequestAuth>>();
/** The auth states computed during a request, by its load context: what the response headers depend on. */
const signedInRequests = new WeakSet<object>();

function remember(context: unknown, auth: Promise<RequestAuth>): Promise<RequestAuth> {
  if (context && typeof context === 'object') {
    auth.then(
      (state) => state?.userId && signedInRequests.add(context),
      () => undefined,
    );
  }
  return auth;
}

/**
 * True when Clerk found a signed-in user while handling this request (by its load context), so the response is
 * personal. Read once the loaders and actions are done (the server entry does, to set caching headers).
 */
export function signedInDuring(context: unknown): boolean {
  return !!context && typeof context === 'object' && signedInRequests.has(context);
}

/** The root loader: Clerk's `rootAuthLoader` returning `data()`, sharing its auth state with the route loaders. */
export function rootLoaderWithAuth<Data extends Record<string, unknown>>(
  args: LoaderFunctionArgs,
  data: () => Data,
  options: { signInUrl: string; signUpUrl: string },
) {
  let settle: { resolve(auth: RequestAuth | Promise<RequestAuth>): void; reject(reason: unknown): void } | undefined;
  if (args.context && typeof args.context === 'object') {
    const shared = new Promise<RequestAuth>((resolve, reject) => (settle = { resolve, reject }));
    shared.catch(() => undefined); // no route loader may be waiting; the root loader reports the failure itself
    authOfRootLoader.set(args.context, remember(args.context, shared));
  }
  const loaded = withClerk(() =>
    rootAuthLoader(
      args,
      (withAuth) => {
        // rootAuthLoader attaches the auth object it computed to the request it hands to this callback.
        const auth = (withAuth.request as Request & { auth?: RequestAuth }).auth;
        settle?.resolve(auth ?? getAuth(withAuth));
        return data();
      },
      options,
    ),
  );
  loaded.catch((reason: unknown) => settle?.reject(reason));
  return loaded;
}

/** The visitor's auth state: the root loader's when it runs in this request, else computed here. */
export function requestAuth(args: LoaderFunctionArgs): Promise<RequestAuth> {
  const shared = args.context && typeof args.context === 'object' ? authOfRootLoader.get(args.context) : undefined;
  return withClerk(() => shared ?? remember(args.context, getAuth(args)));
}
