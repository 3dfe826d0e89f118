-- `q` on PostgreSQL: trigram indexes for the DCIM tables searched most (0005 made those of IPAM),
-- when pg_trgm is installed; without it `q` scans. The paired SQLite file creates FTS5 indexes.
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
        ['dcim_device', 'name'], ['dcim_device', 'serial'], ['dcim_device', 'asset_tag'],
        ['dcim_device', 'description'], ['dcim_device', 'comments'],
        ['dcim_interface', 'name'], ['dcim_interface', 'label'], ['dcim_interface', 'description']
    ] LOOP
        EXECUTE format('CREATE INDEX %I ON %I USING gin (%I %s) WITH (fastupdate = off)',
            'ix_' || spec[1] || '__' || spec[2] || '_trgm', spec[1], spec[2], ops);
    END LOOP;
END
$$;
