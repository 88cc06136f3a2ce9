-- Deterministic demo catalog: 5,000 books built from word lists with generate_series, so it loads in well under a
-- second on PGlite. Ids are md5('book-<n>') read as a uuid: stable across machines and re-runs.
-- Safe to apply twice (ON CONFLICT DO NOTHING). The genres go first: books.genre references them.
INSERT INTO public.genres (name)
SELECT unnest(ARRAY['Fantasy','Science Fiction','Mystery','Thriller','Romance','Historical Fiction',
                    'Literary Fiction','Horror','Biography','History','Poetry','Travel'])
ON CONFLICT DO NOTHING;

WITH words AS (
  SELECT
    ARRAY['silent','crimson','hidden','last','golden','broken','distant','quiet','burning','frozen','wandering',
          'secret','forgotten','midnight','endless','bitter','hollow','shining','wild','gentle','restless','paper',
          'iron','glass','salt','winter','summer','northern','southern','little','lost','stolen','painted','sleeping',
          'copper','velvet','electric'] AS adjectives,
    ARRAY['river','garden','lighthouse','kingdom','orchard','harbor','mountain','library','station','island',
          'forest','city','letter','voyage','mirror','archive','bridge','tower','desert','storm','map','clockmaker',
          'compass','lantern','meadow','cathedral','signal','engine','atlas','valley','observatory','carnival',
          'embassy','quarry','monastery','factory','ferry','market','canal','vineyard','telescope'] AS nouns,
    ARRAY['Lisbon','Kyoto','Reykjavik','Marrakesh','Valparaiso','Tallinn','Oaxaca','Trieste','Hobart','Zanzibar',
          'Quebec','Bergen','Cusco','Odessa','Galway','Mandalay','Tangier','Ushuaia','Sapporo','Dubrovnik','Nairobi',
          'Halifax','Samarkand'] AS places,
    ARRAY['Ada','Bruno','Clara','Dmitri','Elena','Farid','Greta','Hugo','Ines','Jonas','Keiko','Luca','Maya',
          'Nils','Olga','Pablo','Quinn','Rosa','Soren','Tala','Umar','Vera','Wen','Ximena','Yusuf','Zoe','Anya',
          'Boris','Celia'] AS first_names,
    ARRAY['Abbott','Barros','Castell','Dahl','Eriksen','Fontaine','Garcia','Halloran','Ibsen','Jovanovic',
          'Kowalski','Lindqvist','Moreau','Nakamura','Okafor','Petrov','Quiroga','Rossi','Sato','Tanaka','Ueda',
          'Varga','Whitfield','Xu','Yilmaz','Zeller','Achebe','Brandt','Costa','Duval','Ekman'] AS last_names,
    ARRAY['Fantasy','Science Fiction','Mystery','Thriller','Romance','Historical Fiction','Literary Fiction',
          'Horror','Biography','History','Poetry','Travel'] AS genres
),
numbered AS (
  SELECT
    n,
    initcap(adjectives[1 + (n * 13) % array_length(adjectives, 1)]) AS adjective,
    initcap(nouns[1 + (n * 17) % array_length(nouns, 1)]) AS noun,
    places[1 + (n * 7) % array_length(places, 1)] AS place,
    first_names[1 + n % array_length(first_names, 1)] || ' '
      || last_names[1 + (n / array_length(first_names, 1)) % array_length(last_names, 1)] AS author,
    genres[1 + (n * 5) % array_length(genres, 1)] AS genre
  FROM words, generate_series(1, 5000) AS n
)
INSERT INTO public.books (id, title, author, published_year, genre, pages, description)
SELECT
  md5('book-' || n)::uuid,
  CASE n % 4
    WHEN 0 THEN 'The ' || adjective || ' ' || noun
    WHEN 1 THEN 'The ' || noun || ' of ' || place
    WHEN 2 THEN adjective || ' ' || noun || 's'
    ELSE 'A ' || adjective || ' ' || noun || ' in ' || place
  END || CASE WHEN n > 1000 THEN ' ' || to_char(1 + n / 1000, 'FMRN') ELSE '' END,
  author,
  1850 + (n * 37) % 175,
  genre,
  80 + (n * 53) % 900,
  'A ' || lower(genre) || ' story set in ' || place || ', about a ' || lower(adjective) || ' ' || lower(noun)
    || ' and the people who cannot leave it behind.'
FROM numbered
ON CONFLICT (id) DO NOTHING;
