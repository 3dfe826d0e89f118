//! Core: the change log (NetBox `core.ObjectChange`).

use ironbox_core::{Field, Model, OnDelete, meta::Row};

/// Change actions.
pub const ACTION: &[(&str, &str)] = &[
    ("create", "Created"),
    ("update", "Updated"),
    ("delete", "Deleted"),
];

fn d_change(r: &Row) -> String {
    let action = ACTION
        .iter()
        .find(|(v, _)| *v == r.text("action"))
        .map_or("", |(_, l)| l);
    format!("{} {}", r.text("object_repr"), action.to_lowercase())
}

/// The core models.
pub fn models() -> Vec<Model> {
    vec![
        Model::new(
            "core",
            "objectchange",
            "ObjectChange",
            "core/object-changes",
            "core_objectchange",
        )
        .verbose("object change", "object changes")
        .search(&[
            "user_name__icontains",
            "object_repr__icontains",
            "message__icontains",
        ])
        .field(Field::datetime("time").not_null())
        .field(
            Field::fk("user", "users.user")
                .slug_attr(Some("username"))
                .on_delete(OnDelete::SetNull),
        )
        .field(Field::text("user_name", 150))
        .field(Field::text("request_id", 36))
        .field(Field::choice("action", ACTION))
        .field(Field::object_type("changed_object_type"))
        .field(Field::int("changed_object_id", 0, i64::MAX))
        .field(Field::generic(
            "changed_object",
            "changed_object_type",
            "changed_object_id",
        ))
        .field(Field::text("object_repr", 200))
        .field(Field::long_text("message"))
        .field(Field::json("prechange_data").nullable().no_filter())
        .field(Field::json("postchange_data").nullable().no_filter())
        .display(d_change)
        .ordering(&[("time", true)])
        .ui("core/changelog")
        .read_only_api()
        .no_changelog(),
    ]
}
