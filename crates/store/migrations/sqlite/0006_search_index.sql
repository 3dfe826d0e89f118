-- `q` on SQLite: an FTS5 trigram index per large table over the columns `q` reads, kept in step
-- by triggers (crates/store/src/search.rs declares them; a test keeps this file equal to it).
CREATE VIRTUAL TABLE ipam_ipaddress_search USING fts5(address, dns_name, description, comments, content='ipam_ipaddress', content_rowid='id', tokenize='trigram');
CREATE TRIGGER ipam_ipaddress_search_insert AFTER INSERT ON ipam_ipaddress BEGIN
    INSERT INTO ipam_ipaddress_search(rowid, address, dns_name, description, comments) VALUES (new.id, new.address, new.dns_name, new.description, new.comments);
END;
CREATE TRIGGER ipam_ipaddress_search_delete AFTER DELETE ON ipam_ipaddress BEGIN
    INSERT INTO ipam_ipaddress_search(ipam_ipaddress_search, rowid, address, dns_name, description, comments) VALUES ('delete', old.id, old.address, old.dns_name, old.description, old.comments);
END;
CREATE TRIGGER ipam_ipaddress_search_update AFTER UPDATE OF address, dns_name, description, comments ON ipam_ipaddress BEGIN
    INSERT INTO ipam_ipaddress_search(ipam_ipaddress_search, rowid, address, dns_name, description, comments) VALUES ('delete', old.id, old.address, old.dns_name, old.description, old.comments);
    INSERT INTO ipam_ipaddress_search(rowid, address, dns_name, description, comments) VALUES (new.id, new.address, new.dns_name, new.description, new.comments);
END;
INSERT INTO ipam_ipaddress_search(ipam_ipaddress_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE ipam_prefix_search USING fts5(prefix, description, comments, content='ipam_prefix', content_rowid='id', tokenize='trigram');
CREATE TRIGGER ipam_prefix_search_insert AFTER INSERT ON ipam_prefix BEGIN
    INSERT INTO ipam_prefix_search(rowid, prefix, description, comments) VALUES (new.id, new.prefix, new.description, new.comments);
END;
CREATE TRIGGER ipam_prefix_search_delete AFTER DELETE ON ipam_prefix BEGIN
    INSERT INTO ipam_prefix_search(ipam_prefix_search, rowid, prefix, description, comments) VALUES ('delete', old.id, old.prefix, old.description, old.comments);
END;
CREATE TRIGGER ipam_prefix_search_update AFTER UPDATE OF prefix, description, comments ON ipam_prefix BEGIN
    INSERT INTO ipam_prefix_search(ipam_prefix_search, rowid, prefix, description, comments) VALUES ('delete', old.id, old.prefix, old.description, old.comments);
    INSERT INTO ipam_prefix_search(rowid, prefix, description, comments) VALUES (new.id, new.prefix, new.description, new.comments);
END;
INSERT INTO ipam_prefix_search(ipam_prefix_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE dcim_device_search USING fts5(name, serial, asset_tag, description, comments, content='dcim_device', content_rowid='id', tokenize='trigram');
CREATE TRIGGER dcim_device_search_insert AFTER INSERT ON dcim_device BEGIN
    INSERT INTO dcim_device_search(rowid, name, serial, asset_tag, description, comments) VALUES (new.id, new.name, new.serial, new.asset_tag, new.description, new.comments);
END;
CREATE TRIGGER dcim_device_search_delete AFTER DELETE ON dcim_device BEGIN
    INSERT INTO dcim_device_search(dcim_device_search, rowid, name, serial, asset_tag, description, comments) VALUES ('delete', old.id, old.name, old.serial, old.asset_tag, old.description, old.comments);
END;
CREATE TRIGGER dcim_device_search_update AFTER UPDATE OF name, serial, asset_tag, description, comments ON dcim_device BEGIN
    INSERT INTO dcim_device_search(dcim_device_search, rowid, name, serial, asset_tag, description, comments) VALUES ('delete', old.id, old.name, old.serial, old.asset_tag, old.description, old.comments);
    INSERT INTO dcim_device_search(rowid, name, serial, asset_tag, description, comments) VALUES (new.id, new.name, new.serial, new.asset_tag, new.description, new.comments);
END;
INSERT INTO dcim_device_search(dcim_device_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE dcim_interface_search USING fts5(name, label, description, content='dcim_interface', content_rowid='id', tokenize='trigram');
CREATE TRIGGER dcim_interface_search_insert AFTER INSERT ON dcim_interface BEGIN
    INSERT INTO dcim_interface_search(rowid, name, label, description) VALUES (new.id, new.name, new.label, new.description);
END;
CREATE TRIGGER dcim_interface_search_delete AFTER DELETE ON dcim_interface BEGIN
    INSERT INTO dcim_interface_search(dcim_interface_search, rowid, name, label, description) VALUES ('delete', old.id, old.name, old.label, old.description);
END;
CREATE TRIGGER dcim_interface_search_update AFTER UPDATE OF name, label, description ON dcim_interface BEGIN
    INSERT INTO dcim_interface_search(dcim_interface_search, rowid, name, label, description) VALUES ('delete', old.id, old.name, old.label, old.description);
    INSERT INTO dcim_interface_search(rowid, name, label, description) VALUES (new.id, new.name, new.label, new.description);
END;
INSERT INTO dcim_interface_search(dcim_interface_search) VALUES ('rebuild');
