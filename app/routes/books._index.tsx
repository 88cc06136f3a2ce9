import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { CatalogParamError, parseCatalogSearch } from '~/books/catalog';
import { getHasuraSession } from '~/hasura/session.server';
import { getCatalogPage } from '~/models/catalog.server';
import { badRequest } from '~/problem.server';
import { GeneralErrorBoundary } from '~/components/GeneralErrorBoundary';
import { ListLink, useListLinkNavigation } from '~/components/ListLink';

export const meta: MetaFunction = () => [{ title: 'Books · Reading tracker' }];

function parseSearch(url: string) {
  try {
    return parseCatalogSearch(new URL(url).searchParams);
  } catch (error) {
    if (error instanceof CatalogParamError) throw badRequest(error.message);
    throw error;
  }
}

export async function loader(args: LoaderFunctionArgs) {
  const search = parseSearch(args.request.url);
  const hasura = await getHasuraSession(args);
  const page = await getCatalogPage(hasura, search);
  return { ...page, signedIn: Boolean(hasura.userId) };
}

export default function BooksPage() {
  const { search, signedIn, count, genres, books, firstHref, previousHref, nextHref } = useLoaderData<typeof loader>();
  const onRowLinkClick = useListLinkNavigation();
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
                  <ListLink to={`/books/${book.id}`} onNavigate={onRowLinkClick}>
                    {book.title}
                  </ListLink>
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
