//! Every write records an object change in the same transaction, sharing the request id.

use crate::support::TestApp;
use serde_json::json;

#[tokio::test]
async fn create_update_delete_are_logged_with_data_and_request_id() {
    let app = TestApp::new().await;
    let t = app
        .create(
            "/api/tenancy/tenants/",
            json!({"name": "Acme", "slug": "acme"}),
        )
        .await;
    let id = t["id"].as_i64().unwrap();
    app.call(
        "PATCH",
        &format!("/api/tenancy/tenants/{id}/"),
        Some(json!({"description": "changed"})),
    )
    .await;
    app.call("DELETE", &format!("/api/tenancy/tenants/{id}/"), None)
        .await;
    let j = app.get(&format!("/api/core/object-changes/?changed_object_type=tenancy.tenant&changed_object_id={id}&ordering=time")).await;
    let r = j["results"].as_array().unwrap();
    assert_eq!(r.len(), 3, "{j}");
    assert_eq!(
        r[0]["action"],
        json!({"value": "create", "label": "Created"})
    );
    assert_eq!(r[0]["postchange_data"]["name"], "Acme");
    assert_eq!(r[0]["prechange_data"], json!({}));
    assert_eq!(r[1]["action"]["value"], "update");
    assert_eq!(r[1]["prechange_data"]["description"], "");
    assert_eq!(r[1]["postchange_data"]["description"], "changed");
    assert_eq!(r[2]["action"]["value"], "delete");
    assert_eq!(r[2]["postchange_data"], json!({}));
    assert_eq!(r[2]["display"], "Tenancy | tenant Acme deleted by admin");
    assert!(r[2]["changed_object"].is_null());
    assert_eq!(r[0]["user_name"], "admin");
    assert_eq!(r[0]["user"]["username"], "admin");
    let (s, _) = app
        .call("POST", "/api/core/object-changes/", Some(json!({})))
        .await;
    assert_eq!(s, http::StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn changes_of_one_bulk_request_share_its_request_id() {
    let app = TestApp::new().await;
    let auth = app.token.clone();
    let body = json!([{"name": "A", "slug": "a"}, {"name": "B", "slug": "b"}]).to_string();
    let (s, h, _) = app
        .raw(
            Some(&auth),
            "POST",
            "/api/tenancy/tenants/",
            Some(body),
            &[],
        )
        .await;
    assert_eq!(s, http::StatusCode::CREATED);
    let rid = h.get("x-request-id").unwrap().to_str().unwrap().to_string();
    let j = app
        .get(&format!("/api/core/object-changes/?request_id={rid}"))
        .await;
    assert_eq!(j["count"], 2);
}
