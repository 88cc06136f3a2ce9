-- Back to PostgreSQL's default plan_cache_mode (auto), which 1795975758160_catalog_search_and_paging had set to
-- force_custom_plan for the `ILIKE $1` search: its generic plan walked the (title, id) index in page order, the
-- whole table for a rare word. That search is gone (1796000000000_catalog_words): every catalog statement now
-- filters on equality and reads one range of an index in page order, with or without the parameters' values.
-- Forced custom plans meant planning every statement again on every run: about a third of a catalog page's
-- statement on the embedded PGlite. With auto, PostgreSQL keeps one generic plan when it costs no more
-- (docs/benchmarks.md).
RESET plan_cache_mode;
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I RESET plan_cache_mode', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not reset plan_cache_mode on database %: reset it yourself (ALTER DATABASE … RESET plan_cache_mode)', current_database();
END
$$;
