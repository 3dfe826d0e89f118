//! Allocation endpoints: free space listing, allocation, exhaustion and idempotent retries.

use crate::support::{TestApp, prefix, vrf};
use http::StatusCode;
use serde_json::{Value as J, json};

#[tokio::test]
async fn available_ips_skip_used_and_reserved_addresses() {
    let app = TestApp::new().await;
    let blue = vrf(&app, "blue", "65000:1", true).await;
    let p = prefix(&app, "192.0.2.0/24", json!({"vrf": blue})).await;
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "192.0.2.2/24", "vrf": blue}),
    )
    .await;
    let j = app
        .get(&format!(
            "/api/ipam/prefixes/{}/available-ips/?limit=3",
            p["id"]
        ))
        .await;
    let got: Vec<&str> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["address"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["192.0.2.1/24", "192.0.2.3/24", "192.0.2.4/24"]);
    assert_eq!(j[0]["vrf"]["rd"], "65000:1");
    assert_eq!(j[0]["family"], 4);
    let one = app
        .create(
            &format!("/api/ipam/prefixes/{}/available-ips/", p["id"]),
            json!({"description": "first", "status": "active"}),
        )
        .await;
    assert_eq!(one["address"], "192.0.2.1/24");
    assert_eq!(one["vrf"]["id"], blue);
    let many = app
        .create(
            &format!("/api/ipam/prefixes/{}/available-ips/", p["id"]),
            json!([{}, {}, {"dns_name": "x.example"}]),
        )
        .await;
    let got: Vec<&str> = many
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["address"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["192.0.2.3/24", "192.0.2.4/24", "192.0.2.5/24"]);
}

#[tokio::test]
async fn a_full_prefix_answers_409_and_allocates_nothing() {
    let app = TestApp::new().await;
    let p = prefix(&app, "192.0.2.0/30", json!({})).await;
    let url = format!("/api/ipam/prefixes/{}/available-ips/", p["id"]);
    let (s, j) = app.call("POST", &url, Some(json!([{}, {}, {}]))).await;
    assert_eq!(s, StatusCode::CONFLICT, "{j}");
    assert_eq!(
        j,
        json!({"detail": "Insufficient resources are available to satisfy the request"})
    );
    assert_eq!(app.count("/api/ipam/ip-addresses/").await, 0);
    app.create(&url, json!([{}, {}])).await;
    let (s, _) = app.call("POST", &url, Some(json!({}))).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(app.get(&url).await, json!([]));
}

#[tokio::test]
async fn pools_and_ipv6_follow_netbox_edges() {
    let app = TestApp::new().await;
    let pool = prefix(&app, "192.0.2.0/29", json!({"is_pool": true})).await;
    let j = app
        .get(&format!("/api/ipam/prefixes/{}/available-ips/", pool["id"]))
        .await;
    assert_eq!(j.as_array().unwrap().len(), 8);
    let v6 = prefix(&app, "2001:db8::/126", json!({})).await;
    let j = app
        .get(&format!("/api/ipam/prefixes/{}/available-ips/", v6["id"]))
        .await;
    let got: Vec<&str> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["address"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        ["2001:db8::1/126", "2001:db8::2/126", "2001:db8::3/126"]
    );
}

#[tokio::test]
async fn idempotency_key_returns_the_first_allocation() {
    let app = TestApp::new().await;
    let p = prefix(&app, "10.0.0.0/24", json!({})).await;
    let url = format!("/api/ipam/prefixes/{}/available-ips/", p["id"]);
    let auth = app.token.clone();
    let (s1, _, a) = app
        .raw(
            Some(&auth),
            "POST",
            &url,
            Some("{}".into()),
            &[("idempotency-key", "k-123")],
        )
        .await;
    let (s2, _, b) = app
        .raw(
            Some(&auth),
            "POST",
            &url,
            Some("{}".into()),
            &[("idempotency-key", "k-123")],
        )
        .await;
    assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(a, b);
    assert_eq!(app.count("/api/ipam/ip-addresses/").await, 1);
    let (_, _, c) = app
        .raw(
            Some(&auth),
            "POST",
            &url,
            Some("{}".into()),
            &[("idempotency-key", "k-456")],
        )
        .await;
    assert_ne!(a["address"], c["address"]);
}

#[tokio::test]
async fn free_space_search_does_not_depend_on_every_used_address() {
    // 4,000 used addresses at the start of a /8: the next free one is found by counting index
    // ranges, and the answer is right.
    let app = TestApp::new().await;
    let p = prefix(&app, "10.0.0.0/8", json!({})).await;
    for chunk in 0..8 {
        let items: Vec<J> = (0..500)
            .map(|i| {
                let n = chunk * 500 + i + 1;
                json!({"address": format!("10.0.{}.{}/8", n / 256, n % 256)})
            })
            .collect();
        let (s, j) = app
            .call("POST", "/api/ipam/ip-addresses/", Some(J::Array(items)))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{j}");
    }
    let j = app
        .get(&format!(
            "/api/ipam/prefixes/{}/available-ips/?limit=2",
            p["id"]
        ))
        .await;
    assert_eq!(j[0]["address"], "10.0.15.161/8");
    assert_eq!(j[1]["address"], "10.0.15.162/8");
}

#[tokio::test]
async fn available_prefixes_list_and_allocate() {
    let app = TestApp::new().await;
    let p = prefix(&app, "10.0.0.0/24", json!({"status": "container"})).await;
    prefix(&app, "10.0.0.0/26", json!({})).await;
    let url = format!("/api/ipam/prefixes/{}/available-prefixes/", p["id"]);
    let j = app.get(&url).await;
    let got: Vec<&str> = j
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["prefix"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["10.0.0.64/26", "10.0.0.128/25"]);
    let a = app
        .create(&url, json!({"prefix_length": 28, "description": "svc"}))
        .await;
    assert_eq!(a["prefix"], "10.0.0.64/28");
    assert_eq!(a["description"], "svc");
    let b = app.create(&url, json!([{"prefix_length": 25}])).await;
    assert_eq!(b[0]["prefix"], "10.0.0.128/25");
    let (s, _) = app
        .call("POST", &url, Some(json!({"prefix_length": 25})))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    // Larger than the parent: it cannot fit (409); impossible for the family: 400.
    let (s, _) = app
        .call("POST", &url, Some(json!({"prefix_length": 8})))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, j) = app
        .call("POST", &url, Some(json!([{"prefix_length": 30}, {}])))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!([{}, {"prefix_length": "this field can not be missing"}])
    );
    let (_, j) = app
        .call("POST", &url, Some(json!({"prefix_length": 99})))
        .await;
    assert_eq!(
        j,
        json!([{"prefix_length": "Invalid prefix length (99) for IPv4"}])
    );
}

#[tokio::test]
async fn ranges_vlan_groups_and_asn_ranges_allocate() {
    let app = TestApp::new().await;
    let r = app
        .create(
            "/api/ipam/ip-ranges/",
            json!({"start_address": "10.0.0.10/24", "end_address": "10.0.0.12/24"}),
        )
        .await;
    let url = format!("/api/ipam/ip-ranges/{}/available-ips/", r["id"]);
    assert_eq!(app.get(&url).await.as_array().unwrap().len(), 3);
    let a = app.create(&url, json!({})).await;
    assert_eq!(a["address"], "10.0.0.10/24");

    let g = app
        .create(
            "/api/ipam/vlan-groups/",
            json!({"name": "G", "slug": "g", "vid_ranges": [[10, 12]]}),
        )
        .await;
    let url = format!("/api/ipam/vlan-groups/{}/available-vlans/", g["id"]);
    let v = app.create(&url, json!({"name": "ten"})).await;
    assert_eq!(v["vid"], 10);
    assert_eq!(v["group"]["id"], g["id"]);
    let vids: Vec<i64> = app
        .get(&url)
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["vid"].as_i64().unwrap())
        .collect();
    assert_eq!(vids, [11, 12]);
    let (s, _) = app
        .call(
            "POST",
            &url,
            Some(json!([{"name": "a"}, {"name": "b"}, {"name": "c"}])),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);

    let rir = app
        .create("/api/ipam/rirs/", json!({"name": "ARIN", "slug": "arin"}))
        .await;
    let ar = app.create("/api/ipam/asn-ranges/", json!({"name": "Private", "slug": "private", "rir": rir["id"], "start": 64512, "end": 64514})).await;
    app.create("/api/ipam/asns/", json!({"asn": 64512, "rir": rir["id"]}))
        .await;
    let url = format!("/api/ipam/asn-ranges/{}/available-asns/", ar["id"]);
    let free = app.get(&url).await;
    let asns: Vec<i64> = free
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["asn"].as_i64().unwrap())
        .collect();
    assert_eq!(asns, [64513, 64514]);
    assert_eq!(free[0]["rir"]["slug"], "arin");
    let n = app.create(&url, json!({"description": "new"})).await;
    assert_eq!(n["asn"], 64513);
    assert_eq!(n["rir"]["slug"], "arin");
    let n2 = app.get(&format!("/api/ipam/asns/{}/", n["id"])).await;
    assert_eq!(n2["display"], "AS64513");
    assert_eq!(n2["sites"], json!([]));
}
