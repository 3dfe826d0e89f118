//! The generic REST endpoints every registry model gets: list, create, bulk update/delete,
//! detail get/put/patch/delete and OPTIONS, with NetBox's query parameters.

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::{AppState, RequestId};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use indexmap::IndexSet;
use ironbox_core::meta::{Kind, Model, Row};
use ironbox_core::{Error, FieldErrors};
use ironbox_service::Ctx;
use ironbox_service::render::{Mode, Selection, render, render_json, render_json_one};
use ironbox_service::{authz, write};
use ironbox_store::crud::{self, OrderTerm};
use ironbox_store::filter;
use sea_query::{Alias, Condition, Expr, ExprTrait};
use serde_json::{Value as J, json};

const LIST_ALLOW: &str = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS";
const DETAIL_ALLOW: &str = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
/// Models with a `trace` action: the framework NetBox runs on then lists TRACE as a method.
const LIST_ALLOW_TRACE: &str = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE";
const DETAIL_ALLOW_TRACE: &str = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE";

fn traceable(m: &Model) -> bool {
    ironbox_service::dcim::ENDPOINTS.contains(&m.key().as_str())
}

/// The request's absolute base URL (`http://host`), honouring `X-Forwarded-Proto`.
pub fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let proto = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .filter(|p| *p == "https" || *p == "http")
        .unwrap_or("http");
    format!("{proto}://{host}")
}

/// Builds the service context of a request.
pub fn ctx(st: &AppState, headers: &HeaderMap, p: Option<&Principal>, rid: &RequestId) -> Ctx {
    Ctx {
        reg: st.reg.clone(),
        base: base_url(headers),
        user: p
            .filter(|p| p.actor.user.is_some())
            .map(|p| (p.user_id, p.username.clone())),
        request_id: rid.0.clone(),
        actor: match p {
            Some(p) => p.actor.clone(),
            None => ironbox_service::authz::Actor::anonymous(st.cfg.policy.clone()),
        },
    }
}

/// Query parameters as ordered pairs.
pub fn query_pairs(uri: &Uri) -> Vec<(String, String)> {
    form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

pub(crate) fn param<'a>(q: &'a [(String, String)], k: &str) -> Option<&'a str> {
    q.iter()
        .rev()
        .find(|(a, _)| a == k)
        .map(|(_, v)| v.as_str())
}

fn truthy(v: Option<&str>) -> bool {
    matches!(
        v.map(str::to_ascii_lowercase).as_deref(),
        Some("1" | "true" | "yes" | "on" | "t")
    )
}

/// Refuses bodies that are not JSON (415 like DRF), before any parsing.
pub fn check_media_type(headers: &HeaderMap, body: &Bytes) -> Result<(), ApiError> {
    if body.is_empty() {
        return Ok(());
    }
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return Ok(());
    };
    let base = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if base == "application/json" || base.ends_with("+json") {
        Ok(())
    } else {
        Err(ApiError(Error::UnsupportedMediaType(ct.to_string())))
    }
}

/// Parses a JSON body with DRF's error for malformed input.
pub fn parse_body(body: &Bytes) -> Result<J, ApiError> {
    if body.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(body).map_err(|e| {
        // Python's words for the fault where Python would see one, serde's otherwise.
        let why = std::str::from_utf8(body)
            .ok()
            .and_then(crate::pyjson::error)
            .unwrap_or_else(|| e.to_string());
        ApiError(Error::BadRequest(format!("JSON parse error - {why}")))
    })
}

fn with_allow(mut r: Response, allow: &'static str) -> Response {
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

/// Selection from `fields=` / `omit=`.
pub fn selection(q: &[(String, String)]) -> Selection {
    let split = |v: Option<&str>| -> IndexSet<String> {
        v.map(|s| {
            s.split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default()
    };
    let only = param(q, "fields").map(|_| split(param(q, "fields")));
    Selection {
        only,
        omit: split(param(q, "omit")),
    }
}

fn model<'a>(st: &'a AppState, app: &str, name: &str) -> Result<&'a Model, ApiError> {
    st.reg
        .by_api(&format!("{app}/{name}"))
        .ok_or(ApiError(Error::NoRoute))
}

/// `GET /api/`.
pub async fn root(headers: HeaderMap, State(st): State<AppState>) -> Response {
    let base = base_url(&headers);
    // DRF's router lists its entries sorted by name.
    let mut names: std::collections::BTreeSet<&str> = st.reg.all().iter().map(|m| m.app).collect();
    names.extend([
        "circuits",
        "dcim",
        "plugins",
        "status",
        "virtualization",
        "vpn",
        "wireless",
    ]);
    let o: serde_json::Map<String, J> = names
        .into_iter()
        .map(|a| (a.to_string(), J::String(format!("{base}/api/{a}/"))))
        .collect();
    with_allow(Json(J::Object(o)).into_response(), "GET, HEAD, OPTIONS")
}

/// `GET /api/<app>/`.
pub async fn app_root(
    Path(app): Path<String>,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> ApiResult<Response> {
    let base = base_url(&headers);
    let mut endpoints: Vec<(&str, &str)> = st
        .reg
        .all()
        .iter()
        .filter(|m| m.app == app)
        .map(|m| (m.api.split('/').nth(1).unwrap_or(""), m.api))
        .collect();
    endpoints.sort_unstable();
    let o: serde_json::Map<String, J> = endpoints
        .into_iter()
        .map(|(seg, api)| (seg.to_string(), J::String(format!("{base}/api/{api}/"))))
        .collect();
    if o.is_empty()
        && ![
            "circuits",
            "dcim",
            "plugins",
            "virtualization",
            "vpn",
            "wireless",
        ]
        .contains(&app.as_str())
    {
        return Err(ApiError(Error::NoRoute));
    }
    Ok(with_allow(
        Json(J::Object(o)).into_response(),
        "GET, HEAD, OPTIONS",
    ))
}

/// `GET /api/status/`.
pub async fn status(State(st): State<AppState>) -> Response {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .unwrap_or_else(|| "ironbox".into());
    let backend = match st.db.backend() {
        ironbox_store::Backend::Sqlite => "sqlite",
        ironbox_store::Backend::Postgres => "postgresql",
    };
    // NetBox's keys exactly; Ironbox's own version and backend ride in `installed_apps`.
    let body = json!({
        "django-version": null,
        "hostname": host,
        "installed_apps": {"ironbox": env!("CARGO_PKG_VERSION"), "database": backend},
        "netbox-version": "4.7.3",
        "netbox-full-version": "4.7.3",
        "plugins": {},
        "python-version": null,
        "rq-workers-running": 0
    });
    with_allow(Json(body).into_response(), "GET, HEAD, OPTIONS")
}

/// Any unknown API path.
pub async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, Json(json!({"detail": "Not found."}))).into_response()
}

/// The ordering of a list: `?ordering=` terms DRF accepts, else the model's default ordering
/// (unknown fields are dropped, and a request with none left sorts by default, as DRF does). A
/// foreign key pinned to one value by the filters is left out: it cannot change the order.
fn order_terms(reg: &ironbox_core::Registry, m: &Model, q: &[(String, String)]) -> Vec<OrderTerm> {
    let mut terms: Vec<(String, bool)> = match param(q, "ordering") {
        Some(o) => o
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| (t.trim_start_matches('-').to_string(), t.starts_with('-')))
            .collect(),
        None => Vec::new(),
    };
    if !reg.sorts_by_any(m, &terms) {
        terms = m
            .ordering
            .iter()
            .map(|(f, d)| (f.to_string(), *d))
            .collect();
        let default = terms.clone();
        terms.retain(|(f, _)| !pinned(m, q, f));
        if terms.len() == default.len() {
            return reg.sort_keys(m, &[]);
        }
        if terms.is_empty() {
            terms.push(("id".into(), false));
        }
        return reg.default_sort_keys(m, &terms);
    }
    reg.sort_keys(m, &terms)
}

/// Whether the filters hold the foreign key `field` to a single value (`device_id=7`).
fn pinned(m: &Model, q: &[(String, String)], field: &str) -> bool {
    let Some(f) = m.field_named(field) else {
        return false;
    };
    if !matches!(f.kind, Kind::Fk { .. }) {
        return false;
    }
    let by_id = format!("{field}_id");
    let vals: Vec<&str> = q
        .iter()
        .filter(|(k, _)| *k == by_id || k == field)
        .map(|(_, v)| v.as_str())
        .collect();
    vals.len() == 1 && !vals[0].contains(',') && vals[0] != "null"
}

fn page_url(
    base: &str,
    uri: &Uri,
    q: &[(String, String)],
    set: &[(&str, String)],
    drop: &[&str],
) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in q {
        if set.iter().any(|(s, _)| s == k) || drop.contains(&k.as_str()) {
            continue;
        }
        ser.append_pair(k, v);
    }
    for (k, v) in set {
        ser.append_pair(k, v);
    }
    format!("{base}{}?{}", uri.path(), ser.finish())
}

/// FK filter values must name existing objects (NetBox answers 400 otherwise).
async fn check_references(
    reg: &ironbox_core::Registry,
    m: &Model,
    q: &[(String, String)],
    ex: &mut ironbox_store::Ex<'_>,
) -> ApiResult<()> {
    let mut errors = ironbox_core::FieldErrors::new();
    for (key, t, attr, vals) in filter::references(reg, m, q) {
        let cond = sea_query::Condition::all().add(
            sea_query::Expr::col(sea_query::Alias::new(attr)).is_in(vals.iter().map(|v| {
                if attr == "id" {
                    sea_query::Value::from(v.parse::<i64>().unwrap_or_default())
                } else {
                    sea_query::Value::from(v.clone())
                }
            })),
        );
        // Only the named attribute is read: the check needs nothing else of the rows.
        let q = sea_query::Query::select()
            .column(sea_query::Alias::new(attr))
            .from(sea_query::Alias::new(t.table))
            .cond_where(cond)
            .to_owned();
        let ty = if attr == "id" {
            ironbox_core::meta::ColType::Int
        } else {
            ironbox_core::meta::ColType::Text
        };
        let found: std::collections::HashSet<String> = ex
            .fetch(&q, &[ty])
            .await?
            .iter()
            .filter_map(|r| match r.first() {
                Some(ironbox_core::Value::Int(i)) => Some(i.to_string()),
                Some(ironbox_core::Value::Text(t)) => Some(t.clone()),
                _ => None,
            })
            .collect();
        if let Some(missing) = vals.iter().find(|v| !found.contains(*v)) {
            errors.add(
                &key,
                format!("Select a valid choice. {missing} is not one of the available choices."),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError(Error::Invalid(errors)))
    }
}

/// `limit` (default and maximum from the settings; 0 means the maximum) and `offset` (bounded to
/// what SQL OFFSET accepts on both backends).
pub(crate) fn page_window(st: &AppState, q: &[(String, String)]) -> (u64, u64) {
    let limit = match param(q, "limit").map(|v| v.trim().parse::<i64>()) {
        Some(Ok(l)) if l > 0 => std::cmp::min(l as u64, st.cfg.max_page_size),
        Some(Ok(0)) => st.cfg.max_page_size,
        _ => st.cfg.default_page_size,
    };
    let offset = std::cmp::min(
        param(q, "offset")
            .and_then(|v| v.trim().parse::<u64>().ok())
            .unwrap_or(0),
        i64::MAX as u64 / 2,
    );
    (limit, offset)
}

/// The `next` and `previous` links of a limit/offset page.
pub(crate) fn page_links(
    c: &Ctx,
    uri: &Uri,
    q: &[(String, String)],
    limit: u64,
    offset: u64,
    count: u64,
) -> (Option<String>, Option<String>) {
    let next = (offset + limit < count).then(|| {
        page_url(
            &c.base,
            uri,
            q,
            &[
                ("limit", limit.to_string()),
                ("offset", (offset + limit).to_string()),
            ],
            &[],
        )
    });
    let previous = (offset > 0).then(|| {
        let prev = offset.saturating_sub(limit);
        if prev == 0 {
            page_url(
                &c.base,
                uri,
                q,
                &[("limit", limit.to_string())],
                &["offset"],
            )
        } else {
            page_url(
                &c.base,
                uri,
                q,
                &[("limit", limit.to_string()), ("offset", prev.to_string())],
                &[],
            )
        }
    });
    (next, previous)
}

/// Counts kept at most (the map is cleared when full).
const COUNTS_MAX: usize = 10_000;

/// The key of a count: the condition as SQL, rendered by the backend's own builder (conditions
/// may hold backend-only operators such as ILIKE).
fn count_key(st: &AppState, m: &Model, cond: &Condition) -> String {
    let stmt = sea_query::Query::select()
        .expr(Expr::val(1))
        .from(Alias::new(m.table))
        .cond_where(cond.clone())
        .to_owned();
    sql_text(st, &stmt)
}

/// A statement as SQL text with its values inline, rendered by the backend's own builder.
fn sql_text(st: &AppState, stmt: &sea_query::SelectStatement) -> String {
    match st.db.backend() {
        ironbox_store::Backend::Sqlite => stmt.to_string(sea_query::SqliteQueryBuilder),
        ironbox_store::Backend::Postgres => stmt.to_string(sea_query::PostgresQueryBuilder),
    }
}

fn known_count(st: &AppState, key: &str, generation: u64) -> Option<i64> {
    let map = st.response_cache.counts.lock().ok()?;
    map.get(key)
        .filter(|(g, _)| *g == generation)
        .map(|(_, n)| *n)
}

fn remember_count(st: &AppState, key: String, generation: u64, n: i64) {
    if let Ok(mut map) = st.response_cache.counts.lock() {
        if map.len() >= COUNTS_MAX {
            map.clear();
        }
        map.insert(key, (generation, n));
    }
}

/// Lists of at most this many rows are read in one query when their count is not known yet
/// (`counted_page`).
const SMALL_LIST: usize = 1_000;

/// A page and the count of its whole list. The count is reused while the data's write
/// generation is unchanged: paging through one list (or many users paging through theirs)
/// counts once per change of the data instead of once per page. `generation` is read before the
/// count (and before the connection is taken, so a request never waits for a second connection
/// while holding one): a count taken during a commit is filed under a generation that the commit
/// retires.
///
/// A list not counted yet at this generation is first read as the ids of its first
/// `SMALL_LIST + 1` rows in list order. When the whole list fits (a search, a narrow filter),
/// that one query gives both the count and the page, so the condition is evaluated once instead
/// of once to count and once to page; a longer list costs that bounded walk on top and is
/// counted and paged as usual.
async fn counted_page(
    st: &AppState,
    m: &Model,
    cond: Condition,
    order: &[OrderTerm],
    (limit, offset): (u64, u64),
    generation: u64,
    ex: &mut ironbox_store::Ex<'_>,
) -> ApiResult<(i64, Vec<Row>)> {
    let key = count_key(st, m, &cond);
    let count = match known_count(st, &key, generation) {
        Some(n) => n,
        None => {
            let mut stmt = crud::ordered_ids_select(m, cond.clone(), order);
            stmt.limit(SMALL_LIST as u64 + 1);
            let ids = ex.fetch_ints(&stmt).await?;
            if ids.len() <= SMALL_LIST {
                remember_count(st, key, generation, ids.len() as i64);
                let rows = page_rows(ex, m, &ids, limit, offset).await?;
                return Ok((ids.len() as i64, rows));
            }
            let n = crud::count(ex, m, cond.clone()).await?;
            remember_count(st, key, generation, n);
            n
        }
    };
    let rows = crud::list(ex, m, cond, order, Some(limit), offset).await?;
    Ok((count, rows))
}

/// The rows of `ids[offset..offset + limit]`, in that order.
async fn page_rows(
    ex: &mut ironbox_store::Ex<'_>,
    m: &Model,
    ids: &[i64],
    limit: u64,
    offset: u64,
) -> ApiResult<Vec<Row>> {
    let start = std::cmp::min(offset, ids.len() as u64) as usize;
    let end = std::cmp::min(offset.saturating_add(limit), ids.len() as u64) as usize;
    Ok(crud::get_in_order(ex, m, &ids[start..end]).await?)
}

/// Offsets from which a list page reads its page map if it has none yet (shallower pages use
/// a map only when one is already there).
const PAGE_MAP_MIN_OFFSET: u64 = 1_000;

/// Lists longer than this get no page map (8 bytes per row, shared budget `PAGE_MAP_BYTES`).
const PAGE_MAP_MAX_ROWS: i64 = 1_000_000;

/// A page deep into a list, read through the list's page map: the ids of every matching row in
/// list order, read once per write generation (the same lifetime as the counts of `counted_page`)
/// and shared by every request paging through that list (and by every user whose permissions
/// compile to the same SQL). A page then costs one lookup of its
/// ids instead of walking `offset` index entries, and the count is the map's length. Concurrent
/// requests for a missing map wait for the one reading it. `None` when the page is shallow and no
/// map was read yet, or the list is empty or too long to map: the caller counts and pages in SQL.
async fn deep_page(
    st: &AppState,
    m: &Model,
    cond: &Condition,
    order: &[OrderTerm],
    (limit, offset): (u64, u64),
    generation: u64,
    ex: &mut ironbox_store::Ex<'_>,
) -> ApiResult<Option<(i64, Vec<Row>)>> {
    use std::sync::atomic::Ordering::Relaxed;
    let maps = &st.response_cache;
    // A shallow page is not worth reading a map for, but one a deeper page of the same list
    // already read at this generation answers it without evaluating the condition again. Until
    // some map was read at this generation, it does not even render the map's key.
    if offset < PAGE_MAP_MIN_OFFSET && maps.map_generation.load(Relaxed) != generation {
        return Ok(None);
    }
    let mut stmt = crud::ordered_ids_select(m, cond.clone(), order);
    stmt.limit(PAGE_MAP_MAX_ROWS as u64 + 1);
    let key = (generation, Box::<str>::from(sql_text(st, &stmt)));
    if offset < PAGE_MAP_MIN_OFFSET {
        return Ok(match maps.pages.get(&key) {
            Some(ids) if !ids.is_empty() => {
                maps.shallow_map_pages.fetch_add(1, Relaxed);
                let rows = page_rows(ex, m, &ids, limit, offset).await?;
                Some((ids.len() as i64, rows))
            }
            _ => None,
        });
    }
    let ids = maps
        .pages
        .get_or_insert_async(&key, async {
            let ids = ex.fetch_ints(&stmt).await?;
            // A list too long to map is remembered as an empty map: both answer in SQL.
            Ok::<_, Error>(if ids.len() as i64 > PAGE_MAP_MAX_ROWS {
                std::sync::Arc::<[i64]>::from(Vec::new())
            } else {
                std::sync::Arc::<[i64]>::from(ids)
            })
        })
        .await?;
    maps.map_generation.fetch_max(generation, Relaxed);
    if ids.is_empty() {
        return Ok(None);
    }
    Ok(Some((
        ids.len() as i64,
        page_rows(ex, m, &ids, limit, offset).await?,
    )))
}

/// Lists a model with NetBox's filters, ordering and pagination, as a value (the UI's form).
pub async fn list(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    uri: &Uri,
    q: &[(String, String)],
) -> ApiResult<J> {
    match list_as(st, c, m, uri, q, Form::Value, None).await? {
        Page::Value(j) => Ok(j),
        Page::Bytes(b) => Ok(serde_json::from_slice(&b).map_err(Error::internal)?),
    }
}

/// What a list page is rendered to: a value to work with, or the response body itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Value,
    Bytes,
}

/// A rendered list page.
enum Page {
    Value(J),
    Bytes(Vec<u8>),
}

/// `{"count": …, "next": …, "previous": …, "results": […]}` for rows of a page.
#[expect(
    clippy::too_many_arguments,
    reason = "the page's parts and how to render its rows"
)]
async fn page_of(
    ex: &mut ironbox_store::Ex<'_>,
    c: &Ctx,
    m: &Model,
    rows: &[Row],
    (mode, sel): (Mode, &Selection),
    count: Option<i64>,
    (next, previous): (Option<String>, Option<String>),
    form: Form,
) -> ApiResult<Page> {
    if form == Form::Value {
        let results = render(ex, c, m, rows, mode, sel).await?;
        return Ok(Page::Value(
            json!({"count": count, "next": next, "previous": previous, "results": results}),
        ));
    }
    let mut out = Vec::with_capacity(256 + rows.len() * 768);
    let head = json!({"count": count, "next": next, "previous": previous});
    serde_json::to_writer(&mut out, &head).map_err(Error::internal)?;
    out.pop(); // the closing brace: results follow
    out.extend_from_slice(b",\"results\":");
    render_json(ex, c, m, rows, mode, sel, &mut out).await?;
    out.push(b'}');
    Ok(Page::Bytes(out))
}

/// A JSON body already serialized.
fn json_bytes(body: Vec<u8>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// The searched table's column sample when the request has a `q` (PostgreSQL only).
pub(crate) async fn search_sample(
    st: &AppState,
    m: &Model,
    q: &[(String, String)],
) -> Option<std::sync::Arc<ironbox_store::search::sample::TableSample>> {
    if !q.iter().any(|(k, v)| k == "q" && !v.trim().is_empty()) {
        return None;
    }
    st.search_samples.get(&st.db, &st.reg, m).await
}

async fn list_as(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    uri: &Uri,
    q: &[(String, String)],
    form: Form,
    read: Option<crate::cache::ReadGeneration>,
) -> ApiResult<Page> {
    let scope = authz::restrict(c, m, "view", st.db.backend())?;
    let sample = search_sample(st, m, q).await;
    let mut cond = filter::compile_sampled(&st.reg, m, q, st.db.backend(), sample.as_deref())?;
    if let Some(s) = scope {
        cond = cond.add(s);
    }
    let (limit, offset) = page_window(st, q);
    let mode = if truthy(param(q, "brief")) {
        Mode::BriefList
    } else {
        Mode::Full
    };
    let sel = selection(q);
    let cursor = param(q, "start");
    // The response cache read the generation when the request arrived; on PostgreSQL reading it
    // again is a round trip.
    let generation = match (cursor, read) {
        (Some(_), _) => 0,
        (None, Some(g)) => g.0,
        (None, None) => st.db.generation().await?,
    };
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    check_references(&st.reg, m, q, &mut ex).await?;
    if let Some(start) = cursor {
        // NetBox 4.6+ cursor pagination: pk >= start, ordered by pk, no count.
        let bad = |msg: &str| ApiError(Error::InvalidBody(json!([msg])));
        let start = match start.trim().parse::<i64>() {
            Ok(s) if s >= 0 => s,
            _ => {
                return Err(bad(
                    "Invalid 'start' parameter: must be a non-negative integer.",
                ));
            }
        };
        if param(q, "offset").is_some() {
            return Err(bad("'start' and 'offset' are mutually exclusive."));
        }
        if param(q, "ordering").is_some_and(|o| !o.trim().is_empty()) {
            return Err(bad(
                "Ordering cannot be specified in conjunction with cursor-based pagination.",
            ));
        }
        let c2 = cond
            .clone()
            .add(Expr::col((Alias::new(m.table), Alias::new("id"))).gte(start));
        let by_id = [OrderTerm::column("id", false)];
        let rows = crud::list(&mut ex, m, c2, &by_id, Some(limit), 0).await?;
        // A full page always links onwards; the page after the last one is empty.
        let next = if rows.len() as u64 == limit {
            rows.last().map(|r| {
                page_url(
                    &c.base,
                    uri,
                    q,
                    &[
                        ("start", (r.id + 1).to_string()),
                        ("limit", limit.to_string()),
                    ],
                    &["offset"],
                )
            })
        } else {
            None
        };
        let how = (mode, &sel);
        return page_of(&mut ex, c, m, &rows, how, None, (next, None), form).await;
    }
    let order = order_terms(&st.reg, m, q);
    let window = (limit, offset);
    let (count, rows) = match deep_page(st, m, &cond, &order, window, generation, &mut ex).await? {
        Some(found) => found,
        None => counted_page(st, m, cond, &order, window, generation, &mut ex).await?,
    };
    let links = page_links(c, uri, q, limit, offset, count as u64);
    let how = (mode, &sel);
    page_of(&mut ex, c, m, &rows, how, Some(count), links, form).await
}

/// Renders one object fully.
pub async fn render_one(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    id: i64,
    sel: &Selection,
) -> ApiResult<J> {
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let row = crud::get(&mut ex, m, id).await?.ok_or(Error::NotFound {
        model: m.class.into(),
    })?;
    Ok(render(&mut ex, c, m, &[row], Mode::Full, sel)
        .await?
        .into_iter()
        .next()
        .unwrap_or(J::Null))
}

/// Renders several objects fully, in the given order.
pub async fn render_many(st: &AppState, c: &Ctx, m: &Model, ids: &[i64]) -> ApiResult<Vec<J>> {
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let ordered = crud::get_in_order(&mut ex, m, ids).await?;
    Ok(render(&mut ex, c, m, &ordered, Mode::Full, &Selection::default()).await?)
}

/// Renders several objects fully, in the given order, as a JSON array.
pub async fn render_many_json(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    ids: &[i64],
) -> ApiResult<Vec<u8>> {
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let ordered = crud::get_in_order(&mut ex, m, ids).await?;
    let mut out = Vec::with_capacity(ids.len() * 768 + 2);
    let all = Selection::default();
    render_json(&mut ex, c, m, &ordered, Mode::Full, &all, &mut out).await?;
    Ok(out)
}

fn etag(row: &Row) -> String {
    use sha2::Digest;
    // Every write stamps last_updated (microseconds), so id + stamp identifies a version; rows
    // without a stamp hash their columns.
    let basis = match row.get("last_updated").as_str() {
        Some(t) if !t.is_empty() => format!("{}:{t}", row.id),
        _ => format!("{}:{:?}", row.id, row.cols),
    };
    let d = sha2::Sha256::digest(basis.as_bytes());
    format!("\"{}\"", hex::encode(&d[..12]))
}

/// A write to tokens or users may revoke credentials: drop the verified-credential cache first,
/// so this instance never serves a request on a credential it has just changed.
fn forget_credentials_on_write(st: &AppState, m: &Model, method: &Method) {
    let unsafe_method = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    // Tokens, users, groups and permissions all shape what a cached credential may do.
    if unsafe_method && m.app == "users" {
        st.auth_cache.clear();
    }
}

/// The NetBox 4.7 bulk error document: `{"detail": "k of n objects …", "errors": [...]}`; a 403
/// when any object was refused by the permissions (NetBox ranks 403 above 409 above 400).
fn bulk_error(total: usize, phrase: &str, errors: Vec<J>, denied: bool) -> ApiError {
    let body = json!({
        "detail": format!("{} of {total} objects {phrase}.", errors.len()),
        "errors": errors,
    });
    ApiError(if denied {
        Error::ForbiddenBody(body)
    } else {
        Error::InvalidBody(body)
    })
}

/// Creates one or many objects in one transaction.
pub async fn create_objects(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    body: &J,
) -> ApiResult<(Vec<i64>, bool)> {
    let (items, many) = match body {
        J::Array(a) => (a.clone(), true),
        other => (vec![other.clone()], false),
    };
    if many && items.is_empty() {
        // DRF creates nothing and answers 201 with an empty list.
        return Ok((Vec::new(), true));
    }
    let mut tx = st.db.begin().await?;
    let mut ids = Vec::new();
    let mut errs: Vec<J> = Vec::new();
    let mut single: Option<FieldErrors> = None;
    let mut denied = false;
    for (i, it) in items.iter().enumerate() {
        let r = {
            let mut ex = tx.ex();
            match write::create(&mut ex, c, m, it).await {
                // The object as written must lie within the actor's `add` constraints.
                Ok(id) => match authz::nonconforming(&mut ex, c, m, "add", &[id]).await {
                    Ok(bad) if bad.is_empty() => Ok(Some(id)),
                    Ok(_) => Ok(None),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            }
        };
        match r {
            Ok(Some(id)) => ids.push(id),
            Ok(None) if !many => {
                tx.rollback().await.ok();
                return Err(ApiError(Error::Forbidden(authz::DENIED.into())));
            }
            Ok(None) => {
                denied = true;
                errs.push(json!({"index": i, "errors": {"__all__": [authz::DENIED_OBJECT]}}));
            }
            Err(Error::Invalid(fe)) => {
                errs.push(json!({"index": i, "errors": fe}));
                single.get_or_insert(fe);
            }
            Err(e) => {
                tx.rollback().await.ok();
                return Err(ApiError(e));
            }
        }
    }
    if !errs.is_empty() {
        tx.rollback().await.ok();
        return Err(if many {
            bulk_error(items.len(), "could not be created", errs, denied)
        } else {
            ApiError(Error::Invalid(single.unwrap_or_default()))
        });
    }
    tx.commit().await?;
    Ok((ids, many))
}

/// `/api/<app>/<model>/`.
#[expect(
    clippy::too_many_arguments,
    reason = "one argument per extracted request part"
)]
pub async fn list_endpoint(
    Path((app, name)): Path<(String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
    read: Option<axum::Extension<crate::cache::ReadGeneration>>,
    body: Bytes,
) -> ApiResult<Response> {
    let m = model(&st, &app, &name)?;
    let c = ctx(&st, &headers, Some(&p), &rid);
    require_for_method(&c, m, &method)?;
    check_media_type(&headers, &body)?;
    forget_credentials_on_write(&st, m, &method);
    let q = query_pairs(&uri);
    let resp = match method {
        Method::GET | Method::HEAD => {
            match list_as(&st, &c, m, &uri, &q, Form::Bytes, read.map(|r| r.0)).await? {
                Page::Bytes(b) => json_bytes(b),
                Page::Value(j) => Json(j).into_response(),
            }
        }
        Method::OPTIONS => Json(options(&st.reg, m, true, |a| c.actor.may(m, a))).into_response(),
        Method::POST if m.writable => {
            if m.key() == "users.token" {
                return Ok(with_allow(
                    crate::tokens::create(&st, &c, &p, &parse_body(&body)?).await?,
                    LIST_ALLOW,
                ));
            }
            let body = parse_body(&body)?;
            let (ids, many) = create_objects(&st, &c, m, &body).await?;
            if many {
                let out = render_many_json(&st, &c, m, &ids).await?;
                (StatusCode::CREATED, json_bytes(out)).into_response()
            } else {
                let mut out = render_many(&st, &c, m, &ids).await?;
                // Single creates carry the new object's URL in Location, like DRF.
                let j = out.pop().unwrap_or(J::Null);
                let mut r = (StatusCode::CREATED, Json(&j)).into_response();
                if let Some(Ok(v)) = j.get("url").and_then(J::as_str).map(HeaderValue::from_str) {
                    r.headers_mut().insert(header::LOCATION, v);
                }
                r
            }
        }
        Method::PUT | Method::PATCH if m.writable => {
            let body = parse_body(&body)?;
            let ids = bulk_update(&st, &c, m, &body, method == Method::PATCH).await?;
            json_bytes(render_many_json(&st, &c, m, &ids).await?)
        }
        Method::DELETE if m.writable => {
            let body = parse_body(&body)?;
            bulk_delete(&st, &c, m, &body).await?;
            StatusCode::NO_CONTENT.into_response()
        }
        _ => (
            StatusCode::METHOD_NOT_ALLOWED,
            Json(json!({"detail": format!("Method \"{method}\" not allowed.")})),
        )
            .into_response(),
    };
    // …and again after it, in case a concurrent request cached the old state meanwhile.
    forget_credentials_on_write(&st, m, &method);
    Ok(with_allow(
        resp,
        if m.writable && traceable(m) {
            LIST_ALLOW_TRACE
        } else if m.writable {
            LIST_ALLOW
        } else {
            "GET, HEAD, OPTIONS"
        },
    ))
}

/// Checks a bulk update/delete body the way NetBox 4.7 does: a list of dicts with ids, each id
/// once, every object existing. Returns the items with their current rows.
async fn bulk_items(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    action: &str,
    body: &J,
) -> ApiResult<Vec<(Row, J)>> {
    let Some(items) = body.as_array() else {
        // An empty body (DRF's falsy request.data) is "no data", anything else is the wrong type.
        if body.as_object().is_some_and(serde_json::Map::is_empty) {
            return Err(ApiError(Error::BadRequest(
                "Expected a list of objects, but no data was submitted.".into(),
            )));
        }
        let got = match body {
            J::Object(_) => "dict",
            J::String(_) => "str",
            J::Number(_) => "int",
            J::Bool(_) => "bool",
            J::Null => "NoneType",
            J::Array(_) => "list",
        };
        return Err(ApiError(Error::BadRequest(format!(
            "Expected a list of objects, but got {got}."
        ))));
    };
    let mut errors = Vec::new();
    let mut ids = Vec::new();
    for (i, it) in items.iter().enumerate() {
        match it {
            J::Object(o) => match o.get("id").and_then(|v| {
                v.as_i64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            }) {
                Some(id) => ids.push(id),
                None => {
                    errors.push(json!({"index": i, "errors": {"id": ["This field is required."]}}))
                }
            },
            other => {
                let got = match other {
                    J::String(_) => "str",
                    J::Number(n) if n.is_f64() => "float",
                    J::Number(_) => "int",
                    J::Bool(_) => "bool",
                    J::Null => "NoneType",
                    _ => "list",
                };
                errors.push(json!({"index": i, "errors": {"__all__": [format!("Invalid data. Expected a dictionary, but got {got}.")]}}));
            }
        }
    }
    if !errors.is_empty() {
        return Err(bulk_error(items.len(), "failed validation", errors, false));
    }
    let mut counts: indexmap::IndexMap<i64, usize> = indexmap::IndexMap::new();
    for id in &ids {
        *counts.entry(*id).or_default() += 1;
    }
    let dups: Vec<J> = counts
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, n)| json!({"id": id, "errors": {"id": [format!("Each object may be specified only once; ID {id} is listed {n} times")]}}))
        .collect();
    if !dups.is_empty() {
        return Err(bulk_error(
            items.len(),
            "are listed more than once",
            dups,
            false,
        ));
    }
    let mut conn = st.db.read().await?;
    // Objects outside the actor's permission for this action are not found, as in NetBox.
    let cond = authz::narrow(c, m, action, st.db.backend(), id_in(m, &ids))?;
    let rows = crud::list(&mut conn.ex(), m, cond, &[], None, 0).await?;
    let mut by: std::collections::HashMap<i64, Row> = rows.into_iter().map(|r| (r.id, r)).collect();
    let missing: Vec<J> = ids
        .iter()
        .filter(|id| !by.contains_key(id))
        .map(|id| json!({"id": id, "errors": {"id": [format!("Object with ID {id} does not exist")]}}))
        .collect();
    if !missing.is_empty() {
        return Err(bulk_error(
            items.len(),
            "could not be found",
            missing,
            false,
        ));
    }
    Ok(ids
        .iter()
        .zip(items)
        .filter_map(|(id, it)| by.remove(id).map(|r| (r, it.clone())))
        .collect())
}

pub(crate) async fn bulk_update(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    body: &J,
    partial: bool,
) -> ApiResult<Vec<i64>> {
    let items = bulk_items(st, c, m, "change", body).await?;
    let mut tx = st.db.begin().await?;
    let mut errs = Vec::new();
    let mut denied = false;
    for (old, it) in &items {
        let mut it = it.clone();
        if let Some(o) = it.as_object_mut() {
            o.remove("id");
        }
        // Re-read inside the transaction: the row may have changed since the check.
        let mut ex = tx.ex();
        let Some(cur) = crud::get(&mut ex, m, old.id).await? else {
            errs.push(json!({"id": old.id, "errors": {"id": [format!("Object with ID {} does not exist", old.id)]}}));
            continue;
        };
        match update_checked(&mut ex, c, m, &cur, &it, partial).await {
            Ok(()) => {}
            Err(Error::Forbidden(_)) => {
                denied = true;
                errs.push(json!({"id": old.id, "errors": {"__all__": [authz::DENIED_OBJECT]}}));
            }
            Err(Error::Invalid(fe)) => errs.push(json!({"id": old.id, "errors": fe})),
            Err(e) => {
                tx.rollback().await.ok();
                return Err(ApiError(e));
            }
        }
    }
    if !errs.is_empty() {
        tx.rollback().await.ok();
        return Err(bulk_error(
            items.len(),
            "could not be updated",
            errs,
            denied,
        ));
    }
    tx.commit().await?;
    Ok(items.into_iter().map(|(r, _)| r.id).collect())
}

pub(crate) async fn bulk_delete(st: &AppState, c: &Ctx, m: &Model, body: &J) -> ApiResult<()> {
    let items = bulk_items(st, c, m, "delete", body).await?;
    let mut tx = st.db.begin().await?;
    for (old, _) in &items {
        let mut ex = tx.ex();
        let r = match crud::get(&mut ex, m, old.id).await? {
            Some(cur) => write::delete(&mut ex, c, m, &cur).await,
            None => Ok(()),
        };
        if let Err(e) = r {
            tx.rollback().await.ok();
            return Err(ApiError(e));
        }
    }
    tx.commit().await?;
    Ok(())
}

/// `/api/<app>/<model>/<id>/`.
#[expect(
    clippy::too_many_arguments,
    reason = "one argument per extracted request part"
)]
pub async fn detail_endpoint(
    Path((app, name, id)): Path<(String, String, String)>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
    body: Bytes,
) -> ApiResult<Response> {
    let m = model(&st, &app, &name)?;
    let c = ctx(&st, &headers, Some(&p), &rid);
    require_for_method(&c, m, &method)?;
    check_media_type(&headers, &body)?;
    forget_credentials_on_write(&st, m, &method);
    // A key that is not a number matches no object; NetBox says so without naming the model.
    let Ok(id) = id.parse::<i64>() else {
        return Err(ApiError(Error::NoRoute));
    };
    let q = query_pairs(&uri);
    let if_match = headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let resp = match method {
        Method::GET | Method::HEAD => {
            let sel = selection(&q);
            let mut conn = st.db.read().await?;
            let mut ex = conn.ex();
            let row = get_within(&mut ex, &c, m, "view", id).await?;
            let tag = etag(&row);
            let mode = if truthy(param(&q, "brief")) {
                Mode::BriefList
            } else {
                Mode::Full
            };
            let mut out = Vec::with_capacity(1024);
            render_json_one(&mut ex, &c, m, &row, mode, &sel, &mut out).await?;
            let mut r = json_bytes(out);
            if let Ok(v) = HeaderValue::from_str(&tag) {
                r.headers_mut().insert(header::ETAG, v);
            }
            r
        }
        Method::OPTIONS => Json(options(&st.reg, m, false, |a| c.actor.may(m, a))).into_response(),
        Method::PUT | Method::PATCH if m.writable => {
            let body = parse_body(&body)?;
            let mut tx = st.db.begin().await?;
            let r = {
                let mut ex = tx.ex();
                let old = get_within(&mut ex, &c, m, "change", id).await?;
                if let Some(im) = &if_match
                    && im.trim() != "*"
                    && !im
                        .split(',')
                        .any(|t| t.trim().trim_start_matches("W/") == etag(&old))
                {
                    Err(Error::PreconditionFailed)
                } else {
                    update_checked(&mut ex, &c, m, &old, &body, method == Method::PATCH).await
                }
            };
            match r {
                Ok(()) => tx.commit().await?,
                Err(e) => {
                    tx.rollback().await.ok();
                    return Err(ApiError(e));
                }
            }
            let j = render_one(&st, &c, m, id, &Selection::default()).await?;
            Json(j).into_response()
        }
        Method::DELETE if m.writable => {
            let mut tx = st.db.begin().await?;
            let r = {
                let mut ex = tx.ex();
                let old = get_within(&mut ex, &c, m, "delete", id).await?;
                if let Some(im) = &if_match
                    && im.trim() != "*"
                    && !im
                        .split(',')
                        .any(|t| t.trim().trim_start_matches("W/") == etag(&old))
                {
                    Err(Error::PreconditionFailed)
                } else {
                    write::delete(&mut ex, &c, m, &old).await
                }
            };
            match r {
                Ok(()) => tx.commit().await?,
                Err(e) => {
                    tx.rollback().await.ok();
                    return Err(ApiError(e));
                }
            }
            StatusCode::NO_CONTENT.into_response()
        }
        _ => (
            StatusCode::METHOD_NOT_ALLOWED,
            Json(json!({"detail": format!("Method \"{method}\" not allowed.")})),
        )
            .into_response(),
    };
    // …and again after it, in case a concurrent request cached the old state meanwhile.
    forget_credentials_on_write(&st, m, &method);
    Ok(with_allow(
        resp,
        if m.writable && traceable(m) {
            DETAIL_ALLOW_TRACE
        } else if m.writable {
            DETAIL_ALLOW
        } else {
            "GET, HEAD, OPTIONS"
        },
    ))
}

/// Updates one object in its own transaction (the web forms' path; the REST handler adds
/// If-Match on top of the same steps).
pub(crate) async fn update_one(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    id: i64,
    body: &J,
    partial: bool,
) -> ApiResult<()> {
    let mut tx = st.db.begin().await?;
    let r = {
        let mut ex = tx.ex();
        match get_within(&mut ex, c, m, "change", id).await {
            Ok(old) => update_checked(&mut ex, c, m, &old, body, partial)
                .await
                .map_err(ApiError),
            Err(e) => Err(e),
        }
    };
    match r {
        Ok(()) => {
            tx.commit().await?;
            forget_credentials_on_write(st, m, &Method::PATCH);
            Ok(())
        }
        Err(e) => {
            tx.rollback().await.ok();
            Err(e)
        }
    }
}

/// Deletes one object (with its cascades) in its own transaction, if the actor may.
pub(crate) async fn delete_one(st: &AppState, c: &Ctx, m: &Model, id: i64) -> ApiResult<()> {
    authz::require(c, m, "delete")?;
    let mut tx = st.db.begin().await?;
    let r = {
        let mut ex = tx.ex();
        match get_within(&mut ex, c, m, "delete", id).await {
            Ok(old) => write::delete(&mut ex, c, m, &old).await.map_err(ApiError),
            Err(e) => Err(e),
        }
    };
    match r {
        Ok(()) => {
            tx.commit().await?;
            forget_credentials_on_write(st, m, &Method::DELETE);
            Ok(())
        }
        Err(e) => {
            tx.rollback().await.ok();
            Err(e)
        }
    }
}

/// Updates one object and checks the result against the actor's `change` grants inside the
/// transaction (the object as written; for field-limited grants, which fields changed).
async fn update_checked(
    ex: &mut ironbox_store::Ex<'_>,
    c: &Ctx,
    m: &Model,
    old: &Row,
    body: &J,
    partial: bool,
) -> Result<(), Error> {
    let limited = c.actor.field_limited(m);
    let pre = if limited {
        Some(ironbox_service::render::snapshot(ex, c, m, old).await?)
    } else {
        None
    };
    if m.key() == "users.token" {
        crate::tokens::update(ex, c, m, old, body, partial).await?;
    } else {
        write::update(ex, c, m, old, body, partial).await?;
    }
    let allowed = match pre {
        Some(pre) => {
            let row = crud::get(ex, m, old.id)
                .await?
                .ok_or_else(|| Error::internal("row vanished after update"))?;
            let post = ironbox_service::render::snapshot(ex, c, m, &row).await?;
            authz::change_allowed(ex, c, m, old.id, &pre, &post).await?
        }
        None => authz::nonconforming(ex, c, m, "change", &[old.id])
            .await?
            .is_empty(),
    };
    if allowed {
        Ok(())
    } else {
        Err(Error::Forbidden(authz::DENIED.into()))
    }
}

/// NetBox's model-level check for the method (view, add, change, delete; OPTIONS needs none).
pub fn require_for_method(c: &Ctx, m: &Model, method: &Method) -> ApiResult<()> {
    let action = match *method {
        Method::GET | Method::HEAD => "view",
        Method::POST => "add",
        Method::PUT | Method::PATCH => "change",
        Method::DELETE => "delete",
        _ => return Ok(()),
    };
    Ok(authz::require(c, m, action)?)
}

/// The object `id` if it lies within what the actor may `action`, else NetBox's 404.
pub async fn get_within(
    ex: &mut ironbox_store::Ex<'_>,
    c: &Ctx,
    m: &Model,
    action: &str,
    id: i64,
) -> ApiResult<Row> {
    let cond = authz::narrow(c, m, action, ex.backend(), by_id(m, id))?;
    Ok(crud::list(ex, m, cond, &[], Some(1), 0)
        .await?
        .into_iter()
        .next()
        .ok_or(Error::NotFound {
            model: m.class.into(),
        })?)
}

/// `id IN (ids)` on the model's table.
fn id_in(m: &Model, ids: &[i64]) -> Condition {
    Condition::all().add(Expr::col((Alias::new(m.table), Alias::new("id"))).is_in(ids.to_vec()))
}

/// DRF-style OPTIONS metadata; pynetbox's `choices()` reads `actions.POST.<field>.choices`.
///
/// `may(action)` says whether the caller may `add`/`change`; like DRF, a method the caller may not
/// use is left out of `actions`, and `actions` itself when nothing is left.
pub fn options(
    reg: &ironbox_core::Registry,
    m: &Model,
    list: bool,
    may: impl Fn(&str) -> bool,
) -> J {
    let mut post = serde_json::Map::new();
    // The read-only identity fields come first, as DRF lists the serializer's fields.
    post.insert(
        "id".into(),
        json!({"type": "integer", "required": false, "read_only": true, "label": "ID"}),
    );
    post.insert(
        "url".into(),
        json!({"type": "field", "required": false, "read_only": true, "label": "Url"}),
    );
    if m.has_display_url {
        post.insert(
            "display_url".into(),
            json!({"type": "field", "required": false, "read_only": true, "label": "Display url"}),
        );
    }
    post.insert(
        "display".into(),
        json!({"type": "field", "required": false, "read_only": true, "label": "Display"}),
    );
    for f in m.fields.iter().filter(|f| !f.is_hidden()) {
        post.insert(f.name.to_string(), field_meta(reg, m, f, 0));
    }
    let mut actions = serde_json::Map::new();
    if m.writable {
        if list && may("add") {
            actions.insert("POST".into(), J::Object(post.clone()));
        }
        if may("change") {
            actions.insert("PUT".into(), J::Object(post));
        }
    }
    let mut out = json!({
        "name": format!("{} {}", title(m.verbose), if list { "List" } else { "Instance" }),
        "description": "",
        "renders": ["application/json", "text/html"],
        "parses": ["application/json", "multipart/form-data"],
    });
    if !actions.is_empty() {
        out["actions"] = J::Object(actions);
    }
    out
}

/// One field's OPTIONS entry, the way DRF's metadata class describes NetBox's serializer fields.
/// `owner` is the model the field belongs to; `depth` counts the nested objects around it (DRF
/// describes the fields of nested serializers too, and theirs).
fn field_meta(
    reg: &ironbox_core::Registry,
    owner: &Model,
    f: &ironbox_core::Field,
    depth: u8,
) -> J {
    let ty = match &f.kind {
        _ if f.meta_type.is_some() => f.meta_type.unwrap_or("field"),
        Kind::Slug => "slug",
        Kind::Text { .. } | Kind::Prefix | Kind::Interface => "string",
        Kind::Int { .. } => "integer",
        // Cached counters and the cumulative counts of tree models are IntegerFields; the other
        // counts are NetBox's RelatedObjectCountField, a read-only field.
        Kind::Count { .. } if f.counter || (owner.tree_parent.is_some() && !f.direct) => "integer",
        Kind::Bool => "boolean",
        Kind::Float => "decimal",
        Kind::Date => "date",
        Kind::DateTime => "datetime",
        Kind::PlainChoice(_) => "choice",
        Kind::Fk { .. } if f.flat => "field",
        Kind::Fk { .. } => "nested object",
        _ => "field",
    };
    let mut o = serde_json::Map::new();
    o.insert("type".into(), json!(ty));
    o.insert("required".into(), json!(f.required));
    o.insert("read_only".into(), json!(f.read_only));
    o.insert(
        "label".into(),
        json!(if f.label.is_empty() {
            // DRF's default label: the name with underscores as spaces (`_depth` -> " depth").
            capfirst(&f.name.replace('_', " "))
        } else {
            f.label.to_string()
        }),
    );
    match f.kind {
        Kind::Text { max } if max > 0 => {
            o.insert("max_length".into(), json!(max));
        }
        Kind::Slug => {
            o.insert("max_length".into(), json!(100));
        }
        Kind::Int { min, max } if !f.read_only => {
            if min > i64::MIN {
                o.insert("min_value".into(), json!(min));
            }
            if max < i64::MAX {
                o.insert("max_value".into(), json!(max));
            }
        }
        Kind::Float if !f.read_only => {
            if let Some((lo, hi)) = f.float_range {
                o.insert("min_value".into(), json!(lo));
                o.insert("max_value".into(), json!(hi));
            }
        }
        _ => {}
    }
    let choices = f.choice_values();
    if !f.read_only && !choices.is_empty() {
        o.insert(
            "choices".into(),
            J::Array(
                choices
                    .into_iter()
                    .map(|(v, l)| json!({"value": v, "display_name": l}))
                    .collect(),
            ),
        );
    }
    // Tags are a list field whose child is the nested tag serializer.
    if matches!(f.kind, Kind::Tags)
        && let Some(t) = reg.get("extras.tag")
    {
        let mut child = serde_json::Map::new();
        child.insert("type".into(), json!("nested object"));
        child.insert("required".into(), json!(false));
        child.insert("read_only".into(), json!(false));
        child.insert(
            "children".into(),
            nested_children(reg, t, &["display_url", "name", "slug", "color"], depth + 1),
        );
        o.insert("child".into(), J::Object(child));
    }
    if depth < 2
        && !f.flat
        && let Kind::Fk { target, .. } = &f.kind
        && let Some(t) = reg.get(target)
    {
        // The nested form the object renders with: explicit fields, Nested*, or Brief*.
        let names: Vec<&str> = match f.repr {
            Some(r) => r.to_vec(),
            None if f.nested_repr || (depth > 0 && !t.nested.is_empty()) => t.nested.clone(),
            None => t.brief.clone(),
        };
        o.insert(
            "children".into(),
            nested_children(reg, t, &names, depth + 1),
        );
    }
    J::Object(o)
}

/// The `children` of a nested object: id, url, display (and display_url when the form has it),
/// then the named fields in the serializer's order.
fn nested_children(reg: &ironbox_core::Registry, t: &Model, names: &[&str], depth: u8) -> J {
    let ro = |ty: &str, label: &str| json!({"type": ty, "required": false, "read_only": true, "label": label});
    let mut children = serde_json::Map::new();
    children.insert("id".into(), ro("integer", "ID"));
    children.insert("url".into(), ro("field", "Url"));
    if t.has_display_url && names.contains(&"display_url") {
        children.insert("display_url".into(), ro("field", "Display url"));
    }
    children.insert("display".into(), ro("field", "Display"));
    for bf in t.fields.iter().filter(|bf| names.contains(&bf.name)) {
        children.insert(bf.name.to_string(), field_meta(reg, t, bf, depth));
    }
    J::Object(children)
}

fn capfirst(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn title(s: &str) -> String {
    s.split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id condition of one row (used by tests and allocation endpoints).
pub fn by_id(m: &Model, id: i64) -> Condition {
    Condition::all().add(Expr::col((Alias::new(m.table), Alias::new("id"))).eq(id))
}
