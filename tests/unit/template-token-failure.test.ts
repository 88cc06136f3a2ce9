/**
 * What the Backend API answers when a template token cannot be issued, seen through the real @clerk/backend client
 * against the local Clerk: an ended session (signed out, or its user deleted) vs a template that does not exist.
 */
import { createClerkClient } from '@clerk/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrontendClient, startTestClerk, type TestClerk } from '../../emulators/clerk/tests/helpers';
import { isActiveSession, templateTokenFailure } from '~/clerk/template-token-failure.server';

let clerk: TestClerk;
let backend: ReturnType<typeof createClerkClient>;

beforeAll(async () => {
  clerk = await startTestClerk();
  backend = createClerkClient({ secretKey: clerk.env.CLERK_SECRET_KEY, apiUrl: clerk.url });
});
afterAll(() => clerk?.stop());

/** A fresh user signed in through the Frontend API, as clerk-js would; returns the session and its user. */
async function signedInSession() {
  const email = `token-failure-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const password = 'a-long-test-password-42';
  const user = await backend.users.createUser({ emailAddress: [email], password });
  const browser = await new FrontendClient(clerk.url).init();
  return { sessionId: await browser.signIn(email, password), userId: user.id, browser };
}

/** The error the SDK throws for a template-token request (as `getAuth(...).getToken({ template })` would). */
async function tokenError(sessionId: string, template: string): Promise<unknown> {
  return backend.sessions.getToken(sessionId, template).then(
    () => expect.fail('expected Clerk to refuse the token'),
    (error: unknown) => error,
  );
}

const failureOf = (error: unknown, sessionId: string) =>
  templateTokenFailure(error, () => isActiveSession(() => backend.sessions.getSession(sessionId)));

describe('template token failures', () => {
  it('a missing template: 404 resource_not_found on a live session', async () => {
    const { sessionId } = await signedInSession();
    const error = await tokenError(sessionId, 'no-such-template');
    expect(error).toMatchObject({ status: 404, errors: [{ code: 'resource_not_found' }] });
    expect(await failureOf(error, sessionId)).toBe('template-missing');
  });

  it('a session ended by signing out: 401 signed_out', async () => {
    const { sessionId, browser } = await signedInSession();
    expect((await backend.sessions.getToken(sessionId, 'hasura')).jwt).toMatch(/^ey/);
    expect((await browser.call('POST', `/client/sessions/${sessionId}/end`)).status).toBe(200);
    const error = await tokenError(sessionId, 'hasura');
    expect(error).toMatchObject({ status: 401, errors: [{ code: 'signed_out' }] });
    expect(await failureOf(error, sessionId)).toBe('session-ended');
  });

  it('a session whose user was deleted through the Backend API: 401, signed out', async () => {
    const { sessionId, userId } = await signedInSession();
    await backend.users.deleteUser(userId);
    const error = await tokenError(sessionId, 'hasura');
    expect(error).toMatchObject({ status: 401 });
    expect(await failureOf(error, sessionId)).toBe('session-ended');
  });

  it('a 404 for a session Clerk does not know is an ended session, not a missing template', async () => {
    const error = await tokenError('sess_unknown', 'hasura');
    expect(error).toMatchObject({ status: 404 });
    expect(await failureOf(error, 'sess_unknown')).toBe('session-ended');
  });

  it('anything else is Clerk refusing for its own reason', async () => {
    expect(await templateTokenFailure(new Error('socket hang up'), async () => true)).toBe('refused');
  });
});
