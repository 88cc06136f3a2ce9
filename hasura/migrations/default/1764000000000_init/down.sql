DROP TABLE public.shelf_entries;
DROP FUNCTION public.set_current_timestamp_updated_at();
DROP TABLE public.books;
