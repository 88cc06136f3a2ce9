import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { CatalogParamError, catalogPage, countLabel, parseCatalogSearch } from '~/books/catalog';
import { queryCatalog } from '~/books/catalog-query.server';
import { getHasuraSession } from '~/hasura/session.server';
import { isShelfStatus, STATUS_LABELS } from '~/shelf/entry-form';

export const meta: MetaFunction = () => [{ title: 'Books · Reading tracker' }];

export async function loader(args: LoaderFunctionArgs) {
  let search;
  try {
    search = parseCatalogSearch(new URL(args.request.url).searchParams);
  } catch (error) {
    if (error instanceof CatalogParamError) throw json({ problem: error.message }, { status: 400 });
    throw error;
  }
  const hasura = await getHasuraSession(args);
  const result = await queryCatalog(hasura, search);
  const page = catalogPage(search, result.rows, result.behind);
  return json({
    search: { q: search.q, genre: search.genre },
    signedIn: Boolean(hasura.userId),
    count: countLabel(result.count),
    genres: result.genres,
    books: page.rows.map(({ shelf_entries: entries, ...book }) => {
      const status = entries?.[0]?.status;
      return { ...book, shelfStatus: isShelfStatus(status) ? STATUS_LABELS[status] : null };
    }),
    firstHref: page.firstHref,
    previousHref: page.previousHref,
    nextHref: page.nextHref,
  });
}

export default function BooksPage() {
  const { search, signedIn, count, genres, books, firstHref, previousHref, nextHref } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Books</h1>
      <Form method="get" role="search" className="search">
        <label htmlFor="q">Search books</label>
        <input id="q" type="search" name="q" defaultValue={search.q} placeholder="Words of the title or author" />
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
        {count}
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
        {firstHref ? <Link to={firstHref}>First page</Link> : null}
        {previousHref ? <Link to={previousHref}>Previous</Link> : null}
        {nextHref ? <Link to={nextHref}>Next</Link> : null}
      </nav>
    </>
  );
}
