import { describe, expect, it } from 'vitest';
import { catalogHref, catalogWhere, escapeLike, parseCatalogSearch } from '~/books/catalog';

describe('catalog search', () => {
  it('parses and sanitises the URL parameters', () => {
    expect(parseCatalogSearch(new URLSearchParams('q=%20river%20&genre=Poetry&page=3'))).toEqual({
      q: 'river',
      genre: 'Poetry',
      page: 3,
    });
    for (const page of ['0', '-2', '1.5', 'abc', '1e400', '99999999999999999999']) {
      expect(parseCatalogSearch(new URLSearchParams({ page })).page).toBe(1);
    }
    // A huge but exact page number is kept: the loader answers 404 for it instead of asking Hasura.
    expect(parseCatalogSearch(new URLSearchParams({ page: '99999999999' })).page).toBe(99999999999);
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

  it('escapes LIKE wildcards so they match literally', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });

  it('builds title-or-author and genre conditions', () => {
    expect(catalogWhere({ q: '', genre: '' })).toEqual({ _and: [] });
    expect(catalogWhere({ q: 'river', genre: 'Poetry' })).toEqual({
      _and: [
        { _or: [{ title: { _ilike: '%river%' } }, { author: { _ilike: '%river%' } }] },
        { genre: { _eq: 'Poetry' } },
      ],
    });
  });

  it('keeps the search in pagination links', () => {
    expect(catalogHref({ q: 'a b', genre: '', page: 1 }, 2)).toBe('/books?q=a+b&page=2');
    expect(catalogHref({ q: '', genre: '', page: 2 }, 1)).toBe('/books');
  });
});
