-- Full blocks: blocks of 256 addresses (an IPv4 /24, an IPv6 /120) per VRF (0: the global table)
-- whose every address some IP address holds. Free-space searches (available-ips, allocation)
-- step over these without reading their addresses (crates/service/src/alloc.rs). Kept by a
-- trigger, so every write path keeps them: an insert that completes a block marks it, and
-- removing an address's last holder unmarks its block. A missing mark costs only a read of the
-- block's 256 index entries; a mark is never left on a block with a free address. Ordinary
-- inserts write nothing here, so concurrent writers of one block never wait for each other.
CREATE TABLE ipam_ipaddress_fullblock (
    vrf_key BIGINT NOT NULL,
    block BYTEA NOT NULL,
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

-- Distinct addresses held in a block.
CREATE FUNCTION ipam_ipaddress_block_used(vrf BIGINT, blk BYTEA) RETURNS BIGINT
LANGUAGE sql AS $$
    SELECT CASE WHEN vrf IS NULL
        THEN (SELECT count(DISTINCT o.address_key) FROM ipam_ipaddress o WHERE o.vrf_id IS NULL
              AND o.address_key BETWEEN blk || '\x00'::bytea AND blk || '\xff'::bytea)
        ELSE (SELECT count(DISTINCT o.address_key) FROM ipam_ipaddress o WHERE o.vrf_id = vrf
              AND o.address_key BETWEEN blk || '\x00'::bytea AND blk || '\xff'::bytea)
    END
$$;

-- Markers and unmarkers of one block take turns on this transaction-scoped lock (a key space of
-- its own: the two-key form), so a block is never marked full on a count that missed a removal.
CREATE FUNCTION ipam_ipaddress_block_lock(vrf BIGINT, blk BYTEA) RETURNS VOID
LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(hashtext('ipam_ipaddress_fullblock ' || current_schema()),
                                 hashtext(coalesce(vrf, 0)::text || ':' || encode(blk, 'hex')))
$$;

CREATE FUNCTION ipam_ipaddress_fullblock_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    blk BYTEA;
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        blk := substring(OLD.address_key FROM 1 FOR 16);
        PERFORM ipam_ipaddress_block_lock(OLD.vrf_id, blk);
        IF NOT ipam_ipaddress_held(OLD.vrf_id, OLD.address_key, -1) THEN
            DELETE FROM ipam_ipaddress_fullblock WHERE vrf_key = coalesce(OLD.vrf_id, 0) AND block = blk;
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        blk := substring(NEW.address_key FROM 1 FOR 16);
        IF ipam_ipaddress_block_used(NEW.vrf_id, blk) = 256 THEN
            -- Counted again under the lock, with a snapshot taken after any unmarker of this
            -- block committed (each statement of this function takes a new one).
            PERFORM ipam_ipaddress_block_lock(NEW.vrf_id, blk);
            IF ipam_ipaddress_block_used(NEW.vrf_id, blk) = 256 THEN
                INSERT INTO ipam_ipaddress_fullblock (vrf_key, block)
                VALUES (coalesce(NEW.vrf_id, 0), blk) ON CONFLICT DO NOTHING;
            END IF;
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ipam_ipaddress_fullblock_write AFTER INSERT OR DELETE ON ipam_ipaddress
FOR EACH ROW EXECUTE FUNCTION ipam_ipaddress_fullblock_sync();
CREATE TRIGGER ipam_ipaddress_fullblock_move AFTER UPDATE OF address_key, vrf_id ON ipam_ipaddress
FOR EACH ROW WHEN (OLD.address_key IS DISTINCT FROM NEW.address_key OR OLD.vrf_id IS DISTINCT FROM NEW.vrf_id)
EXECUTE FUNCTION ipam_ipaddress_fullblock_sync();

INSERT INTO ipam_ipaddress_fullblock (vrf_key, block)
SELECT coalesce(vrf_id, 0), substring(address_key FROM 1 FOR 16) FROM ipam_ipaddress
GROUP BY 1, 2 HAVING count(DISTINCT address_key) = 256;
