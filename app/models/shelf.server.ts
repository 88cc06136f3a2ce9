/**
 * The signed-in user's shelf: reading it (with status labels), and what saving or removing an entry came to.
 * Hasura's permissions limit every row to the user's own, so a foreign entry id matches nothing: the outcome then
 * says "not yours" rather than pretending anything changed.
 */
import {
  AddToShelfMutation,
  MyShelfQuery,
  RemoveShelfEntryMutation,
  UpdateShelfEntryMutation,
} from '~/hasura/documents';
import type { HasuraSession } from '~/hasura/session.server';
import { statusLabel, type ShelfStatus } from '~/shelf/status';

export async function getShelf(hasura: HasuraSession, status: ShelfStatus | null) {
  // No user_id condition here: Hasura's select permission already limits rows to the signed-in user.
  const { shelf_entries: entries } = await hasura.query(MyShelfQuery, {
    where: status ? { status: { _eq: status } } : {},
  });
  return entries.map((entry) => ({ ...entry, statusLabel: statusLabel(entry.status) }));
}

export interface ShelfEntryValues {
  status: ShelfStatus;
  rating: number | null;
  note: string | null;
  shared: boolean;
}

export type ShelfOutcome =
  | { ok: true; message: string }
  /** `not-found`: the entry is not the user's (or not this book's), or the book is gone; nothing changed. */
  | { ok: false; reason: 'not-found' | 'hasura-error'; message: string };

const NOT_YOUR_ENTRY = 'Not found: that shelf entry does not exist or is not yours. Nothing was changed.';
const notYours: ShelfOutcome = { ok: false, reason: 'not-found', message: NOT_YOUR_ENTRY };
const failed = (error: Error): ShelfOutcome => ({ ok: false, reason: 'hasura-error', message: error.message });

/** Adds the book to the shelf, or updates the entry `entryId` (which must be the user's, for this book). */
export async function saveShelfEntry(
  hasura: HasuraSession,
  { bookId, entryId, values }: { bookId: string; entryId?: string; values: ShelfEntryValues },
): Promise<ShelfOutcome> {
  if (entryId) {
    const { data, error } = await hasura.mutate(UpdateShelfEntryMutation, { id: entryId, bookId, set: values });
    if (error) return failed(error);
    if (!data.update_shelf_entries?.affected_rows) return notYours;
    return { ok: true, message: 'Saved.' };
  }
  // user_id is not ours to send: Hasura sets it from the token (insert permission `set`).
  const { error } = await hasura.mutate(AddToShelfMutation, { object: { book_id: bookId, ...values } });
  // The foreign key to books: the book was deleted since the page was shown.
  if (error?.hasCode('constraint-violation'))
    return { ok: false, reason: 'not-found', message: 'Not found: this book no longer exists.' };
  if (error) return failed(error);
  return { ok: true, message: 'Added to your shelf.' };
}

export async function removeShelfEntry(
  hasura: HasuraSession,
  { bookId, entryId }: { bookId: string; entryId: string },
): Promise<ShelfOutcome> {
  const { data, error } = await hasura.mutate(RemoveShelfEntryMutation, { id: entryId, bookId });
  if (error) return failed(error);
  if (!data.delete_shelf_entries?.affected_rows) return notYours;
  return { ok: true, message: 'Removed from your shelf.' };
}
