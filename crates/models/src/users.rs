//! Users, groups, owners and API tokens (NetBox `users`).

use ironbox_core::{Field, Model, OnDelete, meta::Row};

fn d_username(r: &Row) -> String {
    // NetBox's user serializer: `username (First Last)` when a name is set.
    let full = format!("{} {}", r.text("first_name"), r.text("last_name"));
    match full.trim() {
        "" => r.text("username").to_string(),
        full => format!("{} ({full})", r.text("username")),
    }
}
fn d_token(r: &Row) -> String {
    match r.get("key").as_str() {
        Some(k) if !k.is_empty() => k.to_string(),
        _ => format!("v1 token #{}", r.id),
    }
}

/// The users models.
pub fn models() -> Vec<Model> {
    vec![
        Model::new("users", "user", "User", "users/users", "users_user")
            .verbose("user", "users")
            .search(&[
                "username__icontains",
                "first_name__icontains",
                "last_name__icontains",
                "email__icontains",
            ])
            .field(
                Field::text("username", 150)
                    .required()
                    .unique_msg("A user with that username already exists."),
            )
            .field(
                Field::text("password", 128)
                    .required()
                    .write_only()
                    .no_filter(),
            )
            .field(Field::text("first_name", 150))
            .field(Field::text("last_name", 150))
            .field(Field::text("email", 254).label("Email address"))
            .field(
                Field::boolean("is_active")
                    .label("Active")
                    .default(serde_json::Value::Bool(true)),
            )
            .field(Field::boolean("is_superuser").write_only())
            .field(Field::datetime("date_joined").read_only())
            .field(Field::datetime("last_login").read_only())
            .field(Field::m2m(
                "groups",
                "users.group",
                "users_user_groups",
                "user_id",
                "group_id",
            ))
            .field(Field::m2m(
                "permissions",
                "users.objectpermission",
                "users_objectpermission_users",
                "user_id",
                "objectpermission_id",
            ))
            .display(d_username)
            .ordering(&[("username", false)])
            .brief(&["username"])
            .nested(&["display_url", "username"])
            .ui("users/users"),
        Model::new("users", "group", "Group", "users/groups", "users_group")
            .verbose("group", "groups")
            .search(&["name__icontains", "description__icontains"])
            .field(Field::text("name", 150).required().unique())
            .field(Field::text("description", 200))
            .field(Field::m2m(
                "permissions",
                "users.objectpermission",
                "users_objectpermission_groups",
                "group_id",
                "objectpermission_id",
            ))
            .field(Field::count("user_count", "users.user", "groups").meta_type("integer"))
            .brief(&["name", "description"])
            .nested(&["display_url", "name"]),
        Model::new(
            "users",
            "objectpermission",
            "ObjectPermission",
            "users/permissions",
            "users_objectpermission",
        )
        .verbose("permission", "permissions")
        .search(&["name__icontains", "description__icontains"])
        .field(Field::text("name", 100).required())
        .field(Field::text("description", 200))
        .field(Field::boolean("enabled").default(serde_json::Value::Bool(true)))
        .field(Field::json("object_types").required())
        .field(Field::json("actions").required().meta_type("list"))
        .field(Field::json("constraints").nullable())
        .field(
            Field::m2m(
                "groups",
                "users.group",
                "users_objectpermission_groups",
                "objectpermission_id",
                "group_id",
            )
            .nested(),
        )
        .field(
            Field::m2m(
                "users",
                "users.user",
                "users_objectpermission_users",
                "objectpermission_id",
                "user_id",
            )
            .nested(),
        )
        .ordering(&[("name", false)])
        .brief(&["name", "description", "enabled", "object_types", "actions"]),
        Model::new(
            "users",
            "ownergroup",
            "OwnerGroup",
            "users/owner-groups",
            "users_ownergroup",
        )
        .verbose("owner group", "owner groups")
        .search(&["name__icontains", "description__icontains"])
        .field(Field::text("name", 100).required().unique())
        .field(Field::text("description", 200))
        .field(Field::count("member_count", "users.owner", "group"))
        .brief(&["name", "description"]),
        Model::new("users", "owner", "Owner", "users/owners", "users_owner")
            .verbose("owner", "owners")
            .search(&["name__icontains", "description__icontains"])
            .field(Field::text("name", 100).required().unique())
            .field(
                Field::fk("group", "users.ownergroup")
                    .slug_attr(Some("name"))
                    .on_delete(OnDelete::Protect),
            )
            .field(Field::text("description", 200))
            .field(Field::m2m(
                "user_groups",
                "users.group",
                "users_owner_user_groups",
                "owner_id",
                "group_id",
            ))
            .field(Field::m2m(
                "users",
                "users.user",
                "users_owner_users",
                "owner_id",
                "user_id",
            ))
            .brief(&["name", "description"]),
        Model::new("users", "token", "Token", "users/tokens", "users_token")
            .verbose("token", "tokens")
            .search(&["key", "user__username__icontains", "description__icontains"])
            .field(Field::int("version", 1, 2).default(serde_json::json!(2)))
            .field(Field::text("key", 16).nullable().read_only().unique())
            .field(
                Field::fk("user", "users.user")
                    .required()
                    .not_null()
                    .on_delete(OnDelete::Cascade)
                    .slug_attr(Some("username")),
            )
            .field(Field::text("description", 200))
            .field(Field::datetime("created").read_only())
            .field(Field::datetime("expires"))
            .field(Field::datetime("last_used"))
            .field(Field::boolean("enabled").default(serde_json::Value::Bool(true)))
            .field(Field::boolean("write_enabled").default(serde_json::Value::Bool(true)))
            .field(
                Field::int("pepper_id", 0, 32767)
                    .label("Pepper ID")
                    .nullable()
                    .read_only(),
            )
            .field(
                Field::json("allowed_ips")
                    .default(serde_json::json!([]))
                    .no_filter(),
            )
            .field(Field::computed("token").meta_type("string"))
            .field(Field::text("digest", 128).hidden())
            .display(d_token)
            .ordering(&[("created", true)])
            .brief(&["version", "key", "enabled", "write_enabled", "description"])
            .no_changelog(),
    ]
}
