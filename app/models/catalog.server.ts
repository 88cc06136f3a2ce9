/**
 * The catalog page: which query the visitor's role may send, and the page the route shows (rows with the
 * visitor's shelf status label, the capped count, genres, paging links).
 */
import { catalogPage, catalogPageVariables, countLabel, type CatalogSearch } from '~/books/catalog';
import type { CatalogPageQuery } from '~/gql/graphql';
import { CatalogPageQuery as CatalogPageDocument, CatalogPageWithShelfQuery } from '~/hasura/documents';
import type { HasuraSession } from '~/hasura/session.server';
import { statusLabel } from '~/shelf/status';

export async function getCatalogPage(hasura: HasuraSession, search: CatalogSearch) {
  const variables = catalogPageVariables(search);
  // Signed out, Hasura's `anonymous` role has no shelf_entries relationship: ask only for what the role can see.
  if (!hasura.userId) {
    const result = await hasura.query(CatalogPageDocument, variables);
    return pageOf(search, result, (book) => ({ ...book, shelfStatus: null }));
  }
  const result = await hasura.query(CatalogPageWithShelfQuery, variables);
  // Permissions leave only the user's own entry (one per book).
  return pageOf(search, result, ({ shelf_entries: entries, ...book }) => ({
    ...book,
    shelfStatus: entries[0] ? statusLabel(entries[0].status) : null,
  }));
}

function pageOf<Book extends CatalogPageQuery['books'][number], Row>(
  search: CatalogSearch,
  result: Omit<CatalogPageQuery, 'books'> & { books: Book[] },
  toRow: (book: Book) => Row,
) {
  const page = catalogPage(search, result.books, Boolean(result.behind?.length));
  return {
    search: { q: search.q, genre: search.genre },
    count: countLabel(result.books_aggregate.aggregate?.count ?? 0),
    genres: result.genres.map((genre) => genre.name),
    books: page.rows.map(toRow),
    firstHref: page.firstHref,
    previousHref: page.previousHref,
    nextHref: page.nextHref,
  };
}
