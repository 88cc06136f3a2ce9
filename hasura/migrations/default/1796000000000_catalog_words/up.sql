-- Word search for a catalog of millions of books: an inverted index as a table that Hasura tracks.
--
-- A search lists matches in the catalog's (title, id) order, 20 at a time. With `title ILIKE '%q%'`, a common word
-- (one title in 35) makes PostgreSQL either walk the (title, id) index and test every row until 21 match, or
-- collect every match from a trigram index and sort them: thousands of rows per page either way. book_words holds
-- one row per distinct word of a book's title and author, with the title, indexed by (word, title, book_id): the
-- matches of a word are one range of that index, already in page order, so a page reads 21 index entries and a
-- count of up to 1,001 matches reads 1,001 (an index-only scan), however common the word and however large the
-- catalog.
CREATE TABLE public.book_words (
  book_id uuid NOT NULL,
  word text NOT NULL,
  title text NOT NULL,
  PRIMARY KEY (book_id, word)
);
CREATE INDEX book_words_word_title_book_id_idx ON public.book_words (word, title, book_id);
COMMENT ON TABLE public.book_words IS
  'Each distinct word of a book''s title and author (catalog_words), kept by triggers on books: the catalog search';

-- The words of a title and author: lower-cased (lower(), so the database's locale decides what a capital is),
-- split at whitespace and punctuation (ASCII, Latin-1 and General Punctuation). The app splits a search the same
-- way (app/books/catalog.ts, searchWords).
CREATE FUNCTION public.catalog_words(title text, author text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT DISTINCT word
  FROM regexp_split_to_table(lower(title || ' ' || author), '[\s!-/:-@\[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f]+') AS word
  WHERE word <> ''
$$;

-- Statement-level triggers with transition tables: a bulk insert of 100,000 books adds their words in one
-- INSERT … SELECT. No foreign key to books: the triggers keep the rows in step (a foreign key check per word row
-- would double the cost of loading a large catalog), and delete a book's words with the book.
CREATE FUNCTION public.book_words_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE public.book_words;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO public.book_words (book_id, word, title)
    SELECT b.id, w.word, b.title FROM new_books AS b, public.catalog_words(b.title, b.author) AS w(word);
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM public.book_words AS bw USING old_books AS b WHERE bw.book_id = b.id;
  ELSE
    -- Only the books whose id, title or author changed.
    DELETE FROM public.book_words AS bw
    USING (SELECT id, title, author FROM old_books EXCEPT SELECT id, title, author FROM new_books) AS b
    WHERE bw.book_id = b.id;
    INSERT INTO public.book_words (book_id, word, title)
    SELECT b.id, w.word, b.title
    FROM (SELECT id, title, author FROM new_books EXCEPT SELECT id, title, author FROM old_books) AS b,
      public.catalog_words(b.title, b.author) AS w(word);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER book_words_insert AFTER INSERT ON public.books
  REFERENCING NEW TABLE AS new_books FOR EACH STATEMENT EXECUTE FUNCTION public.book_words_sync();
CREATE TRIGGER book_words_update AFTER UPDATE ON public.books
  REFERENCING OLD TABLE AS old_books NEW TABLE AS new_books FOR EACH STATEMENT EXECUTE FUNCTION public.book_words_sync();
CREATE TRIGGER book_words_delete AFTER DELETE ON public.books
  REFERENCING OLD TABLE AS old_books FOR EACH STATEMENT EXECUTE FUNCTION public.book_words_sync();
CREATE TRIGGER book_words_truncate AFTER TRUNCATE ON public.books
  FOR EACH STATEMENT EXECUTE FUNCTION public.book_words_sync();

INSERT INTO public.book_words (book_id, word, title)
SELECT b.id, w.word, b.title FROM public.books AS b, public.catalog_words(b.title, b.author) AS w(word);

-- The catalog no longer searches with ILIKE: the trigram indexes would only slow every write.
DROP INDEX public.books_title_trgm_idx;
DROP INDEX public.books_author_trgm_idx;
