-- Used addresses per block of 256 (an IPv4 /24, an IPv6 /120) and VRF (0: the global table):
-- `used` counts the distinct addresses of the block that IP addresses hold. Free-space searches
-- (available-ips, allocation) walk these blocks instead of every used address
-- (crates/service/src/alloc.rs). Kept by triggers, so every write path keeps it right.
CREATE TABLE ipam_ipaddress_block (
    vrf_key INTEGER NOT NULL,
    block BLOB NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (vrf_key, block)
) WITHOUT ROWID;
CREATE TRIGGER ipam_ipaddress_block_insert AFTER INSERT ON ipam_ipaddress BEGIN
    INSERT INTO ipam_ipaddress_block (vrf_key, block, used)
    SELECT coalesce(new.vrf_id, 0), substr(new.address_key, 1, 16), 1
    WHERE NOT EXISTS (SELECT 1 FROM ipam_ipaddress o WHERE o.vrf_id IS new.vrf_id AND o.address_key = new.address_key AND o.id <> new.id)
    ON CONFLICT (vrf_key, block) DO UPDATE SET used = used + 1;
END;
CREATE TRIGGER ipam_ipaddress_block_delete AFTER DELETE ON ipam_ipaddress
WHEN NOT EXISTS (SELECT 1 FROM ipam_ipaddress o WHERE o.vrf_id IS old.vrf_id AND o.address_key = old.address_key) BEGIN
    UPDATE ipam_ipaddress_block SET used = used - 1 WHERE vrf_key = coalesce(old.vrf_id, 0) AND block = substr(old.address_key, 1, 16);
    DELETE FROM ipam_ipaddress_block WHERE vrf_key = coalesce(old.vrf_id, 0) AND block = substr(old.address_key, 1, 16) AND used <= 0;
END;
CREATE TRIGGER ipam_ipaddress_block_update AFTER UPDATE OF address_key, vrf_id ON ipam_ipaddress
WHEN old.address_key IS NOT new.address_key OR old.vrf_id IS NOT new.vrf_id BEGIN
    UPDATE ipam_ipaddress_block SET used = used - 1
    WHERE vrf_key = coalesce(old.vrf_id, 0) AND block = substr(old.address_key, 1, 16)
    AND NOT EXISTS (SELECT 1 FROM ipam_ipaddress o WHERE o.vrf_id IS old.vrf_id AND o.address_key = old.address_key);
    DELETE FROM ipam_ipaddress_block WHERE vrf_key = coalesce(old.vrf_id, 0) AND block = substr(old.address_key, 1, 16) AND used <= 0;
    INSERT INTO ipam_ipaddress_block (vrf_key, block, used)
    SELECT coalesce(new.vrf_id, 0), substr(new.address_key, 1, 16), 1
    WHERE NOT EXISTS (SELECT 1 FROM ipam_ipaddress o WHERE o.vrf_id IS new.vrf_id AND o.address_key = new.address_key AND o.id <> new.id)
    ON CONFLICT (vrf_key, block) DO UPDATE SET used = used + 1;
END;
INSERT INTO ipam_ipaddress_block (vrf_key, block, used)
SELECT coalesce(vrf_id, 0), substr(address_key, 1, 16), count(DISTINCT address_key)
FROM ipam_ipaddress GROUP BY coalesce(vrf_id, 0), substr(address_key, 1, 16);
