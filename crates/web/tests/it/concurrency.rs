//! 64 clients allocating from one prefix at once never receive the same address.

use crate::support::{TestApp, prefix};
use http::StatusCode;
use serde_json::json;
use std::collections::HashSet;
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_allocations_never_hand_out_an_address_twice() {
    let app = Arc::new(TestApp::new().await);
    let p = prefix(&app, "10.20.0.0/22", json!({})).await;
    let other = prefix(&app, "10.30.0.0/22", json!({})).await;
    let mut tasks = Vec::new();
    for i in 0..64 {
        let app = app.clone();
        let target = if i % 4 == 3 {
            other["id"].clone()
        } else {
            p["id"].clone()
        };
        tasks.push(tokio::spawn(async move {
            let mut got = Vec::new();
            for _ in 0..3 {
                let (s, j) = app
                    .call(
                        "POST",
                        &format!("/api/ipam/prefixes/{target}/available-ips/"),
                        Some(json!({})),
                    )
                    .await;
                assert_eq!(s, StatusCode::CREATED, "{j}");
                got.push(j["address"].as_str().unwrap().to_string());
            }
            got
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("task"));
    }
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(all.len(), 192);
    assert_eq!(unique.len(), 192, "duplicate addresses handed out");
    assert_eq!(app.count("/api/ipam/ip-addresses/?limit=1").await, 192);
}
