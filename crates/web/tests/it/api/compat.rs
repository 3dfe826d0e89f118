//! Answers that differed from NetBox 4.7.3 when both ran the differential scenario
//! (`e2e/differential/`): each test pins NetBox's answer.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::{Value as J, json};

fn ids(j: &J) -> Vec<i64> {
    j["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_key_that_is_not_a_number_is_not_found_without_the_model() {
    let app = TestApp::new().await;
    let (s, j) = app.call("GET", "/api/dcim/sites/abc/", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(j, json!({"detail": "Not found."}));
}

#[tokio::test]
async fn an_unknown_tag_filter_is_a_400_where_there_are_tags_and_ignored_elsewhere() {
    let app = TestApp::new().await;
    app.create("/api/tenancy/tenants/", json!({"name": "t1", "slug": "t1"}))
        .await;
    let (s, j) = app
        .call("GET", "/api/tenancy/tenants/?tag=no-such-tag", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"tag": ["Select a valid choice. no-such-tag is not one of the available choices."]})
    );
    // Users have no tags: the filter is unknown there, and unknown filters are ignored.
    let (s, j) = app
        .call("GET", "/api/users/users/?tag=no-such-tag", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(j["count"].as_i64().unwrap() >= 1, "{j}");
}

#[tokio::test]
async fn lists_sort_like_django_foreign_keys_by_their_targets_ordering_nulls_last() {
    let app = TestApp::new().await;
    // Sites created in reverse name order: ordering by the FK must follow names, not ids.
    let zulu = app
        .create("/api/dcim/sites/", json!({"name": "zulu", "slug": "zulu"}))
        .await;
    let alpha = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "alpha", "slug": "alpha"}),
        )
        .await;
    let v_zulu = app
        .create(
            "/api/ipam/vlans/",
            json!({"vid": 10, "name": "a", "site": zulu["id"]}),
        )
        .await;
    let v_global = app
        .create("/api/ipam/vlans/", json!({"vid": 5, "name": "g"}))
        .await;
    let v_alpha = app
        .create(
            "/api/ipam/vlans/",
            json!({"vid": 20, "name": "b", "site": alpha["id"]}),
        )
        .await;
    let expect = vec![
        v_alpha["id"].as_i64().unwrap(),
        v_zulu["id"].as_i64().unwrap(),
        v_global["id"].as_i64().unwrap(),
    ];
    // NetBox's VLAN ordering is (site, group, qinq_svlan, vid): sites by name, no site last.
    assert_eq!(ids(&app.get("/api/ipam/vlans/").await), expect);
    assert_eq!(
        ids(&app.get("/api/ipam/vlans/?ordering=site").await),
        expect
    );
    // An ordering field that does not exist falls back to the default ordering.
    assert_eq!(
        ids(&app.get("/api/ipam/vlans/?ordering=bogus").await),
        expect
    );
    // Descending puts the NULLs first, as PostgreSQL does.
    let desc = ids(&app.get("/api/ipam/vlans/?ordering=-site").await);
    assert_eq!(
        desc,
        vec![expect[2], expect[1], expect[0]],
        "descending by site"
    );
}
