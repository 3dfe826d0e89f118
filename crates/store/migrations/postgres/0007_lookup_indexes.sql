-- Generic foreign keys are looked up by (type, id): the addresses on an interface, the cable end on a port.
CREATE INDEX ix_tenancy_contactassignment__object_type_object_id ON tenancy_contactassignment ("object_type", "object_id");
CREATE INDEX ix_ipam_ipaddress__assigned_object_type_assigned_object_id ON ipam_ipaddress ("assigned_object_type", "assigned_object_id");
CREATE INDEX ix_ipam_fhrpgroupassignment__interface_type_interface_id ON ipam_fhrpgroupassignment ("interface_type", "interface_id");
CREATE INDEX ix_ipam_service__parent_object_type_parent_object_id ON ipam_service ("parent_object_type", "parent_object_id");
CREATE INDEX ix_dcim_macaddress__assigned_object_type_assigned_object_id ON dcim_macaddress ("assigned_object_type", "assigned_object_id");
CREATE INDEX ix_dcim_cabletermination__termination_type_termination_id ON dcim_cabletermination ("termination_type", "termination_id");
CREATE INDEX ix_dcim_inventoryitemtemplate__component_type_component_id ON dcim_inventoryitemtemplate ("component_type", "component_id");
CREATE INDEX ix_ipam_vlangroup__scope_type_scope_id ON ipam_vlangroup ("scope_type", "scope_id");
CREATE INDEX ix_ipam_prefix__scope_type_scope_id ON ipam_prefix ("scope_type", "scope_id");
CREATE INDEX ix_dcim_inventoryitem__component_type_component_id ON dcim_inventoryitem ("component_type", "component_id");
