SET plan_cache_mode = force_custom_plan;
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = force_custom_plan', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not set plan_cache_mode = force_custom_plan on database %', current_database();
END
$$;
