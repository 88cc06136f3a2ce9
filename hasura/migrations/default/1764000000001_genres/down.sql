ALTER TABLE public.books DROP CONSTRAINT books_genre_fkey;
DROP TABLE public.genres;
