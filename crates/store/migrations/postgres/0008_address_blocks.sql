-- Used addresses per block of 256 (an IPv4 /24, an IPv6 /120) and VRF (0: the global table):
-- `used` counts the distinct addresses of the block that IP addresses hold. Free-space searches
-- (available-ips, allocation) walk these blocks instead of every used address
-- (crates/service/src/alloc.rs). Kept by a trigger, so every write path keeps it right.
CREATE TABLE ipam_ipaddress_block (
    vrf_key BIGINT NOT NULL,
    block BYTEA NOT NULL,
    used BIGINT NOT NULL,
    PRIMARY KEY (vrf_key, block)
);

-- Whether another row than `skip` holds the address in the VRF (NULL: the global table).
CREATE FUNCTION ipam_ipaddress_held(vrf BIGINT, akey BYTEA, skip BIGINT) RETURNS BOOLEAN
LANGUAGE sql AS $$
    SELECT CASE WHEN vrf IS NULL
        THEN EXISTS (SELECT 1 FROM ipam_ipaddress o WHERE o.vrf_id IS NULL AND o.address_key = akey AND o.id <> skip)
        ELSE EXISTS (SELECT 1 FROM ipam_ipaddress o WHERE o.vrf_id = vrf AND o.address_key = akey AND o.id <> skip)
    END
$$;

-- The block row is locked (created if missing) before the address is looked for: writers of
-- one block take turns, and each looks with a snapshot taken after the previous one committed,
-- so two transactions adding the same address concurrently count it once.
CREATE FUNCTION ipam_ipaddress_block_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM 1 FROM ipam_ipaddress_block
        WHERE vrf_key = coalesce(OLD.vrf_id, 0) AND block = substring(OLD.address_key FROM 1 FOR 16)
        FOR UPDATE;
        IF NOT ipam_ipaddress_held(OLD.vrf_id, OLD.address_key, -1) THEN
            UPDATE ipam_ipaddress_block SET used = used - 1
            WHERE vrf_key = coalesce(OLD.vrf_id, 0) AND block = substring(OLD.address_key FROM 1 FOR 16);
            DELETE FROM ipam_ipaddress_block
            WHERE vrf_key = coalesce(OLD.vrf_id, 0) AND block = substring(OLD.address_key FROM 1 FOR 16) AND used <= 0;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ipam_ipaddress_block AS b (vrf_key, block, used)
        VALUES (coalesce(NEW.vrf_id, 0), substring(NEW.address_key FROM 1 FOR 16), 0)
        ON CONFLICT (vrf_key, block) DO UPDATE SET used = b.used;
        IF NOT ipam_ipaddress_held(NEW.vrf_id, NEW.address_key, NEW.id) THEN
            UPDATE ipam_ipaddress_block SET used = used + 1
            WHERE vrf_key = coalesce(NEW.vrf_id, 0) AND block = substring(NEW.address_key FROM 1 FOR 16);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ipam_ipaddress_block_write AFTER INSERT OR DELETE ON ipam_ipaddress
FOR EACH ROW EXECUTE FUNCTION ipam_ipaddress_block_sync();
CREATE TRIGGER ipam_ipaddress_block_move AFTER UPDATE OF address_key, vrf_id ON ipam_ipaddress
FOR EACH ROW WHEN (OLD.address_key IS DISTINCT FROM NEW.address_key OR OLD.vrf_id IS DISTINCT FROM NEW.vrf_id)
EXECUTE FUNCTION ipam_ipaddress_block_sync();

INSERT INTO ipam_ipaddress_block (vrf_key, block, used)
SELECT coalesce(vrf_id, 0), substring(address_key FROM 1 FOR 16), count(DISTINCT address_key)
FROM ipam_ipaddress GROUP BY 1, 2;
