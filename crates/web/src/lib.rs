//! HTTP surface: the NetBox-compatible REST API, generated from the registry.
//!
//! Handlers extract, call one service function, and map the result; no SQL lives here.

pub mod alloc;
pub mod api;
pub mod auth;
pub mod cache;
pub mod dcim;
pub mod error;
pub mod login;
pub mod openapi;
mod pyjson;
pub mod tokens;
pub mod ui;
pub mod userconfig;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ironbox_core::meta::Registry;
use ironbox_store::Db;
use std::sync::Arc;
use std::time::Instant;

/// The NetBox release whose API Ironbox speaks.
pub const API_VERSION: &str = "4.7";

/// Settings the HTTP layer needs.
#[derive(Clone, Debug)]
pub struct WebConfig {
    /// Token peppers by id; the highest id signs new tokens.
    pub peppers: Vec<(i64, String)>,
    /// Page size when `limit` is absent.
    pub default_page_size: u64,
    /// Largest page.
    pub max_page_size: u64,
    /// Login requirement, exempt models and default permissions.
    pub policy: Arc<ironbox_service::authz::Policy>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            peppers: Vec::new(),
            default_page_size: 50,
            max_page_size: 1000,
            policy: Arc::new(ironbox_service::authz::Policy::default()),
        }
    }
}

/// Renders the metrics exposition text.
pub type MetricsRender = Arc<dyn Fn() -> String + Send + Sync>;

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    /// Database.
    pub db: Db,
    /// Model registry.
    pub reg: Arc<Registry>,
    /// Settings.
    pub cfg: Arc<WebConfig>,
    /// Metrics exposition, when metrics are installed.
    pub metrics: Option<MetricsRender>,
    /// Credentials verified in the last second.
    pub auth_cache: Arc<auth::AuthCache>,
    /// Answers of safe REST requests, reused until the next write.
    pub response_cache: Arc<cache::ResponseCache>,
    /// Column samples that narrow `q` on PostgreSQL (store's `search::sample`).
    pub search_samples: Arc<ironbox_store::search::sample::Samples>,
    /// Browser sign-in: settings, SSO providers, LDAP, templates.
    pub login: Arc<login::Login>,
}

/// The request id of the current request.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// The metrics label of a request: the route pattern with `{app}/{model}` filled in for models
/// that exist (bounded by the registry, so unknown URLs cannot grow the label set).
fn endpoint_label(st: &AppState, req: &Request) -> String {
    let Some(pattern) = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
    else {
        return "unmatched".to_string();
    };
    if !pattern.contains("{model}") {
        return pattern;
    }
    let segs: Vec<&str> = req.uri().path().split('/').collect();
    let pat: Vec<&str> = pattern.split('/').collect();
    let app = pat
        .iter()
        .position(|p| *p == "{app}")
        .and_then(|i| segs.get(i));
    let model = pat
        .iter()
        .position(|p| *p == "{model}")
        .and_then(|i| segs.get(i));
    match (app, model) {
        (Some(a), Some(m)) if st.reg.by_api(&format!("{a}/{m}")).is_some() => {
            pattern.replace("{app}", a).replace("{model}", m)
        }
        _ => pattern,
    }
}

async fn request_context(State(st): State<AppState>, mut req: Request, next: Next) -> Response {
    let start = Instant::now();
    let rid = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_string)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(RequestId(rid.clone()));
    let method = req.method().to_string();
    let endpoint = endpoint_label(&st, &req);
    let path = req.uri().path().to_string();
    let span =
        tracing::info_span!("request", request.id = %rid, http.method = %method, http.path = %path);
    let _ = &st;
    let mut resp = {
        let _g = span.enter();
        drop(_g);
        tracing::Instrument::instrument(next.run(req), span.clone()).await
    };
    let status = resp.status().as_u16();
    let secs = start.elapsed().as_secs_f64();
    if let Some(err) = resp.extensions().get::<error::InternalError>() {
        tracing::error!(request.id = %rid, error = %err.0, "request failed");
    }
    tracing::info!(request.id = %rid, http.method = %method, http.path = %path, http.status = status, duration_ms = secs * 1000.0, "request");
    metrics::counter!("ironbox_http_requests_total", "method" => method.clone(), "endpoint" => endpoint.clone(), "status" => status.to_string()).increment(1);
    metrics::histogram!("ironbox_http_request_duration_seconds", "method" => method, "endpoint" => endpoint).record(secs);
    let h = resp.headers_mut();
    h.insert("API-Version", HeaderValue::from_static(API_VERSION));
    if let Ok(v) = HeaderValue::from_str(&rid) {
        h.insert("X-Request-ID", v);
    }
    resp
}

async fn metrics_handler(State(st): State<AppState>) -> Response {
    let (size, idle) = st.db.pool_stats();
    metrics::gauge!("ironbox_db_pool_connections").set(f64::from(size));
    metrics::gauge!("ironbox_db_pool_idle_connections").set(f64::from(idle));
    match &st.metrics {
        Some(r) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], r()).into_response(),
        None => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            String::new(),
        )
            .into_response(),
    }
}

/// OPTIONS and unsupported methods on the allocation routes, answered like DRF.
async fn other_method(method: axum::http::Method) -> Response {
    let allow = HeaderValue::from_static("GET, POST, HEAD, OPTIONS");
    let mut r = if method == axum::http::Method::OPTIONS {
        axum::Json(serde_json::json!({
            "name": "Available",
            "description": "",
            "renders": ["application/json", "text/html"],
            "parses": ["application/json", "multipart/form-data"],
        }))
        .into_response()
    } else {
        (
            axum::http::StatusCode::METHOD_NOT_ALLOWED,
            axum::Json(serde_json::json!({"detail": format!("Method \"{method}\" not allowed.")})),
        )
            .into_response()
    };
    r.headers_mut().insert(header::ALLOW, allow);
    r
}

/// Builds the application router.
pub fn router(st: AppState) -> Router {
    let api = Router::new()
        .route("/api/", get(api::root))
        .route("/api/status/", get(api::status))
        .route("/api/schema/", get(openapi::schema))
        .route("/api/users/tokens/provision/", post(tokens::provision))
        .route(
            "/api/users/config/",
            get(userconfig::config)
                .patch(userconfig::config)
                .options(userconfig::config),
        )
        .route(
            "/api/ipam/prefixes/{id}/available-ips/",
            get(alloc::prefix_ips_get)
                .post(alloc::prefix_ips_post)
                .fallback(other_method),
        )
        .route(
            "/api/ipam/prefixes/{id}/available-prefixes/",
            get(alloc::prefixes_get)
                .post(alloc::prefixes_post)
                .fallback(other_method),
        )
        .route(
            "/api/ipam/ip-ranges/{id}/available-ips/",
            get(alloc::range_ips_get)
                .post(alloc::range_ips_post)
                .fallback(other_method),
        )
        .route(
            "/api/ipam/vlan-groups/{id}/available-vlans/",
            get(alloc::vlans_get)
                .post(alloc::vlans_post)
                .fallback(other_method),
        )
        .route(
            "/api/ipam/asn-ranges/{id}/available-asns/",
            get(alloc::asns_get)
                .post(alloc::asns_post)
                .fallback(other_method),
        )
        .route("/api/dcim/racks/{id}/elevation/", get(dcim::rack_elevation))
        .route("/api/dcim/device-types/import/", post(dcim::import_type))
        .route("/api/dcim/{model}/{id}/trace/", get(dcim::trace))
        .route("/api/dcim/{model}/{id}/paths/", get(dcim::paths))
        .route("/api/{app}/", get(api::app_root))
        .route(
            "/api/{app}/{model}/",
            axum::routing::any(api::list_endpoint),
        )
        .route(
            "/api/{app}/{model}/{id}/",
            axum::routing::any(api::detail_endpoint),
        )
        .fallback(api::not_found)
        .layer(middleware::from_fn_with_state(
            cache::Layer::of(&st),
            cache::layer,
        ))
        .layer(middleware::from_fn_with_state(
            st.clone(),
            auth::authenticate,
        ));
    Router::new()
        .route("/metrics", get(metrics_handler))
        .merge(login::routes(st.clone()))
        .merge(ui::routes(&st.reg).layer(middleware::from_fn_with_state(
            st.clone(),
            login::remote::middleware,
        )))
        .merge(api)
        .layer(middleware::from_fn_with_state(st.clone(), request_context))
        .with_state(st)
}
