//! Bad input answers 4xx in NetBox's shape, never 5xx, and changes nothing.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_a_400_with_detail() {
    let app = TestApp::new().await;
    let auth = app.token.clone();
    for body in ["{", "{\"name\": }", "[1,", "\u{0}"] {
        let (s, _, j) = app
            .raw(
                Some(&auth),
                "POST",
                "/api/tenancy/tenants/",
                Some(body.to_string()),
                &[],
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
        assert!(
            j["detail"]
                .as_str()
                .unwrap()
                .starts_with("JSON parse error"),
            "{j}"
        );
    }
    assert_eq!(app.count("/api/tenancy/tenants/").await, 0);
}

#[tokio::test]
async fn wrong_types_unknown_choices_and_overlong_strings_are_field_errors() {
    let app = TestApp::new().await;
    let cases = [
        (json!({"name": 5, "slug": "a"}), "name"),
        (json!({"name": "a", "slug": "not a slug!"}), "slug"),
        (json!({"name": "x".repeat(101), "slug": "b"}), "name"),
        (json!({"name": "c", "slug": "c", "group": 99999}), "group"),
        (
            json!({"name": "d", "slug": "d", "group": {"slug": "nope"}}),
            "group",
        ),
        (json!({"name": "e", "slug": "e", "tags": "x"}), "tags"),
        (
            json!({"name": "f", "slug": "f", "custom_fields": {"nope": 1}}),
            "custom_fields",
        ),
        (json!({"slug": "g"}), "name"),
    ];
    for (body, field) in cases {
        let (s, j) = app
            .call("POST", "/api/tenancy/tenants/", Some(body.clone()))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
        assert!(j[field].is_array(), "{body} -> {j}");
    }
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/prefixes/",
            Some(json!({"prefix": "10.0.0.300/33", "status": "bogus"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"prefix": ["Invalid IP prefix format: 10.0.0.300/33"], "status": ["bogus is not a valid choice."]})
    );
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/vlans/",
            Some(json!({"vid": 5000, "name": "x"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j["vid"][0],
        "Ensure this value is less than or equal to 4094."
    );
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/prefixes/",
            Some(json!(["not an object"])),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert_eq!(
        app.count("/api/tenancy/tenants/").await
            + app.count("/api/ipam/prefixes/").await
            + app.count("/api/ipam/vlans/").await,
        0
    );
}

#[tokio::test]
async fn bad_filters_and_odd_query_strings_never_fail_the_server() {
    let app = TestApp::new().await;
    let (s, j) = app.call("GET", "/api/ipam/prefixes/?id=abc", None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(j["id"][0], "Enter a whole number.");
    let (s, j) = app
        .call("GET", "/api/ipam/prefixes/?status=bogus", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    let (s, _) = app
        .call("GET", "/api/ipam/prefixes/?within=banana", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    for q in [
        "limit=-5",
        "limit=abc",
        "offset=-1",
        "ordering=nonexistent",
        "brief=maybe",
        "q=%25%5F%5C",
        "unknown_filter=1",
        "created__gte=garbage",
        "tag=missing",
        "limit=99999999999999999999",
    ] {
        let (s, j) = app
            .call("GET", &format!("/api/ipam/prefixes/?{q}"), None)
            .await;
        assert!(s.is_success() || s.is_client_error(), "{q} -> {s} {j}");
    }
    let (s, _) = app
        .call("GET", "/api/ipam/prefixes/notanumber/", None)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.call("GET", "/api/ipam/nonsense/", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn nul_bytes_and_out_of_range_numbers_are_refused_not_stored() {
    let app = TestApp::new().await;
    let (s, j) = app
        .call(
            "POST",
            "/api/tenancy/tenants/",
            Some(json!({"name": "a\u{0}b", "slug": "ab"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert_eq!(j["name"][0], "Null characters are not allowed.");
    let (s, _) = app
        .call("GET", "/api/tenancy/tenants/?name=a%00b", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app.call("GET", "/api/tenancy/tenants/?q=%00", None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    for body in [
        json!({"vid": 1e30, "name": "x"}),
        json!({"vid": 10.5, "name": "x"}),
        json!({"vid": "ten", "name": "x"}),
        json!({"vid": [1], "name": "x"}),
        json!({"vid": 10, "name": {"nested": true}}),
        json!({"vid": 10, "name": "x", "tenant": [[1]]}),
        json!({"vid": 10, "name": "x", "tenant": -1}),
        json!({"vid": 10, "name": "x", "tenant": 9223372036854775807i64}),
        json!({"vid": 10, "name": "x", "tags": [{"slug": ["x"]}]}),
    ] {
        let (s, j) = app
            .call("POST", "/api/ipam/vlans/", Some(body.clone()))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body} -> {j}");
    }
    let (s, _) = app
        .call("GET", "/api/ipam/vlans/?vid=99999999999999999999", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = app
        .call(
            "GET",
            "/api/ipam/vlans/?limit=99999999999999999999&offset=99999999999999999999",
            None,
        )
        .await;
    assert!(s.is_success() || s.is_client_error());
    assert_eq!(
        app.count("/api/ipam/vlans/").await + app.count("/api/tenancy/tenants/").await,
        0
    );
}
