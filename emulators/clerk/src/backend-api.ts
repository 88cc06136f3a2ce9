import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ClerkApiError, errors } from './errors.js';
import type { RequestContext, Router } from './http.js';
import { json } from './http.js';
import { newId } from './ids.js';
import type { Instance } from './instance.js';
import { jwks } from './keys.js';
import { normalizeOrigin } from './redirects.js';
import { templateContext, userJSON } from './resources.js';
import type { SessionRecord, UserRecord } from './state.js';

/**
 * Clerk's Backend API (server → Clerk, `Authorization: Bearer <secret key>`): the calls @clerk/backend and
 * @clerk/testing make. Every route here is checked by `authorizeBackend` before its handler runs.
 */

export function authorizeBackend(instance: Instance, ctx: RequestContext): void {
  const header = String(ctx.headers.authorization ?? '');
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
  const expected = Buffer.from(instance.secretKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw errors.unauthenticatedBackend();
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue.path.join('.') || 'body';
  throw new ClerkApiError(422, 'form_param_format_invalid', `${param} is invalid.`, `${param}: ${issue.message}`, {
    param_name: param,
  });
}

const expiresSchema = z
  .object({ expires_in_seconds: z.number().int().min(30).max(315_360_000).optional() })
  .passthrough();

const metadata = z.record(z.unknown());
const createUserSchema = z
  .object({
    email_address: z.array(z.string().email()).min(1, 'email_address must include one email'),
    password: z.string().min(8).max(72).optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    username: z.string().optional(),
    external_id: z.string().optional(),
    public_metadata: metadata.optional(),
    private_metadata: metadata.optional(),
    unsafe_metadata: metadata.optional(),
    skip_password_checks: z.boolean().optional(),
    skip_password_requirement: z.boolean().optional(),
  })
  .passthrough();

const updateUserSchema = z
  .object({
    first_name: z.string().nullable().optional(),
    last_name: z.string().nullable().optional(),
    username: z.string().nullable().optional(),
    public_metadata: metadata.optional(),
    private_metadata: metadata.optional(),
    unsafe_metadata: metadata.optional(),
  })
  .passthrough();

const instanceSchema = z
  .object({
    allowed_origins: z
      .array(
        z.string().transform((value, ctx) => {
          try {
            return normalizeOrigin(value);
          } catch (error) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
            return z.NEVER;
          }
        }),
      )
      .max(100)
      .optional(),
  })
  .passthrough();

const signInTokenSchema = z.object({
  user_id: z.string().min(1),
  expires_in_seconds: z.number().int().min(1).max(315_360_000).default(2_592_000),
});

function backendSessionJSON(session: SessionRecord) {
  return {
    object: 'session',
    id: session.id,
    client_id: session.clientId,
    user_id: session.userId,
    status: session.status,
    last_active_organization_id: null,
    actor: null,
    last_active_at: session.lastActiveAt,
    expire_at: session.expireAt,
    abandon_at: session.abandonAt,
    created_at: session.createdAt,
    updated_at: session.updatedAt,
  };
}

/** `GET /v1/users` filters: email_address, user_id, query, with limit/offset paging. */
function filterUsers(users: UserRecord[], search: URLSearchParams): UserRecord[] {
  const emails = search.getAll('email_address').map((email) => email.toLowerCase());
  const ids = search.getAll('user_id');
  const query = search.get('query')?.toLowerCase();
  return users
    .filter((user) => emails.length === 0 || user.emailAddresses.some((address) => emails.includes(address.email)))
    .filter((user) => ids.length === 0 || ids.includes(user.id))
    .filter(
      (user) =>
        !query ||
        [
          user.id,
          ...user.emailAddresses.map((address) => address.email),
          user.firstName,
          user.lastName,
          user.username,
        ].some((v) => v?.toLowerCase().includes(query)),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}

export function registerBackendRoutes(router: Router, instance: Instance): void {
  const { store, tokens } = instance;
  const user = (record: UserRecord) => userJSON(record, instance.baseUrl, { includePrivate: true });

  router.on('GET', '/v1/jwks', () => json(jwks(instance.keys)));

  router.on('GET', '/v1/sessions/:id', (ctx) => json(backendSessionJSON(store.getSession(ctx.params.id))));

  const activeSession = (id: string) => {
    const session = store.getSession(id);
    if (!store.isLive(session)) throw errors.sessionEnded();
    return session;
  };

  router.on('POST', '/v1/sessions/:id/tokens', async (ctx) => {
    const session = activeSession(ctx.params.id);
    const { expires_in_seconds } = parse(expiresSchema, ctx.body);
    const jwt = await tokens.sessionToken({
      sessionId: session.id,
      userId: session.userId,
      azp: session.origin,
      factorVerifiedAt: session.factorVerifiedAt,
      lifetimeSeconds: expires_in_seconds,
    });
    return json({ object: 'token', jwt });
  });

  router.on('POST', '/v1/sessions/:id/tokens/:template', async (ctx) => {
    const session = activeSession(ctx.params.id);
    const template = instance.config.jwt_templates[ctx.params.template];
    if (!template) throw errors.templateNotFound(ctx.params.template);
    const { expires_in_seconds } = parse(expiresSchema, ctx.body);
    const jwt = await tokens.templateToken(template, templateContext(store.getUser(session.userId), instance.baseUrl), {
      azp: session.origin,
      lifetimeSeconds: expires_in_seconds,
    });
    return json({ object: 'token', jwt });
  });

  router.on('GET', '/v1/users', (ctx) => {
    const limit = Math.min(Math.max(Number(ctx.url.searchParams.get('limit') ?? 10) || 10, 1), 500);
    const offset = Math.max(Number(ctx.url.searchParams.get('offset') ?? 0) || 0, 0);
    const users = filterUsers([...store.users.values()], ctx.url.searchParams);
    return json(users.slice(offset, offset + limit).map(user));
  });

  router.on('GET', '/v1/users/count', (ctx) =>
    json({ object: 'total_count', total_count: filterUsers([...store.users.values()], ctx.url.searchParams).length }),
  );

  router.on('GET', '/v1/users/:id', (ctx) => json(user(store.getUser(ctx.params.id))));

  router.on('POST', '/v1/users', async (ctx) => {
    const input = parse(createUserSchema, ctx.body);
    const created = await store.createUser({
      email: input.email_address[0],
      password: input.password ?? null,
      firstName: input.first_name ?? null,
      lastName: input.last_name ?? null,
      username: input.username ?? null,
      publicMetadata: input.public_metadata,
      privateMetadata: input.private_metadata,
      unsafeMetadata: input.unsafe_metadata,
    });
    return json(user(created));
  });

  router.on('PATCH', '/v1/users/:id', (ctx) => {
    const record = store.getUser(ctx.params.id);
    const input = parse(updateUserSchema, ctx.body);
    store.updateUser(record, {
      firstName: input.first_name,
      lastName: input.last_name,
      username: input.username,
      publicMetadata: input.public_metadata,
      privateMetadata: input.private_metadata,
      unsafeMetadata: input.unsafe_metadata,
    });
    return json(user(record));
  });

  router.on('DELETE', '/v1/users/:id', (ctx) => {
    const deleted = store.deleteUser(ctx.params.id);
    return json({ object: 'user', id: deleted.id, deleted: true });
  });

  // Instance settings: only `allowed_origins` (where redirects may go, besides the configured origins) is kept.
  router.on('PATCH', '/v1/instance', (ctx) => {
    const { allowed_origins } = parse(instanceSchema, ctx.body);
    if (allowed_origins)
      instance.redirectOrigins = new Set([...instance.configuredRedirectOrigins, ...allowed_origins]);
    return { status: 204 };
  });

  // Bot protection is not emulated, so a testing token is accepted and otherwise ignored.
  router.on('POST', '/v1/testing_tokens', () =>
    json({
      object: 'testing_token',
      token: `${Math.floor(Date.now() / 1000)}-${newId('tt')}`,
      expires_at: Date.now() + 3_600_000,
    }),
  );

  router.on('POST', '/v1/sign_in_tokens', (ctx) => {
    const input = parse(signInTokenSchema, ctx.body);
    const { ticket, token } = store.createSignInToken(input.user_id, input.expires_in_seconds);
    const now = Date.now();
    return json({
      object: 'sign_in_token',
      id: token.id,
      user_id: token.userId,
      token: ticket,
      status: 'pending',
      url: `${instance.baseUrl}/v1/tickets/accept?ticket=${ticket}`,
      created_at: now,
      updated_at: now,
    });
  });
}
