/**
 * Applies a verified Clerk user event to Hasura (the `users` mirror and, on deletion, the user's shelf), as role
 * `clerk_webhook`. Idempotent by svix-id and ordered by the user's `updated_at` (see ./documents.ts); Svix only
 * promises at-least-once, best-effort ordered delivery.
 */
import { z } from 'zod';
import { getEnv } from '~/env.server';
import type { HasuraGraphQLError } from '~/hasura/errors.server';
import { requestHasura } from '~/hasura/request.server';
import { DeleteClerkUserMutation, SyncClerkUserMutation } from './documents';

/**
 * The webhook writes as role `clerk_webhook`: Hasura's admin secret plus `x-hasura-role`, so the request gets exactly
 * that role's permissions (users, the delivery log, deleting a user's shelf entries). The secret never leaves the server.
 */
export const CLERK_WEBHOOK_ROLE = 'clerk_webhook';

/** A signed event whose `data` is not what Clerk sends for its type. */
export class InvalidClerkEvent extends Error {}

export type SyncOutcome =
  | 'applied'
  /** An older user.created/updated than the row's, or for a deleted user: nothing changed. */
  | 'stale'
  /** This svix-id was handled before: nothing changed. */
  | 'duplicate'
  /** An event type this app does not use. */
  | 'ignored';

const clerkUserId = z.string().regex(/^user_[A-Za-z0-9]{1,64}$/, 'must be a Clerk user id');
const optionalText = z.string().nullish();

/** The fields of Clerk's user object this app keeps (the event carries the whole object). */
const clerkUserSchema = z.object({
  id: clerkUserId,
  first_name: optionalText,
  last_name: optionalText,
  username: optionalText,
  image_url: optionalText,
  created_at: z.number().int().nonnegative(),
  updated_at: z.number().int().nonnegative(),
});

const deletedUserSchema = z.object({ id: clerkUserId, object: z.literal('user'), deleted: z.literal(true) });

const DISPLAY_NAME_MAX = 100;

/** What a review shows: the full name, else the username, never the email address. */
export function displayName(
  user: Pick<z.infer<typeof clerkUserSchema>, 'first_name' | 'last_name' | 'username'>,
): string {
  const fullName = [user.first_name, user.last_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  return (fullName || user.username?.trim() || 'Anonymous reader').slice(0, DISPLAY_NAME_MAX);
}

/** Only http(s) image URLs are kept (it ends up in an <img src> on public pages). */
export function safeImageUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

function parseData<T>(schema: z.ZodType<T>, data: unknown, type: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InvalidClerkEvent(`${type}: data.${issue.path.join('.') || '(root)'} ${issue.message}`);
}

function isDuplicateDelivery(error: HasuraGraphQLError): boolean {
  return (
    error.hasCode('constraint-violation') &&
    error.errors.some((e) => e.message.includes('clerk_webhook_deliveries_pkey'))
  );
}

export async function applyClerkEvent(svixId: string, event: { type: string; data: unknown }): Promise<SyncOutcome> {
  const { type } = event;
  if (type !== 'user.created' && type !== 'user.updated' && type !== 'user.deleted') return 'ignored';
  const env = getEnv();
  if (!env.HASURA_GRAPHQL_ADMIN_SECRET)
    throw new Error('HASURA_GRAPHQL_ADMIN_SECRET is not set: the Clerk webhook cannot write users');
  const asWebhook = { 'x-hasura-admin-secret': env.HASURA_GRAPHQL_ADMIN_SECRET, 'x-hasura-role': CLERK_WEBHOOK_ROLE };

  if (type === 'user.deleted') {
    const { id } = parseData(deletedUserSchema, event.data, type);
    const { error } = await requestHasura(
      env.HASURA_GRAPHQL_ENDPOINT,
      DeleteClerkUserMutation,
      { delivery: { svix_id: svixId, event_type: type, user_id: id }, userId: id },
      asWebhook,
    );
    if (error) {
      if (isDuplicateDelivery(error)) return 'duplicate';
      throw error;
    }
    return 'applied';
  }

  const user = parseData(clerkUserSchema, event.data, type);
  const updatedAt = new Date(user.updated_at).toISOString();
  const { data, error } = await requestHasura(
    env.HASURA_GRAPHQL_ENDPOINT,
    SyncClerkUserMutation,
    {
      delivery: { svix_id: svixId, event_type: type, user_id: user.id },
      user: {
        id: user.id,
        display_name: displayName(user),
        image_url: safeImageUrl(user.image_url),
        created_at: new Date(user.created_at).toISOString(),
        updated_at: updatedAt,
      },
      updatedAt,
    },
    asWebhook,
  );
  if (error) {
    if (isDuplicateDelivery(error)) return 'duplicate';
    throw error;
  }
  return data.insert_users_one ? 'applied' : 'stale';
}
