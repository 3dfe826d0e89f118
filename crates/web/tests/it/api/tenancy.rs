//! Tenancy: nested groups, tenants, contacts and assignments.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn nested_tenant_groups_report_depth_and_filter_by_ancestor() {
    let app = TestApp::new().await;
    let root = app
        .create(
            "/api/tenancy/tenant-groups/",
            json!({"name": "Root", "slug": "root"}),
        )
        .await;
    let child = app
        .create(
            "/api/tenancy/tenant-groups/",
            json!({"name": "Child", "slug": "child", "parent": root["id"]}),
        )
        .await;
    assert_eq!(child["_depth"], 1);
    assert_eq!(child["parent"]["slug"], "root");
    app.create(
        "/api/tenancy/tenants/",
        json!({"name": "Deep", "slug": "deep", "group": {"slug": "child"}}),
    )
    .await;
    app.create(
        "/api/tenancy/tenants/",
        json!({"name": "Other", "slug": "other"}),
    )
    .await;
    let (s, j) = app
        .call("GET", "/api/tenancy/tenants/?group_id=999999", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j["group_id"][0],
        "Select a valid choice. 999999 is not one of the available choices."
    );
    let g = app
        .get(&format!("/api/tenancy/tenant-groups/{}/", root["id"]))
        .await;
    assert_eq!(
        g["tenant_count"], 1,
        "counts include the subtree, like NetBox"
    );
    let c = app
        .get(&format!("/api/tenancy/tenant-groups/{}/", child["id"]))
        .await;
    assert_eq!(c["tenant_count"], 1);
    assert_eq!(
        app.count(&format!(
            "/api/tenancy/tenant-groups/?ancestor_id={}",
            root["id"]
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "/api/tenancy/tenant-groups/?parent_id={}",
            root["id"]
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!("/api/tenancy/tenants/?group_id={}", child["id"]))
            .await,
        1
    );
    // Tree filters through an FK: prefixes of tenants anywhere below a group.
    app.create(
        "/api/ipam/prefixes/",
        json!({"prefix": "10.0.0.0/24", "tenant": {"slug": "deep"}}),
    )
    .await;
    app.create("/api/ipam/prefixes/", json!({"prefix": "10.0.1.0/24"}))
        .await;
    assert_eq!(app.count("/api/ipam/prefixes/?tenant_group=root").await, 1);
    assert_eq!(
        app.count(&format!(
            "/api/ipam/prefixes/?tenant_group_id={}",
            child["id"]
        ))
        .await,
        1
    );
    assert_eq!(
        app.count("/api/ipam/prefixes/?tenant_group__n=root").await,
        1
    );
    // A group cannot become its own descendant.
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/tenancy/tenant-groups/{}/", root["id"]),
            Some(json!({"parent": child["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
}

#[tokio::test]
async fn tenants_filter_like_netbox() {
    let app = TestApp::new().await;
    app.create(
        "/api/tenancy/tenant-groups/",
        json!({"name": "G", "slug": "g"}),
    )
    .await;
    for (n, s, d) in [
        ("Alpha Corp", "alpha", "core customer"),
        ("Beta", "beta", ""),
        ("Gamma", "gamma", "edge"),
    ] {
        app.create("/api/tenancy/tenants/", json!({"name": n, "slug": s, "description": d, "group": if s == "beta" { json!({"slug": "g"}) } else { json!(null) }})).await;
    }
    assert_eq!(
        app.count("/api/tenancy/tenants/?slug=alpha&slug=beta")
            .await,
        2
    );
    assert_eq!(app.count("/api/tenancy/tenants/?slug__n=alpha").await, 2);
    assert_eq!(app.count("/api/tenancy/tenants/?name__ic=CORP").await, 1);
    assert_eq!(app.count("/api/tenancy/tenants/?name__isw=al").await, 1);
    assert_eq!(app.count("/api/tenancy/tenants/?name__iew=MMA").await, 1);
    assert_eq!(app.count("/api/tenancy/tenants/?name__ie=beta").await, 1);
    assert_eq!(app.count("/api/tenancy/tenants/?name__nie=beta").await, 2);
    assert_eq!(
        app.count("/api/tenancy/tenants/?description__empty=true")
            .await,
        1
    );
    assert_eq!(
        app.count("/api/tenancy/tenants/?description__empty=false")
            .await,
        2
    );
    assert_eq!(app.count("/api/tenancy/tenants/?group=g").await, 1);
    assert_eq!(app.count("/api/tenancy/tenants/?group_id=null").await, 2);
    assert_eq!(app.count("/api/tenancy/tenants/?q=edge").await, 1);
    assert_eq!(
        app.count("/api/tenancy/tenants/?created__gte=2000-01-01")
            .await,
        3
    );
    assert_eq!(
        app.count("/api/tenancy/tenants/?created__lt=2000-01-01")
            .await,
        0
    );
}

#[tokio::test]
async fn like_wildcards_in_filter_values_are_literal() {
    let app = TestApp::new().await;
    for (n, sl) in [
        ("50% Off", "a"),
        ("500 Off", "b"),
        ("x_y", "c"),
        ("xay", "d"),
    ] {
        app.create("/api/tenancy/tenants/", json!({"name": n, "slug": sl}))
            .await;
    }
    assert_eq!(app.count("/api/tenancy/tenants/?name__ic=50%25").await, 1);
    assert_eq!(app.count("/api/tenancy/tenants/?name__ic=x_y").await, 1);
    assert_eq!(app.count("/api/tenancy/tenants/?q=X_Y").await, 1);
    assert_eq!(
        app.count("/api/tenancy/tenants/?name__isw=50%25%20o").await,
        1
    );
}

#[tokio::test]
async fn duplicate_names_are_refused_case_insensitively() {
    let app = TestApp::new().await;
    app.create(
        "/api/tenancy/tenants/",
        json!({"name": "Acme", "slug": "acme"}),
    )
    .await;
    let (s, j) = app
        .call(
            "POST",
            "/api/tenancy/tenants/",
            Some(json!({"name": "ACME", "slug": "acme2"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"__all__": ["Tenant name must be unique per group."]})
    );
    // Unique per group: the same name in another group is fine.
    app.create(
        "/api/tenancy/tenant-groups/",
        json!({"name": "G", "slug": "g"}),
    )
    .await;
    app.create(
        "/api/tenancy/tenants/",
        json!({"name": "Acme", "slug": "acme", "group": {"slug": "g"}}),
    )
    .await;
}

#[tokio::test]
async fn contacts_groups_roles_and_assignments() {
    let app = TestApp::new().await;
    let g = app
        .create(
            "/api/tenancy/contact-groups/",
            json!({"name": "NOC", "slug": "noc"}),
        )
        .await;
    let r = app
        .create(
            "/api/tenancy/contact-roles/",
            json!({"name": "Owner", "slug": "owner"}),
        )
        .await;
    let c = app
        .create(
            "/api/tenancy/contacts/",
            json!({"name": "Ann", "email": "ann@example.com", "groups": [g["id"]]}),
        )
        .await;
    assert_eq!(c["groups"][0]["slug"], "noc");
    let t = app
        .create(
            "/api/tenancy/tenants/",
            json!({"name": "Acme", "slug": "acme"}),
        )
        .await;
    let a = app.create("/api/tenancy/contact-assignments/", json!({"object_type": "tenancy.tenant", "object_id": t["id"], "contact": c["id"], "role": r["id"], "priority": "primary"})).await;
    assert_eq!(a["object"]["name"], "Acme");
    assert_eq!(
        a["priority"],
        json!({"value": "primary", "label": "Primary"})
    );
    assert_eq!(
        app.count(&format!("/api/tenancy/contacts/?group_id={}", g["id"]))
            .await,
        1
    );
    // The role is protected while assigned.
    let (s, _) = app
        .call(
            "DELETE",
            &format!("/api/tenancy/contact-roles/{}/", r["id"]),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}
