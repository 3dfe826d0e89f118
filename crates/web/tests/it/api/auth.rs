//! Authentication answers like NetBox 4.7: 403 with its exact details.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn missing_credentials_are_refused_with_403() {
    let app = TestApp::new().await;
    let (s, j) = app.call_as(None, "GET", "/api/dcim/devices/", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(
        j,
        json!({"detail": "Authentication credentials were not provided."})
    );
    let (s, _) = app.call_as(None, "GET", "/api/ipam/prefixes/", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn unknown_or_forged_v2_tokens_are_invalid() {
    let app = TestApp::new().await;
    for h in [
        "Bearer nbt_abcdefghijkl.0123456789012345678901234567890123456789",
        "Token nbt_abcdefghijkl.x",
    ] {
        let (s, j) = app
            .call_as(Some(h), "GET", "/api/ipam/prefixes/", None)
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{h}");
        assert_eq!(j, json!({"detail": "Invalid v2 token"}), "{h}");
    }
    // Malformed headers get NetBox's own wording.
    let (_, j) = app
        .call_as(
            Some("Bearer nbt_garbage"),
            "GET",
            "/api/ipam/prefixes/",
            None,
        )
        .await;
    assert_eq!(j["detail"], ironbox_auth::token::MSG_NO_KEY);
    let (_, j) = app
        .call_as(Some("Bearer a b"), "GET", "/api/ipam/prefixes/", None)
        .await;
    assert_eq!(j["detail"], ironbox_auth::token::MSG_FORM);
    let (_, j) = app
        .call_as(
            Some("Basic YWRtaW46YWRtaW4="),
            "GET",
            "/api/ipam/prefixes/",
            None,
        )
        .await;
    assert_eq!(j["detail"], "Authentication credentials were not provided.");
    // The right key with a wrong secret is refused too.
    let key = app
        .token
        .trim_start_matches("Bearer nbt_")
        .split('.')
        .next()
        .unwrap()
        .to_string();
    let forged = format!("Bearer nbt_{key}.{}", "x".repeat(40));
    let (s, j) = app
        .call_as(Some(&forged), "GET", "/api/ipam/prefixes/", None)
        .await;
    assert_eq!(
        (s, j),
        (StatusCode::FORBIDDEN, json!({"detail": "Invalid v2 token"}))
    );
}

#[tokio::test]
async fn read_only_tokens_cannot_write() {
    let app = TestApp::new().await;
    let uid = app.user("reader", false).await;
    app.grant(uid, &["tenancy.tenant"], &["view", "add"], json!(null))
        .await;
    let ro = app.token_for(uid, false, 2).await;
    let (s, _) = app
        .call_as(Some(&ro), "GET", "/api/tenancy/tenants/", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, j) = app
        .call_as(
            Some(&ro),
            "POST",
            "/api/tenancy/tenants/",
            Some(json!({"name": "x", "slug": "x"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(
        j,
        json!({"detail": "You do not have permission to perform this action."})
    );
    assert_eq!(app.count("/api/tenancy/tenants/").await, 0);
}

#[tokio::test]
async fn v1_tokens_from_migrations_still_work() {
    let app = TestApp::new().await;
    let uid = app.user("legacy", false).await;
    app.grant(uid, &["ipam.vrf"], &["view"], json!(null)).await;
    let v1 = app.token_for(uid, true, 1).await;
    assert!(v1.starts_with("Token ") && v1.len() == "Token ".len() + 40);
    let (s, _) = app.call_as(Some(&v1), "GET", "/api/ipam/vrfs/", None).await;
    assert_eq!(s, StatusCode::OK);
    let (s, j) = app
        .call_as(
            Some("Token 0000000000000000000000000000000000000000"),
            "GET",
            "/api/ipam/vrfs/",
            None,
        )
        .await;
    assert_eq!(
        (s, j),
        (StatusCode::FORBIDDEN, json!({"detail": "Invalid v1 token"}))
    );
}

#[tokio::test]
async fn disabled_expired_and_deactivated_credentials_stop_working() {
    let app = TestApp::new().await;
    let uid = app.user("temp", false).await;
    app.grant(uid, &["ipam.vrf"], &["view"], json!(null)).await;
    let tok = app.token_for(uid, true, 2).await;
    let (s, _) = app
        .call_as(Some(&tok), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let list = app.get(&format!("/api/users/tokens/?user_id={uid}")).await;
    let tid = list["results"][0]["id"].as_i64().unwrap();
    app.call(
        "PATCH",
        &format!("/api/users/tokens/{tid}/"),
        Some(json!({"expires": "2001-01-01T00:00:00Z"})),
    )
    .await;
    let (s, j) = app
        .call_as(Some(&tok), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(
        (s, j),
        (StatusCode::FORBIDDEN, json!({"detail": "Token expired"}))
    );
    app.call(
        "PATCH",
        &format!("/api/users/tokens/{tid}/"),
        Some(json!({"expires": null, "enabled": false})),
    )
    .await;
    let (s, _) = app
        .call_as(Some(&tok), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    app.call(
        "PATCH",
        &format!("/api/users/tokens/{tid}/"),
        Some(json!({"enabled": true})),
    )
    .await;
    let (s, _) = app
        .call_as(Some(&tok), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    // Switching the user off switches every token off with it.
    let (s, _) = app
        .call(
            "PATCH",
            &format!("/api/users/users/{uid}/"),
            Some(json!({"is_active": false})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = app
        .call_as(Some(&tok), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn every_response_carries_the_api_version() {
    let app = TestApp::new().await;
    let (_, h, _) = app.raw(None, "GET", "/api/status/", None, &[]).await;
    assert_eq!(h.get("API-Version").unwrap(), "4.7");
    let auth = app.token.clone();
    let (s, h, j) = app.raw(Some(&auth), "GET", "/api/status/", None, &[]).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h.get("API-Version").unwrap(), "4.7");
    assert_eq!(j["netbox-version"], "4.7.3");
}

#[tokio::test]
async fn credentials_revoked_elsewhere_stop_working_within_a_second() {
    let app = TestApp::new().await;
    let uid = app.user("elsewhere", false).await;
    app.grant(uid, &["ipam.vrf"], &["view"], json!(null)).await;
    let tok = app.token_for(uid, true, 2).await;
    let (s, _) = app
        .call_as(Some(&tok), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    // Another instance switches the user off (a direct database write, not through this one).
    let um = app.reg.get("users.user").unwrap();
    let mut tx = app.db.begin().await.unwrap();
    let mut cols = indexmap::IndexMap::new();
    cols.insert("is_active".to_string(), ironbox_core::Value::Bool(false));
    ironbox_store::crud::update(&mut tx.ex(), um, uid, &cols)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    tokio::time::sleep(ironbox_web::auth::AUTH_TTL + std::time::Duration::from_millis(100)).await;
    let (s, j) = app
        .call_as(Some(&tok), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{j}");
    // Through this instance the change applies at once.
    let here = app.user("here", false).await;
    app.grant(here, &["ipam.vrf"], &["view"], json!(null)).await;
    let tok2 = app.token_for(here, true, 2).await;
    let (s, _) = app
        .call_as(Some(&tok2), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    let list = app.get("/api/users/users/?username=here").await;
    let hid = list["results"][0]["id"].as_i64().unwrap();
    app.call(
        "PATCH",
        &format!("/api/users/users/{hid}/"),
        Some(json!({"is_active": false})),
    )
    .await;
    let (s, _) = app
        .call_as(Some(&tok2), "GET", "/api/ipam/vrfs/", None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}
