-- A catalog of millions of books: indexes for the queries the catalog sends (see app/books/catalog.ts).

-- Search is `title ILIKE '%q%' OR author ILIKE '%q%'`: trigram GIN indexes serve a substring match anywhere in
-- the text (3+ characters). pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it;
-- PGlite ships it too.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX books_title_trgm_idx ON public.books USING gin (title gin_trgm_ops);
CREATE INDEX books_author_trgm_idx ON public.books USING gin (author gin_trgm_ops);

-- Pages are in (title, id) order and continue after the last row shown (keyset paging): a range scan of the
-- index reads one page's rows at any depth, with or without a genre.
DROP INDEX public.books_title_idx;
CREATE INDEX books_title_id_idx ON public.books (title, id);
DROP INDEX public.books_genre_idx;
CREATE INDEX books_genre_title_id_idx ON public.books (genre, title, id);
