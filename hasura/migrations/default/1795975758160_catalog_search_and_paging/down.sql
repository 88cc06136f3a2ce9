DROP INDEX public.books_genre_title_id_idx;
CREATE INDEX books_genre_idx ON public.books (genre);
DROP INDEX public.books_title_id_idx;
CREATE INDEX books_title_idx ON public.books (title);
DROP INDEX public.books_author_trgm_idx;
DROP INDEX public.books_title_trgm_idx;
-- pg_trgm stays: other objects of the database may use it.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I RESET plan_cache_mode', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  NULL;
END
$$;
RESET plan_cache_mode;
