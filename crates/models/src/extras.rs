//! Extras: tags (NetBox `extras`). Custom fields, webhooks and the rest come later.

use ironbox_core::{Field, Model};

/// The extras models.
pub fn models() -> Vec<Model> {
    vec![
        Model::new("extras", "tag", "Tag", "extras/tags", "extras_tag")
            .verbose("tag", "tags")
            .search(&[
                "name__icontains",
                "slug__icontains",
                "description__icontains",
            ])
            .field(Field::text("name", 100).required().unique())
            .field(Field::slug("slug").required().unique())
            .field(Field::text("color", 6).default_str("9e9e9e"))
            .field(Field::text("description", 200))
            .field(Field::int("weight", 0, 32767).default(serde_json::json!(1000)))
            .field(
                Field::json("object_types")
                    .default(serde_json::json!([]))
                    .no_filter(),
            )
            .field(Field::computed("tagged_items"))
            .field(crate::created())
            .field(crate::last_updated())
            .ordering(&[("weight", false), ("name", false)])
            .brief(&["name", "slug", "color", "description"]),
    ]
}
