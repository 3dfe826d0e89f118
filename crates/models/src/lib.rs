//! Model declarations, one module per NetBox app. Data only: no SQL, no HTTP, no behaviour.
//!
//! Field order follows NetBox 4.7's serializers so JSON reads the same; behaviour that NetBox has
//! per model (validation, computed fields, allocation) lives in `ironbox-service`.

use ironbox_core::{Field, Model, Registry};

pub mod core;
pub mod dcim;
pub mod extras;
pub mod ipam;
pub mod tenancy;
pub mod users;

/// `q` of NetBox's `OrganizationalModelFilterSet` (manufacturers, RIRs, roles …).
pub const ORGANIZATIONAL: &[&str] = &[
    "name__icontains",
    "slug__icontains",
    "description__icontains",
];

/// `q` of NetBox's `NestedGroupModelFilterSet` (regions, site groups, tenant groups …).
pub const NESTED_GROUP: &[&str] = &[
    "name__icontains",
    "slug__icontains",
    "description__icontains",
    "comments__icontains",
];

/// `description`, `owner`, `comments` in NetBox's usual order.
pub fn desc_owner_comments() -> Vec<Field> {
    vec![
        Field::text("description", 200),
        Field::fk("owner", "users.owner").slug_attr(Some("name")),
        Field::long_text("comments"),
    ]
}

/// `tags`, `custom_fields`, `created`, `last_updated`.
pub fn tags_cf_times() -> Vec<Field> {
    vec![
        Field::tags(),
        Field::custom_fields(),
        created(),
        last_updated(),
    ]
}

/// The `created` timestamp.
pub fn created() -> Field {
    Field::datetime("created").read_only()
}

/// The `last_updated` timestamp.
pub fn last_updated() -> Field {
    Field::datetime("last_updated").read_only()
}

/// Adds several fields in order.
pub trait Fields {
    /// Appends the fields.
    fn fields(self, fs: Vec<Field>) -> Self;
}

impl Fields for Model {
    fn fields(mut self, fs: Vec<Field>) -> Self {
        self.fields.extend(fs);
        self
    }
}

/// Every model Ironbox knows.
pub fn registry() -> Registry {
    let mut all = Vec::new();
    all.extend(tenancy::models());
    all.extend(extras::models());
    all.extend(ipam::models());
    all.extend(dcim::models());
    all.extend(users::models());
    all.extend(core::models());
    Registry::new(all)
}

#[cfg(test)]
mod tests {
    /// Relations NetBox 4.7 filters by id only (`cable_id`, `device_type_id` of a template, a
    /// device's `rack_id`), declared `.slug_attr(None)`: NetBox ignores their by-name parameter,
    /// and so does Ironbox (the web tests compare every list's parameters with NetBox's schema).
    const NO_NAME_FILTER: &[(&str, &str)] = &[
        ("dcim.consoleporttemplate", "device_type"),
        ("dcim.consoleserverporttemplate", "device_type"),
        ("dcim.coolingintaketemplate", "device_type"),
        ("dcim.coolingoutflowtemplate", "device_type"),
        ("dcim.coolingoutflowtemplate", "cooling_intake"),
        ("dcim.devicebaytemplate", "device_type"),
        ("dcim.frontporttemplate", "device_type"),
        ("dcim.interfacetemplate", "device_type"),
        ("dcim.interfacetemplate", "bridge"),
        ("dcim.interfacetemplate", "parent"),
        ("dcim.inventoryitemtemplate", "device_type"),
        ("dcim.modulebaytemplate", "device_type"),
        ("dcim.poweroutlettemplate", "device_type"),
        ("dcim.powerporttemplate", "device_type"),
        ("dcim.rearporttemplate", "device_type"),
        ("dcim.consoleport", "cable"),
        ("dcim.consoleserverport", "cable"),
        ("dcim.frontport", "cable"),
        ("dcim.rearport", "cable"),
        ("dcim.powerport", "cable"),
        ("dcim.poweroutlet", "cable"),
        ("dcim.poweroutlet", "power_port"),
        ("dcim.interface", "cable"),
        ("dcim.interface", "bridge"),
        ("dcim.interface", "lag"),
        ("dcim.interface", "parent"),
        ("dcim.coolingfeed", "cooling_source"),
        ("dcim.coolingfeed", "rack"),
        ("dcim.coolingintake", "cooling_outflow"),
        ("dcim.coolingoutflow", "cooling_intake"),
        ("dcim.device", "rack"),
        ("dcim.device", "virtual_chassis"),
        ("dcim.module", "module_bay"),
        ("dcim.powerfeed", "cable"),
        ("dcim.powerfeed", "power_panel"),
        ("dcim.powerfeed", "rack"),
        ("dcim.powerpanel", "location"),
        ("dcim.rackreservation", "rack"),
    ];

    /// Every relation the list names exists and is declared without a by-name filter.
    #[test]
    fn relations_without_a_name_filter_exist() {
        let reg = super::registry();
        for (key, field) in NO_NAME_FILTER {
            let m = reg.get(key).unwrap_or_else(|| panic!("no model {key}"));
            let f = m
                .field_named(field)
                .unwrap_or_else(|| panic!("no field {key}.{field}"));
            assert_eq!(reg.fk_name_attr(f), None, "{key}.{field}");
        }
    }

    /// Every `q` term names fields that exist, through relations that exist, with a lookup that
    /// applies to the field's kind.
    #[test]
    fn every_search_term_resolves() {
        let reg = super::registry();
        let mut wrong = Vec::new();
        for m in reg.all() {
            for t in &m.search {
                if let Err(e) = reg.search_path(m, t) {
                    wrong.push(e);
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
