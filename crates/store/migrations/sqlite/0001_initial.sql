CREATE TABLE extras_tag (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_extras_tag__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_extras_tag__slug UNIQUE,
    "color" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "weight" INTEGER NOT NULL DEFAULT 1000,
    "object_types" TEXT NOT NULL,
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_extras_tag__ordering ON extras_tag ("weight", "name", "id");

CREATE TABLE users_user (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_users_user__username UNIQUE,
    "password" TEXT NOT NULL DEFAULT '',
    "first_name" TEXT NOT NULL DEFAULT '',
    "last_name" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "is_active" BOOLEAN NOT NULL DEFAULT TRUE,
    "is_superuser" BOOLEAN NOT NULL DEFAULT FALSE,
    "date_joined" TEXT,
    "last_login" TEXT
);
CREATE INDEX ix_users_user__ordering ON users_user ("username", "id");

CREATE TABLE users_group (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_users_group__name UNIQUE,
    "description" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_users_group__ordering ON users_group ("name", "id");

CREATE TABLE users_ownergroup (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_users_ownergroup__name UNIQUE,
    "description" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_users_ownergroup__ordering ON users_ownergroup ("name", "id");

CREATE TABLE users_owner (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_users_owner__name UNIQUE,
    "group_id" INTEGER CONSTRAINT fk_users_owner__group_id REFERENCES users_ownergroup (id) ON DELETE RESTRICT,
    "description" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_users_owner__group_id ON users_owner ("group_id");
CREATE INDEX ix_users_owner__ordering ON users_owner ("name", "id");

CREATE TABLE users_token (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 2,
    "key" TEXT CONSTRAINT uq_users_token__key UNIQUE,
    "user_id" INTEGER NOT NULL CONSTRAINT fk_users_token__user_id REFERENCES users_user (id) ON DELETE CASCADE,
    "description" TEXT NOT NULL DEFAULT '',
    "created" TEXT,
    "expires" TEXT,
    "last_used" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "write_enabled" BOOLEAN NOT NULL DEFAULT TRUE,
    "pepper_id" INTEGER,
    "allowed_ips" TEXT NOT NULL,
    "digest" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_users_token__user_id ON users_token ("user_id");
CREATE INDEX ix_users_token__ordering ON users_token ("created" DESC, "id");

CREATE TABLE core_objectchange (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "time" TEXT,
    "user_id" INTEGER CONSTRAINT fk_core_objectchange__user_id REFERENCES users_user (id) ON DELETE SET NULL,
    "user_name" TEXT NOT NULL DEFAULT '',
    "request_id" TEXT NOT NULL DEFAULT '',
    "action" TEXT NOT NULL,
    "changed_object_type" TEXT,
    "changed_object_id" INTEGER,
    "object_repr" TEXT NOT NULL DEFAULT '',
    "message" TEXT NOT NULL DEFAULT '',
    "prechange_data" TEXT,
    "postchange_data" TEXT
);
CREATE INDEX ix_core_objectchange__user_id ON core_objectchange ("user_id");
CREATE INDEX ix_core_objectchange__ordering ON core_objectchange ("time" DESC, "id");
CREATE INDEX ix_core_objectchange__object ON core_objectchange (changed_object_type, changed_object_id);
CREATE INDEX ix_core_objectchange__request ON core_objectchange (request_id);

CREATE TABLE tenancy_tenantgroup (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_tenancy_tenantgroup__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_tenancy_tenantgroup__slug UNIQUE,
    "parent_id" INTEGER CONSTRAINT fk_tenancy_tenantgroup__parent_id REFERENCES tenancy_tenantgroup (id) ON DELETE CASCADE,
    "description" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_tenancy_tenantgroup__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_tenancy_tenantgroup__parent_id ON tenancy_tenantgroup ("parent_id");
CREATE INDEX ix_tenancy_tenantgroup__owner_id ON tenancy_tenantgroup ("owner_id");
CREATE INDEX ix_tenancy_tenantgroup__ordering ON tenancy_tenantgroup ("name", "id");

CREATE TABLE tenancy_tenant (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "group_id" INTEGER CONSTRAINT fk_tenancy_tenant__group_id REFERENCES tenancy_tenantgroup (id) ON DELETE SET NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_tenancy_tenant__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_tenancy_tenant__group_id ON tenancy_tenant ("group_id");
CREATE INDEX ix_tenancy_tenant__owner_id ON tenancy_tenant ("owner_id");
CREATE INDEX ix_tenancy_tenant__ordering ON tenancy_tenant ("name", "id");

CREATE TABLE tenancy_contactgroup (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_tenancy_contactgroup__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_tenancy_contactgroup__slug UNIQUE,
    "parent_id" INTEGER CONSTRAINT fk_tenancy_contactgroup__parent_id REFERENCES tenancy_contactgroup (id) ON DELETE CASCADE,
    "description" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    "owner_id" INTEGER CONSTRAINT fk_tenancy_contactgroup__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ix_tenancy_contactgroup__parent_id ON tenancy_contactgroup ("parent_id");
CREATE INDEX ix_tenancy_contactgroup__owner_id ON tenancy_contactgroup ("owner_id");
CREATE INDEX ix_tenancy_contactgroup__ordering ON tenancy_contactgroup ("name", "id");

CREATE TABLE tenancy_contactrole (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_tenancy_contactrole__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_tenancy_contactrole__slug UNIQUE,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_tenancy_contactrole__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_tenancy_contactrole__owner_id ON tenancy_contactrole ("owner_id");
CREATE INDEX ix_tenancy_contactrole__ordering ON tenancy_contactrole ("name", "id");

CREATE TABLE tenancy_contact (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "link" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_tenancy_contact__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_tenancy_contact__owner_id ON tenancy_contact ("owner_id");
CREATE INDEX ix_tenancy_contact__ordering ON tenancy_contact ("name", "id");

CREATE TABLE tenancy_contactassignment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "object_type" TEXT NOT NULL,
    "object_id" INTEGER NOT NULL,
    "contact_id" INTEGER NOT NULL CONSTRAINT fk_tenancy_contactassignment__contact_id REFERENCES tenancy_contact (id) ON DELETE CASCADE,
    "role_id" INTEGER CONSTRAINT fk_tenancy_contactassignment__role_id REFERENCES tenancy_contactrole (id) ON DELETE RESTRICT,
    "priority" TEXT,
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_tenancy_contactassignment__object_type_object_id_contact_id_ UNIQUE ("object_type", "object_id", "contact_id", "role_id")
);
CREATE INDEX ix_tenancy_contactassignment__contact_id ON tenancy_contactassignment ("contact_id");
CREATE INDEX ix_tenancy_contactassignment__role_id ON tenancy_contactassignment ("role_id");
CREATE INDEX ix_tenancy_contactassignment__ordering ON tenancy_contactassignment ("contact_id", "priority", "role_id", "id");

CREATE TABLE ipam_rir (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_rir__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_rir__slug UNIQUE,
    "is_private" BOOLEAN NOT NULL DEFAULT FALSE,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_rir__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_rir__owner_id ON ipam_rir ("owner_id");
CREATE INDEX ix_ipam_rir__ordering ON ipam_rir ("name", "id");

CREATE TABLE ipam_aggregate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "family" INTEGER NOT NULL,
    "prefix" TEXT NOT NULL,
    "prefix_key" BLOB NOT NULL,
    "prefix_last" BLOB NOT NULL,
    "prefix_len" INTEGER NOT NULL,
    "rir_id" INTEGER NOT NULL CONSTRAINT fk_ipam_aggregate__rir_id REFERENCES ipam_rir (id) ON DELETE RESTRICT,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_aggregate__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "date_added" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_aggregate__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_aggregate__prefix_key ON ipam_aggregate ("prefix_key");
CREATE INDEX ix_ipam_aggregate__rir_id ON ipam_aggregate ("rir_id");
CREATE INDEX ix_ipam_aggregate__tenant_id ON ipam_aggregate ("tenant_id");
CREATE INDEX ix_ipam_aggregate__owner_id ON ipam_aggregate ("owner_id");
CREATE INDEX ix_ipam_aggregate__ordering ON ipam_aggregate ("prefix_key", "prefix_len", "id");

CREATE TABLE ipam_asnrange (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_asnrange__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_asnrange__slug UNIQUE,
    "rir_id" INTEGER NOT NULL CONSTRAINT fk_ipam_asnrange__rir_id REFERENCES ipam_rir (id) ON DELETE RESTRICT,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_asnrange__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_asnrange__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_asnrange__rir_id ON ipam_asnrange ("rir_id");
CREATE INDEX ix_ipam_asnrange__tenant_id ON ipam_asnrange ("tenant_id");
CREATE INDEX ix_ipam_asnrange__owner_id ON ipam_asnrange ("owner_id");
CREATE INDEX ix_ipam_asnrange__ordering ON ipam_asnrange ("name", "id");

CREATE TABLE ipam_role (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_role__name UNIQUE,
    "slug" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_role__slug UNIQUE,
    "weight" INTEGER NOT NULL DEFAULT 1000,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_role__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_role__owner_id ON ipam_role ("owner_id");
CREATE INDEX ix_ipam_role__ordering ON ipam_role ("weight", "name", "id");

CREATE TABLE ipam_vrf (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "rd" TEXT CONSTRAINT uq_ipam_vrf__rd UNIQUE,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_vrf__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "enforce_unique" BOOLEAN NOT NULL DEFAULT TRUE,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_vrf__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_vrf__tenant_id ON ipam_vrf ("tenant_id");
CREATE INDEX ix_ipam_vrf__owner_id ON ipam_vrf ("owner_id");
CREATE INDEX ix_ipam_vrf__ordering ON ipam_vrf ("name", "rd", "id");

CREATE TABLE ipam_routetarget (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_routetarget__name UNIQUE,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_routetarget__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_routetarget__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_routetarget__tenant_id ON ipam_routetarget ("tenant_id");
CREATE INDEX ix_ipam_routetarget__owner_id ON ipam_routetarget ("owner_id");
CREATE INDEX ix_ipam_routetarget__ordering ON ipam_routetarget ("name", "id");

CREATE TABLE ipam_iprange (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "family" INTEGER NOT NULL,
    "start_address" TEXT NOT NULL,
    "start_address_key" BLOB NOT NULL,
    "start_address_len" INTEGER NOT NULL,
    "end_address" TEXT NOT NULL,
    "end_address_key" BLOB NOT NULL,
    "end_address_len" INTEGER NOT NULL,
    "vrf_id" INTEGER CONSTRAINT fk_ipam_iprange__vrf_id REFERENCES ipam_vrf (id) ON DELETE RESTRICT,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_iprange__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "status" TEXT NOT NULL,
    "role_id" INTEGER CONSTRAINT fk_ipam_iprange__role_id REFERENCES ipam_role (id) ON DELETE SET NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_iprange__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    "mark_populated" BOOLEAN NOT NULL DEFAULT FALSE,
    "mark_utilized" BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX ix_ipam_iprange__start_address_key ON ipam_iprange ("start_address_key");
CREATE INDEX ix_ipam_iprange__end_address_key ON ipam_iprange ("end_address_key");
CREATE INDEX ix_ipam_iprange__vrf_id ON ipam_iprange ("vrf_id");
CREATE INDEX ix_ipam_iprange__tenant_id ON ipam_iprange ("tenant_id");
CREATE INDEX ix_ipam_iprange__role_id ON ipam_iprange ("role_id");
CREATE INDEX ix_ipam_iprange__owner_id ON ipam_iprange ("owner_id");
CREATE INDEX ix_ipam_iprange__ordering ON ipam_iprange ("vrf_id", "start_address_key", "start_address_len", "id");

CREATE TABLE ipam_ipaddress (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "family" INTEGER NOT NULL,
    "address" TEXT NOT NULL,
    "address_key" BLOB NOT NULL,
    "address_len" INTEGER NOT NULL,
    "vrf_id" INTEGER CONSTRAINT fk_ipam_ipaddress__vrf_id REFERENCES ipam_vrf (id) ON DELETE RESTRICT,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_ipaddress__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "status" TEXT NOT NULL,
    "role" TEXT,
    "assigned_object_type" TEXT,
    "assigned_object_id" INTEGER,
    "nat_inside_id" INTEGER CONSTRAINT fk_ipam_ipaddress__nat_inside_id REFERENCES ipam_ipaddress (id) ON DELETE SET NULL,
    "dns_name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_ipaddress__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_ipaddress__address_key ON ipam_ipaddress ("address_key");
CREATE INDEX ix_ipam_ipaddress__vrf_id ON ipam_ipaddress ("vrf_id");
CREATE INDEX ix_ipam_ipaddress__tenant_id ON ipam_ipaddress ("tenant_id");
CREATE INDEX ix_ipam_ipaddress__nat_inside_id ON ipam_ipaddress ("nat_inside_id");
CREATE INDEX ix_ipam_ipaddress__owner_id ON ipam_ipaddress ("owner_id");
CREATE INDEX ix_ipam_ipaddress__ordering ON ipam_ipaddress ("address_key", "address_len", "id");
CREATE INDEX ix_ipam_ipaddress__vrf_key ON ipam_ipaddress (vrf_id, address_key);

CREATE TABLE ipam_vlangroup (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "slug" TEXT NOT NULL DEFAULT '',
    "scope_type" TEXT,
    "scope_id" INTEGER,
    "vid_ranges" TEXT NOT NULL,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_vlangroup__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_vlangroup__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_ipam_vlangroup__scope_type_scope_id_name UNIQUE ("scope_type", "scope_id", "name"),
    CONSTRAINT uq_ipam_vlangroup__scope_type_scope_id_slug UNIQUE ("scope_type", "scope_id", "slug")
);
CREATE INDEX ix_ipam_vlangroup__tenant_id ON ipam_vlangroup ("tenant_id");
CREATE INDEX ix_ipam_vlangroup__owner_id ON ipam_vlangroup ("owner_id");
CREATE INDEX ix_ipam_vlangroup__ordering ON ipam_vlangroup ("name", "id");

CREATE TABLE ipam_vlan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "site_id" INTEGER,
    "group_id" INTEGER CONSTRAINT fk_ipam_vlan__group_id REFERENCES ipam_vlangroup (id) ON DELETE RESTRICT,
    "vid" INTEGER NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "tenant_id" INTEGER CONSTRAINT fk_ipam_vlan__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "status" TEXT NOT NULL,
    "role_id" INTEGER CONSTRAINT fk_ipam_vlan__role_id REFERENCES ipam_role (id) ON DELETE SET NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "qinq_role" TEXT,
    "qinq_svlan_id" INTEGER CONSTRAINT fk_ipam_vlan__qinq_svlan_id REFERENCES ipam_vlan (id) ON DELETE RESTRICT,
    "owner_id" INTEGER CONSTRAINT fk_ipam_vlan__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_ipam_vlan__group_id_vid UNIQUE ("group_id", "vid"),
    CONSTRAINT uq_ipam_vlan__group_id_name UNIQUE ("group_id", "name")
);
CREATE INDEX ix_ipam_vlan__site_id ON ipam_vlan ("site_id");
CREATE INDEX ix_ipam_vlan__group_id ON ipam_vlan ("group_id");
CREATE INDEX ix_ipam_vlan__tenant_id ON ipam_vlan ("tenant_id");
CREATE INDEX ix_ipam_vlan__role_id ON ipam_vlan ("role_id");
CREATE INDEX ix_ipam_vlan__qinq_svlan_id ON ipam_vlan ("qinq_svlan_id");
CREATE INDEX ix_ipam_vlan__owner_id ON ipam_vlan ("owner_id");
CREATE INDEX ix_ipam_vlan__ordering ON ipam_vlan ("site_id", "group_id", "vid", "id");

CREATE TABLE ipam_vlantranslationpolicy (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_vlantranslationpolicy__name UNIQUE,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_vlantranslationpolicy__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_vlantranslationpolicy__owner_id ON ipam_vlantranslationpolicy ("owner_id");
CREATE INDEX ix_ipam_vlantranslationpolicy__ordering ON ipam_vlantranslationpolicy ("name", "id");

CREATE TABLE ipam_vlantranslationrule (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "policy_id" INTEGER NOT NULL CONSTRAINT fk_ipam_vlantranslationrule__policy_id REFERENCES ipam_vlantranslationpolicy (id) ON DELETE CASCADE,
    "local_vid" INTEGER NOT NULL,
    "remote_vid" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    CONSTRAINT uq_ipam_vlantranslationrule__policy_id_local_vid UNIQUE ("policy_id", "local_vid"),
    CONSTRAINT uq_ipam_vlantranslationrule__policy_id_remote_vid UNIQUE ("policy_id", "remote_vid")
);
CREATE INDEX ix_ipam_vlantranslationrule__policy_id ON ipam_vlantranslationrule ("policy_id");
CREATE INDEX ix_ipam_vlantranslationrule__ordering ON ipam_vlantranslationrule ("policy_id", "local_vid", "id");

CREATE TABLE ipam_fhrpgroup (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '',
    "protocol" TEXT NOT NULL,
    "group_id" INTEGER NOT NULL,
    "auth_type" TEXT,
    "auth_key" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_fhrpgroup__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_fhrpgroup__owner_id ON ipam_fhrpgroup ("owner_id");
CREATE INDEX ix_ipam_fhrpgroup__ordering ON ipam_fhrpgroup ("protocol", "group_id", "id");

CREATE TABLE ipam_fhrpgroupassignment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "group_id" INTEGER NOT NULL CONSTRAINT fk_ipam_fhrpgroupassignment__group_id REFERENCES ipam_fhrpgroup (id) ON DELETE CASCADE,
    "interface_type" TEXT NOT NULL,
    "interface_id" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL,
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_fhrpgroupassignment__group_id ON ipam_fhrpgroupassignment ("group_id");
CREATE INDEX ix_ipam_fhrpgroupassignment__ordering ON ipam_fhrpgroupassignment ("priority" DESC, "id");

CREATE TABLE ipam_servicetemplate (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL DEFAULT '' CONSTRAINT uq_ipam_servicetemplate__name UNIQUE,
    "port_mappings" TEXT NOT NULL,
    "protocol" TEXT,
    "ports" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_servicetemplate__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_servicetemplate__owner_id ON ipam_servicetemplate ("owner_id");
CREATE INDEX ix_ipam_servicetemplate__ordering ON ipam_servicetemplate ("name", "id");

CREATE TABLE ipam_service (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "parent_object_type" TEXT NOT NULL,
    "parent_object_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "port_mappings" TEXT NOT NULL,
    "protocol" TEXT,
    "ports" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_service__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_service__owner_id ON ipam_service ("owner_id");
CREATE INDEX ix_ipam_service__ordering ON ipam_service ("protocol", "name", "id");

CREATE TABLE ipam_asn (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "asn" INTEGER NOT NULL CONSTRAINT uq_ipam_asn__asn UNIQUE,
    "rir_id" INTEGER CONSTRAINT fk_ipam_asn__rir_id REFERENCES ipam_rir (id) ON DELETE RESTRICT,
    "role_id" INTEGER CONSTRAINT fk_ipam_asn__role_id REFERENCES ipam_role (id) ON DELETE SET NULL,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_asn__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_asn__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT
);
CREATE INDEX ix_ipam_asn__rir_id ON ipam_asn ("rir_id");
CREATE INDEX ix_ipam_asn__role_id ON ipam_asn ("role_id");
CREATE INDEX ix_ipam_asn__tenant_id ON ipam_asn ("tenant_id");
CREATE INDEX ix_ipam_asn__owner_id ON ipam_asn ("owner_id");
CREATE INDEX ix_ipam_asn__ordering ON ipam_asn ("asn", "id");

CREATE TABLE ipam_prefix (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "family" INTEGER NOT NULL,
    "prefix" TEXT NOT NULL,
    "prefix_key" BLOB NOT NULL,
    "prefix_last" BLOB NOT NULL,
    "prefix_len" INTEGER NOT NULL,
    "vrf_id" INTEGER CONSTRAINT fk_ipam_prefix__vrf_id REFERENCES ipam_vrf (id) ON DELETE RESTRICT,
    "scope_type" TEXT,
    "scope_id" INTEGER,
    "tenant_id" INTEGER CONSTRAINT fk_ipam_prefix__tenant_id REFERENCES tenancy_tenant (id) ON DELETE RESTRICT,
    "vlan_id" INTEGER CONSTRAINT fk_ipam_prefix__vlan_id REFERENCES ipam_vlan (id) ON DELETE SET NULL,
    "status" TEXT NOT NULL,
    "role_id" INTEGER CONSTRAINT fk_ipam_prefix__role_id REFERENCES ipam_role (id) ON DELETE SET NULL,
    "is_pool" BOOLEAN NOT NULL DEFAULT FALSE,
    "mark_utilized" BOOLEAN NOT NULL DEFAULT FALSE,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" INTEGER CONSTRAINT fk_ipam_prefix__owner_id REFERENCES users_owner (id) ON DELETE SET NULL,
    "comments" TEXT NOT NULL DEFAULT '',
    "custom_field_data" TEXT NOT NULL DEFAULT '{}',
    "created" TEXT,
    "last_updated" TEXT,
    "children" INTEGER NOT NULL DEFAULT 0,
    "depth" INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_ipam_prefix__prefix_key ON ipam_prefix ("prefix_key");
CREATE INDEX ix_ipam_prefix__vrf_id ON ipam_prefix ("vrf_id");
CREATE INDEX ix_ipam_prefix__tenant_id ON ipam_prefix ("tenant_id");
CREATE INDEX ix_ipam_prefix__vlan_id ON ipam_prefix ("vlan_id");
CREATE INDEX ix_ipam_prefix__role_id ON ipam_prefix ("role_id");
CREATE INDEX ix_ipam_prefix__owner_id ON ipam_prefix ("owner_id");
CREATE INDEX ix_ipam_prefix__ordering ON ipam_prefix ("vrf_id", "prefix_key", "prefix_len", "id");
CREATE INDEX ix_ipam_prefix__vrf_key ON ipam_prefix (vrf_id, prefix_key, prefix_last);

CREATE TABLE tenancy_contact_groups (
    contact_id INTEGER NOT NULL REFERENCES tenancy_contact (id) ON DELETE CASCADE,
    contactgroup_id INTEGER NOT NULL REFERENCES tenancy_contactgroup (id) ON DELETE CASCADE,
    PRIMARY KEY (contact_id, contactgroup_id)
);
CREATE INDEX ix_tenancy_contact_groups__contactgroup_id ON tenancy_contact_groups (contactgroup_id);

CREATE TABLE ipam_vrf_import_targets (
    vrf_id INTEGER NOT NULL REFERENCES ipam_vrf (id) ON DELETE CASCADE,
    routetarget_id INTEGER NOT NULL REFERENCES ipam_routetarget (id) ON DELETE CASCADE,
    PRIMARY KEY (vrf_id, routetarget_id)
);
CREATE INDEX ix_ipam_vrf_import_targets__routetarget_id ON ipam_vrf_import_targets (routetarget_id);

CREATE TABLE ipam_vrf_export_targets (
    vrf_id INTEGER NOT NULL REFERENCES ipam_vrf (id) ON DELETE CASCADE,
    routetarget_id INTEGER NOT NULL REFERENCES ipam_routetarget (id) ON DELETE CASCADE,
    PRIMARY KEY (vrf_id, routetarget_id)
);
CREATE INDEX ix_ipam_vrf_export_targets__routetarget_id ON ipam_vrf_export_targets (routetarget_id);

CREATE TABLE ipam_service_ipaddresses (
    service_id INTEGER NOT NULL REFERENCES ipam_service (id) ON DELETE CASCADE,
    ipaddress_id INTEGER NOT NULL REFERENCES ipam_ipaddress (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, ipaddress_id)
);
CREATE INDEX ix_ipam_service_ipaddresses__ipaddress_id ON ipam_service_ipaddresses (ipaddress_id);

CREATE TABLE users_user_groups (
    user_id INTEGER NOT NULL REFERENCES users_user (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES users_group (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
);
CREATE INDEX ix_users_user_groups__group_id ON users_user_groups (group_id);

CREATE TABLE users_owner_user_groups (
    owner_id INTEGER NOT NULL REFERENCES users_owner (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES users_group (id) ON DELETE CASCADE,
    PRIMARY KEY (owner_id, group_id)
);
CREATE INDEX ix_users_owner_user_groups__group_id ON users_owner_user_groups (group_id);

CREATE TABLE users_owner_users (
    owner_id INTEGER NOT NULL REFERENCES users_owner (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users_user (id) ON DELETE CASCADE,
    PRIMARY KEY (owner_id, user_id)
);
CREATE INDEX ix_users_owner_users__user_id ON users_owner_users (user_id);

CREATE TABLE extras_taggeditem (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tag_id INTEGER NOT NULL REFERENCES extras_tag (id) ON DELETE CASCADE,
    object_type TEXT NOT NULL,
    object_id INTEGER NOT NULL,
    CONSTRAINT uq_extras_taggeditem__tag_object UNIQUE (tag_id, object_type, object_id)
);
CREATE INDEX ix_extras_taggeditem__object ON extras_taggeditem (object_type, object_id);

CREATE TABLE ipam_vlangroup_vid_ranges (
    vlangroup_id INTEGER NOT NULL REFERENCES ipam_vlangroup (id) ON DELETE CASCADE,
    lower_vid INTEGER NOT NULL,
    upper_vid INTEGER NOT NULL
);
CREATE INDEX ix_ipam_vlangroup_vid_ranges__group ON ipam_vlangroup_vid_ranges (vlangroup_id);

CREATE TABLE ironbox_setting (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL CONSTRAINT uq_ironbox_setting__key UNIQUE,
    value TEXT NOT NULL
);

CREATE TABLE ironbox_idempotency (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL CONSTRAINT uq_ironbox_idempotency__key UNIQUE,
    response TEXT NOT NULL,
    created TEXT NOT NULL
);

