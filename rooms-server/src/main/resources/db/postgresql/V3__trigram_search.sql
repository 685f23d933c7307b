-- PostgreSQL only (spring.flyway.locations adds db/{vendor}): trigram indexes, so that the case-insensitive
-- substring searches (ILIKE '%text%') on message content and on room names and descriptions use an index
-- instead of reading every row. pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
-- Where it cannot be created (not installed, or no right to), the migration only warns: the server starts,
-- and searches scan the table. Creating the extension and these indexes later by hand makes them fast again.
DO $$
DECLARE
    trgm_schema TEXT;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN OTHERS THEN
        RAISE WARNING 'pg_trgm unavailable (%): searches will scan instead of using a trigram index', SQLERRM;
        RETURN;
    END;
    -- The extension may live in another schema than these tables (it exists once per database).
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX message_content_trgm_idx ON message USING gin (content %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX room_name_trgm_idx ON room USING gin (name %I.gin_trgm_ops)', trgm_schema);
    EXECUTE format('CREATE INDEX room_description_trgm_idx ON room USING gin (description %I.gin_trgm_ops)', trgm_schema);
END
$$;
