-- Stored counts: a device's component counts (NetBox's counter fields on devices) kept in
-- columns of their own by triggers on the component tables, so every write path keeps them,
-- cascades included: an insert counts one up, a delete one down, moving a component to another
-- device both. Lists and gets read them like any column instead of counting twelve tables per
-- device per request. Counts shared by many rows (a device type's devices) stay counted on
-- read: stored, every create of a device of one type would wait on the type's row for the
-- previous create's commit.

CREATE FUNCTION ironbox_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
-- TG_ARGV: the counting table, its count column, the counted table's column that points at it.
DECLARE
    before BIGINT;
    after BIGINT;
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        before := (to_jsonb(OLD) ->> TG_ARGV[2])::BIGINT;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        after := (to_jsonb(NEW) ->> TG_ARGV[2])::BIGINT;
    END IF;
    IF before IS NOT DISTINCT FROM after THEN
        RETURN NULL;
    END IF;
    IF before IS NOT NULL THEN
        EXECUTE format('UPDATE %I SET %I = %I - 1 WHERE id = $1', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]) USING before;
    END IF;
    IF after IS NOT NULL THEN
        EXECUTE format('UPDATE %I SET %I = %I + 1 WHERE id = $1', TG_ARGV[0], TG_ARGV[1], TG_ARGV[1]) USING after;
    END IF;
    RETURN NULL;
END $$;
ALTER TABLE dcim_device ADD COLUMN "console_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "console_port_count" = (SELECT count(*) FROM dcim_consoleport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__console_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_consoleport
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'console_port_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "console_server_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "console_server_port_count" = (SELECT count(*) FROM dcim_consoleserverport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__console_server_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_consoleserverport
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'console_server_port_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "power_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "power_port_count" = (SELECT count(*) FROM dcim_powerport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__power_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_powerport
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'power_port_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "power_outlet_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "power_outlet_count" = (SELECT count(*) FROM dcim_poweroutlet c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__power_outlet_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_poweroutlet
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'power_outlet_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "cooling_intake_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "cooling_intake_count" = (SELECT count(*) FROM dcim_coolingintake c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__cooling_intake_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_coolingintake
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'cooling_intake_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "cooling_outflow_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "cooling_outflow_count" = (SELECT count(*) FROM dcim_coolingoutflow c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__cooling_outflow_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_coolingoutflow
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'cooling_outflow_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "interface_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "interface_count" = (SELECT count(*) FROM dcim_interface c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__interface_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_interface
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'interface_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "front_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "front_port_count" = (SELECT count(*) FROM dcim_frontport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__front_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_frontport
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'front_port_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "rear_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "rear_port_count" = (SELECT count(*) FROM dcim_rearport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__rear_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_rearport
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'rear_port_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "device_bay_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "device_bay_count" = (SELECT count(*) FROM dcim_devicebay c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__device_bay_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_devicebay
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'device_bay_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "module_bay_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "module_bay_count" = (SELECT count(*) FROM dcim_modulebay c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__module_bay_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_modulebay
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'module_bay_count', 'device_id');
ALTER TABLE dcim_device ADD COLUMN "inventory_item_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "inventory_item_count" = (SELECT count(*) FROM dcim_inventoryitem c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__inventory_item_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_inventoryitem
FOR EACH ROW EXECUTE FUNCTION ironbox_count_sync('dcim_device', 'inventory_item_count', 'device_id');
