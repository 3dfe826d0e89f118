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
