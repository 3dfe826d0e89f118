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
    // 4,000 used addresses at the start of a /8: the next free one is found by stepping over
    // full blocks of 256, and the answer is right.
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

/// The full blocks as marked, and as recomputed from the addresses themselves.
async fn blocks(app: &TestApp) -> (Vec<(i64, Vec<u8>)>, Vec<(i64, Vec<u8>)>) {
    let stored = "SELECT vrf_key, block FROM ipam_ipaddress_fullblock ORDER BY 1, 2";
    let derived = match &app.db {
        ironbox_store::Db::Sqlite { .. } => {
            "SELECT coalesce(vrf_id, 0), substr(address_key, 1, 16) FROM ipam_ipaddress \
             GROUP BY 1, 2 HAVING count(DISTINCT address_key) = 256 ORDER BY 1, 2"
        }
        ironbox_store::Db::Postgres(_, _) => {
            "SELECT coalesce(vrf_id, 0), substring(address_key FROM 1 FOR 16) FROM ipam_ipaddress \
             GROUP BY 1, 2 HAVING count(DISTINCT address_key) = 256 ORDER BY 1, 2"
        }
    };
    let mut out = Vec::new();
    for sql in [stored, derived] {
        let rows: Vec<(i64, Vec<u8>)> = match &app.db {
            ironbox_store::Db::Sqlite { read, .. } => sqlx::query_as(sql).fetch_all(read).await,
            ironbox_store::Db::Postgres(p, _) => sqlx::query_as(sql).fetch_all(p).await,
        }
        .expect(sql);
        out.push(rows);
    }
    let derived = out.pop().unwrap_or_default();
    (out.pop().unwrap_or_default(), derived)
}

/// The free addresses of 10.9.0.0/22 (network and broadcast excluded) given the used hosts.
fn free_hosts(used: &std::collections::BTreeSet<u32>) -> Vec<String> {
    (1..1023u32)
        .filter(|h| !used.contains(h))
        .map(|h| format!("10.9.{}.{}/22", h / 256, h % 256))
        .collect()
}

#[tokio::test]
async fn available_ips_and_the_full_blocks_follow_every_write() {
    let app = TestApp::new().await;
    let red = vrf(&app, "red", "65000:9", false).await;
    let global = prefix(&app, "10.9.0.0/22", json!({})).await;
    let in_red = prefix(&app, "10.9.0.0/22", json!({"vrf": red})).await;
    let mut used: [std::collections::BTreeMap<i64, u32>; 2] = Default::default();
    let check = |used: &[std::collections::BTreeMap<i64, u32>; 2]| {
        let hosts: Vec<std::collections::BTreeSet<u32>> =
            used.iter().map(|m| m.values().copied().collect()).collect();
        hosts
    };
    // A whole block (10.9.1.0/24) and a few neighbours, in one bulk request.
    let items: Vec<J> = (256..512)
        .chain([1, 2, 3, 700])
        .map(|h: u32| json!({"address": format!("10.9.{}.{}/22", h / 256, h % 256)}))
        .collect();
    let (s, j) = app
        .call("POST", "/api/ipam/ip-addresses/", Some(J::Array(items)))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    for o in j.as_array().expect("created") {
        let a = o["address"].as_str().expect("address");
        let n: Vec<u32> = a
            .trim_end_matches("/22")
            .split('.')
            .map(|x| x.parse().unwrap())
            .collect();
        used[0].insert(o["id"].as_i64().expect("id"), n[2] * 256 + n[3]);
    }
    let (stored, derived) = blocks(&app).await;
    assert_eq!(stored.len(), 1, "the filled block is marked");
    assert_eq!(stored, derived);
    // Then a deterministic stream of single writes: creates (duplicates in red), deletes,
    // address changes and moves between the VRFs.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    for step in 0..160 {
        let op = next(10);
        let side = next(2) as usize;
        let ids: Vec<i64> = used[side].keys().copied().collect();
        if op < 5 || ids.is_empty() {
            // Around the full block and the edges, where runs meet.
            let h = [0u64, 250, 506, 760, 1000][next(5) as usize] as u32 + next(24) as u32;
            let h = h.clamp(1, 1022);
            if side == 0 && used[0].values().any(|v| *v == h) {
                continue; // the global table keeps addresses unique
            }
            let mut body = json!({"address": format!("10.9.{}.{}/22", h / 256, h % 256)});
            if side == 1 {
                body["vrf"] = json!(red);
            }
            let o = app.create("/api/ipam/ip-addresses/", body).await;
            used[side].insert(o["id"].as_i64().expect("id"), h);
        } else if op < 7 {
            let id = ids[next(ids.len() as u64) as usize];
            let (s, _) = app
                .call("DELETE", &format!("/api/ipam/ip-addresses/{id}/"), None)
                .await;
            assert_eq!(s, StatusCode::NO_CONTENT);
            used[side].remove(&id);
        } else if op < 9 {
            let id = ids[next(ids.len() as u64) as usize];
            let h = (next(1022) + 1) as u32;
            if side == 0 && used[0].values().any(|v| *v == h) {
                continue;
            }
            let (s, j) = app
                .call(
                    "PATCH",
                    &format!("/api/ipam/ip-addresses/{id}/"),
                    Some(json!({"address": format!("10.9.{}.{}/22", h / 256, h % 256)})),
                )
                .await;
            assert_eq!(s, StatusCode::OK, "{j}");
            used[side].insert(id, h);
        } else {
            let id = ids[next(ids.len() as u64) as usize];
            let h = used[side][&id];
            if side == 1 && used[0].values().any(|v| *v == h) {
                continue;
            }
            let vrf = if side == 0 { json!(red) } else { J::Null };
            let (s, j) = app
                .call(
                    "PATCH",
                    &format!("/api/ipam/ip-addresses/{id}/"),
                    Some(json!({"vrf": vrf})),
                )
                .await;
            assert_eq!(s, StatusCode::OK, "{j}");
            used[side].remove(&id);
            used[1 - side].insert(id, h);
        }
        if step % 20 == 19 {
            let (stored, derived) = blocks(&app).await;
            assert_eq!(stored, derived, "full blocks after step {step}");
            let hosts = check(&used);
            for (p, h) in [(&global, &hosts[0]), (&in_red, &hosts[1])] {
                let j = app
                    .get(&format!(
                        "/api/ipam/prefixes/{}/available-ips/?limit=1000",
                        p["id"]
                    ))
                    .await;
                let got: Vec<String> = j
                    .as_array()
                    .expect("list")
                    .iter()
                    .map(|o| o["address"].as_str().expect("address").to_string())
                    .collect();
                let want: Vec<String> = free_hosts(h).into_iter().take(1000).collect();
                let first_diff = got.iter().zip(&want).position(|(a, b)| a != b);
                assert!(
                    got == want,
                    "available-ips after step {step}: {} vs {} addresses, first difference at {first_diff:?}",
                    got.len(),
                    want.len()
                );
            }
        }
    }
    // Emptying everything leaves no block behind.
    let all: Vec<J> = used
        .iter()
        .flat_map(|m| m.keys().map(|id| json!({"id": id})))
        .collect();
    let (s, j) = app
        .call("DELETE", "/api/ipam/ip-addresses/", Some(J::Array(all)))
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{j}");
    assert_eq!(blocks(&app).await, (vec![], vec![]));
}

#[tokio::test]
async fn concurrent_writers_of_one_block_never_leave_a_wrong_mark() {
    // Writers completing and emptying one block at once: a block may miss its mark for a while
    // (two writers completing it together), but is never marked while it has a free address,
    // and available-ips always finds the free ones.
    let app = TestApp::new().await;
    let red = vrf(&app, "red", "65000:9", false).await;
    let p = prefix(&app, "10.8.0.0/22", json!({"vrf": red})).await;
    let addr = |h: u32| format!("10.8.{}.{}/22", h / 256, h % 256);
    let items: Vec<J> = (256..512)
        .map(|h| json!({"address": addr(h), "vrf": red}))
        .collect();
    let (s, j) = app
        .call("POST", "/api/ipam/ip-addresses/", Some(J::Array(items)))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    let mut ids: Vec<i64> = j
        .as_array()
        .expect("created")
        .iter()
        .map(|o| o["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(blocks(&app).await.0.len(), 1, "a full block is marked");
    for round in 0..6u32 {
        // Delete four holders and re-add them (and duplicates) concurrently.
        let gone: Vec<i64> = ids.drain(..4).collect();
        let deletes: Vec<String> = gone
            .iter()
            .map(|id| format!("/api/ipam/ip-addresses/{id}/"))
            .collect();
        let adds: Vec<J> = (0..8)
            .map(|k| json!({"address": addr(256 + (round * 4 + k % 4) % 256), "vrf": red}))
            .collect();
        let (d, a) = futures::future::join(
            futures::future::join_all(deletes.iter().map(|u| app.call("DELETE", u, None))),
            futures::future::join_all(
                adds.iter()
                    .map(|b| app.call("POST", "/api/ipam/ip-addresses/", Some(b.clone()))),
            ),
        )
        .await;
        assert!(d.iter().all(|(s, _)| *s == StatusCode::NO_CONTENT));
        for (s, j) in a {
            assert_eq!(s, StatusCode::CREATED, "{j}");
            ids.push(j["id"].as_i64().expect("id"));
        }
        let (stored, derived) = blocks(&app).await;
        assert!(
            stored.iter().all(|b| derived.contains(b)),
            "round {round}: a block is marked full that is not: {stored:?} vs {derived:?}"
        );
        let free = app
            .get(&format!(
                "/api/ipam/prefixes/{}/available-ips/?limit=1000",
                p["id"]
            ))
            .await;
        let listed: Vec<&str> = free
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|o| o["address"].as_str())
            .filter(|a| a.starts_with("10.8.1."))
            .collect();
        assert_eq!(
            listed.len() as i64,
            256 - used_in_block(&app, red).await,
            "round {round}: available-ips in the block"
        );
    }
}

/// Distinct addresses held in 10.8.1.0/24 of the VRF, counted through the API.
async fn used_in_block(app: &TestApp, vrf: i64) -> i64 {
    let j = app
        .get(&format!(
            "/api/ipam/ip-addresses/?vrf_id={vrf}&parent=10.8.1.0/24&limit=1000"
        ))
        .await;
    let distinct: std::collections::BTreeSet<&str> = j["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|o| o["address"].as_str())
        .collect();
    distinct.len() as i64
}
