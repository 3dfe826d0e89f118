//! Deep pages: past the first thousand rows a list is paged through its page map (the ordered
//! ids of the list, kept per write generation). Every deep page must equal the list order
//! computed here, for each ordering and filter, and follow every write at once, on this
//! instance and on another one.

use crate::support::TestApp;
use serde_json::{Value as J, json};

const N: usize = 1_230;

/// A page of tag names, computed afresh (`Cache-Control: no-cache`), with its count.
async fn page(app: &TestApp, query: &str) -> (i64, Vec<String>) {
    let path = format!("/api/extras/tags/?{query}");
    let auth = app.token.clone();
    let (s, _, j) = app
        .raw(
            Some(&auth),
            "GET",
            &path,
            None,
            &[("cache-control", "no-cache")],
        )
        .await;
    assert_eq!(s, 200, "{path}: {j}");
    let names = j["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["name"].as_str().expect("name").to_string())
        .collect();
    (j["count"].as_i64().expect("count"), names)
}

fn window(all: &[String], offset: usize, limit: usize) -> Vec<String> {
    all.iter().skip(offset).take(limit).cloned().collect()
}

#[tokio::test]
async fn deep_pages_follow_the_list_order_and_every_write() {
    let app = TestApp::new().await;
    // Names in an order unlike creation order; every third tag is marked "odd".
    let mut names: Vec<String> = (0..N)
        .map(|i| format!("t{:05}", (i * 7919) % 100_000))
        .collect();
    for chunk in names.chunks(410).enumerate() {
        let body: Vec<J> = chunk
            .1
            .iter()
            .enumerate()
            .map(|(k, n)| {
                let i = chunk.0 * 410 + k;
                json!({"name": n, "slug": n, "description": if i % 3 == 0 { "odd" } else { "" }})
            })
            .collect();
        let (s, j) = app
            .call("POST", "/api/extras/tags/", Some(J::Array(body)))
            .await;
        assert_eq!(s, 201, "{j}");
    }
    let odd: Vec<String> = names.iter().step_by(3).cloned().collect();
    names.sort();
    let mut desc = names.clone();
    desc.reverse();
    let mut not_odd: Vec<String> = names.iter().filter(|n| !odd.contains(n)).cloned().collect();
    assert!(not_odd.len() > 800);
    assert_eq!(app.response_cache.page_maps(), 0);

    for (query, want) in [
        ("ordering=name", &names),
        ("ordering=-name", &desc),
        ("ordering=slug", &names),
        ("", &names),
    ] {
        for (offset, limit) in [
            (1000, 50),
            (1001, 7),
            (1180, 100),
            (1229, 5),
            (N, 10),
            (5000, 10),
            // Shallow pages after deep ones: answered from the map the deep ones read.
            (0, 20),
            (17, 9),
            (999, 3),
        ] {
            let (count, got) = page(&app, &format!("{query}&limit={limit}&offset={offset}")).await;
            assert_eq!(count, N as i64, "{query} {offset}");
            assert_eq!(got, window(want, offset, limit), "{query} offset={offset}");
        }
    }
    assert!(
        app.response_cache.page_maps() >= 1,
        "deep pages were not read through a page map"
    );
    assert!(
        app.response_cache.shallow_map_pages() >= 12,
        "shallow pages did not use the maps deep pages had read"
    );
    // A filter that keeps fewer than the first thousand never needs a map; one past it does.
    let (count, got) = page(&app, "description__n=odd&limit=3&offset=1000").await;
    assert_eq!((count, got), (not_odd.len() as i64, Vec::<String>::new()));
    let (count, got) = page(&app, "description__n=odd&limit=30&offset=800").await;
    assert_eq!(count, not_odd.len() as i64);
    assert_eq!(got, window(&not_odd, 800, 30));

    // A delete before the page shifts it; the count follows.
    let victim = names[10].clone();
    let id = app.get(&format!("/api/extras/tags/?name={victim}")).await["results"][0]["id"]
        .as_i64()
        .expect("id");
    let (s, _) = app
        .call("DELETE", &format!("/api/extras/tags/{id}/"), None)
        .await;
    assert_eq!(s, 204);
    names.remove(10);
    not_odd.retain(|n| *n != victim);
    let (count, got) = page(&app, "ordering=name&limit=20&offset=1100").await;
    assert_eq!(count, names.len() as i64);
    assert_eq!(got, window(&names, 1100, 20));
    // A shallow page after it comes from the new map, without the deleted row.
    let before = app.response_cache.shallow_map_pages();
    let (count, got) = page(&app, "ordering=name&limit=20&offset=5").await;
    assert_eq!(count, names.len() as i64);
    assert_eq!(got, window(&names, 5, 20));
    assert_eq!(app.response_cache.shallow_map_pages(), before + 1);

    // A write through another instance is seen by this one's next deep page.
    let other = app.other_instance().await;
    other
        .create(
            "/api/extras/tags/",
            json!({"name": "a-first", "slug": "a-first"}),
        )
        .await;
    names.insert(0, "a-first".into());
    let (count, got) = page(&app, "ordering=name&limit=20&offset=1100").await;
    assert_eq!(count, names.len() as i64);
    assert_eq!(got, window(&names, 1100, 20));

    // Many readers of a map not read yet all get the same, right page.
    other
        .create(
            "/api/extras/tags/",
            json!({"name": "b-second", "slug": "b-second"}),
        )
        .await;
    names.insert(1, "b-second".into());
    let queries: Vec<String> = (0..16)
        .map(|k| format!("ordering=name&limit=10&offset={}", 1000 + k * 10))
        .collect();
    let pages = futures::future::join_all(queries.iter().map(|q| page(&app, q))).await;
    for (k, (count, got)) in pages.into_iter().enumerate() {
        assert_eq!(count, names.len() as i64);
        assert_eq!(got, window(&names, 1000 + k * 10, 10));
    }
}
