import { z } from 'zod';
import { errors } from '../errors.js';
import type { RequestContext, Router } from '../http.js';
import type { Instance } from '../instance.js';
import { assertPasswordPolicy, hashPassword } from '../passwords.js';
import { signUpJSON } from '../resources.js';
import type { ClientRecord, SignUpRecord } from '../state.js';
import { attemptCode, newCodeVerification } from '../verifications.js';
import { jsonObjectParam, requireClient, requiredParam, stringParam, withClient } from './client-context.js';

/** Sign-up with email + password (+ optional names), the email verified with an `email_code` from the mailbox. */
export function registerSignUpRoutes(router: Router, instance: Instance): void {
  const { store } = instance;

  /** Validates every given field first, then applies them all (bad input changes nothing). */
  const applyFields = async (signUp: SignUpRecord, ctx: RequestContext) => {
    const email = stringParam(ctx, 'email_address')?.trim().toLowerCase() ?? null;
    if (email !== null) {
      if (!z.string().email().safeParse(email).success) {
        throw errors.paramInvalid('email_address', 'email_address must be a valid email address.');
      }
      if (store.findUserByEmail(email)) throw errors.identifierExists();
    }
    const password = stringParam(ctx, 'password');
    if (password !== null) assertPasswordPolicy(password);
    const unsafeMetadata = jsonObjectParam(ctx, 'unsafe_metadata');
    const strategy = stringParam(ctx, 'strategy');
    if (strategy) throw errors.strategyNotAllowed(strategy);

    if (email !== null && email !== signUp.email) {
      signUp.email = email;
      signUp.emailVerification = null;
    }
    if (password !== null) signUp.passwordHash = await hashPassword(password);
    signUp.firstName = stringParam(ctx, 'first_name') ?? signUp.firstName;
    signUp.lastName = stringParam(ctx, 'last_name') ?? signUp.lastName;
    signUp.username = stringParam(ctx, 'username') ?? signUp.username;
    if (unsafeMetadata) signUp.unsafeMetadata = unsafeMetadata;
  };

  /** Once email (verified) and password are in, the user and their session are created. */
  const completeIfReady = async (client: ClientRecord, signUp: SignUpRecord, ctx: RequestContext) => {
    if (!signUp.email || !signUp.passwordHash || signUp.emailVerification?.status !== 'verified') return;
    const user = await store.createUser({
      email: signUp.email,
      passwordHash: signUp.passwordHash,
      firstName: signUp.firstName,
      lastName: signUp.lastName,
      username: signUp.username,
      unsafeMetadata: signUp.unsafeMetadata,
    });
    const session = store.createSession(client, user, ctx.origin);
    signUp.status = 'complete';
    signUp.createdUserId = user.id;
    signUp.createdSessionId = session.id;
    client.signUpId = null;
  };

  router.on('POST', '/v1/client/sign_ups', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const previous = client.signUpId;
    const signUp = store.createSignUp(client);
    try {
      await applyFields(signUp, ctx);
    } catch (error) {
      store.signUps.delete(signUp.id);
      client.signUpId = previous;
      throw error;
    }
    return withClient(instance, client, signUpJSON(signUp));
  });

  router.on('GET', '/v1/client/sign_ups/:id', async (ctx) => {
    const client = await requireClient(instance, ctx);
    return withClient(instance, client, signUpJSON(store.signUpOfClient(client, ctx.params.id)));
  });

  router.on('PATCH', '/v1/client/sign_ups/:id', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const signUp = store.signUpOfClient(client, ctx.params.id);
    await applyFields(signUp, ctx);
    store.touchClient(client);
    return withClient(instance, client, signUpJSON(signUp));
  });

  router.on('POST', '/v1/client/sign_ups/:id/prepare_verification', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const signUp = store.signUpOfClient(client, ctx.params.id);
    const strategy = requiredParam(ctx, 'strategy');
    if (strategy !== 'email_code') throw errors.strategyNotAllowed(strategy);
    if (!signUp.email) throw errors.paramMissing('email_address');
    const verification = newCodeVerification(strategy);
    signUp.emailVerification = verification;
    instance.mailbox.sendCode(signUp.email, 'sign-up verification', verification.code);
    store.touchClient(client);
    return withClient(instance, client, signUpJSON(signUp));
  });

  router.on('POST', '/v1/client/sign_ups/:id/attempt_verification', async (ctx) => {
    const client = await requireClient(instance, ctx);
    const signUp = store.signUpOfClient(client, ctx.params.id);
    const strategy = requiredParam(ctx, 'strategy');
    if (strategy !== 'email_code') throw errors.strategyNotAllowed(strategy);
    const code = requiredParam(ctx, 'code').trim();
    try {
      attemptCode(signUp.emailVerification, strategy, code);
    } finally {
      store.touchClient(client);
    }
    await completeIfReady(client, signUp, ctx);
    store.touchClient(client);
    return withClient(instance, client, signUpJSON(signUp));
  });
}
