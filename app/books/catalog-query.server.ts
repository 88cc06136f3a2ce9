/**
 * The catalog page's one GraphQL query: browsing (`books`) or searching (`book_words`), with the user's shelf
 * entries when signed in (Hasura's `anonymous` role has no shelf_entries relationship: ask only for what the role
 * can see). Returns the rows in query order; `catalogPage` (./catalog.ts) makes the page of them.
 */
import type { CatalogBookFieldsFragment } from '~/gql/graphql';
import {
  CatalogPageQuery,
  CatalogPageWithShelfQuery,
  CatalogSearchQuery,
  CatalogSearchWithShelfQuery,
} from '~/hasura/documents';
import type { HasuraSession } from '~/hasura/session.server';
import { catalogPageVariables, searchPageVariables, type CatalogSearch } from './catalog';

export type CatalogRow = CatalogBookFieldsFragment & { shelf_entries?: { status: string }[] };

export interface CatalogResult {
  rows: CatalogRow[];
  /** A row lies on the other side of the cursor. */
  behind: boolean;
  /** Matches, counted up to COUNT_CAP + 1. */
  count: number;
  genres: string[];
}

export async function queryCatalog(hasura: HasuraSession, search: CatalogSearch): Promise<CatalogResult> {
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
