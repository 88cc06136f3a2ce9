/**
 * The catalog's URL parameters (?q, ?genre, ?after / ?before) and the Hasura query variables they stand for.
 *
 * Pages are in (title, id) order and continue from a cursor, the (title, id) of the row next to the page (keyset
 * paging): the database reads one page's rows from an index at any depth, where OFFSET would read and skip every
 * row before the page. The total is counted up to COUNT_CAP only, so a page never counts a million matches.
 */
import type { Books_Bool_Exp, Books_Order_By } from '~/gql/graphql';

export const PAGE_SIZE = 20;
/** Matches are counted up to this many; beyond it the catalog says "1,000+ books". */
export const COUNT_CAP = 1000;
const MAX_QUERY_LENGTH = 200;
const MAX_CURSOR_LENGTH = 2000;
/** NUL (which PostgreSQL refuses in text) and the other control characters. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A position in the (title, id) order: the page starts after it (`after`) or ends before it (`before`). */
export interface CatalogCursor {
  title: string;
  id: string;
}

export interface CatalogSearch {
  q: string;
  genre: string;
  after: CatalogCursor | null;
  before: CatalogCursor | null;
}

/** A malformed ?after / ?before: the loader answers 400 rather than guess a page. */
export class CatalogParamError extends Error {}

/** base64url of the UTF-8 JSON `[title, id]` (btoa/atob: the same code runs in the browser bundle). */
export function encodeCursor({ title, id }: CatalogCursor): string {
  const bytes = new TextEncoder().encode(JSON.stringify([title, id]));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export function decodeCursor(text: string): CatalogCursor {
  let value: unknown;
  try {
    if (text.length > MAX_CURSOR_LENGTH) throw new Error('too long');
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    value = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))),
    );
  } catch {
    throw new CatalogParamError('This page link is broken: go back to the first page of the catalog.');
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'string' ||
    typeof value[1] !== 'string' ||
    !UUID.test(value[1]) ||
    CONTROL_CHARACTERS.test(value[0])
  ) {
    throw new CatalogParamError('This page link is broken: go back to the first page of the catalog.');
  }
  return { title: value[0], id: value[1] };
}

/**
 * Search text as the database can take it: control characters (NUL is refused by PostgreSQL) become spaces, and
 * long text is cut at a character boundary, never inside a surrogate pair.
 */
function searchText(value: string | null): string {
  const text = (value ?? '').replace(new RegExp(CONTROL_CHARACTERS.source, 'g'), ' ').trim();
  return text.length <= MAX_QUERY_LENGTH ? text : Array.from(text).slice(0, MAX_QUERY_LENGTH).join('').trim();
}

/** Search text is made safe (see searchText); a malformed cursor is a CatalogParamError. */
export function parseCatalogSearch(params: URLSearchParams): CatalogSearch {
  const q = searchText(params.get('q'));
  const genre = searchText(params.get('genre'));
  const after = params.get('after');
  const before = after ? null : params.get('before');
  return { q, genre, after: after ? decodeCursor(after) : null, before: before ? decodeCursor(before) : null };
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

/**
 * Rows after (or before) `cursor` in (title, id) order. `title >= t` comes first so that the database scans the
 * (title, id) index from the cursor on; the `_or` then skips the rows of the same title up to the cursor's id.
 */
function beyond(cursor: CatalogCursor, side: 'after' | 'before', inclusive = false): Books_Bool_Exp {
  const { title, id } = cursor;
  if (side === 'after') {
    return {
      _and: [
        { title: { _gte: title } },
        { _or: [{ title: { _gt: title } }, { id: inclusive ? { _gte: id } : { _gt: id } }] },
      ],
    };
  }
  return {
    _and: [
      { title: { _lte: title } },
      { _or: [{ title: { _lt: title } }, { id: inclusive ? { _lte: id } : { _lt: id } }] },
    ],
  };
}

const ASCENDING: Books_Order_By[] = [
  { title: 'asc' as Books_Order_By['title'] },
  { id: 'asc' as Books_Order_By['id'] },
];
const DESCENDING: Books_Order_By[] = [
  { title: 'desc' as Books_Order_By['title'] },
  { id: 'desc' as Books_Order_By['id'] },
];

/**
 * Variables of the catalog page query. `rows` asks for one row more than a page, which tells whether the catalog
 * goes on in the direction of travel; `behind` (only with a cursor) asks whether any row lies on the other side.
 * Before a cursor, rows come in descending order and the loader reverses them.
 */
export function catalogPageVariables(search: CatalogSearch) {
  const where = catalogWhere(search);
  const cursor = search.after ?? search.before;
  const forward = !search.before;
  const side = forward ? 'after' : 'before';
  const opposite = forward ? 'before' : 'after';
  return {
    where,
    rowsWhere: cursor ? { _and: [where, beyond(cursor, side)] } : where,
    rowsOrder: forward ? ASCENDING : DESCENDING,
    rowsLimit: PAGE_SIZE + 1,
    countLimit: COUNT_CAP + 1,
    hasCursor: Boolean(cursor),
    behindWhere: cursor ? { _and: [where, beyond(cursor, opposite, true)] } : where,
    behindOrder: forward ? DESCENDING : ASCENDING,
  };
}

/** One page from the rows the query returned (in query order) and whether anything lies behind the cursor. */
export function catalogPage<Row extends CatalogCursor>(search: CatalogSearch, fetched: Row[], behind: boolean) {
  const forward = !search.before;
  const rows = fetched.slice(0, PAGE_SIZE);
  if (!forward) rows.reverse();
  const more = fetched.length > PAGE_SIZE;
  const [hasPrevious, hasNext] = forward ? [behind, more] : [more, behind];
  const first = rows[0];
  const last = rows[rows.length - 1];
  const cursorOf = (row: Row): CatalogCursor => ({ title: row.title, id: row.id });
  return {
    rows,
    previousHref: hasPrevious && first ? catalogHref(search, { before: cursorOf(first) }) : null,
    nextHref: hasNext && last ? catalogHref(search, { after: cursorOf(last) }) : null,
    firstHref: search.after || search.before ? catalogHref(search, null) : null,
  };
}

/** The catalog URL for the same search, from its first page or from a cursor. */
export function catalogHref(
  search: Pick<CatalogSearch, 'q' | 'genre'>,
  from: { after: CatalogCursor } | { before: CatalogCursor } | null,
): string {
  const params = new URLSearchParams();
  if (search.q) params.set('q', search.q);
  if (search.genre) params.set('genre', search.genre);
  if (from && 'after' in from) params.set('after', encodeCursor(from.after));
  if (from && 'before' in from) params.set('before', encodeCursor(from.before));
  const query = params.toString();
  return query ? `/books?${query}` : '/books';
}

/** "1 book", "243 books", "1,000+ books" (counted up to COUNT_CAP + 1). */
export function countLabel(count: number): string {
  if (count > COUNT_CAP) return `${COUNT_CAP.toLocaleString('en-US')}+ books`;
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'book' : 'books'}`;
}
