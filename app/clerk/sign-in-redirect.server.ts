import { redirect } from '@remix-run/node';

/** Sends a signed-out visitor to sign in, then back to where they were. */
export function signInRedirect(url: URL): Response {
  return redirect(`/sign-in?redirect_url=${encodeURIComponent(url.pathname + url.search)}`);
}
