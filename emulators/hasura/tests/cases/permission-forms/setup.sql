-- Teams, their members and notes: permissions written in every form Hasura's metadata accepts (tables.yaml).
CREATE TABLE public.teams (
  id integer PRIMARY KEY,
  name text NOT NULL,
  owner_id text NOT NULL
);
CREATE TABLE public.members (
  id integer PRIMARY KEY,
  team_id integer NOT NULL REFERENCES public.teams (id),
  user_id text NOT NULL,
  role text NOT NULL,
  score integer NOT NULL DEFAULT 0,
  meta json,
  left_on date
);
CREATE TABLE public.notes (
  id serial PRIMARY KEY,
  team_id integer NOT NULL REFERENCES public.teams (id),
  body text NOT NULL,
  created_by text NOT NULL,
  labels jsonb NOT NULL DEFAULT '{}'
);
INSERT INTO public.teams VALUES (1, 'Red', 'alice'), (2, 'Blue', 'bob'), (3, 'Secret', 'carol');
INSERT INTO public.members VALUES
  (1, 1, 'alice', 'lead', 10, NULL, NULL),
  (2, 1, 'bob', 'dev', 5, NULL, NULL),
  (3, 2, 'bob', 'lead', 7, NULL, NULL),
  (4, 3, 'carol', 'lead', 1, '{"x": 1}', '2024-01-01');
INSERT INTO public.notes (team_id, body, created_by, labels) VALUES
  (1, 'red plan', 'alice', '{"public": true}'),
  (1, 'red secret', 'bob', '{"hr": true}'),
  (2, 'blue plan', 'bob', '{"public": true, "eng": true}'),
  (3, 'secret note', 'carol', '{"hr": true}');
