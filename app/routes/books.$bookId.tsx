import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import {
  AddToShelfMutation,
  BookQuery,
  BookWithShelfQuery,
  RemoveShelfEntryMutation,
  UpdateShelfEntryMutation,
} from '~/hasura/documents';
import { BookReviews } from '~/components/BookReviews';
import { RatingOptions } from '~/components/RatingOptions';
import { getHasuraSession } from '~/hasura/session.server';
import { parseShelfEntryForm, SHELF_STATUSES, STATUS_LABELS, type ShelfEntryFieldErrors } from '~/shelf/entry-form';
import { signInRedirect } from '~/clerk/sign-in-redirect.server';

const isUuid = (value: string | undefined) => z.string().uuid().safeParse(value).success;

function bookNotFound(): Response {
  return json({ problem: 'There is no book with this id.' }, { status: 404 });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.book.title} · Reading tracker` : 'Book not found · Reading tracker' },
];

export async function loader(args: LoaderFunctionArgs) {
  const bookId = args.params.bookId;
  if (!isUuid(bookId)) throw bookNotFound();
  const hasura = await getHasuraSession(args);
  if (!hasura.userId) {
    const { books_by_pk: book } = await hasura.query(BookQuery, { id: bookId! });
    if (!book) throw bookNotFound();
    return json({ book, signedIn: false as const, entry: null });
  }
  const { books_by_pk: book } = await hasura.query(BookWithShelfQuery, { id: bookId! });
  if (!book) throw bookNotFound();
  const { shelf_entries: entries, ...details } = book;
  return json({ book: details, signedIn: true as const, entry: entries[0] ?? null });
}

export type BookActionData =
  { ok: true; message: string } | { ok: false; fieldErrors?: ShelfEntryFieldErrors; formError?: string };

const NOT_YOUR_ENTRY = 'Not found: that shelf entry does not exist or is not yours. Nothing was changed.';

export async function action(args: ActionFunctionArgs) {
  const bookId = args.params.bookId;
  if (!isUuid(bookId)) throw bookNotFound();
  const hasura = await getHasuraSession(args);
  if (!hasura.userId) throw signInRedirect(new URL(args.request.url));
  const form = await args.request.formData();
  const intent = form.get('intent');
  const reply = (data: BookActionData, status = 200) => json<BookActionData>(data, { status });

  if (intent === 'remove') {
    const entryId = form.get('entryId');
    if (typeof entryId !== 'string' || !isUuid(entryId)) return reply({ ok: false, formError: NOT_YOUR_ENTRY }, 404);
    // Permissions limit deletes to the user's own rows: a foreign id deletes nothing.
    const { data, error } = await hasura.mutate(RemoveShelfEntryMutation, { id: entryId, bookId: bookId! });
    if (error) return reply({ ok: false, formError: error.message }, 502);
    if (!data.delete_shelf_entries?.affected_rows) return reply({ ok: false, formError: NOT_YOUR_ENTRY }, 404);
    return reply({ ok: true, message: 'Removed from your shelf.' });
  }

  if (intent !== 'save') return reply({ ok: false, formError: 'Unknown action.' }, 400);
  const parsed = parseShelfEntryForm(form);
  if (!parsed.ok) return reply({ ok: false, fieldErrors: parsed.fieldErrors }, 400);
  const { entryId, status, rating, note, shared } = parsed.value;
  const values = { status, rating: rating ?? null, note: note ?? null, shared };

  if (entryId) {
    const { data, error } = await hasura.mutate(UpdateShelfEntryMutation, {
      id: entryId,
      bookId: bookId!,
      set: values,
    });
    if (error) return reply({ ok: false, formError: error.message }, 502);
    if (!data.update_shelf_entries?.affected_rows) return reply({ ok: false, formError: NOT_YOUR_ENTRY }, 404);
    return reply({ ok: true, message: 'Saved.' });
  }
  // user_id is not ours to send: Hasura sets it from the token (insert permission `set`).
  const { error } = await hasura.mutate(AddToShelfMutation, { object: { book_id: bookId, ...values } });
  if (error?.hasCode('constraint-violation'))
    return reply({ ok: false, formError: 'Not found: this book no longer exists.' }, 404);
  if (error) return reply({ ok: false, formError: error.message }, 502);
  return reply({ ok: true, message: 'Added to your shelf.' });
}

export default function BookPage() {
  const { book, signedIn, entry } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const navigation = useNavigation();
  const busy = navigation.state !== 'idle';
  const fieldErrors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const errorProps = (field: keyof ShelfEntryFieldErrors) =>
    fieldErrors[field] ? { 'aria-invalid': true, 'aria-describedby': `${field}-error` } : {};

  return (
    <article>
      <h1>{book.title}</h1>
      <dl className="book-details">
        <dt>Author</dt>
        <dd>{book.author}</dd>
        {book.published_year ? (
          <>
            <dt>Published</dt>
            <dd>{book.published_year}</dd>
          </>
        ) : null}
        <dt>Genre</dt>
        <dd>{book.genre}</dd>
        {book.pages ? (
          <>
            <dt>Pages</dt>
            <dd>{book.pages}</dd>
          </>
        ) : null}
      </dl>
      {book.description ? <p>{book.description}</p> : null}

      {signedIn ? (
        <section aria-labelledby="shelf-heading" className="shelf-form">
          <h2 id="shelf-heading">{entry ? 'On your shelf' : 'Your shelf'}</h2>
          {result?.ok ? <p role="status">{result.message}</p> : null}
          {result && !result.ok && result.formError ? <p role="alert">{result.formError}</p> : null}
          {/* key: after a save the loader's fresh values become the new defaults */}
          <Form method="post" key={JSON.stringify(entry)}>
            {entry ? <input type="hidden" name="entryId" value={entry.id} /> : null}
            <label htmlFor="status">Status</label>
            <select id="status" name="status" defaultValue={entry?.status ?? 'want_to_read'} {...errorProps('status')}>
              {SHELF_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {STATUS_LABELS[status]}
                </option>
              ))}
            </select>
            {fieldErrors.status ? (
              <p id="status-error" className="field-error">
                {fieldErrors.status}
              </p>
            ) : null}
            <label htmlFor="rating">Rating</label>
            <select id="rating" name="rating" defaultValue={entry?.rating ?? ''} {...errorProps('rating')}>
              <RatingOptions />
            </select>
            {fieldErrors.rating ? (
              <p id="rating-error" className="field-error">
                {fieldErrors.rating}
              </p>
            ) : null}
            <label htmlFor="note">Note</label>
            <textarea id="note" name="note" rows={3} defaultValue={entry?.note ?? ''} {...errorProps('note')} />
            {fieldErrors.note ? (
              <p id="note-error" className="field-error">
                {fieldErrors.note}
              </p>
            ) : null}
            <label className="checkbox">
              <input type="checkbox" name="shared" defaultChecked={entry?.shared ?? false} {...errorProps('shared')} />
              Share this review publicly, with my name and picture
            </label>
            {fieldErrors.shared ? (
              <p id="shared-error" className="field-error">
                {fieldErrors.shared}
              </p>
            ) : null}
            {fieldErrors.entryId ? <p className="field-error">{fieldErrors.entryId}</p> : null}
            <button type="submit" name="intent" value="save" disabled={busy}>
              {entry ? 'Save' : 'Add to shelf'}
            </button>
          </Form>
          {entry ? (
            <Form method="post">
              <input type="hidden" name="entryId" value={entry.id} />
              <button type="submit" name="intent" value="remove" disabled={busy}>
                Remove from shelf
              </button>
            </Form>
          ) : null}
        </section>
      ) : (
        <p>
          <Link to={`/sign-in?redirect_url=${encodeURIComponent(location.pathname)}`}>
            Sign in to add this book to your shelf
          </Link>
        </p>
      )}
      <BookReviews
        reviews={book.reviews}
        count={book.reviews_aggregate.aggregate?.count ?? 0}
        ratings={book.reviews_aggregate.aggregate?.ratings ?? 0}
        averageRating={book.reviews_aggregate.aggregate?.avg?.rating}
      />
    </article>
  );
}
