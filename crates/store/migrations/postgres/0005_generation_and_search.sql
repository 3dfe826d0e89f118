CREATE SEQUENCE ironbox_write_seq;

-- Trigram indexes for `q` on the largest tables, when the pg_trgm extension can be had (it ships
-- with PostgreSQL's contrib modules and is trusted since PostgreSQL 13). Without it `q` scans, as
-- it does on SQLite; nothing else depends on these indexes.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available; q searches will scan';
END
$$;

DO $$
DECLARE
    ops TEXT;
    spec TEXT[];
BEGIN
    SELECT quote_ident(n.nspname) || '.gin_trgm_ops' INTO ops
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF ops IS NULL THEN
        RETURN;
    END IF;
    FOREACH spec SLICE 1 IN ARRAY ARRAY[
        ['ipam_ipaddress', 'address'], ['ipam_ipaddress', 'dns_name'],
        ['ipam_ipaddress', 'description'], ['ipam_ipaddress', 'comments'],
        ['ipam_prefix', 'prefix'], ['ipam_prefix', 'description'], ['ipam_prefix', 'comments']
    ] LOOP
        -- fastupdate off: new rows go into the index at once instead of a pending list that
        -- every search scans until the next vacuum (a bulk load made `q` 50 times slower).
        EXECUTE format('CREATE INDEX %I ON %I USING gin (%I %s) WITH (fastupdate = off)',
            'ix_' || spec[1] || '__' || spec[2] || '_trgm', spec[1], spec[2], ops);
    END LOOP;
END
$$;
