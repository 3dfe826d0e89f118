CREATE TABLE dcim_cablebundle (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_cablebundle__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_cablebundle__owner_id ON dcim_cablebundle ("owner_id");

CREATE INDEX ix_dcim_cablebundle__ordering ON dcim_cablebundle ("name", "id");

CREATE TABLE dcim_cable (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "type" TEXT,
    "status" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "tenant_id" INTEGER CONSTRAINT fk_dcim_cable__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "bundle_id" INTEGER CONSTRAINT fk_dcim_cable__bundle_id REFERENCES dcim_cablebundle (id) ON DELETE SET NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "color" TEXT NOT NULL DEFAULT '',
    "length" REAL,
    "length_unit" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_cable__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_cable__tenant_id ON dcim_cable ("tenant_id");

CREATE INDEX ix_dcim_cable__bundle_id ON dcim_cable ("bundle_id");

CREATE INDEX ix_dcim_cable__owner_id ON dcim_cable ("owner_id");

CREATE TABLE dcim_devicerole (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_devicerole__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_devicerole__slug UNIQUE,
    "color" TEXT NOT NULL DEFAULT '',
    "vm_role" BOOLEAN NOT NULL DEFAULT FALSE,
    "config_template_id" INTEGER,
    "parent_id" INTEGER CONSTRAINT fk_dcim_devicerole__parent_id REFERENCES dcim_devicerole (id) ON DELETE CASCADE,
    "description" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_devicerole__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT ''
);

CREATE INDEX ix_dcim_devicerole__config_template_id ON dcim_devicerole ("config_template_id");

CREATE INDEX ix_dcim_devicerole__parent_id ON dcim_devicerole ("parent_id");

CREATE INDEX ix_dcim_devicerole__owner_id ON dcim_devicerole ("owner_id");

CREATE INDEX ix_dcim_devicerole__ordering ON dcim_devicerole ("name", "id");

CREATE TABLE dcim_inventoryitemrole (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_inventoryitemrole__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_inventoryitemrole__slug UNIQUE,
    "color" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_inventoryitemrole__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_inventoryitemrole__owner_id ON dcim_inventoryitemrole ("owner_id");

CREATE INDEX ix_dcim_inventoryitemrole__ordering ON dcim_inventoryitemrole ("name", "id");

CREATE TABLE dcim_macaddress (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "mac_address" TEXT NOT NULL DEFAULT '',
    "assigned_object_type" TEXT,
    "assigned_object_id" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_macaddress__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_macaddress__owner_id ON dcim_macaddress ("owner_id");

CREATE INDEX ix_dcim_macaddress__ordering ON dcim_macaddress ("mac_address", "id");

CREATE TABLE dcim_manufacturer (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_manufacturer__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_manufacturer__slug UNIQUE,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_manufacturer__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_manufacturer__owner_id ON dcim_manufacturer ("owner_id");

CREATE INDEX ix_dcim_manufacturer__ordering ON dcim_manufacturer ("name", "id");

CREATE TABLE dcim_modulebaytype (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "manufacturer_id" INTEGER CONSTRAINT fk_dcim_modulebaytype__manufacturer_id REFERENCES dcim_manufacturer (id) ON DELETE RESTRICT,
    "color" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_modulebaytype__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_modulebaytype__manufacturer_id ON dcim_modulebaytype ("manufacturer_id");

CREATE INDEX ix_dcim_modulebaytype__owner_id ON dcim_modulebaytype ("owner_id");

CREATE INDEX ix_dcim_modulebaytype__ordering ON dcim_modulebaytype ("name", "id");

CREATE TABLE dcim_moduletypeprofile (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_moduletypeprofile__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_moduletypeprofile__owner_id ON dcim_moduletypeprofile ("owner_id");

CREATE INDEX ix_dcim_moduletypeprofile__ordering ON dcim_moduletypeprofile ("name", "id");

CREATE TABLE dcim_moduletype (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "profile_id" INTEGER CONSTRAINT fk_dcim_moduletype__profile_id REFERENCES dcim_moduletypeprofile (id) ON DELETE RESTRICT,
    "manufacturer_id" INTEGER NOT NULL CONSTRAINT fk_dcim_moduletype__manufacturer_id REFERENCES dcim_manufacturer (id) ON DELETE RESTRICT,
    "model" TEXT NOT NULL DEFAULT '',
    "part_number" TEXT NOT NULL DEFAULT '',
    "airflow" TEXT,
    "cooling_method" TEXT,
    "weight" REAL,
    "weight_unit" TEXT,
    "end_of_life" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_moduletype__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_moduletype__profile_id ON dcim_moduletype ("profile_id");

CREATE INDEX ix_dcim_moduletype__manufacturer_id ON dcim_moduletype ("manufacturer_id");

CREATE INDEX ix_dcim_moduletype__owner_id ON dcim_moduletype ("owner_id");

CREATE INDEX ix_dcim_moduletype__ordering ON dcim_moduletype ("manufacturer_id", "model", "id");

CREATE TABLE dcim_platform (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "parent_id" INTEGER CONSTRAINT fk_dcim_platform__parent_id REFERENCES dcim_platform (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_platform__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_platform__slug UNIQUE,
    "manufacturer_id" INTEGER CONSTRAINT fk_dcim_platform__manufacturer_id REFERENCES dcim_manufacturer (id) ON DELETE RESTRICT,
    "config_template_id" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_platform__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_platform__parent_id ON dcim_platform ("parent_id");

CREATE INDEX ix_dcim_platform__manufacturer_id ON dcim_platform ("manufacturer_id");

CREATE INDEX ix_dcim_platform__config_template_id ON dcim_platform ("config_template_id");

CREATE INDEX ix_dcim_platform__owner_id ON dcim_platform ("owner_id");

CREATE INDEX ix_dcim_platform__ordering ON dcim_platform ("name", "id");

CREATE TABLE dcim_rackgroup (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_rackgroup__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_rackgroup__owner_id ON dcim_rackgroup ("owner_id");

CREATE INDEX ix_dcim_rackgroup__ordering ON dcim_rackgroup ("name", "id");

CREATE TABLE dcim_rackrole (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_rackrole__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_rackrole__slug UNIQUE,
    "color" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_rackrole__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_rackrole__owner_id ON dcim_rackrole ("owner_id");

CREATE INDEX ix_dcim_rackrole__ordering ON dcim_rackrole ("name", "id");

CREATE TABLE dcim_racktype (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "manufacturer_id" INTEGER NOT NULL CONSTRAINT fk_dcim_racktype__manufacturer_id REFERENCES dcim_manufacturer (id) ON DELETE RESTRICT,
    "model" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "form_factor" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "u_height" INTEGER NOT NULL DEFAULT 42,
    "starting_unit" INTEGER NOT NULL DEFAULT 1,
    "desc_units" BOOLEAN NOT NULL DEFAULT FALSE,
    "outer_width" INTEGER,
    "outer_height" INTEGER,
    "outer_depth" INTEGER,
    "outer_unit" TEXT,
    "weight" REAL,
    "max_weight" INTEGER,
    "weight_unit" TEXT,
    "mounting_depth" INTEGER,
    "cooling_capability" TEXT,
    "cooling_capacity" REAL,
    "owner_id" INTEGER CONSTRAINT fk_dcim_racktype__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_racktype__manufacturer_id ON dcim_racktype ("manufacturer_id");

CREATE INDEX ix_dcim_racktype__owner_id ON dcim_racktype ("owner_id");

CREATE TABLE dcim_region (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_region__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_region__slug UNIQUE,
    "parent_id" INTEGER CONSTRAINT fk_dcim_region__parent_id REFERENCES dcim_region (id) ON DELETE CASCADE,
    "description" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_region__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT ''
);

CREATE INDEX ix_dcim_region__parent_id ON dcim_region ("parent_id");

CREATE INDEX ix_dcim_region__owner_id ON dcim_region ("owner_id");

CREATE INDEX ix_dcim_region__ordering ON dcim_region ("name", "id");

CREATE TABLE dcim_sitegroup (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_sitegroup__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_sitegroup__slug UNIQUE,
    "parent_id" INTEGER CONSTRAINT fk_dcim_sitegroup__parent_id REFERENCES dcim_sitegroup (id) ON DELETE CASCADE,
    "description" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_sitegroup__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT ''
);

CREATE INDEX ix_dcim_sitegroup__parent_id ON dcim_sitegroup ("parent_id");

CREATE INDEX ix_dcim_sitegroup__owner_id ON dcim_sitegroup ("owner_id");

CREATE INDEX ix_dcim_sitegroup__ordering ON dcim_sitegroup ("name", "id");

CREATE TABLE dcim_site (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_site__name UNIQUE,
    "_name" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_dcim_site__slug UNIQUE,
    "status" TEXT NOT NULL,
    "region_id" INTEGER CONSTRAINT fk_dcim_site__region_id REFERENCES dcim_region (id) ON DELETE SET NULL,
    "group_id" INTEGER CONSTRAINT fk_dcim_site__group_id REFERENCES dcim_sitegroup (id) ON DELETE SET NULL,
    "tenant_id" INTEGER CONSTRAINT fk_dcim_site__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "facility" TEXT NOT NULL DEFAULT '',
    "time_zone" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "physical_address" TEXT NOT NULL DEFAULT '',
    "shipping_address" TEXT NOT NULL DEFAULT '',
    "latitude" REAL,
    "longitude" REAL,
    "owner_id" INTEGER CONSTRAINT fk_dcim_site__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_site__region_id ON dcim_site ("region_id");

CREATE INDEX ix_dcim_site__group_id ON dcim_site ("group_id");

CREATE INDEX ix_dcim_site__tenant_id ON dcim_site ("tenant_id");

CREATE INDEX ix_dcim_site__owner_id ON dcim_site ("owner_id");

CREATE INDEX ix_dcim_site__ordering ON dcim_site ("_name", "id");

CREATE TABLE dcim_cabletermination (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "cable_id" INTEGER NOT NULL CONSTRAINT fk_dcim_cabletermination__cable_id REFERENCES dcim_cable (id) ON DELETE CASCADE,
    "cable_end" TEXT NOT NULL,
    "termination_type" TEXT NOT NULL,
    "termination_id" INTEGER NOT NULL,
    "connector" INTEGER,
    "positions" TEXT,
    "_device_id" INTEGER,
    "_rack_id" INTEGER,
    "_location_id" INTEGER,
    "_site_id" INTEGER,
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_cabletermination__cable_id ON dcim_cabletermination ("cable_id");

CREATE INDEX ix_dcim_cabletermination__ordering ON dcim_cabletermination ("cable_id", "cable_end", "id");

CREATE TABLE dcim_devicetype (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "manufacturer_id" INTEGER NOT NULL CONSTRAINT fk_dcim_devicetype__manufacturer_id REFERENCES dcim_manufacturer (id) ON DELETE RESTRICT,
    "default_platform_id" INTEGER CONSTRAINT fk_dcim_devicetype__default_platform_id REFERENCES dcim_platform (id) ON DELETE SET NULL,
    "model" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "part_number" TEXT NOT NULL DEFAULT '',
    "u_height" REAL NOT NULL,
    "exclude_from_utilization" BOOLEAN NOT NULL DEFAULT FALSE,
    "is_full_depth" BOOLEAN NOT NULL DEFAULT TRUE,
    "subdevice_role" TEXT,
    "airflow" TEXT,
    "cooling_method" TEXT,
    "weight" REAL,
    "weight_unit" TEXT,
    "end_of_life" TEXT,
    "front_image" TEXT,
    "rear_image" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_devicetype__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_devicetype__manufacturer_id ON dcim_devicetype ("manufacturer_id");

CREATE INDEX ix_dcim_devicetype__default_platform_id ON dcim_devicetype ("default_platform_id");

CREATE INDEX ix_dcim_devicetype__owner_id ON dcim_devicetype ("owner_id");

CREATE INDEX ix_dcim_devicetype__ordering ON dcim_devicetype ("manufacturer_id", "model", "id");

CREATE TABLE dcim_frontporttemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_frontporttemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_frontporttemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '',
    "positions" INTEGER NOT NULL DEFAULT 1,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_frontporttemplate__device_type_id ON dcim_frontporttemplate ("device_type_id");

CREATE INDEX ix_dcim_frontporttemplate__module_type_id ON dcim_frontporttemplate ("module_type_id");

CREATE INDEX ix_dcim_frontporttemplate__ordering ON dcim_frontporttemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_interfacetemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_interfacetemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_interfacetemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "_name_nat" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "channels" INTEGER,
    "channel_id" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "mgmt_only" BOOLEAN NOT NULL DEFAULT FALSE,
    "description" TEXT NOT NULL DEFAULT '',
    "parent_id" INTEGER CONSTRAINT fk_dcim_interfacetemplate__parent_id REFERENCES dcim_interfacetemplate (id) ON DELETE SET NULL,
    "bridge_id" INTEGER CONSTRAINT fk_dcim_interfacetemplate__bridge_id REFERENCES dcim_interfacetemplate (id) ON DELETE SET NULL,
    "poe_mode" TEXT,
    "poe_type" TEXT,
    "rf_role" TEXT,
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_interfacetemplate__device_type_id ON dcim_interfacetemplate ("device_type_id");

CREATE INDEX ix_dcim_interfacetemplate__module_type_id ON dcim_interfacetemplate ("module_type_id");

CREATE INDEX ix_dcim_interfacetemplate__parent_id ON dcim_interfacetemplate ("parent_id");

CREATE INDEX ix_dcim_interfacetemplate__bridge_id ON dcim_interfacetemplate ("bridge_id");

CREATE INDEX ix_dcim_interfacetemplate__ordering ON dcim_interfacetemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_inventoryitemtemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER NOT NULL CONSTRAINT fk_dcim_inventoryitemtemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "parent_id" INTEGER CONSTRAINT fk_dcim_inventoryitemtemplate__parent_id REFERENCES dcim_inventoryitemtemplate (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "role_id" INTEGER CONSTRAINT fk_dcim_inventoryitemtemplate__role_id REFERENCES dcim_inventoryitemrole (id) ON DELETE RESTRICT,
    "manufacturer_id" INTEGER CONSTRAINT fk_dcim_inventoryitemtemplate__manufacturer_id REFERENCES dcim_manufacturer (id) ON DELETE RESTRICT,
    "part_id" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "component_type" TEXT,
    "component_id" INTEGER,
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_inventoryitemtemplate__device_type_id ON dcim_inventoryitemtemplate ("device_type_id");

CREATE INDEX ix_dcim_inventoryitemtemplate__parent_id ON dcim_inventoryitemtemplate ("parent_id");

CREATE INDEX ix_dcim_inventoryitemtemplate__role_id ON dcim_inventoryitemtemplate ("role_id");

CREATE INDEX ix_dcim_inventoryitemtemplate__manufacturer_id ON dcim_inventoryitemtemplate ("manufacturer_id");

CREATE INDEX ix_dcim_inventoryitemtemplate__ordering ON dcim_inventoryitemtemplate ("device_type_id", "_name", "id");

CREATE TABLE dcim_location (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "site_id" INTEGER NOT NULL CONSTRAINT fk_dcim_location__site_id REFERENCES dcim_site (id) ON DELETE CASCADE,
    "parent_id" INTEGER CONSTRAINT fk_dcim_location__parent_id REFERENCES dcim_location (id) ON DELETE CASCADE,
    "status" TEXT NOT NULL,
    "tenant_id" INTEGER CONSTRAINT fk_dcim_location__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "facility" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_location__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT ''
);

CREATE INDEX ix_dcim_location__site_id ON dcim_location ("site_id");

CREATE INDEX ix_dcim_location__parent_id ON dcim_location ("parent_id");

CREATE INDEX ix_dcim_location__tenant_id ON dcim_location ("tenant_id");

CREATE INDEX ix_dcim_location__owner_id ON dcim_location ("owner_id");

CREATE INDEX ix_dcim_location__ordering ON dcim_location ("name", "id");

CREATE TABLE dcim_modulebaytemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_modulebaytemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_modulebaytemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "position" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_modulebaytemplate__device_type_id ON dcim_modulebaytemplate ("device_type_id");

CREATE INDEX ix_dcim_modulebaytemplate__module_type_id ON dcim_modulebaytemplate ("module_type_id");

CREATE INDEX ix_dcim_modulebaytemplate__ordering ON dcim_modulebaytemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_powerpanel (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "site_id" INTEGER NOT NULL CONSTRAINT fk_dcim_powerpanel__site_id REFERENCES dcim_site (id) ON DELETE RESTRICT,
    "location_id" INTEGER CONSTRAINT fk_dcim_powerpanel__location_id REFERENCES dcim_location (id) ON DELETE SET NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_powerpanel__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_powerpanel__site_id ON dcim_powerpanel ("site_id");

CREATE INDEX ix_dcim_powerpanel__location_id ON dcim_powerpanel ("location_id");

CREATE INDEX ix_dcim_powerpanel__owner_id ON dcim_powerpanel ("owner_id");

CREATE INDEX ix_dcim_powerpanel__ordering ON dcim_powerpanel ("name", "id");

CREATE TABLE dcim_powerporttemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_powerporttemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_powerporttemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT,
    "maximum_draw" INTEGER,
    "allocated_draw" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_powerporttemplate__device_type_id ON dcim_powerporttemplate ("device_type_id");

CREATE INDEX ix_dcim_powerporttemplate__module_type_id ON dcim_powerporttemplate ("module_type_id");

CREATE INDEX ix_dcim_powerporttemplate__ordering ON dcim_powerporttemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_rack (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "facility_id" TEXT,
    "site_id" INTEGER NOT NULL CONSTRAINT fk_dcim_rack__site_id REFERENCES dcim_site (id) ON DELETE RESTRICT,
    "location_id" INTEGER CONSTRAINT fk_dcim_rack__location_id REFERENCES dcim_location (id) ON DELETE SET NULL,
    "group_id" INTEGER CONSTRAINT fk_dcim_rack__group_id REFERENCES dcim_rackgroup (id) ON DELETE SET NULL,
    "tenant_id" INTEGER CONSTRAINT fk_dcim_rack__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "status" TEXT NOT NULL,
    "role_id" INTEGER CONSTRAINT fk_dcim_rack__role_id REFERENCES dcim_rackrole (id) ON DELETE RESTRICT,
    "serial" TEXT NOT NULL DEFAULT '',
    "asset_tag" TEXT,
    "rack_type_id" INTEGER CONSTRAINT fk_dcim_rack__rack_type_id REFERENCES dcim_racktype (id) ON DELETE RESTRICT,
    "form_factor" TEXT,
    "width" INTEGER NOT NULL,
    "u_height" INTEGER NOT NULL DEFAULT 42,
    "starting_unit" INTEGER NOT NULL DEFAULT 1,
    "weight" REAL,
    "max_weight" INTEGER,
    "weight_unit" TEXT,
    "desc_units" BOOLEAN NOT NULL DEFAULT FALSE,
    "outer_width" INTEGER,
    "outer_height" INTEGER,
    "outer_depth" INTEGER,
    "outer_unit" TEXT,
    "mounting_depth" INTEGER,
    "airflow" TEXT NOT NULL,
    "cooling_capability" TEXT,
    "cooling_capacity" REAL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_rack__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_rack__site_id ON dcim_rack ("site_id");

CREATE INDEX ix_dcim_rack__location_id ON dcim_rack ("location_id");

CREATE INDEX ix_dcim_rack__group_id ON dcim_rack ("group_id");

CREATE INDEX ix_dcim_rack__tenant_id ON dcim_rack ("tenant_id");

CREATE INDEX ix_dcim_rack__role_id ON dcim_rack ("role_id");

CREATE INDEX ix_dcim_rack__rack_type_id ON dcim_rack ("rack_type_id");

CREATE INDEX ix_dcim_rack__owner_id ON dcim_rack ("owner_id");

CREATE INDEX ix_dcim_rack__ordering ON dcim_rack ("site_id", "location_id", "_name", "id");

CREATE TABLE dcim_rearporttemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_rearporttemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_rearporttemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '',
    "positions" INTEGER NOT NULL DEFAULT 1,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_rearporttemplate__device_type_id ON dcim_rearporttemplate ("device_type_id");

CREATE INDEX ix_dcim_rearporttemplate__module_type_id ON dcim_rearporttemplate ("module_type_id");

CREATE INDEX ix_dcim_rearporttemplate__ordering ON dcim_rearporttemplate ("device_type_id", "module_type_id", "_name", "id");

ALTER TABLE ipam_vlangroup ADD COLUMN "_region_id" INTEGER;

ALTER TABLE ipam_vlangroup ADD COLUMN "_site_group_id" INTEGER;

ALTER TABLE ipam_vlangroup ADD COLUMN "_site_id" INTEGER;

ALTER TABLE ipam_vlangroup ADD COLUMN "_location_id" INTEGER;

CREATE INDEX ix_ipam_vlangroup___region_id ON ipam_vlangroup ("_region_id");

CREATE INDEX ix_ipam_vlangroup___site_group_id ON ipam_vlangroup ("_site_group_id");

CREATE INDEX ix_ipam_vlangroup___site_id ON ipam_vlangroup ("_site_id");

CREATE INDEX ix_ipam_vlangroup___location_id ON ipam_vlangroup ("_location_id");

CREATE TABLE dcim_consoleporttemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_consoleporttemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_consoleporttemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_consoleporttemplate__device_type_id ON dcim_consoleporttemplate ("device_type_id");

CREATE INDEX ix_dcim_consoleporttemplate__module_type_id ON dcim_consoleporttemplate ("module_type_id");

CREATE INDEX ix_dcim_consoleporttemplate__ordering ON dcim_consoleporttemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_consoleserverporttemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_consoleserverporttemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_consoleserverporttemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_consoleserverporttemplate__device_type_id ON dcim_consoleserverporttemplate ("device_type_id");

CREATE INDEX ix_dcim_consoleserverporttemplate__module_type_id ON dcim_consoleserverporttemplate ("module_type_id");

CREATE INDEX ix_dcim_consoleserverporttemplate__ordering ON dcim_consoleserverporttemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_coolingintaketemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_coolingintaketemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_coolingintaketemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT,
    "diameter" REAL,
    "diameter_unit" TEXT,
    "max_flow" REAL,
    "max_flow_unit" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_coolingintaketemplate__device_type_id ON dcim_coolingintaketemplate ("device_type_id");

CREATE INDEX ix_dcim_coolingintaketemplate__module_type_id ON dcim_coolingintaketemplate ("module_type_id");

CREATE INDEX ix_dcim_coolingintaketemplate__ordering ON dcim_coolingintaketemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_coolingoutflowtemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_coolingoutflowtemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_coolingoutflowtemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT,
    "diameter" REAL,
    "diameter_unit" TEXT,
    "cooling_intake_id" INTEGER CONSTRAINT fk_dcim_coolingoutflowtemplate__cooling_intake_id REFERENCES dcim_coolingintaketemplate (id) ON DELETE SET NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_coolingoutflowtemplate__device_type_id ON dcim_coolingoutflowtemplate ("device_type_id");

CREATE INDEX ix_dcim_coolingoutflowtemplate__module_type_id ON dcim_coolingoutflowtemplate ("module_type_id");

CREATE INDEX ix_dcim_coolingoutflowtemplate__cooling_intake_id ON dcim_coolingoutflowtemplate ("cooling_intake_id");

CREATE INDEX ix_dcim_coolingoutflowtemplate__ordering ON dcim_coolingoutflowtemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_coolingsource (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "site_id" INTEGER NOT NULL CONSTRAINT fk_dcim_coolingsource__site_id REFERENCES dcim_site (id) ON DELETE RESTRICT,
    "location_id" INTEGER CONSTRAINT fk_dcim_coolingsource__location_id REFERENCES dcim_location (id) ON DELETE SET NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "fluid_type" TEXT,
    "cooling_capacity" REAL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_coolingsource__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_coolingsource__site_id ON dcim_coolingsource ("site_id");

CREATE INDEX ix_dcim_coolingsource__location_id ON dcim_coolingsource ("location_id");

CREATE INDEX ix_dcim_coolingsource__owner_id ON dcim_coolingsource ("owner_id");

CREATE INDEX ix_dcim_coolingsource__ordering ON dcim_coolingsource ("name", "id");

CREATE TABLE dcim_devicebaytemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER NOT NULL CONSTRAINT fk_dcim_devicebaytemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_devicebaytemplate__device_type_id ON dcim_devicebaytemplate ("device_type_id");

CREATE INDEX ix_dcim_devicebaytemplate__ordering ON dcim_devicebaytemplate ("device_type_id", "_name", "id");

CREATE TABLE dcim_powerfeed (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "power_panel_id" INTEGER NOT NULL CONSTRAINT fk_dcim_powerfeed__power_panel_id REFERENCES dcim_powerpanel (id) ON DELETE RESTRICT,
    "rack_id" INTEGER CONSTRAINT fk_dcim_powerfeed__rack_id REFERENCES dcim_rack (id) ON DELETE SET NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "supply" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "voltage" INTEGER NOT NULL DEFAULT 120,
    "amperage" INTEGER NOT NULL DEFAULT 15,
    "max_utilization" INTEGER NOT NULL DEFAULT 80,
    "mark_connected" BOOLEAN NOT NULL DEFAULT FALSE,
    "cable_id" INTEGER CONSTRAINT fk_dcim_powerfeed__cable_id REFERENCES dcim_cable (id) ON DELETE SET NULL,
    "cable_end" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "tenant_id" INTEGER CONSTRAINT fk_dcim_powerfeed__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_powerfeed__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_powerfeed__power_panel_id ON dcim_powerfeed ("power_panel_id");

CREATE INDEX ix_dcim_powerfeed__rack_id ON dcim_powerfeed ("rack_id");

CREATE INDEX ix_dcim_powerfeed__cable_id ON dcim_powerfeed ("cable_id");

CREATE INDEX ix_dcim_powerfeed__tenant_id ON dcim_powerfeed ("tenant_id");

CREATE INDEX ix_dcim_powerfeed__owner_id ON dcim_powerfeed ("owner_id");

CREATE INDEX ix_dcim_powerfeed__ordering ON dcim_powerfeed ("name", "id");

CREATE TABLE dcim_poweroutlettemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_type_id" INTEGER CONSTRAINT fk_dcim_poweroutlettemplate__device_type_id REFERENCES dcim_devicetype (id) ON DELETE CASCADE,
    "module_type_id" INTEGER CONSTRAINT fk_dcim_poweroutlettemplate__module_type_id REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT,
    "color" TEXT NOT NULL DEFAULT '',
    "power_port_id" INTEGER CONSTRAINT fk_dcim_poweroutlettemplate__power_port_id REFERENCES dcim_powerporttemplate (id) ON DELETE SET NULL,
    "feed_leg" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_poweroutlettemplate__device_type_id ON dcim_poweroutlettemplate ("device_type_id");

CREATE INDEX ix_dcim_poweroutlettemplate__module_type_id ON dcim_poweroutlettemplate ("module_type_id");

CREATE INDEX ix_dcim_poweroutlettemplate__power_port_id ON dcim_poweroutlettemplate ("power_port_id");

CREATE INDEX ix_dcim_poweroutlettemplate__ordering ON dcim_poweroutlettemplate ("device_type_id", "module_type_id", "_name", "id");

CREATE TABLE dcim_rackreservation (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "rack_id" INTEGER NOT NULL CONSTRAINT fk_dcim_rackreservation__rack_id REFERENCES dcim_rack (id) ON DELETE CASCADE,
    "units" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created" TEXT,
    "last_updated" TEXT,
    "user_id" INTEGER NOT NULL CONSTRAINT fk_dcim_rackreservation__user_id REFERENCES users_user (id) ON DELETE RESTRICT,
    "tenant_id" INTEGER CONSTRAINT fk_dcim_rackreservation__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_rackreservation__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}'
);

CREATE INDEX ix_dcim_rackreservation__rack_id ON dcim_rackreservation ("rack_id");

CREATE INDEX ix_dcim_rackreservation__user_id ON dcim_rackreservation ("user_id");

CREATE INDEX ix_dcim_rackreservation__tenant_id ON dcim_rackreservation ("tenant_id");

CREATE INDEX ix_dcim_rackreservation__owner_id ON dcim_rackreservation ("owner_id");

CREATE INDEX ix_dcim_rackreservation__ordering ON dcim_rackreservation ("created", "id");

ALTER TABLE ipam_prefix ADD COLUMN "_region_id" INTEGER;

ALTER TABLE ipam_prefix ADD COLUMN "_site_group_id" INTEGER;

ALTER TABLE ipam_prefix ADD COLUMN "_site_id" INTEGER;

ALTER TABLE ipam_prefix ADD COLUMN "_location_id" INTEGER;

CREATE INDEX ix_ipam_prefix___region_id ON ipam_prefix ("_region_id");

CREATE INDEX ix_ipam_prefix___site_group_id ON ipam_prefix ("_site_group_id");

CREATE INDEX ix_ipam_prefix___site_id ON ipam_prefix ("_site_id");

CREATE INDEX ix_ipam_prefix___location_id ON ipam_prefix ("_location_id");

CREATE TABLE dcim_coolingfeed (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "cooling_source_id" INTEGER NOT NULL CONSTRAINT fk_dcim_coolingfeed__cooling_source_id REFERENCES dcim_coolingsource (id) ON DELETE RESTRICT,
    "rack_id" INTEGER CONSTRAINT fk_dcim_coolingfeed__rack_id REFERENCES dcim_rack (id) ON DELETE SET NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "cooling_capacity" REAL,
    "max_flow" REAL,
    "max_flow_unit" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "tenant_id" INTEGER CONSTRAINT fk_dcim_coolingfeed__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_coolingfeed__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_coolingfeed__cooling_source_id ON dcim_coolingfeed ("cooling_source_id");

CREATE INDEX ix_dcim_coolingfeed__rack_id ON dcim_coolingfeed ("rack_id");

CREATE INDEX ix_dcim_coolingfeed__tenant_id ON dcim_coolingfeed ("tenant_id");

CREATE INDEX ix_dcim_coolingfeed__owner_id ON dcim_coolingfeed ("owner_id");

CREATE INDEX ix_dcim_coolingfeed__ordering ON dcim_coolingfeed ("name", "id");

CREATE TABLE dcim_consoleport (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_consoleport__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_consoleport__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "speed" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "mark_connected" BOOLEAN NOT NULL DEFAULT FALSE,
    "cable_id" INTEGER CONSTRAINT fk_dcim_consoleport__cable_id REFERENCES dcim_cable (id) ON DELETE SET NULL,
    "cable_end" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_consoleport__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_consoleport__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_consoleport__device_id ON dcim_consoleport ("device_id");

CREATE INDEX ix_dcim_consoleport__module_id ON dcim_consoleport ("module_id");

CREATE INDEX ix_dcim_consoleport__cable_id ON dcim_consoleport ("cable_id");

CREATE INDEX ix_dcim_consoleport__owner_id ON dcim_consoleport ("owner_id");

CREATE INDEX ix_dcim_consoleport__ordering ON dcim_consoleport ("device_id", "_name", "id");

CREATE TABLE dcim_consoleserverport (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_consoleserverport__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_consoleserverport__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "speed" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "mark_connected" BOOLEAN NOT NULL DEFAULT FALSE,
    "cable_id" INTEGER CONSTRAINT fk_dcim_consoleserverport__cable_id REFERENCES dcim_cable (id) ON DELETE SET NULL,
    "cable_end" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_consoleserverport__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_consoleserverport__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_consoleserverport__device_id ON dcim_consoleserverport ("device_id");

CREATE INDEX ix_dcim_consoleserverport__module_id ON dcim_consoleserverport ("module_id");

CREATE INDEX ix_dcim_consoleserverport__cable_id ON dcim_consoleserverport ("cable_id");

CREATE INDEX ix_dcim_consoleserverport__owner_id ON dcim_consoleserverport ("owner_id");

CREATE INDEX ix_dcim_consoleserverport__ordering ON dcim_consoleserverport ("device_id", "_name", "id");

CREATE TABLE dcim_coolingintake (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_coolingintake__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_coolingintake__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT,
    "diameter" REAL,
    "diameter_unit" TEXT,
    "max_flow" REAL,
    "max_flow_unit" TEXT,
    "cooling_outflow_id" INTEGER CONSTRAINT fk_dcim_coolingintake__cooling_outflow_id REFERENCES dcim_coolingoutflow (id) ON DELETE SET NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_coolingintake__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_coolingintake__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_coolingintake__device_id ON dcim_coolingintake ("device_id");

CREATE INDEX ix_dcim_coolingintake__module_id ON dcim_coolingintake ("module_id");

CREATE INDEX ix_dcim_coolingintake__cooling_outflow_id ON dcim_coolingintake ("cooling_outflow_id");

CREATE INDEX ix_dcim_coolingintake__owner_id ON dcim_coolingintake ("owner_id");

CREATE INDEX ix_dcim_coolingintake__ordering ON dcim_coolingintake ("device_id", "_name", "id");

CREATE TABLE dcim_coolingoutflow (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_coolingoutflow__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_coolingoutflow__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT,
    "diameter" REAL,
    "diameter_unit" TEXT,
    "cooling_intake_id" INTEGER CONSTRAINT fk_dcim_coolingoutflow__cooling_intake_id REFERENCES dcim_coolingintake (id) ON DELETE SET NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_coolingoutflow__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_coolingoutflow__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_coolingoutflow__device_id ON dcim_coolingoutflow ("device_id");

CREATE INDEX ix_dcim_coolingoutflow__module_id ON dcim_coolingoutflow ("module_id");

CREATE INDEX ix_dcim_coolingoutflow__cooling_intake_id ON dcim_coolingoutflow ("cooling_intake_id");

CREATE INDEX ix_dcim_coolingoutflow__owner_id ON dcim_coolingoutflow ("owner_id");

CREATE INDEX ix_dcim_coolingoutflow__ordering ON dcim_coolingoutflow ("device_id", "_name", "id");

CREATE TABLE dcim_devicebay (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_devicebay__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "description" TEXT NOT NULL DEFAULT '',
    "installed_device_id" INTEGER CONSTRAINT fk_dcim_devicebay__installed_device_id REFERENCES dcim_device (id) ON DELETE SET NULL CONSTRAINT uq_dcim_devicebay__installed_device_id UNIQUE,
    "owner_id" INTEGER CONSTRAINT fk_dcim_devicebay__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_devicebay__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_devicebay__device_id ON dcim_devicebay ("device_id");

CREATE INDEX ix_dcim_devicebay__installed_device_id ON dcim_devicebay ("installed_device_id");

CREATE INDEX ix_dcim_devicebay__owner_id ON dcim_devicebay ("owner_id");

CREATE INDEX ix_dcim_devicebay__ordering ON dcim_devicebay ("device_id", "_name", "id");

CREATE TABLE dcim_device (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT,
    "_name" TEXT NOT NULL DEFAULT '',
    "device_type_id" INTEGER NOT NULL CONSTRAINT fk_dcim_device__device_type_id REFERENCES dcim_devicetype (id) ON DELETE RESTRICT,
    "role_id" INTEGER NOT NULL CONSTRAINT fk_dcim_device__role_id REFERENCES dcim_devicerole (id) ON DELETE RESTRICT,
    "tenant_id" INTEGER CONSTRAINT fk_dcim_device__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "platform_id" INTEGER CONSTRAINT fk_dcim_device__platform_id REFERENCES dcim_platform (id) ON DELETE SET NULL,
    "serial" TEXT NOT NULL DEFAULT '',
    "asset_tag" TEXT,
    "site_id" INTEGER NOT NULL CONSTRAINT fk_dcim_device__site_id REFERENCES dcim_site (id) ON DELETE RESTRICT,
    "location_id" INTEGER CONSTRAINT fk_dcim_device__location_id REFERENCES dcim_location (id) ON DELETE SET NULL,
    "rack_id" INTEGER CONSTRAINT fk_dcim_device__rack_id REFERENCES dcim_rack (id) ON DELETE SET NULL,
    "position" REAL,
    "face" TEXT NOT NULL,
    "latitude" REAL,
    "longitude" REAL,
    "status" TEXT NOT NULL,
    "airflow" TEXT NOT NULL,
    "cooling_method" TEXT,
    "primary_ip4_id" INTEGER CONSTRAINT fk_dcim_device__primary_ip4_id REFERENCES ipam_ipaddress (id) ON DELETE SET NULL,
    "primary_ip6_id" INTEGER CONSTRAINT fk_dcim_device__primary_ip6_id REFERENCES ipam_ipaddress (id) ON DELETE SET NULL,
    "oob_ip_id" INTEGER CONSTRAINT fk_dcim_device__oob_ip_id REFERENCES ipam_ipaddress (id) ON DELETE SET NULL,
    "cluster_id" INTEGER,
    "virtual_chassis_id" INTEGER CONSTRAINT fk_dcim_device__virtual_chassis_id REFERENCES dcim_virtualchassis (id) ON DELETE SET NULL,
    "vc_position" INTEGER,
    "vc_priority" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_device__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "config_template_id" INTEGER,
    "local_context_data" TEXT,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_device__virtual_chassis_id_vc_position UNIQUE ("virtual_chassis_id", "vc_position")
);

CREATE INDEX ix_dcim_device__device_type_id ON dcim_device ("device_type_id");

CREATE INDEX ix_dcim_device__role_id ON dcim_device ("role_id");

CREATE INDEX ix_dcim_device__tenant_id ON dcim_device ("tenant_id");

CREATE INDEX ix_dcim_device__platform_id ON dcim_device ("platform_id");

CREATE INDEX ix_dcim_device__site_id ON dcim_device ("site_id");

CREATE INDEX ix_dcim_device__location_id ON dcim_device ("location_id");

CREATE INDEX ix_dcim_device__rack_id ON dcim_device ("rack_id");

CREATE INDEX ix_dcim_device__primary_ip4_id ON dcim_device ("primary_ip4_id");

CREATE INDEX ix_dcim_device__primary_ip6_id ON dcim_device ("primary_ip6_id");

CREATE INDEX ix_dcim_device__oob_ip_id ON dcim_device ("oob_ip_id");

CREATE INDEX ix_dcim_device__cluster_id ON dcim_device ("cluster_id");

CREATE INDEX ix_dcim_device__virtual_chassis_id ON dcim_device ("virtual_chassis_id");

CREATE INDEX ix_dcim_device__owner_id ON dcim_device ("owner_id");

CREATE INDEX ix_dcim_device__config_template_id ON dcim_device ("config_template_id");

CREATE INDEX ix_dcim_device__ordering ON dcim_device ("_name", "id");

CREATE TABLE dcim_frontport (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_frontport__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_frontport__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '',
    "positions" INTEGER NOT NULL DEFAULT 1,
    "description" TEXT NOT NULL DEFAULT '',
    "mark_connected" BOOLEAN NOT NULL DEFAULT FALSE,
    "cable_id" INTEGER CONSTRAINT fk_dcim_frontport__cable_id REFERENCES dcim_cable (id) ON DELETE SET NULL,
    "cable_end" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_frontport__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_frontport__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_frontport__device_id ON dcim_frontport ("device_id");

CREATE INDEX ix_dcim_frontport__module_id ON dcim_frontport ("module_id");

CREATE INDEX ix_dcim_frontport__cable_id ON dcim_frontport ("cable_id");

CREATE INDEX ix_dcim_frontport__owner_id ON dcim_frontport ("owner_id");

CREATE INDEX ix_dcim_frontport__ordering ON dcim_frontport ("device_id", "_name", "id");

CREATE TABLE dcim_interface (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_interface__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_interface__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "_name_nat" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "channels" INTEGER,
    "channel_id" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "parent_id" INTEGER CONSTRAINT fk_dcim_interface__parent_id REFERENCES dcim_interface (id) ON DELETE SET NULL,
    "bridge_id" INTEGER CONSTRAINT fk_dcim_interface__bridge_id REFERENCES dcim_interface (id) ON DELETE SET NULL,
    "lag_id" INTEGER CONSTRAINT fk_dcim_interface__lag_id REFERENCES dcim_interface (id) ON DELETE SET NULL,
    "mtu" INTEGER,
    "primary_mac_address_id" INTEGER CONSTRAINT fk_dcim_interface__primary_mac_address_id REFERENCES dcim_macaddress (id) ON DELETE SET NULL,
    "speed" INTEGER,
    "duplex" TEXT,
    "wwn" TEXT,
    "mgmt_only" BOOLEAN NOT NULL DEFAULT FALSE,
    "description" TEXT NOT NULL DEFAULT '',
    "mode" TEXT,
    "rf_role" TEXT,
    "rf_channel" TEXT,
    "poe_mode" TEXT,
    "poe_type" TEXT,
    "rf_channel_frequency" REAL,
    "rf_channel_width" REAL,
    "tx_power" INTEGER,
    "untagged_vlan_id" INTEGER CONSTRAINT fk_dcim_interface__untagged_vlan_id REFERENCES ipam_vlan (id) ON DELETE SET NULL,
    "qinq_svlan_id" INTEGER CONSTRAINT fk_dcim_interface__qinq_svlan_id REFERENCES ipam_vlan (id) ON DELETE SET NULL,
    "vlan_translation_policy_id" INTEGER CONSTRAINT fk_dcim_interface__vlan_translation_policy_id REFERENCES ipam_vlantranslationpolicy (id) ON DELETE SET NULL,
    "mark_connected" BOOLEAN NOT NULL DEFAULT FALSE,
    "cable_id" INTEGER CONSTRAINT fk_dcim_interface__cable_id REFERENCES dcim_cable (id) ON DELETE SET NULL,
    "cable_end" TEXT,
    "wireless_link_id" INTEGER,
    "vrf_id" INTEGER CONSTRAINT fk_dcim_interface__vrf_id REFERENCES ipam_vrf (id) ON DELETE SET NULL,
    "l2vpn_termination_id" INTEGER,
    "owner_id" INTEGER CONSTRAINT fk_dcim_interface__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_interface__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_interface__device_id ON dcim_interface ("device_id");

CREATE INDEX ix_dcim_interface__module_id ON dcim_interface ("module_id");

CREATE INDEX ix_dcim_interface__parent_id ON dcim_interface ("parent_id");

CREATE INDEX ix_dcim_interface__bridge_id ON dcim_interface ("bridge_id");

CREATE INDEX ix_dcim_interface__lag_id ON dcim_interface ("lag_id");

CREATE INDEX ix_dcim_interface__primary_mac_address_id ON dcim_interface ("primary_mac_address_id");

CREATE INDEX ix_dcim_interface__untagged_vlan_id ON dcim_interface ("untagged_vlan_id");

CREATE INDEX ix_dcim_interface__qinq_svlan_id ON dcim_interface ("qinq_svlan_id");

CREATE INDEX ix_dcim_interface__vlan_translation_policy_id ON dcim_interface ("vlan_translation_policy_id");

CREATE INDEX ix_dcim_interface__cable_id ON dcim_interface ("cable_id");

CREATE INDEX ix_dcim_interface__wireless_link_id ON dcim_interface ("wireless_link_id");

CREATE INDEX ix_dcim_interface__vrf_id ON dcim_interface ("vrf_id");

CREATE INDEX ix_dcim_interface__l2vpn_termination_id ON dcim_interface ("l2vpn_termination_id");

CREATE INDEX ix_dcim_interface__owner_id ON dcim_interface ("owner_id");

CREATE INDEX ix_dcim_interface__ordering ON dcim_interface ("device_id", "_name", "id");

CREATE TABLE dcim_inventoryitem (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_inventoryitem__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "parent_id" INTEGER CONSTRAINT fk_dcim_inventoryitem__parent_id REFERENCES dcim_inventoryitem (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL,
    "role_id" INTEGER CONSTRAINT fk_dcim_inventoryitem__role_id REFERENCES dcim_inventoryitemrole (id) ON DELETE RESTRICT,
    "manufacturer_id" INTEGER CONSTRAINT fk_dcim_inventoryitem__manufacturer_id REFERENCES dcim_manufacturer (id) ON DELETE RESTRICT,
    "part_id" TEXT NOT NULL DEFAULT '',
    "serial" TEXT NOT NULL DEFAULT '',
    "asset_tag" TEXT,
    "discovered" BOOLEAN NOT NULL DEFAULT FALSE,
    "description" TEXT NOT NULL DEFAULT '',
    "component_type" TEXT,
    "component_id" INTEGER,
    "owner_id" INTEGER CONSTRAINT fk_dcim_inventoryitem__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_inventoryitem__device_id ON dcim_inventoryitem ("device_id");

CREATE INDEX ix_dcim_inventoryitem__parent_id ON dcim_inventoryitem ("parent_id");

CREATE INDEX ix_dcim_inventoryitem__role_id ON dcim_inventoryitem ("role_id");

CREATE INDEX ix_dcim_inventoryitem__manufacturer_id ON dcim_inventoryitem ("manufacturer_id");

CREATE INDEX ix_dcim_inventoryitem__owner_id ON dcim_inventoryitem ("owner_id");

CREATE INDEX ix_dcim_inventoryitem__ordering ON dcim_inventoryitem ("device_id", "_name", "id");

CREATE TABLE dcim_modulebay (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_modulebay__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_modulebay__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "position" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_modulebay__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_modulebay__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_modulebay__device_id ON dcim_modulebay ("device_id");

CREATE INDEX ix_dcim_modulebay__module_id ON dcim_modulebay ("module_id");

CREATE INDEX ix_dcim_modulebay__owner_id ON dcim_modulebay ("owner_id");

CREATE INDEX ix_dcim_modulebay__ordering ON dcim_modulebay ("device_id", "_name", "id");

CREATE TABLE dcim_module (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_module__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_bay_id" INTEGER NOT NULL CONSTRAINT fk_dcim_module__module_bay_id REFERENCES dcim_modulebay (id) ON DELETE CASCADE CONSTRAINT uq_dcim_module__module_bay_id UNIQUE,
    "module_type_id" INTEGER NOT NULL CONSTRAINT fk_dcim_module__module_type_id REFERENCES dcim_moduletype (id) ON DELETE RESTRICT,
    "status" TEXT NOT NULL,
    "serial" TEXT NOT NULL DEFAULT '',
    "asset_tag" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_module__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_module__device_id ON dcim_module ("device_id");

CREATE INDEX ix_dcim_module__module_bay_id ON dcim_module ("module_bay_id");

CREATE INDEX ix_dcim_module__module_type_id ON dcim_module ("module_type_id");

CREATE INDEX ix_dcim_module__owner_id ON dcim_module ("owner_id");

CREATE INDEX ix_dcim_module__ordering ON dcim_module ("device_id", "module_bay_id", "id");

CREATE TABLE dcim_poweroutlet (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_poweroutlet__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_poweroutlet__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT,
    "status" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '',
    "power_port_id" INTEGER CONSTRAINT fk_dcim_poweroutlet__power_port_id REFERENCES dcim_powerport (id) ON DELETE SET NULL,
    "feed_leg" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "mark_connected" BOOLEAN NOT NULL DEFAULT FALSE,
    "cable_id" INTEGER CONSTRAINT fk_dcim_poweroutlet__cable_id REFERENCES dcim_cable (id) ON DELETE SET NULL,
    "cable_end" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_poweroutlet__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_poweroutlet__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_poweroutlet__device_id ON dcim_poweroutlet ("device_id");

CREATE INDEX ix_dcim_poweroutlet__module_id ON dcim_poweroutlet ("module_id");

CREATE INDEX ix_dcim_poweroutlet__power_port_id ON dcim_poweroutlet ("power_port_id");

CREATE INDEX ix_dcim_poweroutlet__cable_id ON dcim_poweroutlet ("cable_id");

CREATE INDEX ix_dcim_poweroutlet__owner_id ON dcim_poweroutlet ("owner_id");

CREATE INDEX ix_dcim_poweroutlet__ordering ON dcim_poweroutlet ("device_id", "_name", "id");

CREATE TABLE dcim_powerport (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_powerport__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_powerport__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT,
    "maximum_draw" INTEGER,
    "allocated_draw" INTEGER,
    "description" TEXT NOT NULL DEFAULT '',
    "mark_connected" BOOLEAN NOT NULL DEFAULT FALSE,
    "cable_id" INTEGER CONSTRAINT fk_dcim_powerport__cable_id REFERENCES dcim_cable (id) ON DELETE SET NULL,
    "cable_end" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_powerport__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_powerport__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_powerport__device_id ON dcim_powerport ("device_id");

CREATE INDEX ix_dcim_powerport__module_id ON dcim_powerport ("module_id");

CREATE INDEX ix_dcim_powerport__cable_id ON dcim_powerport ("cable_id");

CREATE INDEX ix_dcim_powerport__owner_id ON dcim_powerport ("owner_id");

CREATE INDEX ix_dcim_powerport__ordering ON dcim_powerport ("device_id", "_name", "id");

CREATE TABLE dcim_rearport (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_rearport__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "module_id" INTEGER CONSTRAINT fk_dcim_rearport__module_id REFERENCES dcim_module (id) ON DELETE CASCADE,
    "name" TEXT NOT NULL DEFAULT '',
    "_name" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL,
    "color" TEXT NOT NULL DEFAULT '',
    "positions" INTEGER NOT NULL DEFAULT 1,
    "description" TEXT NOT NULL DEFAULT '',
    "mark_connected" BOOLEAN NOT NULL DEFAULT FALSE,
    "cable_id" INTEGER CONSTRAINT fk_dcim_rearport__cable_id REFERENCES dcim_cable (id) ON DELETE SET NULL,
    "cable_end" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_dcim_rearport__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_dcim_rearport__device_id_name UNIQUE ("device_id", "name")
);

CREATE INDEX ix_dcim_rearport__device_id ON dcim_rearport ("device_id");

CREATE INDEX ix_dcim_rearport__module_id ON dcim_rearport ("module_id");

CREATE INDEX ix_dcim_rearport__cable_id ON dcim_rearport ("cable_id");

CREATE INDEX ix_dcim_rearport__owner_id ON dcim_rearport ("owner_id");

CREATE INDEX ix_dcim_rearport__ordering ON dcim_rearport ("device_id", "_name", "id");

CREATE TABLE dcim_virtualchassis (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "domain" TEXT NOT NULL DEFAULT '',
    "master_id" INTEGER CONSTRAINT fk_dcim_virtualchassis__master_id REFERENCES dcim_device (id) ON DELETE SET NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_virtualchassis__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_virtualchassis__master_id ON dcim_virtualchassis ("master_id");

CREATE INDEX ix_dcim_virtualchassis__owner_id ON dcim_virtualchassis ("owner_id");

CREATE INDEX ix_dcim_virtualchassis__ordering ON dcim_virtualchassis ("name", "id");

CREATE TABLE dcim_virtualdevicecontext (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "device_id" INTEGER NOT NULL CONSTRAINT fk_dcim_virtualdevicecontext__device_id REFERENCES dcim_device (id) ON DELETE CASCADE,
    "identifier" INTEGER,
    "tenant_id" INTEGER CONSTRAINT fk_dcim_virtualdevicecontext__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "primary_ip4_id" INTEGER CONSTRAINT fk_dcim_virtualdevicecontext__primary_ip4_id REFERENCES ipam_ipaddress (id) ON DELETE SET NULL,
    "primary_ip6_id" INTEGER CONSTRAINT fk_dcim_virtualdevicecontext__primary_ip6_id REFERENCES ipam_ipaddress (id) ON DELETE SET NULL,
    "status" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_dcim_virtualdevicecontext__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);

CREATE INDEX ix_dcim_virtualdevicecontext__device_id ON dcim_virtualdevicecontext ("device_id");

CREATE INDEX ix_dcim_virtualdevicecontext__tenant_id ON dcim_virtualdevicecontext ("tenant_id");

CREATE INDEX ix_dcim_virtualdevicecontext__primary_ip4_id ON dcim_virtualdevicecontext ("primary_ip4_id");

CREATE INDEX ix_dcim_virtualdevicecontext__primary_ip6_id ON dcim_virtualdevicecontext ("primary_ip6_id");

CREATE INDEX ix_dcim_virtualdevicecontext__owner_id ON dcim_virtualdevicecontext ("owner_id");

CREATE INDEX ix_dcim_virtualdevicecontext__ordering ON dcim_virtualdevicecontext ("name", "id");

CREATE TABLE dcim_site_asns (
    asn_id INTEGER NOT NULL REFERENCES ipam_asn (id) ON DELETE CASCADE,
    site_id INTEGER NOT NULL REFERENCES dcim_site (id) ON DELETE CASCADE,
    PRIMARY KEY (asn_id, site_id)
);

CREATE INDEX ix_dcim_site_asns__site_id ON dcim_site_asns (site_id);

CREATE TABLE dcim_interface_vdcs (
    interface_id INTEGER NOT NULL REFERENCES dcim_interface (id) ON DELETE CASCADE,
    virtualdevicecontext_id INTEGER NOT NULL REFERENCES dcim_virtualdevicecontext (id) ON DELETE CASCADE,
    PRIMARY KEY (interface_id, virtualdevicecontext_id)
);

CREATE INDEX ix_dcim_interface_vdcs__virtualdevicecontext_id ON dcim_interface_vdcs (virtualdevicecontext_id);

CREATE TABLE dcim_interface_tagged_vlans (
    interface_id INTEGER NOT NULL REFERENCES dcim_interface (id) ON DELETE CASCADE,
    vlan_id INTEGER NOT NULL REFERENCES ipam_vlan (id) ON DELETE CASCADE,
    PRIMARY KEY (interface_id, vlan_id)
);

CREATE INDEX ix_dcim_interface_tagged_vlans__vlan_id ON dcim_interface_tagged_vlans (vlan_id);

CREATE TABLE dcim_modulebaytemplate_module_bay_types (
    modulebaytemplate_id INTEGER NOT NULL REFERENCES dcim_modulebaytemplate (id) ON DELETE CASCADE,
    modulebaytype_id INTEGER NOT NULL REFERENCES dcim_modulebaytype (id) ON DELETE CASCADE,
    PRIMARY KEY (modulebaytemplate_id, modulebaytype_id)
);

CREATE INDEX ix_dcim_modulebaytemplate_module_bay_types__modulebaytype_id ON dcim_modulebaytemplate_module_bay_types (modulebaytype_id);

CREATE TABLE dcim_modulebay_module_bay_types (
    modulebay_id INTEGER NOT NULL REFERENCES dcim_modulebay (id) ON DELETE CASCADE,
    modulebaytype_id INTEGER NOT NULL REFERENCES dcim_modulebaytype (id) ON DELETE CASCADE,
    PRIMARY KEY (modulebay_id, modulebaytype_id)
);

CREATE INDEX ix_dcim_modulebay_module_bay_types__modulebaytype_id ON dcim_modulebay_module_bay_types (modulebaytype_id);

CREATE TABLE dcim_moduletype_module_bay_types (
    moduletype_id INTEGER NOT NULL REFERENCES dcim_moduletype (id) ON DELETE CASCADE,
    modulebaytype_id INTEGER NOT NULL REFERENCES dcim_modulebaytype (id) ON DELETE CASCADE,
    PRIMARY KEY (moduletype_id, modulebaytype_id)
);

CREATE INDEX ix_dcim_moduletype_module_bay_types__modulebaytype_id ON dcim_moduletype_module_bay_types (modulebaytype_id);

CREATE TABLE dcim_portmapping (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id INTEGER REFERENCES dcim_device (id) ON DELETE CASCADE,
    front_port_id INTEGER NOT NULL REFERENCES dcim_frontport (id) ON DELETE CASCADE,
    front_port_position INTEGER NOT NULL,
    rear_port_id INTEGER NOT NULL REFERENCES dcim_rearport (id) ON DELETE CASCADE,
    rear_port_position INTEGER NOT NULL,
    CONSTRAINT uq_dcim_portmapping__front UNIQUE (front_port_id, front_port_position)
);

CREATE INDEX ix_dcim_portmapping__rear ON dcim_portmapping (rear_port_id, rear_port_position);

CREATE TABLE dcim_portmappingtemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    front_port_id INTEGER NOT NULL REFERENCES dcim_frontporttemplate (id) ON DELETE CASCADE,
    front_port_position INTEGER NOT NULL,
    rear_port_id INTEGER NOT NULL REFERENCES dcim_rearporttemplate (id) ON DELETE CASCADE,
    rear_port_position INTEGER NOT NULL,
    CONSTRAINT uq_dcim_portmappingtemplate__front UNIQUE (front_port_id, front_port_position)
);

CREATE INDEX ix_dcim_portmappingtemplate__rear ON dcim_portmappingtemplate (rear_port_id);

CREATE TABLE dcim_cablepath (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    origin_type TEXT NOT NULL,
    origin_id INTEGER NOT NULL,
    path TEXT NOT NULL,
    is_active BOOLEAN NOT NULL,
    is_complete BOOLEAN NOT NULL,
    is_split BOOLEAN NOT NULL,
    destination_type TEXT,
    destinations TEXT NOT NULL,
    CONSTRAINT uq_dcim_cablepath__origin UNIQUE (origin_type, origin_id)
);
