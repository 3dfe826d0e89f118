//! Prefixes: validation, VRF uniqueness, depth/children bookkeeping and containment filters.

use crate::support::{TestApp, prefix, vrf};
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn duplicates_in_an_enforcing_vrf_are_refused_with_netbox_message() {
    let app = TestApp::new().await;
    let blue = vrf(&app, "blue", "65000:1", true).await;
    let loose = vrf(&app, "loose", "65000:2", false).await;
    prefix(&app, "192.0.2.0/24", json!({"vrf": blue})).await;
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/prefixes/",
            Some(json!({"prefix": "192.0.2.0/24", "vrf": blue})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"prefix": ["Duplicate prefix found in VRF blue (65000:1): 192.0.2.0/24"]})
    );
    prefix(&app, "192.0.2.0/24", json!({"vrf": loose})).await;
    prefix(&app, "192.0.2.0/24", json!({"vrf": loose})).await;
    prefix(&app, "192.0.2.0/24", json!({})).await;
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/prefixes/",
            Some(json!({"prefix": "192.0.2.0/24"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j["prefix"][0],
        "Duplicate prefix found in global table: 192.0.2.0/24"
    );
}

#[tokio::test]
async fn host_bits_are_refused_and_family_is_derived() {
    let app = TestApp::new().await;
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/prefixes/",
            Some(json!({"prefix": "10.1.2.3/16"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"prefix": ["10.1.2.3/16 is not a valid prefix. Did you mean 10.1.0.0/16?"]})
    );
    let p = prefix(&app, "10.1.0.0/16", json!({})).await;
    assert_eq!(p["prefix"], "10.1.0.0/16");
    assert_eq!(p["family"], json!({"value": 4, "label": "IPv4"}));
    let p6 = prefix(&app, "2001:DB8::/48", json!({})).await;
    assert_eq!(p6["prefix"], "2001:db8::/48");
    assert_eq!(p6["family"]["value"], 6);
    assert_eq!(app.count("/api/ipam/prefixes/?family=6").await, 1);
}

#[tokio::test]
async fn depth_and_children_follow_inserts_moves_and_deletes() {
    let app = TestApp::new().await;
    let p8 = prefix(&app, "10.0.0.0/8", json!({"status": "container"})).await;
    let p24 = prefix(&app, "10.1.1.0/24", json!({})).await;
    assert_eq!(p24["_depth"], 1);
    // Inserting a middle level shifts both sides.
    let p16 = prefix(&app, "10.1.0.0/16", json!({})).await;
    assert_eq!(p16["_depth"], 1);
    assert_eq!(p16["children"], 1);
    let get = |id: &serde_json::Value| format!("/api/ipam/prefixes/{id}/");
    assert_eq!(app.get(&get(&p24["id"])).await["_depth"], 2);
    assert_eq!(app.get(&get(&p8["id"])).await["children"], 2);
    // Moving the /24 out of the /16.
    app.call(
        "PATCH",
        &get(&p24["id"]),
        Some(json!({"prefix": "10.2.1.0/24"})),
    )
    .await;
    assert_eq!(app.get(&get(&p24["id"])).await["_depth"], 1);
    assert_eq!(app.get(&get(&p16["id"])).await["children"], 0);
    assert_eq!(app.get(&get(&p8["id"])).await["children"], 2);
    // Deleting the /8 lifts everything.
    let (s, _) = app.call("DELETE", &get(&p8["id"]), None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&get(&p24["id"])).await["_depth"], 0);
    assert_eq!(app.get(&get(&p16["id"])).await["_depth"], 0);
}

#[tokio::test]
async fn containment_filters() {
    let app = TestApp::new().await;
    for p in [
        "10.0.0.0/8",
        "10.1.0.0/16",
        "10.1.2.0/24",
        "10.2.0.0/16",
        "192.168.0.0/16",
    ] {
        prefix(&app, p, json!({})).await;
    }
    assert_eq!(app.count("/api/ipam/prefixes/?within=10.0.0.0/8").await, 3);
    assert_eq!(
        app.count("/api/ipam/prefixes/?within_include=10.0.0.0/8")
            .await,
        4
    );
    assert_eq!(app.count("/api/ipam/prefixes/?contains=10.1.2.3").await, 3);
    assert_eq!(
        app.count("/api/ipam/prefixes/?contains=10.1.0.0/16").await,
        2
    );
    assert_eq!(app.count("/api/ipam/prefixes/?mask_length=16").await, 3);
    assert_eq!(
        app.count("/api/ipam/prefixes/?mask_length__gte=16").await,
        4
    );
    assert_eq!(app.count("/api/ipam/prefixes/?prefix=10.1.0.0/16").await, 1);
    assert_eq!(app.count("/api/ipam/prefixes/?q=192.168").await, 1);
    assert_eq!(app.count("/api/ipam/prefixes/?depth=1").await, 2);
    assert_eq!(app.count("/api/ipam/prefixes/?children__gt=0").await, 2);
}

#[tokio::test]
async fn vrf_rd_tenant_and_tag_filters() {
    let app = TestApp::new().await;
    let blue = vrf(&app, "blue", "65000:1", true).await;
    app.create(
        "/api/tenancy/tenants/",
        json!({"name": "Acme", "slug": "acme"}),
    )
    .await;
    app.create("/api/extras/tags/", json!({"name": "Core", "slug": "core"}))
        .await;
    app.create("/api/extras/tags/", json!({"name": "Edge", "slug": "edge"}))
        .await;
    prefix(&app, "10.0.0.0/24", json!({"vrf": blue, "tenant": {"slug": "acme"}, "tags": [{"slug": "core"}, {"name": "Edge"}]})).await;
    prefix(&app, "10.0.1.0/24", json!({"tags": [{"slug": "core"}]})).await;
    prefix(&app, "10.0.2.0/24", json!({})).await;
    assert_eq!(
        app.count(&format!("/api/ipam/prefixes/?vrf_id={blue}"))
            .await,
        1
    );
    assert_eq!(app.count("/api/ipam/prefixes/?vrf_id=null").await, 2);
    assert_eq!(app.count("/api/ipam/prefixes/?vrf=65000:1").await, 1);
    assert_eq!(app.count("/api/ipam/prefixes/?tenant=acme").await, 1);
    assert_eq!(app.count("/api/ipam/prefixes/?tenant__n=acme").await, 2);
    assert_eq!(app.count("/api/ipam/prefixes/?tag=core").await, 2);
    assert_eq!(app.count("/api/ipam/prefixes/?tag=core&tag=edge").await, 1);
    assert_eq!(app.count("/api/ipam/prefixes/?tag__n=core").await, 1);
    let p = app.get("/api/ipam/prefixes/?tag=edge").await;
    let tags = &p["results"][0]["tags"];
    assert_eq!(tags.as_array().unwrap().len(), 2);
    assert_eq!(tags[0]["slug"], "core");
    assert_eq!(p["results"][0]["vrf"]["display"], "blue (65000:1)");
    let vrfj = app.get(&format!("/api/ipam/vrfs/{blue}/")).await;
    assert_eq!(vrfj["prefix_count"], 1);
    // A VRF in use is protected.
    let (s, _) = app
        .call("DELETE", &format!("/api/ipam/vrfs/{blue}/"), None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
}

#[tokio::test]
async fn aggregates_may_not_overlap() {
    let app = TestApp::new().await;
    let rir = app
        .create(
            "/api/ipam/rirs/",
            json!({"name": "RFC 1918", "slug": "rfc1918", "is_private": true}),
        )
        .await;
    app.create(
        "/api/ipam/aggregates/",
        json!({"prefix": "10.0.0.0/8", "rir": rir["id"]}),
    )
    .await;
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/aggregates/",
            Some(json!({"prefix": "10.1.0.0/16", "rir": rir["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        j["prefix"][0]
            .as_str()
            .unwrap()
            .starts_with("Aggregates cannot overlap."),
        "{j}"
    );
    assert_eq!(
        app.get(&format!("/api/ipam/rirs/{}/", rir["id"])).await["aggregate_count"],
        1
    );
}
