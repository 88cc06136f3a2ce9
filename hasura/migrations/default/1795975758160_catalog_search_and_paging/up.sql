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

-- Hasura runs queries as prepared statements, and after five runs PostgreSQL may switch a statement to a generic
-- plan, made without the parameters' values: for `ILIKE $1` it then expects ~0.5% of rows to match any pattern,
-- scans the (title, id) index in page order, and a rare word reads the whole table. Custom plans see the pattern
-- and pick the trigram index for rare words, the ordered scan for common ones. ALTER DATABASE applies to new
-- sessions, SET to this one (the only session of an embedded PGlite). Without the privilege to alter the
-- database, the migration goes on with a warning: set plan_cache_mode for the database (or Hasura's role) yourself.
SET plan_cache_mode = force_custom_plan;
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not set plan_cache_mode = force_custom_plan on database %: catalog search may use generic plans', current_database();
END
$$;
