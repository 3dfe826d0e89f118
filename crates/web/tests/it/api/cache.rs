//! The response cache: a read after any write sees the write (every kind of write, related
//! objects, another instance), callers with different scopes never share answers, ETags still
//! work, and the users app is never cached.

use crate::support::{TestApp, device_type_and_role, prefix};
use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value as J, json};
use tower::ServiceExt;

async fn patch(app: &TestApp, path: &str, body: J) -> J {
    let (s, j) = app.call("PATCH", path, Some(body)).await;
    assert_eq!(s, StatusCode::OK, "PATCH {path} -> {j}");
    j
}

/// GETs twice (the second answer may come from the cache) and checks both agree.
async fn get2(app: &TestApp, path: &str) -> J {
    let a = app.get(path).await;
    let b = app.get(path).await;
    assert_eq!(
        a, b,
        "GET {path} answered differently without a write in between"
    );
    b
}

#[tokio::test]
async fn reads_after_creates_updates_and_deletes_see_them() {
    let app = TestApp::new().await;
    let list = "/api/ipam/ip-addresses/?limit=100";
    assert_eq!(get2(&app, list).await["count"], 0);
    assert!(!app.response_cache.is_empty(), "the list answer was kept");

    // create
    let ip = app
        .create("/api/ipam/ip-addresses/", json!({"address": "10.0.0.1/24"}))
        .await;
    assert_eq!(get2(&app, list).await["count"], 1);
    let url = format!("/api/ipam/ip-addresses/{}/", ip["id"]);
    assert_eq!(get2(&app, &url).await["description"], "");

    // PATCH of one object
    patch(&app, &url, json!({"description": "one"})).await;
    assert_eq!(get2(&app, &url).await["description"], "one");
    assert_eq!(get2(&app, list).await["results"][0]["description"], "one");

    // PUT of one object
    let (s, j) = app
        .call(
            "PUT",
            &url,
            Some(json!({"address": "10.0.0.1/24", "description": "put"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(get2(&app, &url).await["description"], "put");

    // bulk PATCH
    let ip2 = app
        .create("/api/ipam/ip-addresses/", json!({"address": "10.0.0.2/24"}))
        .await;
    let url2 = format!("/api/ipam/ip-addresses/{}/", ip2["id"]);
    assert_eq!(get2(&app, &url2).await["status"]["value"], "active");
    patch(
        &app,
        "/api/ipam/ip-addresses/",
        json!([{"id": ip["id"], "description": "bulk"}, {"id": ip2["id"], "status": "reserved"}]),
    )
    .await;
    assert_eq!(get2(&app, &url).await["description"], "bulk");
    assert_eq!(get2(&app, &url2).await["status"]["value"], "reserved");
    assert_eq!(
        get2(&app, "/api/ipam/ip-addresses/?status=reserved").await["count"],
        1
    );

    // bulk create
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/ip-addresses/",
            Some(json!([{"address": "10.0.0.3/24"}, {"address": "10.0.0.4/24"}])),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    assert_eq!(get2(&app, list).await["count"], 4);

    // DELETE of one object
    let (s, _) = app.call("DELETE", &url2, None).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = app.call("GET", &url2, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(get2(&app, list).await["count"], 3);

    // bulk DELETE
    let (s, j) = app
        .call(
            "DELETE",
            "/api/ipam/ip-addresses/",
            Some(json!([{"id": ip["id"]}])),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{j}");
    let (s, _) = app.call("GET", &url, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(get2(&app, list).await["count"], 2);

    // a failed write changes nothing, and the next read still agrees with the data
    let (s, _) = app
        .call(
            "POST",
            "/api/ipam/ip-addresses/",
            Some(json!({"address": "not an address"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(get2(&app, list).await["count"], 2);
}

#[tokio::test]
async fn reads_after_an_allocation_see_the_allocated_address() {
    let app = TestApp::new().await;
    let p = prefix(&app, "10.1.0.0/29", json!({})).await;
    let avail = format!("/api/ipam/prefixes/{}/available-ips/", p["id"]);
    let before = get2(&app, &avail).await;
    assert_eq!(before.as_array().map(Vec::len), Some(6), "{before}");
    let in_prefix = "/api/ipam/ip-addresses/?parent=10.1.0.0/29";
    assert_eq!(get2(&app, in_prefix).await["count"], 0);
    let (s, j) = app.call("POST", &avail, Some(json!({}))).await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    let after = get2(&app, &avail).await;
    assert_eq!(after.as_array().map(Vec::len), Some(5), "{after}");
    assert_eq!(get2(&app, in_prefix).await["count"], 1);
    let pfx = get2(&app, &format!("/api/ipam/prefixes/{}/", p["id"])).await;
    assert_eq!(pfx["prefix"], "10.1.0.0/29");
}

#[tokio::test]
async fn renaming_a_site_shows_in_the_devices_that_nest_it() {
    let app = TestApp::new().await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "Old", "slug": "old"}))
        .await;
    let (dt, role) = device_type_and_role(&app).await;
    let dev = app
        .create(
            "/api/dcim/devices/",
            json!({"name": "d1", "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
        )
        .await;
    let url = format!("/api/dcim/devices/{}/", dev["id"]);
    let list = format!("/api/dcim/devices/?site_id={}", site["id"]);
    assert_eq!(get2(&app, &url).await["site"]["display"], "Old");
    assert_eq!(get2(&app, &list).await["results"][0]["site"]["name"], "Old");
    patch(
        &app,
        &format!("/api/dcim/sites/{}/", site["id"]),
        json!({"name": "New"}),
    )
    .await;
    assert_eq!(get2(&app, &url).await["site"]["display"], "New");
    assert_eq!(get2(&app, &list).await["results"][0]["site"]["name"], "New");
    // a write through the change of another model entirely (a tag) is a write too
    let before = get2(&app, "/api/extras/tags/").await["count"].clone();
    app.create("/api/extras/tags/", json!({"name": "x", "slug": "x"}))
        .await;
    assert_ne!(get2(&app, "/api/extras/tags/").await["count"], before);
}

#[tokio::test]
async fn etags_and_if_match_work_through_the_cache() {
    let app = TestApp::new().await;
    let p = prefix(&app, "10.2.0.0/24", json!({})).await;
    let url = format!("/api/ipam/prefixes/{}/", p["id"]);
    let etag = |h: &http::HeaderMap| {
        h.get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .expect("ETag header")
    };
    let (s, h1, _) = app.raw(Some(&app.token), "GET", &url, None, &[]).await;
    assert_eq!(s, StatusCode::OK);
    let (_, h1b, _) = app.raw(Some(&app.token), "GET", &url, None, &[]).await;
    let e1 = etag(&h1);
    assert_eq!(etag(&h1b), e1, "a reused answer keeps its ETag");
    assert!(h1b.get("x-request-id").is_some() && h1b.get("api-version").is_some());
    assert_eq!(
        h1b.get("allow").and_then(|v| v.to_str().ok()),
        h1.get("allow").and_then(|v| v.to_str().ok())
    );
    let (s, _, j) = app
        .raw(
            Some(&app.token),
            "PATCH",
            &url,
            Some(json!({"description": "v2"}).to_string()),
            &[("if-match", &e1)],
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    let (_, h2, j) = app.raw(Some(&app.token), "GET", &url, None, &[]).await;
    assert_eq!(j["description"], "v2");
    let e2 = etag(&h2);
    assert_ne!(e1, e2, "the ETag follows the write");
    let (s, _, _) = app
        .raw(
            Some(&app.token),
            "PATCH",
            &url,
            Some(json!({"description": "v3"}).to_string()),
            &[("if-match", &e1)],
        )
        .await;
    assert_eq!(s, StatusCode::PRECONDITION_FAILED);
    let (s, _, _) = app
        .raw(
            Some(&app.token),
            "PATCH",
            &url,
            Some(json!({"description": "v3"}).to_string()),
            &[("if-match", &e2)],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(get2(&app, &url).await["description"], "v3");
}

#[tokio::test]
async fn callers_with_different_scopes_never_share_answers() {
    let app = TestApp::new().await;
    prefix(&app, "10.3.0.0/24", json!({})).await;
    let other_admin = app.user("admin2", true).await;
    let other_admin = app.token_for(other_admin, false, 2).await;
    let alice = app.user("alice", false).await;
    let alice = app.token_for(alice, false, 2).await;
    let bob = app.user("bob", false).await;
    let bob = app.token_for(bob, false, 2).await;
    let list = "/api/ipam/prefixes/";
    assert_eq!(app.response_cache.len(), 0);
    app.get(list).await;
    assert_eq!(app.response_cache.len(), 1);
    // Superusers see the same objects: they share the answer.
    let (s, _) = app.call_as(Some(&other_admin), "GET", list, None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(app.response_cache.len(), 1);
    // Anyone else has an entry of their own (when they may read the list at all).
    let mut expected = 1;
    for tok in [&alice, &bob] {
        let (s, _) = app.call_as(Some(tok), "GET", list, None).await;
        if s == StatusCode::OK {
            expected += 1;
        }
        assert_eq!(app.response_cache.len(), expected, "{s}");
    }
    // …which they reuse.
    app.call_as(Some(&alice), "GET", list, None).await;
    app.get(list).await;
    assert_eq!(app.response_cache.len(), expected);
}

#[tokio::test]
async fn the_users_app_and_status_are_never_cached() {
    let app = TestApp::new().await;
    for path in [
        "/api/users/tokens/",
        "/api/users/users/",
        "/api/status/",
        "/api/users/tokens/",
    ] {
        app.get(path).await;
    }
    assert_eq!(app.response_cache.len(), 0);
    // HEAD is answered (from its own entry) like GET
    let (s, h, _) = app
        .raw(Some(&app.token), "HEAD", "/api/ipam/prefixes/", None, &[])
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(h.get("content-type").is_some());
    let (s, _, _) = app
        .raw(Some(&app.token), "HEAD", "/api/ipam/prefixes/", None, &[])
        .await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn a_write_through_one_instance_is_seen_through_another_at_once() {
    let a = TestApp::new().await;
    let b = a.other_instance().await;
    let p = prefix(&a, "10.4.0.0/24", json!({})).await;
    let url = format!("/api/ipam/prefixes/{}/", p["id"]);
    assert_eq!(get2(&b, &url).await["description"], "");
    assert_eq!(get2(&a, &url).await["description"], "");
    patch(&a, &url, json!({"description": "through a"})).await;
    assert_eq!(get2(&b, &url).await["description"], "through a");
    patch(&b, &url, json!({"description": "through b"})).await;
    assert_eq!(get2(&a, &url).await["description"], "through b");
    assert_eq!(get2(&b, &url).await["description"], "through b");

    // Readers hammer instance b while a writes: once a write is answered, b's next read has it.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut readers = Vec::new();
    for _ in 0..4 {
        let (router, token, url, stop) =
            (b.router.clone(), b.token.clone(), url.clone(), stop.clone());
        readers.push(tokio::spawn(async move {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let req = Request::builder()
                    .uri(&url)
                    .header("host", "testserver")
                    .header("authorization", &token)
                    .body(Body::empty())
                    .unwrap();
                let resp = router.clone().oneshot(req).await.unwrap();
                assert_eq!(resp.status(), StatusCode::OK);
                resp.into_body().collect().await.unwrap();
                n += 1;
                tokio::task::yield_now().await;
            }
            n
        }));
    }
    for i in 0..15 {
        let d = format!("write {i}");
        patch(&a, &url, json!({"description": d})).await;
        assert_eq!(b.get(&url).await["description"], d.as_str());
        assert_eq!(
            b.get("/api/ipam/prefixes/?limit=5").await["results"][0]["description"],
            d.as_str()
        );
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    for r in readers {
        assert!(r.await.unwrap() > 0);
    }
}
