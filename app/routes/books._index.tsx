import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { catalogHref, catalogWhere, MAX_PAGE, PAGE_SIZE, parseCatalogSearch } from '~/books/catalog';
import type { CatalogBookFieldsFragment } from '~/gql/graphql';
import { CatalogPageQuery, CatalogPageWithShelfQuery } from '~/hasura/documents';
import { getHasuraSession } from '~/hasura/session.server';
import { isShelfStatus, STATUS_LABELS } from '~/shelf/entry-form';

export const meta: MetaFunction = () => [{ title: 'Books · Reading tracker' }];

/** A page past the last one: 404 saying how many there are (`pageCount` null: not asked, the number is absurd). */
function noSuchPage(page: number, pageCount: number | null): Response {
  const count = pageCount === null ? '' : `: this search has ${pageCount} ${pageCount === 1 ? 'page' : 'pages'}`;
  return json({ problem: `There is no page ${page} of the catalog${count}.` }, { status: 404 });
}

export async function loader(args: LoaderFunctionArgs) {
  const search = parseCatalogSearch(new URL(args.request.url).searchParams);
  if (search.page > MAX_PAGE) throw noSuchPage(search.page, null);
  const hasura = await getHasuraSession(args);
  const variables = { where: catalogWhere(search), limit: PAGE_SIZE, offset: (search.page - 1) * PAGE_SIZE };
  // Signed out, Hasura's `anonymous` role has no shelf_entries relationship: ask only for what the role can see.
  const page = hasura.userId
    ? await hasura.query(CatalogPageWithShelfQuery, variables)
    : await hasura.query(CatalogPageQuery, variables);
  const total = page.books_aggregate.aggregate?.count ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (search.page > pageCount) throw noSuchPage(search.page, pageCount);
  return json({
    search,
    signedIn: Boolean(hasura.userId),
    total,
    pageCount,
    genres: page.genres.map((genre) => genre.name),
    books: page.books.map(({ shelf_entries: entries, ...book }: CatalogBookFieldsFragment & { shelf_entries?: { status: string }[] }) => {
      const status = entries?.[0]?.status;
      return { ...book, shelfStatus: isShelfStatus(status) ? STATUS_LABELS[status] : null };
    }),
  });
}

export default function BooksPage() {
  const { search, signedIn, total, pageCount, genres, books } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Books</h1>
      <Form method="get" role="search" className="search">
        <label htmlFor="q">Search books</label>
        <input id="q" type="search" name="q" defaultValue={search.q} placeholder="Title or author" />
        <label htmlFor="genre">Genre</label>
        <select id="genre" name="genre" defaultValue={search.genre}>
            <option value="">All genres</option>
            {genres.map((genre) => (
              <option key={genre} value={genre}>
                {genre}
              </option>
            ))}
        </select>
        <button type="submit">Search</button>
      </Form>
      <p>
        {total.toLocaleString('en-US')} {total === 1 ? 'book' : 'books'}
        {search.q || search.genre ? ' match' : ''}
      </p>
      {books.length === 0 ? (
        <p>No books found.</p>
      ) : (
        <table className="catalog">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Author</th>
              <th scope="col">Year</th>
              <th scope="col">Genre</th>
              {signedIn ? <th scope="col">Shelf</th> : null}
            </tr>
          </thead>
          <tbody>
            {books.map((book) => (
              <tr key={book.id}>
                <td>
                  <Link to={`/books/${book.id}`}>{book.title}</Link>
                </td>
                <td>{book.author}</td>
                <td>{book.published_year}</td>
                <td>{book.genre}</td>
                {signedIn ? <td>{book.shelfStatus ?? '—'}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav aria-label="Pagination" className="pagination">
        {search.page > 1 ? <Link to={catalogHref(search, search.page - 1)}>Previous</Link> : null}
        <span>
          Page {search.page} of {pageCount}
        </span>
        {search.page < pageCount ? <Link to={catalogHref(search, search.page + 1)}>Next</Link> : null}
      </nav>
    </>
  );
}
