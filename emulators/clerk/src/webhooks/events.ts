import type { UserChange, UserRecord } from '../state.js';
import { userJSON } from '../resources.js';

/** The instance id every event names (`instance_id`); Clerk's look like `ins_2ab…`. */
export const LOCAL_INSTANCE_ID = 'ins_2LocalEmulatorInstanceAAAAA';

/**
 * Clerk's webhook event envelope: `data` is the full Backend API user object for user.created / user.updated and
 * `{ id, object: "user", deleted: true }` for user.deleted; `timestamp` in milliseconds.
 */
export function userEvent(change: UserChange, user: UserRecord, baseUrl: string, now = Date.now()) {
  const data =
    change === 'user.deleted'
      ? { deleted: true, id: user.id, object: 'user' }
      : userJSON(user, baseUrl, { includePrivate: true });
  return { data, instance_id: LOCAL_INSTANCE_ID, object: 'event', timestamp: now, type: change };
}

export type ClerkEvent = ReturnType<typeof userEvent>;
