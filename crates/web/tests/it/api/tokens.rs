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
        ironbox_store::Db::Postgres(p, _) => sqlx::query_as("SELECT digest FROM users_token")
            .fetch_all(p)
            .await
            .unwrap(),
    };
    assert!(rows.iter().all(|(d,)| !d.contains(&secret)));
}

#[tokio::test]
async fn provision_needs_the_right_password() {
    let app = TestApp::new().await;
    let alice = app.user("alice", false).await;
    app.grant(alice, &["ipam.prefix"], &["view"], json!(null))
        .await;
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

#[tokio::test]
async fn peppers_rotate_without_invalidating_existing_tokens() {
    let app = TestApp::new().await;
    let p2 = "second-pepper-abcdefghijklmnopqrstuvwxyz-0123456789-abcdefgh".to_string();
    let router = |peppers: Vec<(i64, String)>| {
        ironbox_web::router(ironbox_web::AppState {
            db: app.db.clone(),
            reg: app.reg.clone(),
            cfg: std::sync::Arc::new(ironbox_web::WebConfig {
                peppers,
                ..Default::default()
            }),
            metrics: None,
            auth_cache: std::sync::Arc::default(),
            search_samples: std::sync::Arc::default(),
            response_cache: std::sync::Arc::default(),
            login: std::sync::Arc::default(),
        })
    };
    let call = |r: axum::Router, auth: String| async move {
        use tower::ServiceExt;
        let req = http::Request::builder()
            .uri("/api/status/")
            .header("host", "t")
            .header("authorization", auth)
            .body(axum::body::Body::empty())
            .unwrap();
        r.oneshot(req).await.unwrap().status()
    };
    // Add pepper 2: tokens made under pepper 1 keep working; new tokens use pepper 2.
    let both = vec![(1, crate::support::PEPPER.to_string()), (2, p2.clone())];
    assert_eq!(
        call(router(both.clone()), app.token.clone()).await,
        StatusCode::OK
    );
    let mut tx = app.db.begin().await.unwrap();
    let nt = ironbox_web::tokens::NewToken {
        version: 2,
        enabled: true,
        write_enabled: true,
        ..Default::default()
    };
    let (id, key, secret) = ironbox_web::tokens::issue(&mut tx.ex(), &app.reg, &both, 1, &nt)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let j = app.get(&format!("/api/users/tokens/{id}/")).await;
    assert_eq!(j["pepper_id"], 2);
    let new_auth = format!("Bearer nbt_{}.{secret}", key.unwrap());
    assert_eq!(call(router(both), new_auth.clone()).await, StatusCode::OK);
    // Retire pepper 1: its tokens stop working, pepper 2's keep going.
    let only2 = vec![(2, p2)];
    assert_eq!(
        call(router(only2.clone()), app.token.clone()).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(call(router(only2), new_auth).await, StatusCode::OK);
}
