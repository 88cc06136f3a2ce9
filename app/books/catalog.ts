/** The catalog's URL parameters (?q, ?genre, ?page) and the Hasura filter they stand for. */
import type { Books_Bool_Exp } from '~/gql/graphql';

export const PAGE_SIZE = 20;
const MAX_QUERY_LENGTH = 200;

export interface CatalogSearch {
  q: string;
  genre: string;
  page: number;
}

/**
 * The highest page number ever asked of Hasura: its offset, (page - 1) × PAGE_SIZE, stays far inside GraphQL's
 * 32-bit Int. A higher page (there is none: the catalog has a few hundred) is answered 404 without a query.
 */
export const MAX_PAGE = 1_000_000;

/**
 * Search text as the database can take it: control characters (NUL is refused by PostgreSQL) become spaces, and
 * long text is cut at a character boundary, never inside a surrogate pair.
 */
function searchText(value: string | null): string {
  const text = (value ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return text.length <= MAX_QUERY_LENGTH ? text : Array.from(text).slice(0, MAX_QUERY_LENGTH).join('').trim();
}

/** Unusable values are clamped: no page number or a malformed one means page 1. */
export function parseCatalogSearch(params: URLSearchParams): CatalogSearch {
  const page = Number(params.get('page') ?? '1');
  return {
    q: searchText(params.get('q')),
    genre: searchText(params.get('genre')),
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** Escapes LIKE wildcards so a search for "50%" or "a_b" means those characters literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Title OR author contains `q` (case-insensitive), AND the genre matches when one is chosen. */
export function catalogWhere({ q, genre }: Pick<CatalogSearch, 'q' | 'genre'>): Books_Bool_Exp {
  const conditions: Books_Bool_Exp[] = [];
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push({ _or: [{ title: { _ilike: pattern } }, { author: { _ilike: pattern } }] });
  }
  if (genre) conditions.push({ genre: { _eq: genre } });
  return { _and: conditions };
}

/** The catalog URL for another page of the same search. */
export function catalogHref(search: CatalogSearch, page: number): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.genre) params.set('genre', search.genre);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/books?${query}` : '/books';
}
