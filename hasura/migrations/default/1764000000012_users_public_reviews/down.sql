DROP VIEW public.book_reviews;
ALTER TABLE public.shelf_entries DROP COLUMN shared;
DROP TABLE public.clerk_webhook_deliveries;
DROP TRIGGER skip_deleted_users ON public.users;
DROP FUNCTION public.skip_deleted_users();
DROP TABLE public.deleted_users;
DROP TABLE public.users;
