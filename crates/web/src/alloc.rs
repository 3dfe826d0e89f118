//! Allocation endpoints: available IPs, prefixes, VLANs and ASNs (GET lists, POST allocates).

use crate::api::{ctx, parse_body, query_pairs, render_many};
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::{AppState, RequestId};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use ironbox_core::ip::IpNet;
use ironbox_core::meta::{Model, Row};
use ironbox_core::{Error, FieldErrors, Value};
use ironbox_service::render::{Mode, Selection, render};
use ironbox_service::{Ctx, alloc, authz, write};
use ironbox_store::Ex;
use serde_json::{Value as J, json};

const ALLOW: &str = "GET, POST, HEAD, OPTIONS";

/// NetBox 4.7's answer to every allocation that does not fit (409).
pub const INSUFFICIENT: &str = "Insufficient resources are available to satisfy the request";

fn insufficient() -> Error {
    Error::Conflict(INSUFFICIENT.into())
}

/// Commits an allocation and answers 201 with the created objects (one or a list), or rolls it
/// back and answers the error.
async fn finish(
    st: &AppState,
    c: &Ctx,
    m: &Model,
    tx: ironbox_store::Tx,
    result: Result<Vec<i64>, Error>,
    many: bool,
) -> ApiResult<Response> {
    let ids = match result {
        Ok(ids) => ids,
        Err(e) => {
            tx.rollback().await.ok();
            return Err(ApiError(e));
        }
    };
    tx.commit().await?;
    let mut out = render_many(st, c, m, &ids).await?;
    // NetBox serializes the new objects without its list annotations, so their related-object
    // counts are left out (cached counters stay).
    for o in out.iter_mut().filter_map(J::as_object_mut) {
        for f in &m.fields {
            if matches!(f.kind, ironbox_core::Kind::Count { .. }) && !f.counter {
                o.shift_remove(f.name);
            }
        }
    }
    let j = if many {
        J::Array(out)
    } else {
        out.pop().unwrap_or(J::Null)
    };
    Ok(allow((StatusCode::CREATED, Json(j)).into_response()))
}

/// Each request body with the allocated values set on it.
fn with_values(reqs: &[J], values: impl IntoIterator<Item = Vec<(&'static str, J)>>) -> Vec<J> {
    reqs.iter()
        .zip(values)
        .map(|(req, vals)| {
            let mut o = req.as_object().cloned().unwrap_or_default();
            for (k, v) in vals {
                o.insert(k.into(), v);
            }
            J::Object(o)
        })
        .collect()
}

/// Creates one object per request item; field errors come back per item — a list when the
/// request was a list (or `always_list`), a map for a single object — and nothing is kept.
async fn create_each(
    ex: &mut Ex<'_>,
    c: &Ctx,
    m: &Model,
    bodies: Vec<J>,
    many: bool,
    always_list: bool,
) -> Result<Vec<i64>, Error> {
    authz::require(c, m, "add")?;
    let mut ids = Vec::new();
    let mut errs = Vec::new();
    let mut failed = false;
    for b in &bodies {
        match write::create(ex, c, m, b).await {
            Ok(i) => {
                ids.push(i);
                errs.push(FieldErrors::new());
            }
            Err(Error::Invalid(fe)) => {
                failed = true;
                errs.push(fe);
            }
            Err(e) => return Err(e),
        }
    }
    if failed {
        return Err(if many || always_list {
            Error::InvalidList(errs)
        } else {
            Error::Invalid(errs.into_iter().next().unwrap_or_default())
        });
    }
    // What was allocated must lie within the actor's `add` constraints.
    if !authz::nonconforming(ex, c, m, "add", &ids)
        .await?
        .is_empty()
    {
        return Err(Error::Forbidden(authz::DENIED.into()));
    }
    Ok(ids)
}

fn allow(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(ALLOW));
    r
}

fn model<'a>(st: &'a AppState, key: &str) -> ApiResult<&'a Model> {
    st.reg
        .get(key)
        .ok_or_else(|| ApiError(Error::internal(format!("model {key} missing"))))
}

fn limit(st: &AppState, uri: &Uri) -> usize {
    crate::api::page_window(st, &query_pairs(uri)).0 as usize
}

async fn brief(ex: &mut Ex<'_>, c: &Ctx, m: &Model, row: Option<&Row>) -> ApiResult<J> {
    match row {
        Some(r) => Ok(render(
            ex,
            c,
            m,
            std::slice::from_ref(r),
            Mode::Brief,
            &Selection::default(),
        )
        .await?
        .into_iter()
        .next()
        .unwrap_or(J::Null)),
        None => Ok(J::Null),
    }
}

async fn vrf_brief(ex: &mut Ex<'_>, st: &AppState, c: &Ctx, vrf: &Value) -> ApiResult<J> {
    let vm = model(st, "ipam.vrf")?;
    let row = match vrf {
        Value::Int(id) => ironbox_store::crud::get(ex, vm, *id).await?,
        _ => None,
    };
    brief(ex, c, vm, row.as_ref()).await
}

/// Items of a POST body: one object or a list.
fn items(body: &J) -> ApiResult<(Vec<J>, bool)> {
    match body {
        J::Array(a) if a.is_empty() => Err(ApiError(Error::Invalid(FieldErrors::one(
            "__all__",
            "Expected a list of items but got an empty list.",
        )))),
        J::Array(a) => Ok((a.clone(), true)),
        J::Object(_) => Ok((vec![body.clone()], false)),
        _ => Err(ApiError(Error::Invalid(FieldErrors::one(
            "__all__",
            "Invalid data. Expected a dictionary.",
        )))),
    }
}

async fn ips_get(
    st: &AppState,
    c: &Ctx,
    uri: &Uri,
    parent_key: &str,
    id: i64,
) -> ApiResult<Response> {
    authz::require(c, model(st, "ipam.ipaddress")?, "view")?;
    let pm = model(st, parent_key)?;
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let p = alloc::parent(&mut ex, c, pm, id).await?;
    let span = if parent_key == "ipam.prefix" {
        alloc::prefix_span(&p)
    } else {
        alloc::range_span(&p)
    };
    let vrf = p.get("vrf_id").clone();
    let addrs = match span {
        Some(s) => alloc::free_ips(&mut ex, &vrf, s, limit(st, uri)).await?,
        None => Vec::new(),
    };
    let vj = vrf_brief(&mut ex, st, c, &vrf).await?;
    let family = span.map_or(4, |s| s.0);
    let out: Vec<J> = addrs
        .into_iter()
        .map(|a| json!({"family": family, "address": a, "vrf": vj}))
        .collect();
    Ok(allow(Json(J::Array(out)).into_response()))
}

async fn ips_post(
    st: &AppState,
    c: &Ctx,
    headers: &HeaderMap,
    parent_key: &str,
    id: i64,
    body: &Bytes,
) -> ApiResult<Response> {
    authz::require(c, model(st, "ipam.ipaddress")?, "add")?;
    let body = parse_body(body)?;
    let (reqs, many) = items(&body)?;
    let idem = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|s| format!("{parent_key}:{id}:{}:{s}", c.actor.user.unwrap_or(0)));
    if let Some(k) = &idem
        && let Some(resp) = replay(st, k).await?
    {
        return Ok(allow((StatusCode::CREATED, Json(resp)).into_response()));
    }
    let pm = model(st, parent_key)?;
    let im = model(st, "ipam.ipaddress")?;
    let mut tx = st.db.begin().await?;
    let result: Result<Vec<i64>, Error> = async {
        let mut ex = tx.ex();
        let p = alloc::parent(&mut ex, c, pm, id).await?;
        let span = if parent_key == "ipam.prefix" {
            alloc::prefix_span(&p)
        } else {
            alloc::range_span(&p)
        };
        let vrf = p.get("vrf_id").clone();
        let Some(span) = span else {
            return Err(Error::internal("parent without a span"));
        };
        let addrs = alloc::allocate_ips(&mut ex, &vrf, span, reqs.len()).await?;
        if addrs.len() < reqs.len() {
            return Err(insufficient());
        }
        let vrf_j = vrf.as_i64().map_or(J::Null, J::from);
        let bodies = with_values(
            &reqs,
            addrs
                .into_iter()
                .map(|a| vec![("address", J::String(a)), ("vrf", vrf_j.clone())]),
        );
        let ids = create_each(&mut ex, c, im, bodies, many, false).await?;
        Ok(ids)
    }
    .await;
    let ids = match result {
        Ok(ids) => ids,
        Err(e) => {
            tx.rollback().await.ok();
            return Err(ApiError(e));
        }
    };
    let mut out = {
        // Render inside the transaction so the idempotency record commits with the allocation.
        let mut ex = tx.ex();
        let rows = ironbox_store::crud::get_in_order(&mut ex, im, &ids).await?;
        render(&mut ex, c, im, &rows, Mode::Full, &Selection::default()).await?
    };
    let j = if many {
        J::Array(out)
    } else {
        out.pop().unwrap_or(J::Null)
    };
    if let Some(k) = &idem {
        remember(&mut tx.ex(), k, &j).await?;
    }
    tx.commit().await?;
    Ok(allow((StatusCode::CREATED, Json(j)).into_response()))
}

async fn replay(st: &AppState, key: &str) -> ApiResult<Option<J>> {
    use sea_query::{Alias, Expr, ExprTrait, Query};
    let mut conn = st.db.read().await?;
    let q = Query::select()
        .column(Alias::new("response"))
        .from(Alias::new("ironbox_idempotency"))
        .and_where(Expr::col(Alias::new("key")).eq(key))
        .to_owned();
    let rows = conn
        .ex()
        .fetch(&q, &[ironbox_core::meta::ColType::Text])
        .await?;
    Ok(rows
        .first()
        .and_then(|r| r[0].as_str())
        .and_then(|s| serde_json::from_str(s).ok()))
}

async fn remember(ex: &mut Ex<'_>, key: &str, resp: &J) -> ApiResult<()> {
    use sea_query::{Alias, Expr, Query};
    let q = Query::insert()
        .into_table(Alias::new("ironbox_idempotency"))
        .columns([
            Alias::new("key"),
            Alias::new("response"),
            Alias::new("created"),
        ])
        .values_panic([
            Expr::val(key),
            Expr::val(resp.to_string()),
            Expr::val(ironbox_core::time::now()),
        ])
        .returning_col(Alias::new("id"))
        .to_owned();
    ex.insert(&q).await?;
    // Keys are remembered for a day; older ones go as new ones arrive.
    let cutoff = ironbox_core::time::format(ironbox_core::time::now_dt() - time_day());
    let del = Query::delete()
        .from_table(Alias::new("ironbox_idempotency"))
        .and_where(sea_query::ExprTrait::lt(
            Expr::col(Alias::new("created")),
            cutoff,
        ))
        .to_owned();
    ex.delete(&del).await?;
    Ok(())
}

fn time_day() -> std::time::Duration {
    std::time::Duration::from_secs(24 * 3600)
}

/// `GET /api/ipam/prefixes/{id}/available-ips/`.
pub async fn prefix_ips_get(
    Path(id): Path<i64>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
) -> ApiResult<Response> {
    ips_get(
        &st,
        &ctx(&st, &headers, Some(&p), &rid),
        &uri,
        "ipam.prefix",
        id,
    )
    .await
}

/// `POST /api/ipam/prefixes/{id}/available-ips/`.
pub async fn prefix_ips_post(
    Path(id): Path<i64>,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
    body: Bytes,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    ips_post(&st, &c, &headers, "ipam.prefix", id, &body).await
}

/// `GET /api/ipam/ip-ranges/{id}/available-ips/`.
pub async fn range_ips_get(
    Path(id): Path<i64>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
) -> ApiResult<Response> {
    ips_get(
        &st,
        &ctx(&st, &headers, Some(&p), &rid),
        &uri,
        "ipam.iprange",
        id,
    )
    .await
}

/// `POST /api/ipam/ip-ranges/{id}/available-ips/`.
pub async fn range_ips_post(
    Path(id): Path<i64>,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
    body: Bytes,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    ips_post(&st, &c, &headers, "ipam.iprange", id, &body).await
}

/// `GET /api/ipam/prefixes/{id}/available-prefixes/`.
pub async fn prefixes_get(
    Path(id): Path<i64>,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    authz::require(&c, model(&st, "ipam.prefix")?, "view")?;
    let pm = model(&st, "ipam.prefix")?;
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let parent = alloc::parent(&mut ex, &c, pm, id).await?;
    let free = alloc::free_prefixes(&mut ex, pm, &parent).await?;
    let vj = vrf_brief(&mut ex, &st, &c, parent.get("vrf_id")).await?;
    let out: Vec<J> = free
        .iter()
        .map(|n| json!({"family": n.family, "prefix": n.to_string(), "vrf": vj}))
        .collect();
    Ok(allow(Json(J::Array(out)).into_response()))
}

/// `POST /api/ipam/prefixes/{id}/available-prefixes/` with `prefix_length`.
pub async fn prefixes_post(
    Path(id): Path<i64>,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
    body: Bytes,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    authz::require(&c, model(&st, "ipam.prefix")?, "add")?;
    let body = parse_body(&body)?;
    let (reqs, many) = items(&body)?;
    let pm = model(&st, "ipam.prefix")?;
    let mut tx = st.db.begin().await?;
    let result: Result<Vec<i64>, Error> = async {
        let mut ex = tx.ex();
        let parent = alloc::parent(&mut ex, &c, pm, id).await?;
        alloc::lock_parent(&mut ex, &c, pm, id).await?;
        let pn = IpNet::parse(parent.text("prefix")).ok_or_else(|| Error::internal("bad stored prefix"))?;
        // Validate every requested length first; errors are a list of plain strings, like NetBox.
        let mut lens = Vec::new();
        let mut errs = Vec::new();
        for req in &reqs {
            match req.get("prefix_length").and_then(|v| v.as_i64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))) {
                Some(l) if (0..=i64::from(pn.max_len())).contains(&l) => {
                    lens.push(l as u8);
                    errs.push(json!({}));
                }
                Some(l) => errs.push(json!({"prefix_length": format!("Invalid prefix length ({l}) for IPv{}", pn.family)})),
                None if req.get("prefix_length").is_some() => errs.push(json!({"prefix_length": "A valid integer is required."})),
                None => errs.push(json!({"prefix_length": "this field can not be missing"})),
            }
        }
        if lens.len() < reqs.len() {
            return Err(Error::InvalidBody(J::Array(errs)));
        }
        let mut ids = Vec::new();
        for (req, len) in reqs.iter().zip(lens) {
            if len < pn.len {
                return Err(insufficient());
            }
            let free = alloc::free_prefixes(&mut ex, pm, &parent).await?;
            let Some(net) = alloc::fit(&free, len) else {
                return Err(insufficient());
            };
            let mut o = req.as_object().cloned().unwrap_or_default();
            o.remove("prefix_length");
            o.insert("prefix".into(), J::String(net.to_string()));
            o.insert("vrf".into(), parent.get("vrf_id").as_i64().map_or(J::Null, J::from));
            ids.extend(create_each(&mut ex, &c, pm, vec![J::Object(o)], many, false).await?);
        }
        Ok(ids)
    }
    .await;
    finish(&st, &c, pm, tx, result, many).await
}

/// `GET /api/ipam/vlan-groups/{id}/available-vlans/`.
pub async fn vlans_get(
    Path(id): Path<i64>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    authz::require(&c, model(&st, "ipam.vlan")?, "view")?;
    let gm = model(&st, "ipam.vlangroup")?;
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let g = alloc::parent(&mut ex, &c, gm, id).await?;
    let vids = alloc::free_vids(&mut ex, &g, limit(&st, &uri)).await?;
    let gj = brief(&mut ex, &c, gm, Some(&g)).await?;
    Ok(allow(
        Json(J::Array(
            vids.into_iter()
                .map(|v| json!({"vid": v, "group": gj}))
                .collect(),
        ))
        .into_response(),
    ))
}

/// `POST /api/ipam/vlan-groups/{id}/available-vlans/`.
pub async fn vlans_post(
    Path(id): Path<i64>,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
    body: Bytes,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    authz::require(&c, model(&st, "ipam.vlan")?, "add")?;
    let body = parse_body(&body)?;
    let (reqs, many) = items(&body)?;
    let gm = model(&st, "ipam.vlangroup")?;
    let vm = model(&st, "ipam.vlan")?;
    let mut tx = st.db.begin().await?;
    let result: Result<Vec<i64>, Error> = async {
        let mut ex = tx.ex();
        let g = alloc::parent(&mut ex, &c, gm, id).await?;
        alloc::lock_parent(&mut ex, &c, gm, id).await?;
        let vids = alloc::free_vids(&mut ex, &g, reqs.len()).await?;
        if vids.len() < reqs.len() {
            return Err(insufficient());
        }
        let bodies = with_values(
            &reqs,
            vids.into_iter()
                .map(|v| vec![("vid", J::from(v)), ("group", J::from(id))]),
        );
        let ids = create_each(&mut ex, &c, vm, bodies, many, true).await?;
        Ok(ids)
    }
    .await;
    finish(&st, &c, vm, tx, result, many).await
}

/// `GET /api/ipam/asn-ranges/{id}/available-asns/`.
pub async fn asns_get(
    Path(id): Path<i64>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    authz::require(&c, model(&st, "ipam.asn")?, "view")?;
    let rm = model(&st, "ipam.asnrange")?;
    let rirm = model(&st, "ipam.rir")?;
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let r = alloc::parent(&mut ex, &c, rm, id).await?;
    let asns = alloc::free_asns(&mut ex, &r, limit(&st, &uri)).await?;
    let rir = match r.int("rir_id") {
        Some(rid) => ironbox_store::crud::get(&mut ex, rirm, rid).await?,
        None => None,
    };
    let rj = brief(&mut ex, &c, rirm, rir.as_ref()).await?;
    Ok(allow(
        Json(J::Array(
            asns.into_iter()
                .map(|a| json!({"rir": rj, "asn": a}))
                .collect(),
        ))
        .into_response(),
    ))
}

/// `POST /api/ipam/asn-ranges/{id}/available-asns/`.
pub async fn asns_post(
    Path(id): Path<i64>,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
    body: Bytes,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    authz::require(&c, model(&st, "ipam.asn")?, "add")?;
    let body = parse_body(&body)?;
    let (reqs, many) = items(&body)?;
    let rm = model(&st, "ipam.asnrange")?;
    let am = model(&st, "ipam.asn")?;
    let mut tx = st.db.begin().await?;
    let result: Result<Vec<i64>, Error> = async {
        let mut ex = tx.ex();
        let r = alloc::parent(&mut ex, &c, rm, id).await?;
        alloc::lock_parent(&mut ex, &c, rm, id).await?;
        let asns = alloc::free_asns(&mut ex, &r, reqs.len()).await?;
        if asns.len() < reqs.len() {
            return Err(insufficient());
        }
        let rir = r.get("rir_id").as_i64().map_or(J::Null, J::from);
        let bodies = with_values(
            &reqs,
            asns.into_iter()
                .map(|a| vec![("asn", J::from(a)), ("rir", rir.clone())]),
        );
        let ids = create_each(&mut ex, &c, am, bodies, many, false).await?;
        Ok(ids)
    }
    .await;
    finish(&st, &c, am, tx, result, many).await
}
