-- Full blocks: blocks of 256 addresses (an IPv4 /24, an IPv6 /120) per VRF (0: the global table)
-- whose every address some IP address holds. Free-space searches (available-ips, allocation)
-- step over these without reading their addresses (crates/service/src/alloc.rs). Kept by
-- triggers, so every write path keeps them: an insert that completes a block marks it, and
-- removing an address's last holder unmarks its block. A missing mark costs only a read of the
-- block's 256 index entries; a mark is never left on a block with a free address. (`||` makes
-- text in SQLite, so block bounds are built with hex()/unhex() to stay BLOBs.)
CREATE TABLE ipam_ipaddress_fullblock (
    vrf_key INTEGER NOT NULL,
    block BLOB NOT NULL,
    PRIMARY KEY (vrf_key, block)
) WITHOUT ROWID;
CREATE TRIGGER ipam_ipaddress_fullblock_insert AFTER INSERT ON ipam_ipaddress BEGIN
    INSERT OR IGNORE INTO ipam_ipaddress_fullblock (vrf_key, block)
    SELECT coalesce(new.vrf_id, 0), substr(new.address_key, 1, 16)
    WHERE (SELECT count(DISTINCT o.address_key) FROM ipam_ipaddress o WHERE o.vrf_id IS new.vrf_id
           AND o.address_key BETWEEN unhex(hex(substr(new.address_key, 1, 16)) || '00') AND unhex(hex(substr(new.address_key, 1, 16)) || 'FF')) = 256;
END;
CREATE TRIGGER ipam_ipaddress_fullblock_delete AFTER DELETE ON ipam_ipaddress BEGIN
    DELETE FROM ipam_ipaddress_fullblock WHERE vrf_key = coalesce(old.vrf_id, 0) AND block = substr(old.address_key, 1, 16)
    AND NOT EXISTS (SELECT 1 FROM ipam_ipaddress o WHERE o.vrf_id IS old.vrf_id AND o.address_key = old.address_key);
END;
CREATE TRIGGER ipam_ipaddress_fullblock_update AFTER UPDATE OF address_key, vrf_id ON ipam_ipaddress
WHEN old.address_key IS NOT new.address_key OR old.vrf_id IS NOT new.vrf_id BEGIN
    DELETE FROM ipam_ipaddress_fullblock WHERE vrf_key = coalesce(old.vrf_id, 0) AND block = substr(old.address_key, 1, 16)
    AND NOT EXISTS (SELECT 1 FROM ipam_ipaddress o WHERE o.vrf_id IS old.vrf_id AND o.address_key = old.address_key);
    INSERT OR IGNORE INTO ipam_ipaddress_fullblock (vrf_key, block)
    SELECT coalesce(new.vrf_id, 0), substr(new.address_key, 1, 16)
    WHERE (SELECT count(DISTINCT o.address_key) FROM ipam_ipaddress o WHERE o.vrf_id IS new.vrf_id
           AND o.address_key BETWEEN unhex(hex(substr(new.address_key, 1, 16)) || '00') AND unhex(hex(substr(new.address_key, 1, 16)) || 'FF')) = 256;
END;
INSERT INTO ipam_ipaddress_fullblock (vrf_key, block)
SELECT coalesce(vrf_id, 0), substr(address_key, 1, 16) FROM ipam_ipaddress
GROUP BY coalesce(vrf_id, 0), substr(address_key, 1, 16) HAVING count(DISTINCT address_key) = 256;
