//! DCIM endpoints beyond CRUD: cable traces, pass-through port paths and rack elevations.

use crate::api::{ctx, page_links, page_window, param, query_pairs};
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::{AppState, RequestId};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use ironbox_core::Error;
use ironbox_core::meta::Row;
use ironbox_service::dcim;
use ironbox_service::render::{Mode, Raw, Selection, render_raw};
use serde_json::{Value as J, json};
use std::collections::HashMap;

fn model_of(st: &AppState, app: &str, api: &str) -> ApiResult<&'static str> {
    let m = st
        .reg
        .by_api(&format!("{app}/{api}"))
        .ok_or(ApiError(Error::NoRoute))?;
    let key = m.key();
    dcim::CABLED
        .iter()
        .copied()
        .find(|k| *k == key)
        .ok_or(ApiError(Error::NoRoute))
}

/// The object if the actor may view it (403 without any view permission on the model, 404
/// outside it).
async fn exists(
    st: &AppState,
    c: &ironbox_service::Ctx,
    ex: &mut ironbox_store::Ex<'_>,
    key: &str,
    id: i64,
) -> ApiResult<Row> {
    let m = st.reg.get(key).ok_or(ApiError(Error::NoRoute))?;
    ironbox_service::authz::require(c, m, "view")?;
    crate::api::get_within(ex, c, m, "view", id).await
}

/// `GET /api/dcim/{endpoints}/{id}/trace/`.
pub async fn trace(
    Path((model, id)): Path<(String, i64)>,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    port_view(&st, &c, &model, id, false).await
}

/// `GET /api/dcim/{front,rear}-ports/{id}/paths/`.
pub async fn paths(
    Path((model, id)): Path<(String, i64)>,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
) -> ApiResult<Response> {
    let c = ctx(&st, &headers, Some(&p), &rid);
    port_view(&st, &c, &model, id, true).await
}

/// A cable trace of a path endpoint, or the paths through a front or rear port, with the
/// `Allow` header NetBox's views send.
async fn port_view(
    st: &AppState,
    c: &ironbox_service::Ctx,
    api: &str,
    id: i64,
    paths: bool,
) -> ApiResult<Response> {
    let key = model_of(st, "dcim", api)?;
    let fits = if paths {
        key == "dcim.frontport" || key == "dcim.rearport"
    } else {
        dcim::ENDPOINTS.contains(&key)
    };
    if !fits {
        return Err(ApiError(Error::NoRoute));
    }
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    exists(st, c, &mut ex, key, id).await?;
    let node = (key.to_string(), id);
    let (j, allow) = if paths {
        (
            dcim::paths_json(&mut ex, c, node).await?,
            "GET, HEAD, OPTIONS",
        )
    } else {
        (
            dcim::trace_json(&mut ex, c, node).await?,
            "GET, HEAD, OPTIONS, TRACE",
        )
    };
    let mut r = Json(j).into_response();
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    Ok(r)
}

/// One unit of an elevation: number (half units included) and the device on it.
struct Unit {
    u: f64,
    device: Option<i64>,
}

fn unit_name(u: f64) -> String {
    if u.fract() == 0.0 {
        format!("U{}", u as i64)
    } else {
        format!("U{u}")
    }
}

struct Elevation {
    rack: dcim::RackFace,
    units: Vec<Unit>,
    devices: HashMap<i64, dcim::Mounted>,
}

/// Units of a rack face, top to bottom (NetBox lists half units too), with the devices on them.
async fn elevation(
    st: &AppState,
    c: &ironbox_service::Ctx,
    ex: &mut ironbox_store::Ex<'_>,
    id: i64,
    face: &str,
    exclude: Option<i64>,
) -> ApiResult<Elevation> {
    let rm = st.reg.get("dcim.rack").ok_or(ApiError(Error::NoRoute))?;
    ironbox_service::authz::require(c, rm, "view")?;
    let (rack, mounted) = dcim::elevation(ex, c, id, face, exclude)
        .await?
        .ok_or(ApiError(Error::NotFound {
            model: rm.class.into(),
        }))?;
    let start = rack.starting_unit as f64;
    let height = rack.u_height as f64;
    let mut units: Vec<Unit> = Vec::new();
    let mut u = start;
    while u < start + height {
        units.push(Unit { u, device: None });
        u += 0.5;
    }
    if !rack.desc_units {
        units.reverse();
    }
    let mut devices = HashMap::with_capacity(mounted.len());
    for d in mounted {
        for unit in units.iter_mut() {
            if unit.u >= d.position && unit.u < d.position + d.height {
                unit.device = Some(d.row.id);
            }
        }
        devices.insert(d.row.id, d);
    }
    Ok(Elevation {
        rack,
        units,
        devices,
    })
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The elevation as an SVG drawing: units, devices at their position and height, coloured by
/// role and linked to their pages, reserved units marked.
fn svg(e: &Elevation, base: &str, face: &str, reserved: &[i64]) -> String {
    const UH: f64 = 22.0;
    const W: f64 = 230.0;
    const LEGEND: f64 = 30.0;
    const MARGIN: f64 = 15.0;
    let whole: Vec<f64> = e
        .units
        .iter()
        .map(|u| u.u)
        .filter(|u| u.fract() == 0.0)
        .collect();
    let n = whole.len() as f64;
    let height = n * UH + 2.0 * MARGIN + 20.0;
    let width = W + LEGEND + 2.0 * MARGIN;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"rack_elevation\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n<style>.unit{{font:10px sans-serif;fill:#6c757d}} .slot{{fill:#f8f9fa;stroke:#dee2e6}} .reserved{{fill:url(#reserved)}} .device text{{font:11px sans-serif;fill:#212529}} .rack{{fill:none;stroke:#343a40;stroke-width:2}} .title{{font:bold 12px sans-serif}}</style>\n<defs><pattern id=\"reserved\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\"><rect width=\"8\" height=\"8\" fill=\"#fff3cd\"/><path d=\"M0,8 l8,-8\" stroke=\"#ffc107\" stroke-width=\"1\"/></pattern></defs>\n<text class=\"title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{} ({face})</text>\n",
        MARGIN + LEGEND + W / 2.0,
        MARGIN,
        esc(&e.rack.name)
    );
    let top = MARGIN + 20.0;
    let first = whole.first().copied().unwrap_or(1.0);
    let desc = e.rack.desc_units;
    let y_of = |u: f64| -> f64 {
        if desc {
            top + (u - first) * UH
        } else {
            top + (first - u) * UH
        }
    };
    for u in &whole {
        let y = y_of(*u);
        let class = if reserved.contains(&(*u as i64)) {
            "slot reserved"
        } else {
            "slot"
        };
        s.push_str(&format!(
            "<text class=\"unit\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"{class}\" x=\"{}\" y=\"{y}\" width=\"{W}\" height=\"{UH}\"><title>{}</title></rect>\n",
            MARGIN + LEGEND - 4.0,
            y + UH / 2.0 + 3.0,
            *u as i64,
            MARGIN + LEGEND,
            unit_name(*u)
        ));
    }
    let mut ids: Vec<&i64> = e.devices.keys().collect();
    ids.sort();
    for id in ids {
        let d = &e.devices[id];
        let (pos, h) = (d.position, d.height);
        let y = if desc { y_of(pos) } else { y_of(pos + h - 1.0) };
        let y = if desc {
            y
        } else {
            y - (pos + h - 1.0 - (pos + h - 1.0).floor()) * UH
        };
        if !d.visible {
            // Taken by a device the viewer may not see: drawn, neither named nor linked.
            s.push_str(&format!(
                "<g class=\"device hidden\"><rect x=\"{}\" y=\"{y}\" width=\"{W}\" height=\"{}\" fill=\"#e9ecef\" stroke=\"#adb5bd\"><title>Occupied</title></rect></g>\n",
                MARGIN + LEGEND,
                h * UH,
            ));
            continue;
        }
        let name = match d.row.get("name").as_str() {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => format!("Device #{id}"),
        };
        let fill = if d.color.is_empty() {
            "9e9e9e"
        } else {
            &d.color
        };
        s.push_str(&format!(
            "<a class=\"device\" target=\"_top\" xlink:href=\"{base}/dcim/devices/{id}/\" href=\"{base}/dcim/devices/{id}/\"><rect x=\"{}\" y=\"{y}\" width=\"{W}\" height=\"{}\" fill=\"#{fill}\" stroke=\"#343a40\"><title>{}</title></rect><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></a>\n",
            MARGIN + LEGEND,
            h * UH,
            esc(&name),
            MARGIN + LEGEND + W / 2.0,
            y + h * UH / 2.0 + 4.0,
            esc(&name)
        ));
    }
    s.push_str(&format!(
        "<rect class=\"rack\" x=\"{}\" y=\"{top}\" width=\"{W}\" height=\"{}\"/>\n</svg>\n",
        MARGIN + LEGEND,
        n * UH
    ));
    s
}

/// `GET /api/dcim/racks/{id}/elevation/` (`?render=svg` draws it).
pub async fn rack_elevation(
    Path(id): Path<i64>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
) -> ApiResult<Response> {
    let q = query_pairs(&uri);
    let face = param(&q, "face").unwrap_or("front");
    if face != "front" && face != "rear" {
        return Err(ApiError(Error::field(
            "face",
            format!("\"{face}\" is not a valid choice."),
        )));
    }
    let exclude = param(&q, "exclude").and_then(|v| v.parse::<i64>().ok());
    let c = ctx(&st, &headers, Some(&p), &rid);
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let e = elevation(&st, &c, &mut ex, id, face, exclude).await?;
    if let Some(r) = param(&q, "render")
        && r != "svg"
        && r != "json"
    {
        return Err(ApiError(Error::BadRequest(format!(
            "Invalid render type: {r}. Choose \"json\" or \"svg\"."
        ))));
    }
    if param(&q, "render") == Some("svg") {
        let reserved = dcim::reserved_units(&mut ex, id).await?;
        let body = svg(&e, &c.base, face, &reserved);
        let mut r = body.into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("image/svg+xml"),
        );
        return Ok(r);
    }
    let (limit, offset) = page_window(&st, &q);
    let expand = !matches!(param(&q, "expand_devices"), Some("false" | "False" | "0"));
    let dm = st.reg.get("dcim.device").ok_or(ApiError(Error::NoRoute))?;
    // Each unit with the device occupying it; without expansion only a device's lowest unit
    // carries it, and the units above it are listed as free, as NetBox lists them.
    let mut units: Vec<(f64, String, Option<&dcim::Mounted>)> = e
        .units
        .iter()
        .map(|unit| {
            let on = unit.device.and_then(|d| e.devices.get(&d));
            let on = on.filter(|d| expand || d.position == unit.u);
            (unit.u, unit_name(unit.u), on)
        })
        .collect();
    // `q` keeps the units whose number or name contains it, as NetBox filters the elevation.
    if let Some(needle) = param(&q, "q")
        .map(str::to_lowercase)
        .filter(|n| !n.is_empty())
    {
        units.retain(|(u, name, _)| {
            serde_json::to_string(u).is_ok_and(|i| i.contains(&needle))
                || name.to_lowercase().contains(&needle)
        });
    }
    let count = units.len() as u64;
    let page: Vec<(f64, String, Option<&dcim::Mounted>)> = units
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    // Brief objects for the visible devices on this page only.
    let mut rows: Vec<Row> = Vec::new();
    for (_, _, on) in &page {
        if let Some(d) = on.filter(|d| d.visible)
            && !rows.iter().any(|r| r.id == d.row.id)
        {
            rows.push(d.row.clone());
        }
    }
    let rendered = render_raw(
        &mut ex,
        &c,
        dm,
        &rows,
        Mode::Brief,
        &Selection::default(),
        0,
    )
    .await?;
    let briefs: HashMap<i64, Raw> = rows.iter().map(|r| r.id).zip(rendered).collect();
    let face_label = if face == "front" { "Front" } else { "Rear" };
    let results: Vec<UnitOut> = page
        .into_iter()
        .map(|(u, name, on)| {
            let seen = on.filter(|d| d.visible);
            UnitOut {
                id: u,
                display: name.clone(),
                name,
                face: Choice {
                    value: face,
                    label: face_label,
                },
                device: seen.and_then(|d| briefs.get(&d.row.id)).map(|r| &**r),
                occupied: on.is_some(),
                description: seen.map(|d| (dm.display)(&d.row)),
            }
        })
        .collect();
    let (next, previous) = page_links(&c, &uri, &q, limit, offset, count);
    Ok(Json(UnitPage {
        count,
        next,
        previous,
        results,
    })
    .into_response())
}

/// A choice as NetBox renders it.
#[derive(serde::Serialize)]
struct Choice<'a> {
    value: &'a str,
    label: &'a str,
}

/// One unit of the elevation as the API answers it (NetBox's `RackUnit`).
#[derive(serde::Serialize)]
struct UnitOut<'a> {
    id: f64,
    name: String,
    face: Choice<'a>,
    device: Option<&'a serde_json::value::RawValue>,
    occupied: bool,
    display: String,
    description: Option<String>,
}

/// A page of units.
#[derive(serde::Serialize)]
struct UnitPage<'a> {
    count: u64,
    next: Option<String>,
    previous: Option<String>,
    results: Vec<UnitOut<'a>>,
}

/// `POST /api/dcim/device-types/import/`: one device or module type in the device-type library's
/// YAML format (the body as is); answers 201 with the type, or 400 naming the line at fault.
pub async fn import_type(
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    axum::Extension(rid): axum::Extension<RequestId>,
    body: axum::body::Bytes,
) -> ApiResult<Response> {
    let Ok(text) = std::str::from_utf8(&body) else {
        return Err(ApiError(Error::BadRequest(
            "The file must be UTF-8 text.".into(),
        )));
    };
    let c = ctx(&st, &headers, Some(&p), &rid);
    use ironbox_service::authz;
    let (dt, mt) = (
        st.reg
            .get("dcim.devicetype")
            .ok_or(ApiError(Error::NoRoute))?,
        st.reg
            .get("dcim.moduletype")
            .ok_or(ApiError(Error::NoRoute))?,
    );
    if !c.actor.may(dt, "add") && !c.actor.may(mt, "add") {
        return Err(ApiError(Error::Forbidden(authz::DENIED.into())));
    }
    let mut tx = st.db.begin().await?;
    let r = {
        let mut ex = tx.ex();
        ironbox_service::library::import(&mut ex, &c, text).await
    };
    let r = match r {
        Ok(r) => r,
        Err(e) => {
            tx.rollback().await.ok();
            return Err(ApiError(Error::BadRequest(e.to_string())));
        }
    };
    let m = if r.kind == "device type" { dt } else { mt };
    // The imported type must lie within the actor's add (or, when it existed, change) grant.
    let action = if r.created { "add" } else { "change" };
    let refused = !c.actor.may(m, action)
        || !authz::nonconforming(&mut tx.ex(), &c, m, action, &[r.id])
            .await?
            .is_empty();
    if refused {
        tx.rollback().await.ok();
        return Err(ApiError(Error::Forbidden(authz::DENIED.into())));
    }
    tx.commit().await?;
    let mut out = crate::api::render_many(&st, &c, m, &[r.id]).await?;
    let obj = out.pop().unwrap_or(J::Null);
    let status = if r.created {
        axum::http::StatusCode::CREATED
    } else {
        axum::http::StatusCode::OK
    };
    Ok((
        status,
        Json(json!({
            "kind": r.kind,
            "created": r.created,
            "templates_created": r.templates_created,
            "templates_unchanged": r.templates_kept,
            "object": obj,
        })),
    )
        .into_response())
}
