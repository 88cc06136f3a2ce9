import { errors } from '../errors.js';
import type { RequestContext, Router } from '../http.js';
import { resourceContext, type Instance } from '../instance.js';
import { signInJSON } from '../resources.js';
import type { ClientRecord, SignInRecord } from '../state.js';
import { requireClient, requiredParam, stringParam, withClient } from './client-context.js';

/** Sign-in with email + password (one or two steps) and with a sign-in token (`strategy=ticket`). */
export function registerSignInRoutes(router: Router, instance: Instance): void {
  const { store } = instance;

  const complete = (client: ClientRecord, signIn: SignInRecord, ctx: RequestContext) => {
    const user = store.getUser(signIn.userId!);
    const session = store.createSession(client, user, ctx.origin);
    signIn.status = 'complete';
    signIn.createdSessionId = session.id;
    client.signInId = null;
  };

  const attemptPassword = async (client: ClientRecord, signIn: SignInRecord, ctx: RequestContext) => {
    const password = requiredParam(ctx, 'password');
    const user = store.getUser(signIn.userId!);
    const verification = (signIn.firstFactorVerification ??= { status: 'unverified', strategy: 'password', attempts: 0, expireAt: null });
    verification.attempts += 1;
    if (!(await store.checkPassword(user, password))) throw errors.passwordIncorrect();
    verification.status = 'verified';
    complete(client, signIn, ctx);
  };

  /** Applies `identifier` (and optionally `password`) to a sign-in. Errors leave the sign-in untouched. */
  const identify = async (client: ClientRecord, signIn: SignInRecord, ctx: RequestContext) => {
    const identifier = requiredParam(ctx, 'identifier').trim();
    const user = store.findUserByEmail(identifier);
    if (!user) throw errors.identifierNotFound();
    const strategy = stringParam(ctx, 'strategy');
    if (strategy && strategy !== 'password') throw errors.strategyNotAllowed(strategy);
    const withPassword = strategy === 'password' || stringParam(ctx, 'password') !== null;
    if (withPassword && !(await store.checkPassword(user, requiredParam(ctx, 'password')))) {
      throw errors.passwordIncorrect();
    }
    signIn.identifier = user.email;
    signIn.userId = user.id;
    signIn.status = 'needs_first_factor';
    if (withPassword) {
      signIn.firstFactorVerification = { status: 'verified', strategy: 'password', attempts: 1, expireAt: null };
      complete(client, signIn, ctx);
    }
  };

  router.on('POST', '/v1/client/sign_ins', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const strategy = stringParam(ctx, 'strategy');
    if (strategy === 'ticket') {
      const user = store.redeemSignInToken(requiredParam(ctx, 'ticket'));
      const signIn = store.createSignIn(client);
      signIn.identifier = user.email;
      signIn.userId = user.id;
      signIn.firstFactorVerification = { status: 'verified', strategy: 'ticket', attempts: 1, expireAt: null };
      complete(client, signIn, ctx);
      return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
    }
    // A rejected attempt must change nothing: drop the new sign-in and restore the previous one.
    const previous = client.signInId;
    const signIn = store.createSignIn(client);
    try {
      if (stringParam(ctx, 'identifier') !== null || strategy) await identify(client, signIn, ctx);
    } catch (error) {
      store.signIns.delete(signIn.id);
      client.signInId = previous;
      throw error;
    }
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });

  router.on('GET', '/v1/client/sign_ins/:id', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const signIn = store.signInOfClient(client, ctx.params.id);
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });

  router.on('PATCH', '/v1/client/sign_ins/:id', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const signIn = store.signInOfClient(client, ctx.params.id);
    await identify(client, signIn, ctx);
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });

  router.on('POST', '/v1/client/sign_ins/:id/prepare_first_factor', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const signIn = store.signInOfClient(client, ctx.params.id);
    const strategy = requiredParam(ctx, 'strategy');
    if (strategy !== 'password') throw errors.strategyNotAllowed(strategy);
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });

  router.on('POST', '/v1/client/sign_ins/:id/attempt_first_factor', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const signIn = store.signInOfClient(client, ctx.params.id);
    const strategy = requiredParam(ctx, 'strategy');
    if (strategy !== 'password') throw errors.strategyNotAllowed(strategy);
    if (signIn.status !== 'needs_first_factor' || !signIn.userId) throw errors.paramMissing('identifier');
    await attemptPassword(client, signIn, ctx);
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });
}
