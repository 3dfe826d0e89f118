-- Stored counts: a device's component counts (NetBox's counter fields on devices) kept in
-- columns of their own by triggers on the component tables, so every write path keeps them,
-- cascades included: an insert counts one up, a delete one down, moving a component to another
-- device both. Lists and gets read them like any column instead of counting twelve tables per
-- device per request. Counts shared by many rows (a device type's devices) stay counted on
-- read: stored, every create of a device of one type would wait on the type's row for the
-- previous create's commit.
ALTER TABLE dcim_device ADD COLUMN "console_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "console_port_count" = (SELECT count(*) FROM dcim_consoleport c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__console_port_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "console_port_count" = "console_port_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "console_port_count" = "console_port_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__console_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_consoleport
FOR EACH ROW EXECUTE FUNCTION dcim_device__console_port_count_sync();
ALTER TABLE dcim_device ADD COLUMN "console_server_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "console_server_port_count" = (SELECT count(*) FROM dcim_consoleserverport c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__console_server_port_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "console_server_port_count" = "console_server_port_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "console_server_port_count" = "console_server_port_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__console_server_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_consoleserverport
FOR EACH ROW EXECUTE FUNCTION dcim_device__console_server_port_count_sync();
ALTER TABLE dcim_device ADD COLUMN "power_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "power_port_count" = (SELECT count(*) FROM dcim_powerport c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__power_port_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "power_port_count" = "power_port_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "power_port_count" = "power_port_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__power_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_powerport
FOR EACH ROW EXECUTE FUNCTION dcim_device__power_port_count_sync();
ALTER TABLE dcim_device ADD COLUMN "power_outlet_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "power_outlet_count" = (SELECT count(*) FROM dcim_poweroutlet c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__power_outlet_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "power_outlet_count" = "power_outlet_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "power_outlet_count" = "power_outlet_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__power_outlet_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_poweroutlet
FOR EACH ROW EXECUTE FUNCTION dcim_device__power_outlet_count_sync();
ALTER TABLE dcim_device ADD COLUMN "cooling_intake_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "cooling_intake_count" = (SELECT count(*) FROM dcim_coolingintake c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__cooling_intake_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "cooling_intake_count" = "cooling_intake_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "cooling_intake_count" = "cooling_intake_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__cooling_intake_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_coolingintake
FOR EACH ROW EXECUTE FUNCTION dcim_device__cooling_intake_count_sync();
ALTER TABLE dcim_device ADD COLUMN "cooling_outflow_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "cooling_outflow_count" = (SELECT count(*) FROM dcim_coolingoutflow c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__cooling_outflow_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "cooling_outflow_count" = "cooling_outflow_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "cooling_outflow_count" = "cooling_outflow_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__cooling_outflow_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_coolingoutflow
FOR EACH ROW EXECUTE FUNCTION dcim_device__cooling_outflow_count_sync();
ALTER TABLE dcim_device ADD COLUMN "interface_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "interface_count" = (SELECT count(*) FROM dcim_interface c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__interface_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "interface_count" = "interface_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "interface_count" = "interface_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__interface_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_interface
FOR EACH ROW EXECUTE FUNCTION dcim_device__interface_count_sync();
ALTER TABLE dcim_device ADD COLUMN "front_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "front_port_count" = (SELECT count(*) FROM dcim_frontport c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__front_port_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "front_port_count" = "front_port_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "front_port_count" = "front_port_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__front_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_frontport
FOR EACH ROW EXECUTE FUNCTION dcim_device__front_port_count_sync();
ALTER TABLE dcim_device ADD COLUMN "rear_port_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "rear_port_count" = (SELECT count(*) FROM dcim_rearport c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__rear_port_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "rear_port_count" = "rear_port_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "rear_port_count" = "rear_port_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__rear_port_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_rearport
FOR EACH ROW EXECUTE FUNCTION dcim_device__rear_port_count_sync();
ALTER TABLE dcim_device ADD COLUMN "device_bay_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "device_bay_count" = (SELECT count(*) FROM dcim_devicebay c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__device_bay_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "device_bay_count" = "device_bay_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "device_bay_count" = "device_bay_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__device_bay_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_devicebay
FOR EACH ROW EXECUTE FUNCTION dcim_device__device_bay_count_sync();
ALTER TABLE dcim_device ADD COLUMN "module_bay_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "module_bay_count" = (SELECT count(*) FROM dcim_modulebay c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__module_bay_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "module_bay_count" = "module_bay_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "module_bay_count" = "module_bay_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__module_bay_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_modulebay
FOR EACH ROW EXECUTE FUNCTION dcim_device__module_bay_count_sync();
ALTER TABLE dcim_device ADD COLUMN "inventory_item_count" BIGINT NOT NULL DEFAULT 0;
UPDATE dcim_device SET "inventory_item_count" = (SELECT count(*) FROM dcim_inventoryitem c WHERE c.device_id = dcim_device.id);
CREATE FUNCTION dcim_device__inventory_item_count_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.device_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "inventory_item_count" = "inventory_item_count" - 1 WHERE id = OLD.device_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.device_id IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.device_id IS DISTINCT FROM NEW.device_id) THEN
        UPDATE dcim_device SET "inventory_item_count" = "inventory_item_count" + 1 WHERE id = NEW.device_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dcim_device__inventory_item_count AFTER INSERT OR DELETE OR UPDATE OF device_id ON dcim_inventoryitem
FOR EACH ROW EXECUTE FUNCTION dcim_device__inventory_item_count_sync();
