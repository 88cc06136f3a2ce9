-- Clerk users mirrored by the app's Clerk webhook (/webhooks/clerk), shareable shelf entries, and the public view of
-- shared reviews. Only the webhook writes users (server side, role clerk_webhook through the admin secret).

CREATE TABLE public.users (
  -- The Clerk user id ("user_2ab…").
  id text PRIMARY KEY,
  display_name text NOT NULL,
  image_url text,
  -- Clerk's created_at / updated_at: an event carrying an older updated_at than the row's changes nothing.
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now()
);

-- Users deleted in Clerk. Clerk never reuses an id and Svix may deliver a late user.created/updated after the
-- user.deleted: such a row is silently not inserted.
CREATE TABLE public.deleted_users (
  id text PRIMARY KEY,
  deleted_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION public.skip_deleted_users() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM public.deleted_users d WHERE d.id = NEW.id) THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER skip_deleted_users
  BEFORE INSERT ON public.users
  FOR EACH ROW EXECUTE FUNCTION public.skip_deleted_users();

-- One row per webhook delivery handled (the svix-id, the same on every retry), written in the same transaction as
-- its effect: a second delivery of the same message fails on the primary key and changes nothing.
CREATE TABLE public.clerk_webhook_deliveries (
  svix_id text PRIMARY KEY,
  event_type text NOT NULL,
  user_id text,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- Opt-in: a shelf entry is private unless its owner shares it.
ALTER TABLE public.shelf_entries ADD COLUMN shared boolean NOT NULL DEFAULT false;

-- The shared entries that say something, with the reviewer's public name and avatar (null until the user is
-- synced). No user id, no status: only what a review shows.
CREATE VIEW public.book_reviews AS
SELECT e.id,
       e.book_id,
       e.rating,
       e.note,
       e.updated_at,
       u.display_name AS reviewer_name,
       u.image_url AS reviewer_image_url
  FROM public.shelf_entries e
  LEFT JOIN public.users u ON u.id = e.user_id
 WHERE e.shared AND (e.rating IS NOT NULL OR e.note IS NOT NULL);
