import { describe, expect, it } from 'vitest';
import {
  CatalogParamError,
  catalogHref,
  catalogPage,
  catalogPageVariables,
  catalogWhere,
  countLabel,
  decodeCursor,
  encodeCursor,
  MAX_SEARCH_WORDS,
  PAGE_SIZE,
  parseCatalogSearch,
  searchPageVariables,
  searchWhere,
  searchWords,
} from '~/books/catalog';

const ID = '0b6f3a5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const rows = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => ({
    id: ID.replace(/.{3}$/, String(from + i).padStart(3, '0')),
    title: `Book ${from + i}`,
  }));

describe('catalog search', () => {
  it('parses and sanitises the URL parameters', () => {
    expect(parseCatalogSearch(new URLSearchParams('q=%20river%20&genre=Poetry'))).toEqual({
      q: 'river',
      genre: 'Poetry',
      after: null,
      before: null,
    });
    // The old ?page= parameter means nothing any more: the first page.
    expect(parseCatalogSearch(new URLSearchParams('page=99999999999'))).toMatchObject({ after: null, before: null });
  });

  it('round-trips a cursor, whatever the title holds', () => {
    for (const title of ['The River', 'Ünïcödé — “quoted” 🚀', 'a/b+c=d', '']) {
      const cursor = encodeCursor({ title, id: ID });
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // safe in a URL as is
      expect(decodeCursor(cursor)).toEqual({ title, id: ID });
      expect(parseCatalogSearch(new URLSearchParams({ after: cursor })).after).toEqual({ title, id: ID });
    }
  });

  it('turns control characters into spaces and cuts long text at a character boundary', () => {
    expect(parseCatalogSearch(new URLSearchParams({ q: 'river\u0000bank\u0007', genre: '\u0000' }))).toMatchObject({
      q: 'river bank',
      genre: '',
    });
    const q = parseCatalogSearch(new URLSearchParams({ q: `a${'😀'.repeat(300)}` })).q;
    expect(Array.from(q)).toHaveLength(200);
    expect(Buffer.from(q).toString()).toBe(q); // well-formed: no half of a surrogate pair
  });

  it('refuses a malformed cursor instead of guessing a page', () => {
    const bad = [
      'not base64 at all!',
      Buffer.from('not json').toString('base64url'),
      Buffer.from(JSON.stringify(['t'])).toString('base64url'),
      Buffer.from(JSON.stringify(['t', 'not-a-uuid'])).toString('base64url'),
      Buffer.from(JSON.stringify([1, ID])).toString('base64url'),
      Buffer.from(JSON.stringify(['river\u0000bank', ID])).toString('base64url'), // PostgreSQL refuses NUL in text
      Buffer.from(JSON.stringify({ title: 't', id: ID })).toString('base64url'),
      Buffer.from([0xff, 0xfe, 0x00]).toString('base64url'),
      'A'.repeat(5000),
    ];
    for (const after of bad)
      expect(() => parseCatalogSearch(new URLSearchParams({ after })), after).toThrow(CatalogParamError);
    expect(() => parseCatalogSearch(new URLSearchParams({ before: '%00' }))).toThrow(CatalogParamError);
  });

  it('splits a search into distinct lower-cased words at whitespace and punctuation', () => {
    expect(searchWords('The  River’s—END, “Émile” x_y 12 river')).toEqual([
      'the',
      'river',
      's',
      'end',
      'émile',
      'x',
      'y',
      '12',
    ]);
    expect(searchWords('%_\\ -- …')).toEqual([]);
    expect(searchWords(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_SEARCH_WORDS);
  });

  it('finds a word through the index by its longest word, the others and the genre through the book', () => {
    expect(catalogWhere({ genre: '' })).toEqual({ _and: [] });
    expect(catalogWhere({ genre: 'Poetry' })).toEqual({ _and: [{ genre: { _eq: 'Poetry' } }] });
    expect(searchWhere({ q: 'River', genre: '' })).toEqual({ _and: [{ word: { _eq: 'river' } }] });
    expect(searchWhere({ q: 'the silent river', genre: 'Poetry' })).toEqual({
      _and: [
        { word: { _eq: 'silent' } },
        { words_of_book: { word: { _eq: 'the' } } },
        { words_of_book: { word: { _eq: 'river' } } },
        { book: { genre: { _eq: 'Poetry' } } },
      ],
    });
    // Only punctuation: no word, and no book has the empty word.
    expect(searchWhere({ q: '%', genre: '' })).toEqual({ _and: [{ word: { _eq: '' } }] });
  });

  it('pages a search in (title, book_id) order of the word rows', () => {
    const cursor = { title: 'The River', id: ID };
    const next = searchPageVariables({ q: 'river', genre: '', after: cursor, before: null });
    const where = { _and: [{ word: { _eq: 'river' } }] };
    expect(next.rowsWhere).toEqual({
      _and: [
        where,
        {
          _and: [
            { title: { _gte: 'The River' } },
            { _or: [{ title: { _gt: 'The River' } }, { book_id: { _gt: ID } }] },
          ],
        },
      ],
    });
    expect(next.rowsOrder).toEqual([{ title: 'asc' }, { book_id: 'asc' }]);
    expect(next.behindOrder).toEqual([{ title: 'desc' }, { book_id: 'desc' }]);
    expect(next).toMatchObject({ where, rowsLimit: PAGE_SIZE + 1, countLimit: 1001, hasCursor: true });
  });

  it('asks for one page and one row more, counts up to a cap, and looks behind only with a cursor', () => {
    const first = catalogPageVariables(parseCatalogSearch(new URLSearchParams('genre=Poetry')));
    expect(first).toMatchObject({ rowsLimit: PAGE_SIZE + 1, countLimit: 1001, hasCursor: false });
    expect(first.rowsWhere).toEqual(first.where);
    expect(first.rowsOrder).toEqual([{ title: 'asc' }, { id: 'asc' }]);
  });

  it('continues after a cursor in (title, id) order, through the index on title', () => {
    const cursor = { title: 'The River', id: ID };
    const next = catalogPageVariables({ q: '', genre: 'Poetry', after: cursor, before: null });
    const where = { _and: [{ genre: { _eq: 'Poetry' } }] };
    expect(next.rowsWhere).toEqual({
      _and: [
        where,
        { _and: [{ title: { _gte: 'The River' } }, { _or: [{ title: { _gt: 'The River' } }, { id: { _gt: ID } }] }] },
      ],
    });
    expect(next.rowsOrder).toEqual([{ title: 'asc' }, { id: 'asc' }]);
    // Behind the page: the cursor's row and everything before it, nearest first.
    expect(next.behindWhere).toEqual({
      _and: [
        where,
        { _and: [{ title: { _lte: 'The River' } }, { _or: [{ title: { _lt: 'The River' } }, { id: { _lte: ID } }] }] },
      ],
    });
    expect(next.behindOrder).toEqual([{ title: 'desc' }, { id: 'desc' }]);
    expect(next.hasCursor).toBe(true);
    expect(next.where).toEqual(where); // the count ignores the cursor

    const previous = catalogPageVariables({ q: '', genre: '', after: null, before: cursor });
    expect(previous.rowsWhere).toEqual({
      _and: [
        { _and: [] },
        { _and: [{ title: { _lte: 'The River' } }, { _or: [{ title: { _lt: 'The River' } }, { id: { _lt: ID } }] }] },
      ],
    });
    expect(previous.rowsOrder).toEqual([{ title: 'desc' }, { id: 'desc' }]);
    expect(previous.behindWhere).toEqual({
      _and: [
        { _and: [] },
        { _and: [{ title: { _gte: 'The River' } }, { _or: [{ title: { _gt: 'The River' } }, { id: { _gte: ID } }] }] },
      ],
    });
    expect(previous.behindOrder).toEqual([{ title: 'asc' }, { id: 'asc' }]);
  });

  it('links Next and Previous from the rows shown, only where the catalog goes on', () => {
    const search = { q: 'a b', genre: '', after: null, before: null };
    const first = catalogPage(search, rows(PAGE_SIZE + 1), false);
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.previousHref).toBeNull();
    expect(first.firstHref).toBeNull();
    const nextSearch = parseCatalogSearch(new URL(first.nextHref!, 'http://app.test').searchParams);
    expect(nextSearch).toEqual({ q: 'a b', genre: '', after: { title: 'Book 19', id: rows(20)[19].id }, before: null });

    const last = catalogPage(nextSearch, rows(5, 20), true);
    expect(last.nextHref).toBeNull();
    expect(last.firstHref).toBe('/books?q=a+b');
    expect(parseCatalogSearch(new URL(last.previousHref!, 'http://app.test').searchParams).before).toEqual({
      title: 'Book 20',
      id: rows(1, 20)[0].id,
    });

    // Going back: rows arrive nearest first and are shown in catalog order.
    const back = catalogPage({ ...search, before: { title: 'Book 20', id: ID } }, rows(PAGE_SIZE + 1).reverse(), true);
    expect(back.rows.map((row) => row.title)).toEqual(rows(PAGE_SIZE, 1).map((row) => row.title));
    expect(back.previousHref).not.toBeNull();
    expect(back.nextHref).not.toBeNull();

    const empty = catalogPage({ ...search, after: { title: 'zzz', id: ID } }, [], true);
    expect(empty).toEqual({ rows: [], previousHref: null, nextHref: null, firstHref: '/books?q=a+b' });
  });

  it('keeps the search in catalog links', () => {
    expect(catalogHref({ q: 'a b', genre: 'Poetry' }, null)).toBe('/books?q=a+b&genre=Poetry');
    expect(catalogHref({ q: '', genre: '' }, null)).toBe('/books');
    expect(catalogHref({ q: '', genre: '' }, { after: { title: 't', id: ID } })).toBe(
      `/books?after=${encodeCursor({ title: 't', id: ID })}`,
    );
  });

  it('says how many books, with a cap', () => {
    expect(countLabel(0)).toBe('0 books');
    expect(countLabel(1)).toBe('1 book');
    expect(countLabel(1000)).toBe('1,000 books');
    expect(countLabel(1001)).toBe('1,000+ books');
  });
});
