/**
 * The catalog page: which query the visitor's role may send — browsing (`books`) or searching by whole words
 * (`book_words`), with the user's shelf entries only when signed in (Hasura's `anonymous` role has no
 * shelf_entries relationship) — and the page the route shows (rows with the visitor's shelf status label, the
 * capped count, genres, paging links).
 */
import {
  catalogPage,
  catalogPageVariables,
  countLabel,
  searchPageVariables,
  type CatalogSearch,
} from '~/books/catalog';
import type { CatalogBookFieldsFragment } from '~/gql/graphql';
import {
  CatalogPageQuery,
  CatalogPageWithShelfQuery,
  CatalogSearchQuery,
  CatalogSearchWithShelfQuery,
} from '~/hasura/documents';
import type { HasuraSession } from '~/hasura/session.server';
import { statusLabel } from '~/shelf/status';

type CatalogRow = CatalogBookFieldsFragment & { shelf_entries?: { status: string }[] };

interface CatalogResult {
  rows: CatalogRow[];
  /** A row lies on the other side of the cursor. */
  behind: boolean;
  /** Matches, counted up to the cap + 1. */
  count: number;
  genres: string[];
}

export async function getCatalogPage(hasura: HasuraSession, search: CatalogSearch) {
  const result = await queryCatalog(hasura, search);
  const page = catalogPage(search, result.rows, result.behind);
  return {
    search: { q: search.q, genre: search.genre },
    count: countLabel(result.count),
    genres: result.genres,
    // Permissions leave only the user's own entry (one per book).
    books: page.rows.map(({ shelf_entries: entries, ...book }) => ({
      ...book,
      shelfStatus: entries?.[0] ? statusLabel(entries[0].status) : null,
    })),
    firstHref: page.firstHref,
    previousHref: page.previousHref,
    nextHref: page.nextHref,
  };
}

async function queryCatalog(hasura: HasuraSession, search: CatalogSearch): Promise<CatalogResult> {
  if (search.q) {
    const variables = searchPageVariables(search);
    const result = hasura.userId
      ? await hasura.query(CatalogSearchWithShelfQuery, variables)
      : await hasura.query(CatalogSearchQuery, variables);
    return {
      // A word row whose book is gone (deleted in between) has no book: not a row of the page.
      rows: result.matches.flatMap((match) => (match.book ? [match.book] : [])),
      behind: Boolean(result.behind?.length),
      count: result.book_words_aggregate.aggregate?.count ?? 0,
      genres: result.genres.map((genre) => genre.name),
    };
  }
  const variables = catalogPageVariables(search);
  const result = hasura.userId
    ? await hasura.query(CatalogPageWithShelfQuery, variables)
    : await hasura.query(CatalogPageQuery, variables);
  return {
    rows: result.books,
    behind: Boolean(result.behind?.length),
    count: result.books_aggregate.aggregate?.count ?? 0,
    genres: result.genres.map((genre) => genre.name),
  };
}
