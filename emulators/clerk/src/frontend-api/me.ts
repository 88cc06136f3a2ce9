import { z } from 'zod';
import { errors } from '../errors.js';
import type { RequestContext, Router } from '../http.js';
import { json } from '../http.js';
import type { Instance } from '../instance.js';
import { resourceContext } from '../instance.js';
import { assertPasswordPolicy } from '../passwords.js';
import { emailAddressJSON, sessionBaseJSON, sessionJSON, userJSON } from '../resources.js';
import type { SessionRecord, UserChanges } from '../state.js';
import { jsonObjectParam, requireClient, requiredParam, stringParam, withClient } from './client-context.js';

/** Clerk's limit on first and last names. */
const MAX_NAME_LENGTH = 256;

/** The session a `/me` call acts for: `_clerk_session_id`, else the client's active one. */
export async function currentSession(instance: Instance, ctx: RequestContext): Promise<SessionRecord> {
  const client = await requireClient(instance, ctx);
  const sessionId = ctx.url.searchParams.get('_clerk_session_id') ?? client.lastActiveSessionId;
  if (!sessionId) throw errors.sessionEnded();
  return instance.store.activeSessionOfClient(client, sessionId);
}

/** The signed-in user's own endpoints that `<UserButton/>` and `<UserProfile/>` use. */
export function registerMeRoutes(router: Router, instance: Instance): void {
  const { store } = instance;

  /** The calling session, its user and client. */
  const me = async (ctx: RequestContext) => {
    const session = await currentSession(instance, ctx);
    return { session, user: store.getUser(session.userId), client: store.clients.get(session.clientId)! };
  };

  router.on('GET', '/v1/me', async (ctx) => {
    const { user, client } = await me(ctx);
    return withClient(instance, client, userJSON(user, instance.baseUrl));
  });

  /** `user.update()`: names, username, unsafe metadata and the primary email address (all validated, then applied). */
  router.on('PATCH', '/v1/me', async (ctx) => {
    const { user, client } = await me(ctx);
    const changes: UserChanges = {};
    // An empty form field clears a name; an absent one leaves it alone.
    for (const [param, field] of [
      ['first_name', 'firstName'],
      ['last_name', 'lastName'],
      ['username', 'username'],
    ] as const) {
      const value = ctx.body[param];
      if (typeof value !== 'string') continue;
      if (value.length > MAX_NAME_LENGTH) throw errors.maxLengthExceeded(param, MAX_NAME_LENGTH);
      changes[field] = value.trim() || null;
    }
    const unsafeMetadata = jsonObjectParam(ctx, 'unsafe_metadata');
    if (unsafeMetadata) changes.unsafeMetadata = unsafeMetadata;
    const primaryId = stringParam(ctx, 'primary_email_address_id');
    if (primaryId !== null) store.setPrimaryEmailAddress(user, primaryId);
    store.updateUser(user, changes);
    store.touchClient(client);
    return withClient(instance, client, userJSON(user, instance.baseUrl));
  });

  /** `user.updatePassword()`: checks the current password when the user has one. */
  router.on('POST', '/v1/me/change_password', async (ctx) => {
    const { session, user, client } = await me(ctx);
    const newPassword = requiredParam(ctx, 'new_password');
    assertPasswordPolicy(newPassword, 'new_password');
    if (user.passwordHash !== null) {
      const current = stringParam(ctx, 'current_password');
      if (current === null) throw errors.paramMissing('current_password');
      if (!(await store.checkPassword(user, current))) throw errors.passwordIncorrect('current_password');
    }
    const signOutOthers = stringParam(ctx, 'sign_out_of_other_sessions') === 'true';
    await store.setPassword(user, newPassword, signOutOthers ? { signOutOtherSessionsThan: session.id } : {});
    store.touchClient(client);
    return withClient(instance, client, userJSON(user, instance.baseUrl));
  });

  /** `user.delete()` ("Delete account"): the user and every session of theirs are gone. */
  router.on('DELETE', '/v1/me', async (ctx) => {
    const { user, client } = await me(ctx);
    const deleted = store.deleteUser(user.id);
    return withClient(instance, client, { object: 'user', id: deleted.id, deleted: true });
  });

  // ---- email addresses: add, verify by code, make primary (PATCH /v1/me), remove

  router.on('GET', '/v1/me/email_addresses', async (ctx) => {
    const { user } = await me(ctx);
    return json(user.emailAddresses.map(emailAddressJSON));
  });

  router.on('POST', '/v1/me/email_addresses', async (ctx) => {
    const { user, client } = await me(ctx);
    const email = requiredParam(ctx, 'email_address').trim();
    if (!z.string().email().max(320).safeParse(email).success) {
      throw errors.paramInvalid('email_address', 'email_address must be a valid email address.');
    }
    const address = store.addEmailAddress(user, email);
    store.touchClient(client);
    return withClient(instance, client, emailAddressJSON(address));
  });

  router.on('GET', '/v1/me/email_addresses/:id', async (ctx) => {
    const { user, client } = await me(ctx);
    return withClient(instance, client, emailAddressJSON(store.emailAddressOf(user, ctx.params.id)));
  });

  router.on('POST', '/v1/me/email_addresses/:id/prepare_verification', async (ctx) => {
    const { user, client } = await me(ctx);
    const address = store.emailAddressOf(user, ctx.params.id);
    const strategy = requiredParam(ctx, 'strategy');
    if (strategy !== 'email_code') throw errors.strategyNotAllowed(strategy);
    instance.mailbox.sendCode(
      address.email,
      'email verification',
      store.prepareEmailAddressVerification(user, address),
    );
    store.touchClient(client);
    return withClient(instance, client, emailAddressJSON(address));
  });

  router.on('POST', '/v1/me/email_addresses/:id/attempt_verification', async (ctx) => {
    const { user, client } = await me(ctx);
    const address = store.emailAddressOf(user, ctx.params.id);
    const code = requiredParam(ctx, 'code');
    try {
      store.attemptEmailAddressVerification(user, address, code);
    } finally {
      store.touchClient(client);
    }
    return withClient(instance, client, emailAddressJSON(address));
  });

  router.on('DELETE', '/v1/me/email_addresses/:id', async (ctx) => {
    const { user, client } = await me(ctx);
    const removed = store.removeEmailAddress(user, ctx.params.id);
    store.touchClient(client);
    return withClient(instance, client, { object: 'email_address', id: removed.id, deleted: true });
  });

  // ---- "Active devices" in <UserProfile/>: a bare array; device details are not tracked here.

  router.on('GET', '/v1/me/sessions/active', async (ctx) => {
    const { user } = await me(ctx);
    const active = [...store.sessions.values()].filter((s) => s.userId === user.id && store.isLive(s));
    return json(
      active.map((session) => ({
        ...sessionBaseJSON(session),
        latest_activity: {
          object: 'session_activity',
          id: `sess_activity_${session.id.slice(5)}`,
          ip_address: '127.0.0.1',
          is_mobile: false,
        },
        actor: null,
      })),
    );
  });

  router.on('POST', '/v1/me/sessions/:id/revoke', async (ctx) => {
    const { user } = await me(ctx);
    const target = store.getSession(ctx.params.id);
    if (target.userId !== user.id) throw errors.sessionNotFound();
    if (target.status === 'active') store.endSession(target, 'revoked');
    return withClient(
      instance,
      await requireClient(instance, ctx),
      await sessionJSON(target, resourceContext(instance)),
    );
  });
}
