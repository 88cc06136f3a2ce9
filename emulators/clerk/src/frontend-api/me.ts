import { errors } from '../errors.js';
import type { RequestContext, Router } from '../http.js';
import { json } from '../http.js';
import type { Instance } from '../instance.js';
import { resourceContext } from '../instance.js';
import { sessionJSON, userJSON } from '../resources.js';
import type { SessionRecord } from '../state.js';
import { requireClient, withClient } from './client-context.js';

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

  // "Active devices" in <UserProfile/>: a bare array; device details are not tracked here.
  router.on('GET', '/v1/me/sessions/active', async (ctx) => {
    const { userId } = await currentSession(ctx);
    const active = [...store.sessions.values()].filter((s) => s.userId === userId && s.status === 'active' && s.expireAt > Date.now());
    return json(
      active.map((session) => ({
        object: 'session',
        id: session.id,
        status: session.status,
        expire_at: session.expireAt,
        abandon_at: session.abandonAt,
        last_active_at: session.lastActiveAt,
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
