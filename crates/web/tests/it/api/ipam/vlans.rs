//! VLANs and VLAN groups: VID bounds, group ranges, uniqueness.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn vids_must_fit_the_group_ranges() {
    let app = TestApp::new().await;
    let g = app
        .create(
            "/api/ipam/vlan-groups/",
            json!({"name": "Campus", "slug": "campus", "vid_ranges": [[100, 199], [300, 310]]}),
        )
        .await;
    assert_eq!(g["total_vlan_ids"], 111);
    app.create(
        "/api/ipam/vlans/",
        json!({"vid": 100, "name": "users", "group": g["id"]}),
    )
    .await;
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/vlans/",
            Some(json!({"vid": 200, "name": "x", "group": g["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j["vid"][0],
        "VID must be in ranges 100-199, 300-310 for VLANs in group Campus"
    );
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/vlans/",
            Some(json!({"vid": 100, "name": "dup", "group": g["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    let (s, _) = app
        .call(
            "POST",
            "/api/ipam/vlan-groups/",
            Some(json!({"name": "Bad", "slug": "bad", "vid_ranges": [[0, 5000]]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let v = app.get("/api/ipam/vlans/?vid=100").await;
    assert_eq!(v["results"][0]["display"], "users (100)");
    assert_eq!(v["results"][0]["group"]["slug"], "campus");
}
