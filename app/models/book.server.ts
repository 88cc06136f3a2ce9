/** A book's page: the book with its shared reviews for anyone, and the visitor's own shelf entry when signed in. */
import { BookQuery, BookWithShelfQuery } from '~/hasura/documents';
import type { HasuraSession } from '~/hasura/session.server';

/** The book, or null when there is none with this id. */
export async function getBook(hasura: HasuraSession, bookId: string) {
  // Signed out, Hasura's `anonymous` role has no shelf_entries relationship.
  if (!hasura.userId) {
    const { books_by_pk: book } = await hasura.query(BookQuery, { id: bookId });
    return book ? { book, entry: null } : null;
  }
  const { books_by_pk: found } = await hasura.query(BookWithShelfQuery, { id: bookId });
  if (!found) return null;
  // Permissions leave only the user's own entry (one per book).
  const { shelf_entries: entries, ...book } = found;
  return { book, entry: entries[0] ?? null };
}
