CREATE INDEX books_title_trgm_idx ON public.books USING gin (title gin_trgm_ops);
CREATE INDEX books_author_trgm_idx ON public.books USING gin (author gin_trgm_ops);
DROP TRIGGER book_words_truncate ON public.books;
DROP TRIGGER book_words_delete ON public.books;
DROP TRIGGER book_words_update ON public.books;
DROP TRIGGER book_words_insert ON public.books;
DROP FUNCTION public.book_words_sync();
DROP FUNCTION public.catalog_words(text, text);
DROP TABLE public.book_words;
