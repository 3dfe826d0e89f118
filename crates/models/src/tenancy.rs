//! Tenancy: tenant groups, tenants, contacts and their assignments (NetBox `tenancy`).

use crate::{Fields, desc_owner_comments, tags_cf_times};
use ironbox_core::{Field, Model, OnDelete, meta::Row};

/// Contact assignment priorities.
pub const PRIORITY: &[(&str, &str)] = &[
    ("primary", "Primary"),
    ("secondary", "Secondary"),
    ("tertiary", "Tertiary"),
    ("inactive", "Inactive"),
];

fn nested_group(
    app: &'static str,
    model: &'static str,
    class: &'static str,
    api: &'static str,
    table: &'static str,
    target: &'static str,
    count: Field,
) -> Model {
    Model::new(app, model, class, api, table)
        .search(crate::NESTED_GROUP)
        .field(Field::text("name", 100).required().unique())
        .field(Field::slug("slug").required().unique())
        .field(
            Field::fk("parent", target)
                .on_delete(OnDelete::Cascade)
                .nested(),
        )
        .field(Field::text("description", 200))
        .fields(vec![
            Field::tags(),
            Field::custom_fields(),
            crate::created(),
            crate::last_updated(),
        ])
        .field(count)
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .field(Field::computed("_depth").meta_type("integer"))
        .nested(&["display_url", "name", "slug", "_depth"])
        .tree("parent")
}

fn with_brief_count(mut m: Model, count: &'static str) -> Model {
    m.brief = vec!["name", "slug", "description", count, "_depth"];
    m
}

fn contact_assignment_display(r: &Row) -> String {
    format!(
        "{} -> {}#{}",
        r.int("contact_id").unwrap_or_default(),
        r.text("object_type"),
        r.int("object_id").unwrap_or_default()
    )
}

/// The tenancy models.
pub fn models() -> Vec<Model> {
    vec![
        with_brief_count(
            nested_group(
                "tenancy",
                "tenantgroup",
                "TenantGroup",
                "tenancy/tenant-groups",
                "tenancy_tenantgroup",
                "tenancy.tenantgroup",
                Field::count("tenant_count", "tenancy.tenant", "group"),
            )
            .verbose("tenant group", "tenant groups"),
            "tenant_count",
        ),
        Model::new(
            "tenancy",
            "tenant",
            "Tenant",
            "tenancy/tenants",
            "tenancy_tenant",
        )
        .verbose("tenant", "tenants")
        .search(&[
            "name__icontains",
            "slug__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(Field::text("name", 100).required())
        .field(Field::slug("slug").required())
        .field(Field::fk("group", "tenancy.tenantgroup").on_delete(OnDelete::SetNull))
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .field(Field::count("circuit_count", "circuits.circuit", "tenant"))
        .field(Field::count("device_count", "dcim.device", "tenant"))
        .field(Field::count("ipaddress_count", "ipam.ipaddress", "tenant"))
        .field(Field::count("prefix_count", "ipam.prefix", "tenant"))
        .field(Field::count("rack_count", "dcim.rack", "tenant"))
        .field(Field::count("site_count", "dcim.site", "tenant"))
        .field(Field::count(
            "virtualmachine_count",
            "virtualization.virtualmachine",
            "tenant",
        ))
        .field(Field::count("vlan_count", "ipam.vlan", "tenant"))
        .field(Field::count("vrf_count", "ipam.vrf", "tenant"))
        .field(Field::count(
            "cluster_count",
            "virtualization.cluster",
            "tenant",
        ))
        .unique_per(&["group", "name"], "Tenant name must be unique per group.")
        .unique_per(&["group", "slug"], "Tenant slug must be unique per group.")
        .brief(&["name", "slug", "description"]),
        with_brief_count(
            nested_group(
                "tenancy",
                "contactgroup",
                "ContactGroup",
                "tenancy/contact-groups",
                "tenancy_contactgroup",
                "tenancy.contactgroup",
                Field::count("contact_count", "tenancy.contact", "groups"),
            )
            .verbose("contact group", "contact groups"),
            "contact_count",
        ),
        Model::new(
            "tenancy",
            "contactrole",
            "ContactRole",
            "tenancy/contact-roles",
            "tenancy_contactrole",
        )
        .verbose("contact role", "contact roles")
        .search(crate::ORGANIZATIONAL)
        .field(Field::text("name", 100).required().unique())
        .field(Field::slug("slug").required().unique())
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .brief(&["name", "slug", "description"]),
        Model::new(
            "tenancy",
            "contact",
            "Contact",
            "tenancy/contacts",
            "tenancy_contact",
        )
        .verbose("contact", "contacts")
        .search(&[
            "name__icontains",
            "title__icontains",
            "phone__icontains",
            "email__icontains",
            "address__icontains",
            "link__icontains",
            "description__icontains",
            "comments__icontains",
        ])
        .field(Field::m2m(
            "groups",
            "tenancy.contactgroup",
            "tenancy_contact_groups",
            "contact_id",
            "contactgroup_id",
        ))
        .field(Field::text("name", 100).required())
        .field(Field::text("title", 100))
        .field(Field::text("phone", 50))
        .field(Field::text("email", 254))
        .field(Field::text("address", 200))
        .field(Field::text("link", 200))
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .brief(&["name", "description"]),
        Model::new(
            "tenancy",
            "contactassignment",
            "ContactAssignment",
            "tenancy/contact-assignments",
            "tenancy_contactassignment",
        )
        .verbose("contact assignment", "contact assignments")
        .search(&["contact__name__icontains", "role__name__icontains"])
        .field(Field::object_type("object_type").required())
        .field(Field::int("object_id", 0, i64::MAX).required())
        .field(Field::generic("object", "object_type", "object_id"))
        .field(
            Field::fk("contact", "tenancy.contact")
                .required()
                .not_null()
                .on_delete(OnDelete::Cascade)
                .slug_attr(None),
        )
        .field(Field::fk("role", "tenancy.contactrole").on_delete(OnDelete::Protect))
        .field(
            Field::choice("priority", PRIORITY)
                .nullable()
                .default_str(""),
        )
        .fields(tags_cf_times())
        .display(contact_assignment_display)
        .ordering(&[("contact", false), ("priority", false), ("role", false)])
        .brief(&["contact", "role", "priority"])
        .no_display_url()
        .unique_together(
            &["object_type", "object_id", "contact", "role"],
            "Contact assignment with this Object type, Object id, Contact and Role already exists.",
        ),
    ]
}
