-- Reading tracker schema: a public book catalog and each Clerk user's private shelf.
-- gen_random_uuid() is built into PostgreSQL 13+ (and PGlite).

CREATE TABLE public.books (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  author text NOT NULL,
  published_year integer,
  genre text NOT NULL,
  pages integer CHECK (pages > 0),
  description text
);
CREATE INDEX books_title_idx ON public.books (title);
CREATE INDEX books_genre_idx ON public.books (genre);

CREATE TABLE public.shelf_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- A Clerk user id such as "user_2ab…": text, never uuid.
  user_id text NOT NULL,
  book_id uuid NOT NULL REFERENCES public.books (id) ON UPDATE CASCADE ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'want_to_read' CHECK (status IN ('want_to_read', 'reading', 'read')),
  rating integer CHECK (rating BETWEEN 1 AND 5),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, book_id)
);
CREATE INDEX shelf_entries_book_id_idx ON public.shelf_entries (book_id);

-- The trigger Hasura's console generates for an "updated_at" column.
CREATE FUNCTION public.set_current_timestamp_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER set_public_shelf_entries_updated_at
  BEFORE UPDATE ON public.shelf_entries
  FOR EACH ROW EXECUTE FUNCTION public.set_current_timestamp_updated_at();
