-- Documents with jsonb columns and a revision counter: update operators, presets-only updates, empty updates.
CREATE TABLE public.documents (
  id integer PRIMARY KEY,
  title text NOT NULL,
  owner_id text NOT NULL,
  revision integer NOT NULL DEFAULT 0,
  edited_by text,
  data jsonb NOT NULL DEFAULT '{}',
  tags jsonb NOT NULL DEFAULT '[]'
);
INSERT INTO public.documents (id, title, owner_id, data, tags) VALUES
  (1, 'Plan', 'alice', '{"a": 1, "b": {"c": 2, "d": 3}}', '["x", "y", "z"]'),
  (2, 'Notes', 'alice', '{}', '[]'),
  (3, 'Other', 'bob', '{"a": 1}', '["x"]');
