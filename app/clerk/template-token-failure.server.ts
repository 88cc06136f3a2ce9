/**
 * Why Clerk would not issue a JWT-template token, told from the Backend API's answer to
 * `POST /v1/sessions/{sid}/tokens/{template}` (real Clerk and the local one answer alike):
 * - 401 (`signed_out`): the session is no longer active — signed out elsewhere, revoked through the Backend API,
 *   expired, or its user deleted — while its session cookie still verifies (for up to the token's 60 s lifetime).
 * - 403 `user_banned` / `user_deactivated`: the user may not be signed in any more (clerk-js signs out on these too).
 * - 404 (`resource_not_found`): no template with that name, or no session with that id. The session lookup
 *   (`GET /v1/sessions/{sid}`, only on this path) tells the two apart.
 * Anything else (5xx, a malformed answer) is Clerk refusing for a reason of its own.
 */
import { isClerkAPIResponseError } from '@clerk/shared/error';

export type TemplateTokenFailure = 'session-ended' | 'template-missing' | 'refused';

const USER_GONE_CODES = new Set(['user_banned', 'user_deactivated']);

/** `sessionIsActive` asks Clerk whether the session still exists and is active (false for a 404). */
export async function templateTokenFailure(
  error: unknown,
  sessionIsActive: () => Promise<boolean>,
): Promise<TemplateTokenFailure> {
  if (!isClerkAPIResponseError(error)) return 'refused';
  if (error.status === 401) return 'session-ended';
  if (error.status === 403 && error.errors.some((e) => USER_GONE_CODES.has(e.code))) return 'session-ended';
  if (error.status === 404) return (await sessionIsActive()) ? 'template-missing' : 'session-ended';
  return 'refused';
}

/** For `sessionIsActive`: a session Clerk does not know (404) is not active; other lookup failures propagate. */
export async function isActiveSession(lookup: () => Promise<{ status: string }>): Promise<boolean> {
  try {
    return (await lookup()).status === 'active';
  } catch (error) {
    if (isClerkAPIResponseError(error) && error.status === 404) return false;
    throw error;
  }
}
