//! IP addresses and ranges: parsing, uniqueness, parent filters, range bounds and overlap.

use crate::support::{TestApp, vrf};
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn addresses_are_unique_per_vrf_by_host() {
    let app = TestApp::new().await;
    let blue = vrf(&app, "blue", "65000:1", true).await;
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "192.0.2.10/24", "vrf": blue, "dns_name": "sw1.example.net"}),
    )
    .await;
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/ip-addresses/",
            Some(json!({"address": "192.0.2.10/25", "vrf": blue})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // NetBox names the address already there.
    assert_eq!(
        j["address"][0],
        "Duplicate IP address found in VRF blue (65000:1): 192.0.2.10/24"
    );
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "192.0.2.10/24"}),
    )
    .await;
    // Anycast addresses may repeat.
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "192.0.2.53/24", "role": "anycast"}),
    )
    .await;
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "192.0.2.53/24", "role": "anycast"}),
    )
    .await;
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/ip-addresses/",
            Some(json!({"address": "192.0.2.1/0"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
}

#[tokio::test]
async fn parent_and_address_filters() {
    let app = TestApp::new().await;
    for a in [
        "10.0.0.1/24",
        "10.0.0.2/24",
        "10.0.1.1/24",
        "10.1.0.1/16",
        "2001:db8::1/64",
    ] {
        app.create("/api/ipam/ip-addresses/", json!({"address": a}))
            .await;
    }
    assert_eq!(
        app.count("/api/ipam/ip-addresses/?parent=10.0.0.0/16")
            .await,
        3
    );
    assert_eq!(
        app.count("/api/ipam/ip-addresses/?parent=10.0.0.0/24")
            .await,
        2
    );
    assert_eq!(
        app.count("/api/ipam/ip-addresses/?address=10.0.0.1").await,
        1
    );
    assert_eq!(
        app.count("/api/ipam/ip-addresses/?address=10.0.0.1/24&address=10.0.0.2/24")
            .await,
        2
    );
    assert_eq!(app.count("/api/ipam/ip-addresses/?mask_length=24").await, 3);
    assert_eq!(app.count("/api/ipam/ip-addresses/?family=6").await, 1);
    let l = app.get("/api/ipam/ip-addresses/?ordering=address").await;
    let order: Vec<&str> = l["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["address"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [
            "10.0.0.1/24",
            "10.0.0.2/24",
            "10.0.1.1/24",
            "10.1.0.1/16",
            "2001:db8::1/64"
        ]
    );
}

#[tokio::test]
async fn nat_inside_is_mirrored_as_nat_outside() {
    let app = TestApp::new().await;
    let inside = app
        .create("/api/ipam/ip-addresses/", json!({"address": "10.0.0.5/24"}))
        .await;
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "198.51.100.5/24", "nat_inside": inside["id"]}),
    )
    .await;
    let j = app
        .get(&format!("/api/ipam/ip-addresses/{}/", inside["id"]))
        .await;
    assert_eq!(j["nat_outside"][0]["address"], "198.51.100.5/24");
}

#[tokio::test]
async fn ip_ranges_check_bounds_and_overlap() {
    let app = TestApp::new().await;
    let r = app
        .create(
            "/api/ipam/ip-ranges/",
            json!({"start_address": "192.0.2.10/24", "end_address": "192.0.2.20/24"}),
        )
        .await;
    assert_eq!(r["size"], 11);
    assert_eq!(r["display"], "192.0.2.10-20/24");
    let bad = [
        json!({"start_address": "192.0.2.30/24", "end_address": "192.0.2.25/24"}),
        json!({"start_address": "192.0.2.31/24", "end_address": "192.0.2.30/24"}),
        json!({"start_address": "192.0.2.30/24", "end_address": "192.0.2.40/25"}),
        json!({"start_address": "192.0.2.15/24", "end_address": "192.0.2.25/24"}),
        json!({"start_address": "192.0.2.30/24", "end_address": "2001:db8::1/24"}),
    ];
    for b in bad {
        let (s, j) = app
            .call("POST", "/api/ipam/ip-ranges/", Some(b.clone()))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{b} -> {j}");
    }
    assert_eq!(app.count("/api/ipam/ip-ranges/").await, 1);
}
