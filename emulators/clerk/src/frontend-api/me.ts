import { errors } from '../errors.js';
import type { RequestContext, Router } from '../http.js';
import { json } from '../http.js';
import type { Instance } from '../instance.js';
import { resourceContext } from '../instance.js';
import { sessionBaseJSON, sessionJSON, userJSON } from '../resources.js';
import type { SessionRecord } from '../state.js';
import { assertPasswordPolicy, hashPassword } from '../passwords.js';
import { jsonObjectParam, requireClient, requiredParam, stringParam, withClient } from './client-context.js';

/** The signed-in user's own endpoints that `<UserButton/>` and `<UserProfile/>` read. */
export function registerMeRoutes(router: Router, instance: Instance): void {
  const { store } = instance;

  /** The session a `/me` call acts for: `_clerk_session_id`, else the client's active one. */
  const currentSession = async (ctx: RequestContext): Promise<SessionRecord> => {
    const client = await requireClient(instance, ctx);
    const sessionId = ctx.url.searchParams.get('_clerk_session_id') ?? client.lastActiveSessionId;
    if (!sessionId) throw errors.sessionEnded();
    return store.activeSessionOfClient(client, sessionId);
  };

  router.on('GET', '/v1/me', async (ctx) => {
    const session = await currentSession(ctx);
    return withClient(instance, store.clients.get(session.clientId)!, userJSON(store.getUser(session.userId), instance.baseUrl));
  });

  /** `user.update()`: names, username and unsafe metadata (validated first, then applied). */
  router.on('PATCH', '/v1/me', async (ctx) => {
    const session = await currentSession(ctx);
    const user = store.getUser(session.userId);
    const unsafeMetadata = jsonObjectParam(ctx, 'unsafe_metadata');
    // An empty form field clears a name; an absent one leaves it alone.
    for (const [param, field] of [['first_name', 'firstName'], ['last_name', 'lastName'], ['username', 'username']] as const) {
      const value = ctx.body[param];
      if (typeof value === 'string') user[field] = value.trim() || null;
    }
    if (unsafeMetadata) user.unsafeMetadata = unsafeMetadata;
    store.userUpdated(user);
    const client = store.clients.get(session.clientId)!;
    store.touchClient(client);
    return withClient(instance, client, userJSON(user, instance.baseUrl));
  });

  /** `user.updatePassword()`: checks the current password when the user has one. */
  router.on('POST', '/v1/me/change_password', async (ctx) => {
    const session = await currentSession(ctx);
    const user = store.getUser(session.userId);
    const newPassword = requiredParam(ctx, 'new_password');
    assertPasswordPolicy(newPassword, 'new_password');
    if (user.passwordHash !== null) {
      const current = stringParam(ctx, 'current_password');
      if (current === null) throw errors.paramMissing('current_password');
      if (!(await store.checkPassword(user, current))) throw errors.passwordIncorrect('current_password');
    }
    user.passwordHash = await hashPassword(newPassword);
    store.userUpdated(user);
    if (stringParam(ctx, 'sign_out_of_other_sessions') === 'true') {
      for (const other of store.sessions.values()) {
        if (other.userId === user.id && other.id !== session.id && other.status === 'active') store.endSession(other, 'revoked');
      }
    }
    const client = store.clients.get(session.clientId)!;
    store.touchClient(client);
    return withClient(instance, client, userJSON(user, instance.baseUrl));
  });

  /** `user.delete()` ("Delete account"): the user and every session of theirs are gone. */
  router.on('DELETE', '/v1/me', async (ctx) => {
    const session = await currentSession(ctx);
    const deleted = store.deleteUser(session.userId);
    return withClient(instance, store.clients.get(session.clientId)!, { object: 'user', id: deleted.id, deleted: true });
  });

  // "Active devices" in <UserProfile/>: a bare array; device details are not tracked here.
  router.on('GET', '/v1/me/sessions/active', async (ctx) => {
    const { userId } = await currentSession(ctx);
    const active = [...store.sessions.values()].filter((s) => s.userId === userId && s.status === 'active' && s.expireAt > Date.now());
    return json(
      active.map((session) => ({
        ...sessionBaseJSON(session),
        latest_activity: { object: 'session_activity', id: `sess_activity_${session.id.slice(5)}`, ip_address: '127.0.0.1', is_mobile: false },
        actor: null,
      })),
    );
  });

  router.on('POST', '/v1/me/sessions/:id/revoke', async (ctx) => {
    const { userId } = await currentSession(ctx);
    const target = store.getSession(ctx.params.id);
    if (target.userId !== userId) throw errors.sessionNotFound();
    if (target.status === 'active') store.endSession(target, 'revoked');
    return withClient(instance, await requireClient(instance, ctx), await sessionJSON(target, resourceContext(instance)));
  });
}
