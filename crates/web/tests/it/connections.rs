//! Connections the database server closes (a restart, `pg_terminate_backend`, a proxy timing
//! out) are replaced before the next request uses them: read connections kept between requests
//! (PostgreSQL's read stash) and the pool's own are checked once idle for a second.

use crate::support::{TestApp, prefix};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_after_the_server_closed_the_connections_succeed() {
    let app = TestApp::new().await;
    let p = prefix(&app, "10.77.0.0/16", json!({})).await;
    let path = format!("/api/ipam/prefixes/{}/", p["id"]);
    // Several reads at once, so that several connections wait between requests.
    let reads: Vec<_> = (0..6).map(|_| app.call("GET", &path, None)).collect();
    for (status, body) in futures::future::join_all(reads).await {
        assert_eq!(status, 200, "{body}");
    }
    if let Some(schema) = &app.cleanup {
        let base = std::env::var("TEST_DATABASE_URL").expect("PostgreSQL run");
        let admin = ironbox_store::Db::connect(&base, 1).await.expect("admin");
        let ironbox_store::Db::Postgres(pool, _) = &admin else {
            unreachable!()
        };
        let killed: i64 = sqlx::query_scalar(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
             WHERE application_name = $1 AND pid <> pg_backend_pid()",
        )
        .bind(schema)
        .fetch_one(pool)
        .await
        .expect("terminate");
        assert!(killed >= 2, "the app held {killed} connections");
        admin.close().await;
        tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    }
    for _ in 0..6 {
        let (status, body) = app.call("GET", &path, None).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["prefix"], "10.77.0.0/16");
    }
    let (status, body) = app
        .call(
            "POST",
            "/api/ipam/prefixes/",
            Some(json!({"prefix": "10.78.0.0/16"})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = app
        .call("GET", "/api/ipam/prefixes/?prefix=10.78.0.0/16", None)
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["count"], 1, "{body}");
}
