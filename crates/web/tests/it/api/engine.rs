//! The generic engine: pagination, brief/fields/omit, ordering, bulk writes, OPTIONS, ETags.

use crate::support::{TestApp, prefix};
use http::StatusCode;
use serde_json::{Value as J, json};

async fn tenants(app: &TestApp, n: usize) {
    let items: Vec<J> = (0..n)
        .map(|i| json!({"name": format!("T{i:04}"), "slug": format!("t{i:04}")}))
        .collect();
    let (s, j) = app
        .call("POST", "/api/tenancy/tenants/", Some(J::Array(items)))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
}

#[tokio::test]
async fn limit_offset_pagination_links_walk_the_whole_list() {
    let app = TestApp::new().await;
    tenants(&app, 120).await;
    let first = app.get("/api/tenancy/tenants/").await;
    assert_eq!(first["count"], 120);
    assert_eq!(first["results"].as_array().unwrap().len(), 50);
    assert!(first["previous"].is_null());
    let mut seen = Vec::new();
    let mut next = Some("/api/tenancy/tenants/?limit=50".to_string());
    while let Some(url) = next {
        let path = url.trim_start_matches("http://testserver").to_string();
        let page = app.get(&path).await;
        seen.extend(
            page["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["name"].as_str().unwrap().to_string()),
        );
        next = page["next"].as_str().map(str::to_string);
    }
    assert_eq!(seen.len(), 120);
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "default ordering is by name");
    let p = app.get("/api/tenancy/tenants/?limit=10&offset=20").await;
    assert_eq!(p["results"][0]["name"], "T0020");
    assert_eq!(
        p["previous"],
        "http://testserver/api/tenancy/tenants/?limit=10&offset=10"
    );
    assert_eq!(
        p["next"],
        "http://testserver/api/tenancy/tenants/?limit=10&offset=30"
    );
}

#[tokio::test]
async fn limit_is_capped_and_cursor_pagination_follows_ids() {
    let app = TestApp::new().await;
    tenants(&app, 30).await;
    let all = app.get("/api/tenancy/tenants/?limit=999999999").await;
    assert_eq!(all["results"].as_array().unwrap().len(), 30);
    let ids: Vec<i64> = all["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    let start = ids.iter().min().unwrap() + 10;
    let page = app
        .get(&format!("/api/tenancy/tenants/?start={start}&limit=5"))
        .await;
    let got: Vec<i64> = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, (start..start + 5).collect::<Vec<_>>());
    let next = page["next"].as_str().unwrap();
    assert!(next.contains(&format!("start={}", start + 5)), "{next}");
    let (s, _) = app
        .call("GET", "/api/tenancy/tenants/?start=1&offset=3", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn brief_fields_and_omit_shape_the_output() {
    let app = TestApp::new().await;
    prefix(&app, "10.0.0.0/16", json!({"description": "smoke"})).await;
    let b = app.get("/api/ipam/prefixes/?brief=1").await;
    let keys: Vec<&str> = b["results"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "url",
            "display",
            "family",
            "prefix",
            "description",
            "_depth"
        ]
    );
    let f = app.get("/api/ipam/prefixes/?fields=id,prefix").await;
    assert_eq!(f["results"][0].as_object().unwrap().len(), 2);
    let o = app
        .get("/api/ipam/prefixes/?omit=tags,custom_fields,comments")
        .await;
    let r = o["results"][0].as_object().unwrap();
    assert!(!r.contains_key("tags") && !r.contains_key("comments") && r.contains_key("prefix"));
}

#[tokio::test]
async fn ordering_parameter_sorts_by_fields() {
    let app = TestApp::new().await;
    for p in ["10.2.0.0/16", "10.10.0.0/16", "10.1.0.0/16"] {
        prefix(&app, p, json!({})).await;
    }
    let asc = app.get("/api/ipam/prefixes/?ordering=prefix").await;
    let got: Vec<&str> = asc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["prefix"].as_str().unwrap())
        .collect();
    assert_eq!(
        got,
        ["10.1.0.0/16", "10.2.0.0/16", "10.10.0.0/16"],
        "addresses sort numerically, not as text"
    );
    let desc = app.get("/api/ipam/prefixes/?ordering=-prefix").await;
    assert_eq!(desc["results"][0]["prefix"], "10.10.0.0/16");
}

#[tokio::test]
async fn bulk_create_of_500_with_one_bad_item_writes_nothing() {
    let app = TestApp::new().await;
    let mut items: Vec<J> = (0..500)
        .map(|i| json!({"address": format!("10.1.{}.{}/24", i / 250, i % 250 + 1)}))
        .collect();
    items[317] = json!({"address": "10.1.1.999/24"});
    let (s, j) = app
        .call("POST", "/api/ipam/ip-addresses/", Some(J::Array(items)))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // NetBox 4.7's bulk document names only the failing item, by index.
    assert_eq!(
        j,
        json!({"detail": "1 of 500 objects could not be created.",
               "errors": [{"index": 317, "errors": {"address": ["Invalid IP address format: 10.1.1.999/24"]}}]})
    );
    assert_eq!(app.count("/api/ipam/ip-addresses/").await, 0);
    let (s, _) = app.call("GET", "/api/core/object-changes/", None).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        app.count("/api/core/object-changes/?changed_object_type=ipam.ipaddress")
            .await,
        0,
        "no change-log rows for a rolled-back bulk write"
    );
}

#[tokio::test]
async fn bulk_update_and_delete_apply_to_every_listed_object() {
    let app = TestApp::new().await;
    let a = prefix(&app, "10.0.0.0/24", json!({})).await["id"].clone();
    let b = prefix(&app, "10.0.1.0/24", json!({})).await["id"].clone();
    let (s, j) = app
        .call(
            "PATCH",
            "/api/ipam/prefixes/",
            Some(json!([{"id": a, "status": "reserved"}, {"id": b, "status": "reserved"}])),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(app.count("/api/ipam/prefixes/?status=reserved").await, 2);
    let (s, _) = app
        .call(
            "PATCH",
            "/api/ipam/prefixes/",
            Some(json!([{"id": a, "status": "deprecated"}, {"id": b, "status": "bogus"}])),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        app.count("/api/ipam/prefixes/?status=deprecated").await,
        0,
        "a failed bulk update changes nothing"
    );
    let (s, _) = app
        .call(
            "DELETE",
            "/api/ipam/prefixes/",
            Some(json!([{"id": a}, {"id": b}])),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.count("/api/ipam/prefixes/").await, 0);
}

#[tokio::test]
async fn options_lists_choices_for_pynetbox() {
    let app = TestApp::new().await;
    let (s, j) = app.call("OPTIONS", "/api/ipam/prefixes/", None).await;
    assert_eq!(s, StatusCode::OK);
    let status = j["actions"]["POST"]["status"]["choices"]
        .as_array()
        .unwrap();
    assert!(status.contains(&json!({"value": "active", "display_name": "Active"})));
    assert!(status.contains(&json!({"value": "container", "display_name": "Container"})));
}

#[tokio::test]
async fn if_match_with_a_stale_etag_is_refused() {
    let app = TestApp::new().await;
    let id = prefix(&app, "10.9.0.0/16", json!({})).await["id"]
        .as_i64()
        .unwrap();
    let auth = app.token.clone();
    let (_, h, _) = app
        .raw(
            Some(&auth),
            "GET",
            &format!("/api/ipam/prefixes/{id}/"),
            None,
            &[],
        )
        .await;
    let etag = h.get("etag").unwrap().to_str().unwrap().to_string();
    let (s, _, _) = app
        .raw(
            Some(&auth),
            "PATCH",
            &format!("/api/ipam/prefixes/{id}/"),
            Some(json!({"description": "one"}).to_string()),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _, _) = app
        .raw(
            Some(&auth),
            "PATCH",
            &format!("/api/ipam/prefixes/{id}/"),
            Some(json!({"description": "two"}).to_string()),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(s, StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        app.get(&format!("/api/ipam/prefixes/{id}/")).await["description"],
        "one"
    );
}

#[tokio::test]
async fn not_found_uses_netbox_wording() {
    let app = TestApp::new().await;
    let (s, j) = app.call("GET", "/api/ipam/prefixes/999999/", None).await;
    assert_eq!(
        (s, j),
        (
            StatusCode::NOT_FOUND,
            json!({"detail": "No Prefix matches the given query."})
        )
    );
}

#[tokio::test]
async fn schema_document_covers_every_model_route() {
    let app = TestApp::new().await;
    let doc = app.get("/api/schema/").await;
    assert_eq!(doc["openapi"], "3.0.3");
    for m in app.reg.all() {
        assert!(
            doc["paths"].get(format!("/api/{}/", m.api)).is_some(),
            "missing {}",
            m.api
        );
        assert!(doc["components"]["schemas"].get(m.class).is_some());
    }
    // `q` is documented where the list searches (NetBox has none for cable terminations).
    let params = |path: &str| -> Vec<String> {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["name"].as_str().map(str::to_string))
            .collect()
    };
    assert!(params("/api/ipam/ip-addresses/").contains(&"q".to_string()));
    assert!(!params("/api/dcim/cable-terminations/").contains(&"q".to_string()));
    let props = doc["components"]["schemas"]["Prefix"]["properties"]
        .as_object()
        .unwrap();
    let served = app.get("/api/ipam/prefixes/?limit=1").await;
    let _ = served;
    assert!(
        props.contains_key("_depth")
            && props.contains_key("vrf")
            && props.contains_key("display_url")
    );
}
