import { errors } from '../errors.js';
import type { RequestContext, Router } from '../http.js';
import { resourceContext, type Instance } from '../instance.js';
import { assertPasswordPolicy } from '../passwords.js';
import { signInJSON } from '../resources.js';
import type { ClientRecord, SignInRecord, UserRecord } from '../state.js';
import { attemptCode, newCodeVerification } from '../verifications.js';
import { requireClient, requiredParam, stringParam, withClient } from './client-context.js';

/** The code strategies a sign-in offers besides the password (see `firstFactorsJSON` in resources.ts). */
const CODE_STRATEGIES = new Set(['email_code', 'reset_password_email_code']);
const FIRST_FACTORS = new Set(['password', ...CODE_STRATEGIES]);

/**
 * Sign-in: email + password (one or two steps), a code sent to the email (`email_code`), "Forgot password?" (a code,
 * then `reset_password`), and a sign-in token (`strategy=ticket`).
 */
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
    const verification = (signIn.firstFactorVerification ??= {
      status: 'unverified',
      strategy: 'password',
      attempts: 0,
      expireAt: null,
    });
    verification.attempts += 1;
    if (!(await store.checkPassword(user, password))) throw errors.passwordIncorrect();
    signIn.firstFactorVerification = {
      status: 'verified',
      strategy: 'password',
      attempts: verification.attempts,
      expireAt: null,
    };
    complete(client, signIn, ctx);
  };

  /** Makes a new code for `strategy`, "sends" it to the chosen address of the user, and makes it the sign-in's verification. */
  const prepareCode = (signIn: SignInRecord, user: UserRecord, strategy: string, ctx: RequestContext) => {
    const addressId = stringParam(ctx, 'email_address_id');
    const address = addressId
      ? user.emailAddresses.find(
          (candidate) => candidate.id === addressId && candidate.verification.status === 'verified',
        )
      : (user.emailAddresses.find((candidate) => candidate.email === signIn.identifier) ?? store.primaryEmail(user));
    if (!address)
      throw errors.paramInvalid('email_address_id', "email_address_id is not one of this user's email addresses.");
    const verification = newCodeVerification(strategy);
    signIn.firstFactorVerification = verification;
    instance.mailbox.sendCode(
      address.email,
      strategy === 'email_code' ? 'sign-in' : 'password reset',
      verification.code,
    );
  };

  /** Applies `identifier` (and optionally a strategy) to a sign-in. Errors leave the sign-in untouched. */
  const identify = async (client: ClientRecord, signIn: SignInRecord, ctx: RequestContext) => {
    const identifier = requiredParam(ctx, 'identifier').trim().toLowerCase();
    const user = store.findUserByEmail(identifier);
    if (!user) throw errors.identifierNotFound();
    const strategy = stringParam(ctx, 'strategy');
    if (strategy && !FIRST_FACTORS.has(strategy)) throw errors.strategyNotAllowed(strategy);
    const withPassword = strategy === 'password' || (!strategy && stringParam(ctx, 'password') !== null);
    if (withPassword && !(await store.checkPassword(user, requiredParam(ctx, 'password')))) {
      throw errors.passwordIncorrect();
    }
    signIn.identifier = identifier;
    signIn.userId = user.id;
    signIn.status = 'needs_first_factor';
    signIn.firstFactorVerification = null;
    if (withPassword) {
      signIn.firstFactorVerification = { status: 'verified', strategy: 'password', attempts: 1, expireAt: null };
      complete(client, signIn, ctx);
    } else if (strategy && CODE_STRATEGIES.has(strategy)) {
      prepareCode(signIn, user, strategy, ctx);
    }
  };

  const pendingSignIn = async (ctx: RequestContext) => {
    const client = await requireClient(instance, ctx);
    const signIn = store.signInOfClient(client, ctx.params.id);
    if (signIn.status === 'complete') throw errors.signInComplete();
    return { client, signIn };
  };

  router.on('POST', '/v1/client/sign_ins', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const strategy = stringParam(ctx, 'strategy');
    if (strategy === 'ticket') {
      const user = store.redeemSignInToken(requiredParam(ctx, 'ticket'));
      const signIn = store.createSignIn(client);
      signIn.identifier = store.primaryEmail(user).email;
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
    const { client, signIn } = await pendingSignIn(ctx);
    await identify(client, signIn, ctx);
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });

  router.on('POST', '/v1/client/sign_ins/:id/prepare_first_factor', async (ctx) => {
    const { client, signIn } = await pendingSignIn(ctx);
    const strategy = requiredParam(ctx, 'strategy');
    if (!FIRST_FACTORS.has(strategy)) throw errors.strategyNotAllowed(strategy);
    if (signIn.status !== 'needs_first_factor' || !signIn.userId) throw errors.paramMissing('identifier');
    if (CODE_STRATEGIES.has(strategy)) prepareCode(signIn, store.getUser(signIn.userId), strategy, ctx);
    store.touchClient(client);
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });

  router.on('POST', '/v1/client/sign_ins/:id/attempt_first_factor', async (ctx) => {
    const { client, signIn } = await pendingSignIn(ctx);
    const strategy = requiredParam(ctx, 'strategy');
    if (!FIRST_FACTORS.has(strategy)) throw errors.strategyNotAllowed(strategy);
    if (signIn.status !== 'needs_first_factor' || !signIn.userId) throw errors.paramMissing('identifier');
    if (strategy === 'password') {
      await attemptPassword(client, signIn, ctx);
    } else {
      const code = requiredParam(ctx, 'code');
      try {
        attemptCode(signIn.firstFactorVerification, strategy, code);
      } finally {
        store.touchClient(client);
      }
      if (strategy === 'email_code') complete(client, signIn, ctx);
      else signIn.status = 'needs_new_password';
    }
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });

  /** After a verified reset code: the new password, then signed in (other sessions ended when asked). */
  router.on('POST', '/v1/client/sign_ins/:id/reset_password', async (ctx) => {
    const { client, signIn } = await pendingSignIn(ctx);
    const verification = signIn.firstFactorVerification;
    if (
      signIn.status !== 'needs_new_password' ||
      verification?.strategy !== 'reset_password_email_code' ||
      verification.status !== 'verified'
    ) {
      throw errors.verificationNotPrepared();
    }
    const password = requiredParam(ctx, 'password');
    assertPasswordPolicy(password);
    const user = store.getUser(signIn.userId!);
    const signOutOthers = stringParam(ctx, 'sign_out_of_other_sessions') === 'true';
    await store.setPassword(user, password, signOutOthers ? { signOutOtherSessionsThan: null } : {});
    complete(client, signIn, ctx);
    return withClient(instance, client, signInJSON(signIn, resourceContext(instance)));
  });
}
