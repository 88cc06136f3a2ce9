/**
 * The catalog's URL parameters (?q, ?genre, ?after / ?before) and the Hasura query variables they stand for.
 *
 * Pages are in (title, id) order and continue from a cursor, the (title, id) of the row next to the page (keyset
 * paging): the database reads one page's rows from an index at any depth, where OFFSET would read and skip every
 * row before the page. The total is counted up to COUNT_CAP only, so a page never counts a million matches.
 * A search finds books by whole words of their title or author through `book_words` (one row per word of a book,
 * ordered by (word, title, book_id)): the matches of a word are one range of that index, in page order.
 */
import type { Book_Words_Bool_Exp, Book_Words_Order_By, Books_Bool_Exp, Books_Order_By } from '~/gql/graphql';

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

/**
 * Characters that separate words: whitespace and punctuation (ASCII, Latin-1, General Punctuation). The same set
 * as the database's `catalog_words` (migration 1796000000000_catalog_words), which splits titles and authors.
 */
const WORD_SEPARATORS = /[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f]+/u;
/** A search uses at most this many words (each further word is one more condition per candidate row). */
export const MAX_SEARCH_WORDS = 8;

/** The distinct lower-cased words of a search, as `catalog_words` finds them in titles and authors. */
export function searchWords(q: string): string[] {
  const words = q.toLowerCase().split(WORD_SEPARATORS).filter(Boolean);
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}

/** Rows of the genre (browsing: no search). */
export function catalogWhere({ genre }: Pick<CatalogSearch, 'genre'>): Books_Bool_Exp {
  return { _and: genre ? [{ genre: { _eq: genre } }] : [] };
}

/**
 * Word rows of books that have every word of the search (and the genre). The longest word, likely the rarest,
 * picks the index range; each other word is a lookup of (book_id, word). A search without any word (only
 * punctuation) matches nothing: no book has the empty word.
 */
export function searchWhere({ q, genre }: Pick<CatalogSearch, 'q' | 'genre'>): Book_Words_Bool_Exp {
  const words = searchWords(q);
  const leading = words.reduce((longest, word) => (word.length > longest.length ? word : longest), words[0] ?? '');
  const conditions: Book_Words_Bool_Exp[] = [{ word: { _eq: leading } }];
  for (const word of words) if (word !== leading) conditions.push({ words_of_book: { word: { _eq: word } } });
  if (genre) conditions.push({ book: { genre: { _eq: genre } } });
  return { _and: conditions };
}

/**
 * Rows after (or before) `cursor` in (title, id) order. `title >= t` comes first so that the database scans the
 * index from the cursor on; the `_or` then skips the rows of the same title up to the cursor's id. `idColumn` is
 * the book's id: `id` in books, `book_id` in book_words.
 */
function beyond<Exp>(
  cursor: CatalogCursor,
  side: 'after' | 'before',
  idColumn: 'id' | 'book_id',
  inclusive = false,
): Exp {
  const { title, id } = cursor;
  const [beyondOp, titleOp] = side === 'after' ? (['_gt', '_gte'] as const) : (['_lt', '_lte'] as const);
  const idOp = inclusive ? titleOp : beyondOp;
  return {
    _and: [
      { title: { [titleOp]: title } },
      { _or: [{ title: { [beyondOp]: title } }, { [idColumn]: { [idOp]: id } }] },
    ],
  } as Exp;
}

const order = <Order>(idColumn: 'id' | 'book_id', direction: 'asc' | 'desc') =>
  [{ title: direction }, { [idColumn]: direction }] as Order[];

/**
 * Variables of a catalog page query, browsing (`books`) or searching (`book_words`). `rows` asks for one row more
 * than a page, which tells whether the catalog goes on in the direction of travel; `behind` (only with a cursor)
 * asks whether any row lies on the other side. Before a cursor, rows come in descending order and the loader
 * reverses them.
 */
function pageVariables<Exp, Order>(where: Exp, search: CatalogSearch, idColumn: 'id' | 'book_id') {
  const cursor = search.after ?? search.before;
  const forward = !search.before;
  const side = forward ? 'after' : 'before';
  const opposite = forward ? 'before' : 'after';
  return {
    where,
    rowsWhere: cursor ? ({ _and: [where, beyond<Exp>(cursor, side, idColumn)] } as Exp) : where,
    rowsOrder: order<Order>(idColumn, forward ? 'asc' : 'desc'),
    rowsLimit: PAGE_SIZE + 1,
    countLimit: COUNT_CAP + 1,
    hasCursor: Boolean(cursor),
    behindWhere: cursor ? ({ _and: [where, beyond<Exp>(cursor, opposite, idColumn, true)] } as Exp) : where,
    behindOrder: order<Order>(idColumn, forward ? 'desc' : 'asc'),
  };
}

/** Variables of the browse query (no search text): `books` in (title, id) order. */
export function catalogPageVariables(search: CatalogSearch) {
  return pageVariables<Books_Bool_Exp, Books_Order_By>(catalogWhere(search), search, 'id');
}

/** Variables of the search query: `book_words` of the search's words in (title, book_id) order. */
export function searchPageVariables(search: CatalogSearch) {
  return pageVariables<Book_Words_Bool_Exp, Book_Words_Order_By>(searchWhere(search), search, 'book_id');
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
