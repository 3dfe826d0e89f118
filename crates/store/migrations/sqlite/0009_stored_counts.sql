-- Stored counts: NetBox's counter fields (a device's component counts, a device type's devices,
-- a module type's modules, a rack type's racks, a virtual chassis' members) kept in columns of
-- their own by triggers on the counted table, so every write path keeps them, cascades included:
-- an insert counts one up, a delete one down, moving a row to another parent both. Lists and
-- gets read them like any column instead of counting per row per request.

ALTER TABLE dcim_devicetype ADD COLUMN "device_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_devicetype SET "device_count" = (SELECT count(*) FROM dcim_device c WHERE c.device_type_id = dcim_devicetype.id);
CREATE TRIGGER dcim_devicetype__device_count_insert AFTER INSERT ON dcim_device WHEN new.device_type_id IS NOT NULL BEGIN
    UPDATE dcim_devicetype SET "device_count" = "device_count" + 1 WHERE id = new.device_type_id;
END;
CREATE TRIGGER dcim_devicetype__device_count_delete AFTER DELETE ON dcim_device WHEN old.device_type_id IS NOT NULL BEGIN
    UPDATE dcim_devicetype SET "device_count" = "device_count" - 1 WHERE id = old.device_type_id;
END;
CREATE TRIGGER dcim_devicetype__device_count_update AFTER UPDATE OF device_type_id ON dcim_device WHEN old.device_type_id IS NOT new.device_type_id BEGIN
    UPDATE dcim_devicetype SET "device_count" = "device_count" - 1 WHERE id = old.device_type_id;
    UPDATE dcim_devicetype SET "device_count" = "device_count" + 1 WHERE id = new.device_type_id;
END;
ALTER TABLE dcim_device ADD COLUMN "console_port_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "console_port_count" = (SELECT count(*) FROM dcim_consoleport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__console_port_count_insert AFTER INSERT ON dcim_consoleport WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "console_port_count" = "console_port_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__console_port_count_delete AFTER DELETE ON dcim_consoleport WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "console_port_count" = "console_port_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__console_port_count_update AFTER UPDATE OF device_id ON dcim_consoleport WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "console_port_count" = "console_port_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "console_port_count" = "console_port_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "console_server_port_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "console_server_port_count" = (SELECT count(*) FROM dcim_consoleserverport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__console_server_port_count_insert AFTER INSERT ON dcim_consoleserverport WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "console_server_port_count" = "console_server_port_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__console_server_port_count_delete AFTER DELETE ON dcim_consoleserverport WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "console_server_port_count" = "console_server_port_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__console_server_port_count_update AFTER UPDATE OF device_id ON dcim_consoleserverport WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "console_server_port_count" = "console_server_port_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "console_server_port_count" = "console_server_port_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "power_port_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "power_port_count" = (SELECT count(*) FROM dcim_powerport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__power_port_count_insert AFTER INSERT ON dcim_powerport WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "power_port_count" = "power_port_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__power_port_count_delete AFTER DELETE ON dcim_powerport WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "power_port_count" = "power_port_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__power_port_count_update AFTER UPDATE OF device_id ON dcim_powerport WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "power_port_count" = "power_port_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "power_port_count" = "power_port_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "power_outlet_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "power_outlet_count" = (SELECT count(*) FROM dcim_poweroutlet c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__power_outlet_count_insert AFTER INSERT ON dcim_poweroutlet WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "power_outlet_count" = "power_outlet_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__power_outlet_count_delete AFTER DELETE ON dcim_poweroutlet WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "power_outlet_count" = "power_outlet_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__power_outlet_count_update AFTER UPDATE OF device_id ON dcim_poweroutlet WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "power_outlet_count" = "power_outlet_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "power_outlet_count" = "power_outlet_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "cooling_intake_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "cooling_intake_count" = (SELECT count(*) FROM dcim_coolingintake c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__cooling_intake_count_insert AFTER INSERT ON dcim_coolingintake WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "cooling_intake_count" = "cooling_intake_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__cooling_intake_count_delete AFTER DELETE ON dcim_coolingintake WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "cooling_intake_count" = "cooling_intake_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__cooling_intake_count_update AFTER UPDATE OF device_id ON dcim_coolingintake WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "cooling_intake_count" = "cooling_intake_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "cooling_intake_count" = "cooling_intake_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "cooling_outflow_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "cooling_outflow_count" = (SELECT count(*) FROM dcim_coolingoutflow c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__cooling_outflow_count_insert AFTER INSERT ON dcim_coolingoutflow WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "cooling_outflow_count" = "cooling_outflow_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__cooling_outflow_count_delete AFTER DELETE ON dcim_coolingoutflow WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "cooling_outflow_count" = "cooling_outflow_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__cooling_outflow_count_update AFTER UPDATE OF device_id ON dcim_coolingoutflow WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "cooling_outflow_count" = "cooling_outflow_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "cooling_outflow_count" = "cooling_outflow_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "interface_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "interface_count" = (SELECT count(*) FROM dcim_interface c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__interface_count_insert AFTER INSERT ON dcim_interface WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "interface_count" = "interface_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__interface_count_delete AFTER DELETE ON dcim_interface WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "interface_count" = "interface_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__interface_count_update AFTER UPDATE OF device_id ON dcim_interface WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "interface_count" = "interface_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "interface_count" = "interface_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "front_port_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "front_port_count" = (SELECT count(*) FROM dcim_frontport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__front_port_count_insert AFTER INSERT ON dcim_frontport WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "front_port_count" = "front_port_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__front_port_count_delete AFTER DELETE ON dcim_frontport WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "front_port_count" = "front_port_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__front_port_count_update AFTER UPDATE OF device_id ON dcim_frontport WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "front_port_count" = "front_port_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "front_port_count" = "front_port_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "rear_port_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "rear_port_count" = (SELECT count(*) FROM dcim_rearport c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__rear_port_count_insert AFTER INSERT ON dcim_rearport WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "rear_port_count" = "rear_port_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__rear_port_count_delete AFTER DELETE ON dcim_rearport WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "rear_port_count" = "rear_port_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__rear_port_count_update AFTER UPDATE OF device_id ON dcim_rearport WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "rear_port_count" = "rear_port_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "rear_port_count" = "rear_port_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "device_bay_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "device_bay_count" = (SELECT count(*) FROM dcim_devicebay c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__device_bay_count_insert AFTER INSERT ON dcim_devicebay WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "device_bay_count" = "device_bay_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__device_bay_count_delete AFTER DELETE ON dcim_devicebay WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "device_bay_count" = "device_bay_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__device_bay_count_update AFTER UPDATE OF device_id ON dcim_devicebay WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "device_bay_count" = "device_bay_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "device_bay_count" = "device_bay_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "module_bay_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "module_bay_count" = (SELECT count(*) FROM dcim_modulebay c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__module_bay_count_insert AFTER INSERT ON dcim_modulebay WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "module_bay_count" = "module_bay_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__module_bay_count_delete AFTER DELETE ON dcim_modulebay WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "module_bay_count" = "module_bay_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__module_bay_count_update AFTER UPDATE OF device_id ON dcim_modulebay WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "module_bay_count" = "module_bay_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "module_bay_count" = "module_bay_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_device ADD COLUMN "inventory_item_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_device SET "inventory_item_count" = (SELECT count(*) FROM dcim_inventoryitem c WHERE c.device_id = dcim_device.id);
CREATE TRIGGER dcim_device__inventory_item_count_insert AFTER INSERT ON dcim_inventoryitem WHEN new.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "inventory_item_count" = "inventory_item_count" + 1 WHERE id = new.device_id;
END;
CREATE TRIGGER dcim_device__inventory_item_count_delete AFTER DELETE ON dcim_inventoryitem WHEN old.device_id IS NOT NULL BEGIN
    UPDATE dcim_device SET "inventory_item_count" = "inventory_item_count" - 1 WHERE id = old.device_id;
END;
CREATE TRIGGER dcim_device__inventory_item_count_update AFTER UPDATE OF device_id ON dcim_inventoryitem WHEN old.device_id IS NOT new.device_id BEGIN
    UPDATE dcim_device SET "inventory_item_count" = "inventory_item_count" - 1 WHERE id = old.device_id;
    UPDATE dcim_device SET "inventory_item_count" = "inventory_item_count" + 1 WHERE id = new.device_id;
END;
ALTER TABLE dcim_moduletype ADD COLUMN "module_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_moduletype SET "module_count" = (SELECT count(*) FROM dcim_module c WHERE c.module_type_id = dcim_moduletype.id);
CREATE TRIGGER dcim_moduletype__module_count_insert AFTER INSERT ON dcim_module WHEN new.module_type_id IS NOT NULL BEGIN
    UPDATE dcim_moduletype SET "module_count" = "module_count" + 1 WHERE id = new.module_type_id;
END;
CREATE TRIGGER dcim_moduletype__module_count_delete AFTER DELETE ON dcim_module WHEN old.module_type_id IS NOT NULL BEGIN
    UPDATE dcim_moduletype SET "module_count" = "module_count" - 1 WHERE id = old.module_type_id;
END;
CREATE TRIGGER dcim_moduletype__module_count_update AFTER UPDATE OF module_type_id ON dcim_module WHEN old.module_type_id IS NOT new.module_type_id BEGIN
    UPDATE dcim_moduletype SET "module_count" = "module_count" - 1 WHERE id = old.module_type_id;
    UPDATE dcim_moduletype SET "module_count" = "module_count" + 1 WHERE id = new.module_type_id;
END;
ALTER TABLE dcim_racktype ADD COLUMN "rack_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_racktype SET "rack_count" = (SELECT count(*) FROM dcim_rack c WHERE c.rack_type_id = dcim_racktype.id);
CREATE TRIGGER dcim_racktype__rack_count_insert AFTER INSERT ON dcim_rack WHEN new.rack_type_id IS NOT NULL BEGIN
    UPDATE dcim_racktype SET "rack_count" = "rack_count" + 1 WHERE id = new.rack_type_id;
END;
CREATE TRIGGER dcim_racktype__rack_count_delete AFTER DELETE ON dcim_rack WHEN old.rack_type_id IS NOT NULL BEGIN
    UPDATE dcim_racktype SET "rack_count" = "rack_count" - 1 WHERE id = old.rack_type_id;
END;
CREATE TRIGGER dcim_racktype__rack_count_update AFTER UPDATE OF rack_type_id ON dcim_rack WHEN old.rack_type_id IS NOT new.rack_type_id BEGIN
    UPDATE dcim_racktype SET "rack_count" = "rack_count" - 1 WHERE id = old.rack_type_id;
    UPDATE dcim_racktype SET "rack_count" = "rack_count" + 1 WHERE id = new.rack_type_id;
END;
ALTER TABLE dcim_virtualchassis ADD COLUMN "member_count" INTEGER NOT NULL DEFAULT 0;
UPDATE dcim_virtualchassis SET "member_count" = (SELECT count(*) FROM dcim_device c WHERE c.virtual_chassis_id = dcim_virtualchassis.id);
CREATE TRIGGER dcim_virtualchassis__member_count_insert AFTER INSERT ON dcim_device WHEN new.virtual_chassis_id IS NOT NULL BEGIN
    UPDATE dcim_virtualchassis SET "member_count" = "member_count" + 1 WHERE id = new.virtual_chassis_id;
END;
CREATE TRIGGER dcim_virtualchassis__member_count_delete AFTER DELETE ON dcim_device WHEN old.virtual_chassis_id IS NOT NULL BEGIN
    UPDATE dcim_virtualchassis SET "member_count" = "member_count" - 1 WHERE id = old.virtual_chassis_id;
END;
CREATE TRIGGER dcim_virtualchassis__member_count_update AFTER UPDATE OF virtual_chassis_id ON dcim_device WHEN old.virtual_chassis_id IS NOT new.virtual_chassis_id BEGIN
    UPDATE dcim_virtualchassis SET "member_count" = "member_count" - 1 WHERE id = old.virtual_chassis_id;
    UPDATE dcim_virtualchassis SET "member_count" = "member_count" + 1 WHERE id = new.virtual_chassis_id;
END;
