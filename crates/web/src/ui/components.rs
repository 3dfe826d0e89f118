//! A device's component tabs (`/dcim/devices/{id}/interfaces/`, `/console-ports/`, …): one
//! table per component model, the set and the columns taken from the registry. A tab shows when
//! the user may view that kind of component and the device has some, or the user may add one.

use super::cells::{self, heading, parts};
use super::detail::{object_head, tab};
use super::{capfirst, denied, error_page, model_at, no_such_page, page};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use ironbox_core::Registry;
use ironbox_core::meta::{Kind, Model};
use ironbox_service::dcim::{CABLED, ENDPOINTS, TEMPLATES};
use ironbox_store::crud;
use sea_query::{Alias, Condition, Expr, ExprTrait};
use serde_json::{Value as J, json};

/// Rows a tab shows; the full list (with bulk actions) is linked when there are more.
const SHOWN: u64 = 1000;

/// NetBox's tab order; component models it does not name follow in registry order.
const ORDER: &[&str] = &[
    "dcim.interface",
    "dcim.frontport",
    "dcim.rearport",
    "dcim.consoleport",
    "dcim.consoleserverport",
    "dcim.powerport",
    "dcim.poweroutlet",
    "dcim.modulebay",
    "dcim.devicebay",
    "dcim.inventoryitem",
];

/// Fields worth a column where a component model has them, after name, label and type.
const EXTRA: &[&str] = &[
    "status",
    "enabled",
    "lag",
    "position",
    "installed_device",
    "installed_module",
    "manufacturer",
    "part_id",
    "serial",
];

/// The device component models: those instantiated from a device type's templates that belong
/// to a device and have pages, in NetBox's tab order.
pub fn models(reg: &Registry) -> Vec<&Model> {
    let mut out: Vec<&Model> = TEMPLATES
        .iter()
        .filter_map(|(_, c)| reg.get(c))
        .filter(|m| !m.ui.is_empty() && m.has_display_url)
        .filter(|m| {
            m.field_named("device").is_some_and(
                |f| matches!(&f.kind, Kind::Fk { target, .. } if *target == "dcim.device"),
            )
        })
        .collect();
    out.sort_by_key(|m| {
        let k = m.key();
        ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len())
    });
    out
}

/// The last part of a component's page path (`dcim/console-ports` → `console-ports`), which is
/// also its tab's path below the device.
pub fn slug(m: &Model) -> &'static str {
    m.ui.rsplit('/').next().unwrap_or(m.ui)
}

/// Counts the components of device `id` of model `m` that the user may view.
async fn count(st: &AppState, p: &super::Page, m: &Model, id: i64) -> ironbox_core::Result<i64> {
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let cond =
        Condition::all().add(Expr::col((Alias::new(m.table), Alias::new("device_id"))).eq(id));
    let cond = ironbox_service::authz::narrow(&p.ctx, m, "view", ex.backend(), cond)?;
    crud::count(&mut ex, m, cond).await
}

/// Whether the user may add `m` objects.
fn may_add(p: &super::Page, m: &Model) -> bool {
    m.writable && p.ctx.actor.may(m, "add")
}

/// The device's component tabs the user gets, with counts.
pub async fn tabs(st: &AppState, p: &super::Page, id: i64) -> ironbox_core::Result<Vec<J>> {
    let mut out = Vec::new();
    for m in models(&st.reg) {
        if !p.ctx.actor.may(m, "view") {
            continue;
        }
        let n = count(st, p, m, id).await?;
        if n > 0 || may_add(p, m) {
            out.push(tab(
                capfirst(m.verbose_plural),
                format!("/dcim/devices/{id}/{}/", slug(m)),
                Some(n),
            ));
        }
    }
    Ok(out)
}

/// The columns of a component table: identity, the model's notable fields, cabling where the
/// component takes a cable, then the description.
fn columns(m: &Model) -> Vec<&'static str> {
    let shown = |n: &str| {
        m.field_named(n)
            .is_some_and(|f| !f.write_only && !f.is_hidden())
    };
    let mut cols: Vec<&'static str> = ["name", "label", "type"]
        .into_iter()
        .chain(EXTRA.iter().copied())
        .filter(|n| shown(n))
        .collect();
    let key = m.key();
    if CABLED.contains(&key.as_str()) {
        cols.extend(["cable", "link_peers"].into_iter().filter(|n| shown(n)));
    }
    if ENDPOINTS.contains(&key.as_str()) && shown("connected_endpoints") {
        cols.push("connected_endpoints");
    }
    if shown("description") {
        cols.push("description");
    }
    cols
}

/// A column's heading, in NetBox's words for the cabling columns.
fn column_heading(m: &Model, name: &str) -> String {
    match name {
        "lag" => "LAG".into(),
        "link_peers" => "Link peer".into(),
        "connected_endpoints" => "Connection".into(),
        _ => heading(m, name),
    }
}

/// `GET /dcim/devices/{id}/{components}/`: the device's components of one kind.
pub async fn device_tab(
    Path(id): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = uri.path().to_string();
    let p = match page(&st, &headers, &here).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let which = here.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let (Ok(id), Some(dm), Some(cm)) = (
        id.parse::<i64>(),
        model_at(&st, "dcim", "devices"),
        models(&st.reg).into_iter().find(|m| slug(m) == which),
    ) else {
        return no_such_page(&st, &p);
    };
    for m in [dm, cm] {
        if !p.ctx.actor.may(m, "view") {
            return denied(&st, &p);
        }
    }
    let device = match super::form::load(&st, &p, dm, id, "view").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let q = vec![
        ("device_id".to_string(), id.to_string()),
        ("limit".to_string(), SHOWN.to_string()),
    ];
    let listing = match crate::api::list(&st, &p.ctx, cm, &Uri::from_static("/"), &q).await {
        Ok(j) => j,
        Err(e) => return error_page(&st, &p, &e.0),
    };
    let cols = columns(cm);
    let key = cm.key();
    let traced = super::trace::traceable(&key);
    let rows: Vec<J> = listing["results"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|o| {
            let href = cells::object_href(o);
            let cells_j: Vec<J> = cols
                .iter()
                .map(|c| {
                    let mut ps = parts(cm.field_named(c), o.get(*c).unwrap_or(&J::Null));
                    if *c == "name"
                        && let (Some(first), Some(h)) = (ps.first_mut(), &href)
                    {
                        first["href"] = J::String(h.clone());
                    }
                    J::Array(ps)
                })
                .collect();
            let cabled = o.get("cable").is_some_and(|c| !c.is_null());
            json!({
                "id": o["id"],
                "display": o["display"],
                "cells": cells_j,
                "trace": (traced && cabled).then(|| format!("/{}/{}/trace/", cm.ui, o["id"])),
            })
        })
        .collect();
    let mut ctx = match object_head(&st, &p, dm, &device, id, &here).await {
        Ok(c) => c,
        Err(e) => return error_page(&st, &p, &e),
    };
    ctx.insert(
        "title".into(),
        J::String(format!(
            "{} — {}",
            device["display"].as_str().unwrap_or_default(),
            capfirst(cm.verbose_plural)
        )),
    );
    let count = listing["count"].as_u64().unwrap_or(0);
    let return_url = format!("/dcim/devices/{id}/{which}/");
    ctx.insert(
        "component".into(),
        json!({
            "verbose": cm.verbose,
            "plural": capfirst(cm.verbose_plural),
            "columns": cols.iter().map(|c| column_heading(cm, c)).collect::<Vec<_>>(),
            "rows": rows,
            "count": count,
            "more": (count > SHOWN).then(|| format!("/{}/?device_id={id}", cm.ui)),
            "list": format!("/{}/?device_id={id}", cm.ui),
            "traced": traced,
            "add": may_add(&p, cm).then(|| super::list::with_params(
                &format!("/{}/add/", cm.ui),
                &[],
                &[("device", id.to_string()), ("return_url", return_url.clone())],
            )),
        }),
    );
    st.login.render("ui/components.html", J::Object(ctx))
}
