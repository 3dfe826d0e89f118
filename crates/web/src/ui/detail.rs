//! Detail pages: every field of the object, its related objects (counted, linked to the
//! filtered lists), its tags and its change log; rack elevations and free space where they apply.

use super::cells::{self, heading, parts};
use super::{capfirst, denied, error_page, model_page, no_such_page, page, status_page};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use ironbox_core::ip::IpNet;
use ironbox_core::meta::{Kind, Model};
use ironbox_store::crud;
use sea_query::{Alias, Condition, Expr, ExprTrait};
use serde_json::{Value as J, json};

/// Fields shown in the side panels rather than the main table.
const SIDE: &[&str] = &[
    "tags",
    "custom_fields",
    "comments",
    "created",
    "last_updated",
];

/// `GET /{app}/{model}/{id}/`.
pub async fn detail(
    Path((app, name, id)): Path<(String, String, String)>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = uri.path().to_string();
    let (p, m) = match model_page(&st, &headers, &here, (&app, &name), "view", false).await {
        Ok(pm) => pm,
        Err(r) => return r,
    };
    let Ok(id) = id.parse::<i64>() else {
        return no_such_page(&st, &p);
    };
    let obj = match super::form::load(&st, &p, m, id, "view").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let attrs: Vec<J> = m
        .fields
        .iter()
        .filter(|f| !f.write_only && !f.is_hidden() && !SIDE.contains(&f.name))
        .filter(|f| !matches!(f.kind, Kind::CustomFields | Kind::Count { .. }))
        // Documents that are empty (config contexts, local data) stay out of the way.
        .filter(|f| !matches!(f.kind, Kind::Json | Kind::Computed) || obj.get(f.name).is_some_and(|v| !v.is_null() && v != &json!({}) && v != &json!([])))
        .map(|f| json!({"label": heading(m, f.name), "parts": parts(Some(f), obj.get(f.name).unwrap_or(&J::Null))}))
        .collect();
    let related = match related(&st, &p.ctx, m, id).await {
        Ok(r) => r,
        Err(e) => return error_page(&st, &p, &e),
    };
    let mut ctx = match object_head(&st, &p, m, &obj, id, &here).await {
        Ok(c) => c,
        Err(e) => return error_page(&st, &p, &e),
    };
    ctx.insert("attrs".into(), J::Array(attrs));
    ctx.insert("related".into(), J::Array(related));
    if m.key() == "dcim.rack" {
        // The drawing is 22 px per unit plus its margins (see the elevation renderer).
        let units = obj.get("u_height").and_then(J::as_f64).unwrap_or(42.0);
        ctx.insert(
            "elevation".into(),
            json!({
                "front": format!("/api/dcim/racks/{id}/elevation/?render=svg&face=front"),
                "rear": format!("/api/dcim/racks/{id}/elevation/?render=svg&face=rear"),
                "height": (units * 22.0 + 50.0).ceil() as i64,
            }),
        );
    }
    if m.key() == "dcim.device" {
        match device_parts(&st, &p, id).await {
            Ok(v) => {
                ctx.insert("device_parts".into(), v);
            }
            Err(e) => return error_page(&st, &p, &e),
        }
    }
    if m.key() == "ipam.vlangroup" {
        match free_vid_summary(&st, id).await {
            Ok(v) => {
                ctx.insert("free_vids".into(), v);
            }
            Err(e) => return error_page(&st, &p, &e),
        }
    }
    if m.key() == "ipam.prefix" {
        match prefix_children(&st, &p, id, &obj).await {
            Ok(c) => {
                ctx.insert("children".into(), c);
            }
            Err(e) => return error_page(&st, &p, &e),
        }
    }
    st.login.render("ui/detail.html", J::Object(ctx))
}

/// The part of the page every view of an object shares: its name, the buttons the user may use
/// (clone, edit, delete) and the tabs (the object, its device components with their counts, its
/// free addresses or cable trace, its change log).
pub async fn object_head(
    st: &AppState,
    p: &super::Page,
    m: &Model,
    obj: &J,
    id: i64,
    here: &str,
) -> ironbox_core::Result<serde_json::Map<String, J>> {
    let mut tabs = vec![tab(capfirst(m.verbose), format!("/{}/{id}/", m.ui), None)];
    if m.key() == "ipam.prefix"
        && st
            .reg
            .get("ipam.ipaddress")
            .is_some_and(|im| p.ctx.actor.may(im, "view"))
    {
        tabs.push(tab(
            "IP addresses".into(),
            format!("/ipam/prefixes/{id}/ip-addresses/"),
            None,
        ));
    }
    if m.key() == "dcim.device" {
        tabs.extend(super::components::tabs(st, p, id).await?);
    }
    if super::trace::traceable(&m.key()) && obj.get("cable").is_some_and(|c| !c.is_null()) {
        tabs.push(tab("Trace".into(), format!("/{}/{id}/trace/", m.ui), None));
    }
    tabs.push(tab(
        "Change log".into(),
        format!("/{}/{id}/changelog/", m.ui),
        None,
    ));
    for t in &mut tabs {
        t["current"] = J::Bool(t["href"].as_str() == Some(here));
    }
    let mut ctx = p.base(st, here);
    ctx.insert("title".into(), obj["display"].clone());
    ctx.insert(
        "object".into(),
        json!({
            "id": id,
            "display": obj["display"],
            "created": obj.get("created").and_then(J::as_str).map(cells::short_time),
            "last_updated": obj.get("last_updated").and_then(J::as_str).map(cells::short_time),
            "tags": obj.get("tags").map(|t| parts(None, t)).unwrap_or_default(),
            "comments": obj.get("comments").cloned().unwrap_or(J::Null),
            "api": format!("/api/{}/{id}/", m.api),
        }),
    );
    ctx.insert("model".into(), json!({"verbose": m.verbose, "plural": capfirst(m.verbose_plural), "ui": m.ui, "key": m.key()}));
    ctx.insert("tabs".into(), J::Array(tabs));
    ctx.insert(
        "can_change".into(),
        J::Bool(m.writable && p.ctx.actor.may(m, "change")),
    );
    ctx.insert(
        "can_delete".into(),
        J::Bool(m.writable && p.ctx.actor.may(m, "delete")),
    );
    ctx.insert(
        "can_add".into(),
        J::Bool(m.writable && p.ctx.actor.may(m, "add")),
    );
    ctx.insert("clone".into(), J::String(clone_url(m, obj)));
    Ok(ctx)
}

/// One tab of an object's page; `count` shows as a badge.
pub fn tab(label: String, href: String, count: Option<i64>) -> J {
    json!({"label": label, "href": href, "count": count, "current": false})
}

/// NetBox's clone link: the add form pre-filled with the clonable fields.
fn clone_url(m: &Model, obj: &J) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for f in super::form::editable(m) {
        if f.unique
            || matches!(
                f.name,
                "name"
                    | "slug"
                    | "address"
                    | "prefix"
                    | "vid"
                    | "username"
                    | "password"
                    | "serial"
                    | "asset_tag"
                    | "label"
                    | "position"
            )
        {
            continue;
        }
        match (&f.kind, obj.get(f.name)) {
            (_, None | Some(J::Null)) => {}
            (Kind::Fk { .. }, Some(J::Object(o))) => {
                if let Some(id) = o.get("id") {
                    pairs.push((f.name.into(), id.to_string()));
                }
            }
            (_, Some(J::Object(o))) if o.contains_key("value") => {
                if let Some(v) = o.get("value") {
                    pairs.push((
                        f.name.into(),
                        match v {
                            J::String(s) => s.clone(),
                            x => x.to_string(),
                        },
                    ));
                }
            }
            (Kind::Tags | Kind::M2m { .. }, Some(J::Array(a))) => {
                for x in a {
                    if let Some(id) = x.get("id") {
                        pairs.push((f.name.into(), id.to_string()));
                    }
                }
            }
            (Kind::Text { .. } | Kind::Choice(_) | Kind::PlainChoice(_), Some(J::String(s)))
                if !s.is_empty() && f.name != "description" && f.name != "comments" =>
            {
                pairs.push((f.name.into(), s.clone()));
            }
            (Kind::Int { .. } | Kind::Bool, Some(v)) => pairs.push((f.name.into(), v.to_string())),
            _ => {}
        }
    }
    super::list::with_params(&format!("/{}/add/", m.ui), &pairs, &[])
}

/// Every model with a relation to this one: count of rows pointing here (that the user may
/// view), linked to the list filtered on that relation.
async fn related(
    st: &AppState,
    ctx: &ironbox_service::Ctx,
    m: &Model,
    id: i64,
) -> ironbox_core::Result<Vec<J>> {
    let key = m.key();
    let mut out = Vec::new();
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    for (other, f) in st.reg.referencing(&key) {
        if !ctx.actor.may(other, "view") || other.ui.is_empty() || f.is_hidden() || !f.filter {
            continue;
        }
        let cond = Condition::all()
            .add(Expr::col((Alias::new(other.table), Alias::new(format!("{}_id", f.col)))).eq(id));
        let cond = ironbox_service::authz::narrow(ctx, other, "view", ex.backend(), cond)?;
        let n = crud::count(&mut ex, other, cond).await?;
        if n == 0 {
            continue;
        }
        let label = if st
            .reg
            .referencing(&key)
            .filter(|(o, _)| o.key() == other.key())
            .count()
            > 1
        {
            format!(
                "{} ({})",
                capfirst(other.verbose_plural),
                heading(other, f.name).to_lowercase()
            )
        } else {
            capfirst(other.verbose_plural)
        };
        out.push(json!({"label": label, "count": n, "href": format!("/{}/?{}_id={id}", other.ui, f.name)}));
    }
    Ok(out)
}

/// A prefix's direct child prefixes and addresses, with the free space between them as rows
/// that link to a pre-filled add form, and the utilization.
async fn prefix_children(
    st: &AppState,
    p: &super::Page,
    id: i64,
    obj: &J,
) -> ironbox_core::Result<J> {
    let Some(net) = obj.get("prefix").and_then(J::as_str).and_then(IpNet::parse) else {
        return Ok(J::Null);
    };
    let vrf = obj.pointer("/vrf/id").cloned().unwrap_or(J::Null);
    let pm = st
        .reg
        .get("ipam.prefix")
        .ok_or_else(|| ironbox_core::Error::internal("no prefix model"))?;
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let parent = api_row(&mut ex, pm, id).await?;
    let free = ironbox_service::alloc::free_prefixes(&mut ex, pm, &parent).await?;
    drop(conn);
    let mut q: Vec<(String, String)> = vec![
        ("parent".into(), net.to_string()),
        ("limit".into(), "1000".into()),
    ];
    q.push((
        "vrf_id".into(),
        vrf.as_i64().map_or("null".into(), |v| v.to_string()),
    ));
    let children = crate::api::list(st, &p.ctx, pm, &Uri::from_static("/"), &q)
        .await
        .map_err(|e| e.0)?;
    // Direct children only: those whose depth is one more than the parent's.
    let depth = obj.get("_depth").and_then(J::as_i64).unwrap_or(0);
    let mut rows: Vec<(Vec<u8>, J)> = Vec::new();
    for c in children["results"].as_array().into_iter().flatten() {
        if c.get("_depth").and_then(J::as_i64) != Some(depth + 1) {
            continue;
        }
        let Some(cn) = c.get("prefix").and_then(J::as_str).and_then(IpNet::parse) else {
            continue;
        };
        rows.push((
            cn.first_key(),
            json!({
                "prefix": cn.to_string(),
                "href": cells::object_href(c),
                "status": parts(None, c.get("status").unwrap_or(&J::Null)),
                "description": c.get("description").cloned().unwrap_or(J::Null),
                "available": false,
            }),
        ));
    }
    for f in &free {
        let mut add = vec![("prefix".to_string(), f.to_string())];
        if let Some(v) = vrf.as_i64() {
            add.push(("vrf".into(), v.to_string()));
        }
        rows.push((
            f.first_key(),
            json!({
                "prefix": f.to_string(),
                "href": super::list::with_params("/ipam/prefixes/add/", &add, &[]),
                "available": true,
            }),
        ));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    // Utilization as NetBox computes it: a container by its child prefixes, anything else by
    // its addresses (an IPv4 network's own and broadcast addresses do not count).
    let max = u32::from(net.max_len());
    let size = 2f64.powi((max - u32::from(net.len)) as i32);
    let container = obj.pointer("/status/value").and_then(J::as_str) == Some("container");
    let sees_ips = st
        .reg
        .get("ipam.ipaddress")
        .is_some_and(|im| p.ctx.actor.may(im, "view"));
    if !container && !sees_ips {
        return Ok(json!({
            "rows": rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            "utilization": J::Null,
        }));
    }
    let used = if container {
        rows.iter()
            .filter(|(_, r)| r["available"] == J::Bool(false))
            .filter_map(|(_, r)| r["prefix"].as_str().and_then(IpNet::parse))
            .map(|c| 2f64.powi((max - u32::from(c.len)) as i32))
            .sum::<f64>()
    } else {
        let im = st
            .reg
            .get("ipam.ipaddress")
            .ok_or_else(|| ironbox_core::Error::internal("no address model"))?;
        let mut iq = vec![
            ("parent".to_string(), net.to_string()),
            ("limit".to_string(), "1".to_string()),
        ];
        iq.push((
            "vrf_id".into(),
            vrf.as_i64().map_or("null".into(), |v| v.to_string()),
        ));
        let j = crate::api::list(st, &p.ctx, im, &Uri::from_static("/"), &iq)
            .await
            .map_err(|e| e.0)?;
        j["count"].as_f64().unwrap_or(0.0)
    };
    let usable = if !container && net.family == 4 && net.len < 31 {
        size - 2.0
    } else {
        size
    };
    let util = (usable > 0.0).then(|| {
        let pct = ((used / usable * 1000.0).round() / 10.0).min(100.0);
        if pct.fract() == 0.0 {
            format!("{pct:.0}")
        } else {
            format!("{pct:.1}")
        }
    });
    let ip_url = format!(
        "/ipam/ip-addresses/?parent={}{}",
        net,
        vrf.as_i64()
            .map(|v| format!("&vrf_id={v}"))
            .unwrap_or_default()
    );
    let first_free_ip = {
        let mut conn = st.db.read().await?;
        let mut ex = conn.ex();
        match ironbox_service::alloc::prefix_span(&parent) {
            Some(span) => {
                ironbox_service::alloc::free_ips(&mut ex, &parent.get("vrf_id").clone(), span, 1)
                    .await?
                    .into_iter()
                    .next()
            }
            None => None,
        }
    };
    Ok(json!({
        "rows": rows.into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
        "utilization": util,
        "ip_url": ip_url,
        "add_ip": first_free_ip.map(|a| super::list::with_params("/ipam/ip-addresses/add/", &[("address".into(), a)], &[])),
    }))
}

async fn api_row(
    ex: &mut ironbox_store::Ex<'_>,
    m: &Model,
    id: i64,
) -> ironbox_core::Result<ironbox_core::meta::Row> {
    crud::get(ex, m, id)
        .await?
        .ok_or(ironbox_core::Error::NotFound {
            model: m.class.into(),
        })
}

/// `GET /{app}/{model}/{id}/changelog/`: the object's change log.
pub async fn changelog(
    Path((app, name, id)): Path<(String, String, i64)>,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = format!("/{app}/{name}/{id}/changelog/");
    let (p, m) = match model_page(&st, &headers, &here, (&app, &name), "view", false).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let obj = match super::form::load(&st, &p, m, id, "view").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let Some(cm) = st.reg.get("core.objectchange") else {
        return status_page(
            &st,
            &p,
            StatusCode::NOT_FOUND,
            "Page not found",
            "No change log.",
        );
    };
    let q = vec![
        ("changed_object_type".to_string(), m.key()),
        ("changed_object_id".to_string(), id.to_string()),
        ("limit".to_string(), "200".to_string()),
    ];
    let changes = match crate::api::list(&st, &p.ctx, cm, &Uri::from_static("/"), &q).await {
        Ok(j) => j,
        Err(e) => return error_page(&st, &p, &e.0),
    };
    let rows: Vec<J> = changes["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            json!({
                "time": parts(cm.field_named("time"), c.get("time").unwrap_or(&J::Null)),
                "user": c.get("user_name").cloned().unwrap_or(J::Null),
                "action": parts(None, c.get("action").unwrap_or(&J::Null)),
                "request_id": c.get("request_id").cloned().unwrap_or(J::Null),
                "diff": diff(c.get("prechange_data").unwrap_or(&J::Null), c.get("postchange_data").unwrap_or(&J::Null)),
            })
        })
        .collect();
    let mut ctx = p.base(&st, &here);
    ctx.insert(
        "title".into(),
        J::String(format!(
            "{} — change log",
            obj["display"].as_str().unwrap_or_default()
        )),
    );
    ctx.insert(
        "object".into(),
        json!({"display": obj["display"], "href": cells::object_href(&obj)}),
    );
    ctx.insert("changes".into(), J::Array(rows));
    st.login.render("ui/changelog.html", J::Object(ctx))
}

/// The fields a change touched: `(field, before, after)`.
fn diff(pre: &J, post: &J) -> Vec<J> {
    let empty = serde_json::Map::new();
    let a = pre.as_object().unwrap_or(&empty);
    let b = post.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| k.as_str() != "last_updated" && a.get(*k) != b.get(*k))
        .map(|k| json!({"field": k, "before": a.get(k).map(short).unwrap_or_default(), "after": b.get(k).map(short).unwrap_or_default()}))
        .collect()
}

fn short(v: &J) -> String {
    match v {
        J::Null => "—".into(),
        J::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `GET /ipam/prefixes/{id}/ip-addresses/`: the prefix's addresses in order, with the free
/// ranges between them as rows that link to an add form for the range's first address.
pub async fn prefix_ips(
    Path(id): Path<i64>,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = format!("/ipam/prefixes/{id}/ip-addresses/");
    let p = match page(&st, &headers, &here).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (Some(pm), Some(im)) = (st.reg.get("ipam.prefix"), st.reg.get("ipam.ipaddress")) else {
        return no_such_page(&st, &p);
    };
    if !p.ctx.actor.may(pm, "view") || !p.ctx.actor.may(im, "view") {
        return denied(&st, &p);
    }
    let obj = match super::form::load(&st, &p, pm, id, "view").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let Some(net) = obj.get("prefix").and_then(J::as_str).and_then(IpNet::parse) else {
        return status_page(
            &st,
            &p,
            StatusCode::NOT_FOUND,
            "Page not found",
            "This prefix has no address space.",
        );
    };
    let vrf = obj.pointer("/vrf/id").and_then(J::as_i64);
    let q = vec![
        ("parent".to_string(), net.to_string()),
        (
            "vrf_id".to_string(),
            vrf.map_or("null".into(), |v| v.to_string()),
        ),
        ("ordering".to_string(), "address".to_string()),
        ("limit".to_string(), "1000".to_string()),
    ];
    let listing = match crate::api::list(&st, &p.ctx, im, &Uri::from_static("/"), &q).await {
        Ok(j) => j,
        Err(e) => return error_page(&st, &p, &e.0),
    };
    // Usable span: an IPv4 network's own and broadcast addresses are not handed out.
    let (mut lo, mut hi) = (net.first(), net.last());
    if net.family == 4 && net.len < 31 {
        lo += 1;
        hi -= 1;
    }
    let mut rows = Vec::new();
    let mut next = lo;
    let free_row = |a: u128, b: u128| {
        let mut add = vec![(
            "address".to_string(),
            format!(
                "{}/{}",
                ironbox_core::ip::addr_string(net.family, a),
                net.len
            ),
        )];
        if let Some(v) = vrf {
            add.push(("vrf".into(), v.to_string()));
        }
        let n = b - a + 1;
        json!({
            "available": true,
            "range": if n == 1 { ironbox_core::ip::addr_string(net.family, a) } else { format!("{}–{}", ironbox_core::ip::addr_string(net.family, a), ironbox_core::ip::addr_string(net.family, b)) },
            "count": n.to_string(),
            "href": super::list::with_params("/ipam/ip-addresses/add/", &add, &[]),
        })
    };
    for o in listing["results"].as_array().into_iter().flatten() {
        let Some(a) = o.get("address").and_then(J::as_str).and_then(IpNet::parse) else {
            continue;
        };
        if a.addr > next && next <= hi {
            rows.push(free_row(next, (a.addr - 1).min(hi)));
        }
        rows.push(json!({
            "available": false,
            "address": a.to_string(),
            "href": cells::object_href(o),
            "status": parts(None, o.get("status").unwrap_or(&J::Null)),
            "assigned": parts(None, o.get("assigned_object").unwrap_or(&J::Null)),
            "dns_name": o.get("dns_name").cloned().unwrap_or(J::Null),
            "description": o.get("description").cloned().unwrap_or(J::Null),
        }));
        next = next.max(a.addr.saturating_add(1));
    }
    if next <= hi && listing["count"].as_u64().unwrap_or(0) <= 1000 {
        rows.push(free_row(next, hi));
    }
    let mut ctx = p.base(&st, &here);
    ctx.insert(
        "title".into(),
        J::String(format!(
            "{} — IP addresses",
            obj["display"].as_str().unwrap_or_default()
        )),
    );
    ctx.insert(
        "object".into(),
        json!({"display": obj["display"], "href": cells::object_href(&obj), "id": id}),
    );
    ctx.insert("rows".into(), J::Array(rows));
    ctx.insert("count".into(), listing["count"].clone());
    ctx.insert("can_add".into(), J::Bool(p.ctx.actor.may(im, "add")));
    st.login.render("ui/prefix_ips.html", J::Object(ctx))
}

/// Free VLAN ids of a group, as compact ranges (`100-199, 250`), and a link adding the first.
async fn free_vid_summary(st: &AppState, id: i64) -> ironbox_core::Result<J> {
    let gm = st
        .reg
        .get("ipam.vlangroup")
        .ok_or_else(|| ironbox_core::Error::internal("no VLAN group model"))?;
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let g = api_row(&mut ex, gm, id).await?;
    let free = ironbox_service::alloc::free_vids(&mut ex, &g, 4094).await?;
    let mut ranges: Vec<(i64, i64)> = Vec::new();
    for v in &free {
        match ranges.last_mut() {
            Some((_, hi)) if *hi + 1 == *v => *hi = *v,
            _ => ranges.push((*v, *v)),
        }
    }
    let text: Vec<String> = ranges
        .iter()
        .map(|(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect();
    Ok(json!({
        "count": free.len(),
        "ranges": text.join(", "),
        "add": free.first().map(|v| format!("/ipam/vlans/add/?vid={v}&group={id}")),
    }))
}

/// A device's addresses, as far as the user may view them (its components have their own tabs).
async fn device_parts(st: &AppState, p: &super::Page, id: i64) -> ironbox_core::Result<J> {
    let mut out = serde_json::Map::new();
    if let Some(am) = st
        .reg
        .get("ipam.ipaddress")
        .filter(|m| p.ctx.actor.may(m, "view"))
    {
        let q = vec![
            ("device_id".to_string(), id.to_string()),
            ("limit".to_string(), "200".to_string()),
        ];
        let j = crate::api::list(st, &p.ctx, am, &Uri::from_static("/"), &q)
            .await
            .map_err(|e| e.0)?;
        let rows: Vec<J> = j["results"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| {
                json!({
                    "address": a["address"],
                    "href": cells::object_href(a),
                    "status": parts(None, a.get("status").unwrap_or(&J::Null)),
                    "assigned": parts(None, a.get("assigned_object").unwrap_or(&J::Null)),
                })
            })
            .collect();
        out.insert("addresses".into(), J::Array(rows));
    }
    Ok(J::Object(out))
}
