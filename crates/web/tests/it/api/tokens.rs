//! `/api/users/tokens/`: plaintext shown once, only digests stored, provisioning by password.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn created_token_shows_its_secret_once_and_authenticates() {
    let app = TestApp::new().await;
    let j = app
        .create(
            "/api/users/tokens/",
            json!({"user": 1, "description": "ci", "write_enabled": false}),
        )
        .await;
    let key = j["key"].as_str().unwrap().to_string();
    let secret = j["token"].as_str().unwrap().to_string();
    assert_eq!(secret.len(), 40);
    assert_eq!(j["version"], 2);
    assert_eq!(j["write_enabled"], false);
    let again = app.get(&format!("/api/users/tokens/{}/", j["id"])).await;
    assert!(
        again["token"].is_null(),
        "secret must not be shown again: {again}"
    );
    assert!(again.get("digest").is_none());
    assert_eq!(again["display"], key.as_str());
    let (s, j) = app
        .call(
            "POST",
            "/api/users/tokens/",
            Some(json!({"description": "no user"})),
        )
        .await;
    assert_eq!(
        (s, j),
        (
            StatusCode::BAD_REQUEST,
            json!({"user": ["This field is required."]})
        )
    );
    let hdr = format!("Bearer nbt_{key}.{secret}");
    let (s, _) = app
        .call_as(Some(&hdr), "GET", "/api/tenancy/tenants/", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    // The database holds no plaintext.
    let rows: Vec<(String,)> = match &app.db {
        ironbox_store::Db::Sqlite { read, .. } => sqlx::query_as("SELECT digest FROM users_token")
            .fetch_all(read)
            .await
            .unwrap(),
        ironbox_store::Db::Postgres(p) => sqlx::query_as("SELECT digest FROM users_token")
            .fetch_all(p)
            .await
            .unwrap(),
    };
    assert!(rows.iter().all(|(d,)| !d.contains(&secret)));
}

#[tokio::test]
async fn provision_needs_the_right_password() {
    let app = TestApp::new().await;
    app.user("alice", false).await;
    let (s, j) = app
        .call_as(
            None,
            "POST",
            "/api/users/tokens/provision/",
            Some(json!({"username": "alice", "password": "nope"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{j}");
    let (s, j) = app
        .call_as(
            None,
            "POST",
            "/api/users/tokens/provision/",
            Some(json!({"username": "alice", "password": "password123"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    assert_eq!(j["user"]["username"], "alice");
    let hdr = format!(
        "Bearer nbt_{}.{}",
        j["key"].as_str().unwrap(),
        j["token"].as_str().unwrap()
    );
    let (s, _) = app
        .call_as(Some(&hdr), "GET", "/api/ipam/prefixes/", None)
        .await;
    assert_eq!(s, StatusCode::OK);
}
