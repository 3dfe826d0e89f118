//! Test harness: a migrated database, the router, a superuser and tokens, and a JSON client.

use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use ironbox_store::Db;
use ironbox_web::{AppState, WebConfig};
use serde_json::{Value as J, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tower::ServiceExt;

static COUNTER: AtomicU64 = AtomicU64::new(0);

pub const PEPPER: &str = "test-pepper-0123456789-0123456789-0123456789-0123456789";

/// A running app over a fresh database.
pub struct TestApp {
    pub router: Router,
    pub db: Db,
    pub reg: Arc<ironbox_core::Registry>,
    pub token: String,
    pub cleanup: Option<String>,
    /// The answers this instance reuses.
    pub response_cache: Arc<ironbox_web::cache::ResponseCache>,
    /// How a second instance reaches the same database.
    pub url: String,
}

/// A fresh database: a temp SQLite file, or a new schema in `TEST_DATABASE_URL`.
pub async fn fresh_db() -> (Db, Option<String>) {
    let (db, schema, _) = fresh_db_url().await;
    (db, schema)
}

/// A fresh database and the URL that reaches it (for a second instance on the same data).
pub async fn fresh_db_url() -> (Db, Option<String>, String) {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let tag = format!(
        "{}_{}_{}",
        std::process::id(),
        n,
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    );
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => {
            let schema = format!("t_{tag}");
            let admin = Db::connect(&base, 2)
                .await
                .expect("connect TEST_DATABASE_URL");
            if let Db::Postgres(p, _) = &admin {
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
                    .execute(p)
                    .await
                    .expect("create schema");
            }
            admin.close().await;
            let sep = if base.contains('?') { '&' } else { '?' };
            // The application name lets a test find this database's server processes.
            let url =
                format!("{base}{sep}options=-c%20search_path%3D{schema}&application_name={schema}");
            (
                Db::connect(&url, 8).await.expect("connect schema"),
                Some(schema),
                url,
            )
        }
        _ => {
            let path = std::env::temp_dir().join(format!("ironbox-test-{tag}.db"));
            let url = format!("sqlite://{}?mode=rwc", path.display());
            (
                Db::connect(&url, 8).await.expect("connect sqlite"),
                None,
                url,
            )
        }
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::with_login(ironbox_web::login::Login::default()).await
    }

    /// An app with the given sign-in configuration.
    pub async fn with_login(login: ironbox_web::login::Login) -> TestApp {
        TestApp::with_config(login, ironbox_service::authz::Policy::default()).await
    }

    /// An app with the given sign-in configuration and permission policy.
    pub async fn with_config(
        login: ironbox_web::login::Login,
        policy: ironbox_service::authz::Policy,
    ) -> TestApp {
        let (db, cleanup, url) = fresh_db_url().await;
        ironbox_store::migrate::run(&db).await.expect("migrate");
        let reg = Arc::new(ironbox_models::registry());
        let peppers = vec![(1, PEPPER.to_string())];
        let response_cache = Arc::new(ironbox_web::cache::ResponseCache::default());
        let st = AppState {
            db: db.clone(),
            reg: reg.clone(),
            cfg: Arc::new(WebConfig {
                peppers: peppers.clone(),
                policy: Arc::new(policy),
                ..WebConfig::default()
            }),
            metrics: None,
            auth_cache: Arc::default(),
            search_samples: std::sync::Arc::default(),
            response_cache: response_cache.clone(),
            login: Arc::new(login),
        };
        let router = ironbox_web::router(st);
        let mut app = TestApp {
            router,
            db,
            reg,
            token: String::new(),
            cleanup,
            response_cache,
            url,
        };
        let uid = app.user("admin", true).await;
        app.token = app.token_for(uid, true, 2).await;
        app
    }

    /// Another instance on the same data, with its own response cache: on PostgreSQL its own
    /// connection pool (another server behind the load balancer); on SQLite the same database
    /// handle (an embedded database has one serving process).
    pub async fn other_instance(&self) -> TestApp {
        let db = match &self.db {
            Db::Postgres(_, _) => Db::connect(&self.url, 4).await.expect("connect again"),
            Db::Sqlite { .. } => self.db.clone(),
        };
        let response_cache = Arc::new(ironbox_web::cache::ResponseCache::default());
        let st = AppState {
            db: db.clone(),
            reg: self.reg.clone(),
            cfg: Arc::new(WebConfig {
                peppers: vec![(1, PEPPER.to_string())],
                ..WebConfig::default()
            }),
            metrics: None,
            auth_cache: Arc::default(),
            search_samples: std::sync::Arc::default(),
            response_cache: response_cache.clone(),
            login: Arc::new(ironbox_web::login::Login::default()),
        };
        TestApp {
            router: ironbox_web::router(st),
            db,
            reg: self.reg.clone(),
            token: self.token.clone(),
            cleanup: None,
            response_cache,
            url: self.url.clone(),
        }
    }

    /// Creates a user directly; returns its id.
    pub async fn user(&self, name: &str, superuser: bool) -> i64 {
        let um = self.reg.get("users.user").expect("user model");
        let mut tx = self.db.begin().await.expect("tx");
        let mut cols = indexmap::IndexMap::new();
        cols.insert(
            "username".to_string(),
            ironbox_core::Value::Text(name.into()),
        );
        cols.insert(
            "password".to_string(),
            ironbox_core::Value::Text(ironbox_auth::password::hash("password123").expect("hash")),
        );
        cols.insert("is_active".to_string(), ironbox_core::Value::Bool(true));
        cols.insert(
            "is_superuser".to_string(),
            ironbox_core::Value::Bool(superuser),
        );
        let id = ironbox_store::crud::insert(&mut tx.ex(), um, &cols)
            .await
            .expect("insert user");
        tx.commit().await.expect("commit");
        id
    }

    /// Grants `actions` on `types` to a user through `/api/users/permissions/` (as the admin),
    /// with optional constraints; returns the permission's id.
    pub async fn grant(
        &self,
        uid: i64,
        types: &[&str],
        actions: &[&str],
        constraints: serde_json::Value,
    ) -> i64 {
        let (s, j) = self
            .call(
                "POST",
                "/api/users/permissions/",
                Some(serde_json::json!({
                    "name": format!("grant {} {:?} {:?}", uid, types, actions),
                    "object_types": types,
                    "actions": actions,
                    "constraints": constraints,
                    "users": [uid],
                })),
            )
            .await;
        assert_eq!(s, axum::http::StatusCode::CREATED, "{j}");
        j["id"].as_i64().expect("permission id")
    }

    /// Issues a token; returns the Authorization header value.
    pub async fn token_for(&self, uid: i64, write: bool, version: i64) -> String {
        let mut tx = self.db.begin().await.expect("tx");
        let nt = ironbox_web::tokens::NewToken {
            version,
            description: String::new(),
            expires: None,
            enabled: true,
            write_enabled: write,
            allowed_ips: Vec::new(),
        };
        let (_, key, secret) = ironbox_web::tokens::issue(
            &mut tx.ex(),
            &self.reg,
            &[(1, PEPPER.to_string())],
            uid,
            &nt,
        )
        .await
        .expect("issue");
        tx.commit().await.expect("commit");
        match key {
            Some(k) => format!("Bearer nbt_{k}.{secret}"),
            None => format!("Token {secret}"),
        }
    }

    /// Sends a request with the admin token.
    pub async fn call(&self, method: &str, path: &str, body: Option<J>) -> (StatusCode, J) {
        let auth = self.token.clone();
        self.call_as(Some(&auth), method, path, body).await
    }

    /// Sends a request with the given Authorization header (or none).
    pub async fn call_as(
        &self,
        auth: Option<&str>,
        method: &str,
        path: &str,
        body: Option<J>,
    ) -> (StatusCode, J) {
        let (s, _, j) = self
            .raw(auth, method, path, body.map(|b| b.to_string()), &[])
            .await;
        (s, j)
    }

    /// Sends raw text; returns status, headers and the JSON body (Null when empty or not JSON).
    pub async fn raw(
        &self,
        auth: Option<&str>,
        method: &str,
        path: &str,
        body: Option<String>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, http::HeaderMap, J) {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "testserver");
        if let Some(a) = auth {
            b = b.header("authorization", a);
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let req = match body {
            Some(s) => b
                .header("content-type", "application/json")
                .body(Body::from(s)),
            None => b.body(Body::empty()),
        }
        .expect("request");
        let resp = self.router.clone().oneshot(req).await.expect("response");
        let status = resp.status();
        if let Some(e) = resp.extensions().get::<ironbox_web::error::InternalError>() {
            eprintln!("internal error behind {method} {path}: {}", e.0);
        }
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        let j = serde_json::from_slice(&bytes).unwrap_or(J::Null);
        (status, headers, j)
    }

    /// GET with the admin token; returns status, headers and the body as text.
    pub async fn get_text(&self, path: &str) -> (StatusCode, http::HeaderMap, String) {
        self.get_text_as(&self.token, path).await
    }

    /// GET with the given `Authorization`; returns status, headers and the body as text.
    pub async fn get_text_as(
        &self,
        auth: &str,
        path: &str,
    ) -> (StatusCode, http::HeaderMap, String) {
        let req = Request::builder()
            .method("GET")
            .uri(path)
            .header("host", "testserver")
            .header("authorization", auth)
            .body(Body::empty())
            .expect("request");
        let resp = self.router.clone().oneshot(req).await.expect("response");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// POST that must succeed; returns the body.
    pub async fn create(&self, path: &str, body: J) -> J {
        let (s, j) = self.call("POST", path, Some(body.clone())).await;
        assert_eq!(s, StatusCode::CREATED, "POST {path} {body} -> {j}");
        j
    }

    /// GET that must succeed.
    pub async fn get(&self, path: &str) -> J {
        let (s, j) = self.call("GET", path, None).await;
        assert_eq!(s, StatusCode::OK, "GET {path} -> {j}");
        j
    }

    /// Count of a list endpoint.
    pub async fn count(&self, path: &str) -> i64 {
        self.get(path).await["count"].as_i64().expect("count")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = &self.cleanup;
    }
}

/// Minimal objects used by many tests.
pub async fn vrf(app: &TestApp, name: &str, rd: &str, enforce: bool) -> i64 {
    app.create(
        "/api/ipam/vrfs/",
        json!({"name": name, "rd": rd, "enforce_unique": enforce}),
    )
    .await["id"]
        .as_i64()
        .expect("id")
}

pub async fn prefix(app: &TestApp, p: &str, extra: J) -> J {
    let mut body = json!({"prefix": p});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    app.create("/api/ipam/prefixes/", body).await
}

/// A device type ("T" by manufacturer "M") and a device role ("R"): what any device needs
/// besides its site.
pub async fn device_type_and_role(app: &TestApp) -> (J, J) {
    let mfr = app
        .create(
            "/api/dcim/manufacturers/",
            json!({"name": "M", "slug": "m"}),
        )
        .await;
    let dt = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": "T", "slug": "t"}),
        )
        .await;
    let role = app
        .create(
            "/api/dcim/device-roles/",
            json!({"name": "R", "slug": "r", "color": "aa1409"}),
        )
        .await;
    (dt, role)
}
