-- Items owned by users, some hidden from their owners' select permission: upserts and what `returning` shows.
CREATE TABLE public.items (
  id integer PRIMARY KEY,
  name text NOT NULL,
  qty integer NOT NULL DEFAULT 0,
  owner text NOT NULL,
  hidden boolean NOT NULL DEFAULT false
);
INSERT INTO public.items (id, name, qty, owner, hidden) VALUES
  (1, 'apple', 1, 'alice', false),
  (2, 'pear', 2, 'bob', false),
  (3, 'plum', 3, 'alice', true);
-- A log a role may write to but never read.
CREATE TABLE public.logs (
  id serial PRIMARY KEY,
  body text NOT NULL,
  author text NOT NULL
);
