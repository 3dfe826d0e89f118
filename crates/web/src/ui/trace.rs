//! Cable trace pages (`/dcim/{components}/{id}/trace/`): the API's `/trace/` drawn as an SVG
//! like NetBox's (device and port boxes at each end, each cable in its colour with its label,
//! type and length, patch panels as pass-through boxes, every box a link), followed by the same
//! hops as a list for screen readers. `?render=svg` answers with the drawing alone.
//!
//! The drawing is built here as text with every value escaped; it carries no script and no
//! `style` (the pages' Content-Security-Policy forbids inline styles), only presentation
//! attributes that the stylesheet may override (dark mode).

use super::cells::{self, parts};
use super::{denied, error_page, model_at, page, status_page};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ironbox_core::meta::Kind;
use ironbox_service::render::Selection;
use serde_json::{Value as J, json};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Whether objects of `key` have a trace page (path endpoints, as for the API's `/trace/`).
pub fn traceable(key: &str) -> bool {
    ironbox_service::dcim::ENDPOINTS.contains(&key)
}

/// A box of the drawing: what it says and where it links.
#[derive(Debug, Clone, PartialEq)]
pub struct Obj {
    /// The object's name.
    pub label: String,
    /// What kind of object it is ("Interface", "Device").
    pub kind: String,
    /// Its page.
    pub href: Option<String>,
}

/// One end of a hop: the terminations and the object holding them (a device, a power panel).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct End {
    /// The cable's terminations at this end.
    pub terms: Vec<Obj>,
    /// Their device (or panel).
    pub parent: Option<Obj>,
}

/// A cable as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct CableView {
    /// Label, or `#id` without one.
    pub label: String,
    /// Its page.
    pub href: Option<String>,
    /// Type, length and status lines shown beside it.
    pub notes: Vec<String>,
    /// `#rrggbb` when the cable has a colour.
    pub color: Option<String>,
    /// `connected`, `planned`, `decommissioning`.
    pub status: String,
}

/// One hop: near end, the cable (none when the path stops), far end.
#[derive(Debug, Clone, PartialEq)]
pub struct HopView {
    /// Where the hop starts.
    pub near: End,
    /// The cable, if any.
    pub cable: Option<CableView>,
    /// Where it arrives.
    pub far: End,
}

/// The model of a nested API object, from its `url`.
fn model_of<'a>(st: &'a AppState, o: &J) -> Option<&'a ironbox_core::meta::Model> {
    let url = cells::strip_base(o.get("url")?.as_str()?);
    let path = url.trim_start_matches("/api/").trim_end_matches('/');
    let (api, _) = path.rsplit_once('/')?;
    st.reg.by_api(api)
}

fn nested_obj(o: &J, kind: &str) -> Obj {
    Obj {
        label: o
            .get("display")
            .or_else(|| o.get("name"))
            .and_then(J::as_str)
            .unwrap_or_default()
            .to_string(),
        kind: kind.to_string(),
        href: cells::object_href(o),
    }
}

/// `GET /dcim/{components}/{id}/trace/` (`?render=svg` for the drawing alone).
pub async fn trace(
    Path((model, id)): Path<(String, i64)>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = format!("/dcim/{model}/{id}/trace/");
    let p = match page(&st, &headers, &here).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(m) = model_at(&st, "dcim", &model).filter(|m| traceable(&m.key())) else {
        return status_page(
            &st,
            &p,
            StatusCode::NOT_FOUND,
            "Page not found",
            "Only connectable ports have a cable trace.",
        );
    };
    if !p.ctx.actor.may(m, "view") {
        return denied(&st, &p);
    }
    let obj = match super::form::load(&st, &p, m, id, "view").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let hops = {
        let run = async {
            let mut conn = st.db.read().await?;
            let mut ex = conn.ex();
            ironbox_service::dcim::trace_json(&mut ex, &p.ctx, (m.key(), id)).await
        };
        match run.await {
            Ok(j) => j,
            Err(e) => return error_page(&st, &p, &e),
        }
    };
    let views = match hop_views(&st, &p.ctx, &hops).await {
        Ok(v) => v,
        Err(e) => return error_page(&st, &p, &e),
    };
    let title = format!(
        "Cable trace for {}",
        obj["display"].as_str().unwrap_or_default()
    );
    let drawing = (!views.is_empty()).then(|| svg(&views, &title));
    if q.get("render").map(String::as_str) == Some("svg") {
        let body = drawing.unwrap_or_else(|| svg(&[], &title));
        let mut r = body.into_response();
        let h = r.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("image/svg+xml; charset=utf-8"),
        );
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        h.insert(
            "Content-Security-Policy",
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'"),
        );
        return r;
    }
    let end = |e: &J| -> J {
        let list: Vec<J> = match e {
            J::Array(a) => a.clone(),
            J::Null => Vec::new(),
            other => vec![other.clone()],
        };
        J::Array(
            list.iter()
                .map(|x| {
                    json!({
                        "name": x.get("display").or_else(|| x.get("name")).cloned().unwrap_or(J::Null),
                        "href": cells::object_href(x),
                        "device": x.get("device").map(|d| json!({"name": d.get("display").or_else(|| d.get("name")).cloned().unwrap_or(J::Null), "href": cells::object_href(d)})),
                    })
                })
                .collect(),
        )
    };
    let steps: Vec<J> = hops
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            let near = h.get(0).map(end).unwrap_or(J::Array(Vec::new()));
            let cable = h.get(1).filter(|c| c.is_object()).map(|c| json!({
                "label": c.get("display").or_else(|| c.get("label")).filter(|l| l.as_str().is_some_and(|s| !s.is_empty())).cloned().unwrap_or_else(|| json!(format!("#{}", c["id"]))),
                "href": cells::object_href(c),
                "status": parts(None, c.get("status").unwrap_or(&J::Null)),
                "color": c.get("color").cloned().unwrap_or(J::Null),
            }));
            let far = h.get(2).map(end).unwrap_or(J::Array(Vec::new()));
            json!({"near": near, "cable": cable, "far": far})
        })
        .collect();
    let mut ctx = p.base(&st, &here);
    ctx.insert("title".into(), J::String(title));
    ctx.insert(
        "object".into(),
        json!({"display": obj["display"], "href": cells::object_href(&obj)}),
    );
    ctx.insert("steps".into(), J::Array(steps));
    ctx.insert("drawing".into(), drawing.map(J::String).unwrap_or(J::Null));
    ctx.insert("svg_href".into(), J::String(format!("{here}?render=svg")));
    st.login.render("ui/trace.html", J::Object(ctx))
}

/// The trace's hops as boxes: each termination with its kind and the device (or, for objects
/// without one such as power feeds, the required parent such as the power panel) holding it.
async fn hop_views(
    st: &AppState,
    ctx: &ironbox_service::Ctx,
    hops: &J,
) -> ironbox_core::Result<Vec<HopView>> {
    let mut parents: HashMap<String, Option<Obj>> = HashMap::new();
    let mut out = Vec::new();
    for h in hops.as_array().into_iter().flatten() {
        let mut ends = Vec::new();
        for i in [0, 2] {
            let mut e = End::default();
            for t in h.get(i).and_then(J::as_array).into_iter().flatten() {
                let tm = model_of(st, t);
                let kind = tm.map(|m| super::capfirst(m.verbose)).unwrap_or_default();
                e.terms.push(nested_obj(t, &kind));
                if e.parent.is_some() {
                    continue;
                }
                if let Some(d) = t.get("device").filter(|d| d.is_object()) {
                    e.parent = Some(nested_obj(d, "Device"));
                    continue;
                }
                // No device: the model's required parent (a power feed's panel).
                let Some(tm) = tm else { continue };
                let url = t.get("url").and_then(J::as_str).unwrap_or_default();
                if let Some(found) = parents.get(url) {
                    e.parent = found.clone();
                    continue;
                }
                let pf = tm
                    .fields
                    .iter()
                    .find(|f| f.required && matches!(f.kind, Kind::Fk { .. }));
                let found = match (pf, t.get("id").and_then(J::as_i64)) {
                    (Some(pf), Some(tid)) => {
                        let sel = Selection {
                            only: Some([pf.name.to_string()].into_iter().collect()),
                            omit: Default::default(),
                        };
                        let full = crate::api::render_one(st, ctx, tm, tid, &sel)
                            .await
                            .map_err(|e| e.0)?;
                        let kind = match &pf.kind {
                            Kind::Fk { target, .. } => st
                                .reg
                                .get(target)
                                .map(|m| super::capfirst(m.verbose))
                                .unwrap_or_default(),
                            _ => String::new(),
                        };
                        full.get(pf.name)
                            .filter(|x| x.is_object())
                            .map(|x| nested_obj(x, &kind))
                    }
                    _ => None,
                };
                parents.insert(url.to_string(), found.clone());
                e.parent = found;
            }
            ends.push(e);
        }
        let far = ends.pop().unwrap_or_default();
        let near = ends.pop().unwrap_or_default();
        let cable = h.get(1).filter(|c| c.is_object()).map(cable_view);
        out.push(HopView { near, cable, far });
    }
    Ok(out)
}

fn cable_view(c: &J) -> CableView {
    let text = |k: &str| {
        c.get(k)
            .and_then(J::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut notes = Vec::new();
    if let Some(t) = text("type") {
        notes.push(t);
    }
    if let Some(l) = c.get("length").and_then(J::as_f64) {
        let n = if l.fract() == 0.0 {
            format!("{l:.0}")
        } else {
            l.to_string()
        };
        notes.push(match text("length_unit") {
            Some(u) => format!("{n} {u}"),
            None => n,
        });
    }
    let status = text("status").unwrap_or_else(|| "connected".into());
    if status != "connected" {
        notes.push(super::capfirst(&status));
    }
    CableView {
        label: text("label").unwrap_or_else(|| format!("#{}", c["id"])),
        href: cells::object_href(c),
        notes,
        color: text("color")
            .filter(|h| h.len() == 6 && h.chars().all(|x| x.is_ascii_hexdigit()))
            .map(|h| format!("#{}", h.to_ascii_lowercase())),
        status,
    }
}

/// Text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters, with an ellipsis when cut.
fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

const MARGIN: i64 = 20;
const TERM_W: i64 = 180;
const TERM_H: i64 = 40;
const GAP: i64 = 16;
const PARENT_H: i64 = 48;
const CABLE_H: i64 = 120;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// Draws a box (a link when the object has a page) with a name and, smaller, its kind.
#[expect(
    clippy::too_many_arguments,
    reason = "a box is its position, size, class and texts"
)]
fn draw_box(
    out: &mut String,
    class: &str,
    o: &Obj,
    x: i64,
    y: i64,
    w: i64,
    h: i64,
    (fill, stroke): (&str, &str),
) {
    let max = ((w - 16) / 8).max(4) as usize;
    let open = match &o.href {
        Some(href) => format!("<a class=\"{class}\" href=\"{}\">", esc(href)),
        None => format!("<g class=\"{class}\">"),
    };
    out.push_str(&open);
    let _ = write!(
        out,
        "<title>{}{}</title>",
        esc(&o.kind),
        if o.kind.is_empty() {
            esc(&o.label)
        } else {
            format!(" {}", esc(&o.label))
        }
    );
    let dash = if class.contains("passthrough") {
        " stroke-dasharray=\"6 3\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>"
    );
    let cx = x + w / 2;
    let big = if class.starts_with("node") { 14 } else { 13 };
    let _ = write!(
        out,
        "<text class=\"name\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{big}\" font-weight=\"600\" fill=\"#1d2430\">{}</text>",
        y + h / 2 - 1,
        esc(&fit(&o.label, max))
    );
    let _ = write!(
        out,
        "<text class=\"kind\" x=\"{cx}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5d6778\">{}</text>",
        y + h / 2 + 13,
        esc(&fit(&o.kind, max + 2))
    );
    out.push_str(if o.href.is_some() { "</a>" } else { "</g>" });
}

/// The horizontal centres of a row of `n` termination boxes, centred in the drawing.
fn centres(n: usize, width: i64) -> Vec<i64> {
    let n = n as i64;
    let total = n * TERM_W + (n - 1).max(0) * GAP;
    let x0 = (width - total) / 2;
    (0..n)
        .map(|k| x0 + k * (TERM_W + GAP) + TERM_W / 2)
        .collect()
}

/// A row of termination boxes with their top at `y`; returns their centres.
fn draw_terms(out: &mut String, terms: &[Obj], width: i64, y: i64) -> Vec<i64> {
    let cs = centres(terms.len(), width);
    for (t, c) in terms.iter().zip(&cs) {
        draw_box(
            out,
            "term",
            t,
            c - TERM_W / 2,
            y,
            TERM_W,
            TERM_H,
            ("#ffffff", "#1f5fbf"),
        );
    }
    cs
}

/// Joins several terminations of one cable end (their edge at `y`) to the cable's line.
fn draw_bus(out: &mut String, centres: &[i64], mid: i64, y: i64, to: i64) {
    if centres.len() < 2 {
        return;
    }
    for c in centres {
        let _ = write!(
            out,
            "<line class=\"bus\" x1=\"{c}\" y1=\"{y}\" x2=\"{mid}\" y2=\"{to}\" stroke=\"#5d6778\" stroke-width=\"1.5\"/>"
        );
    }
}

fn draw_parent(out: &mut String, o: &Obj, width: i64, y: i64, passthrough: bool) {
    let (class, colours) = if passthrough {
        ("node passthrough", ("#fff8e6", "#b54708"))
    } else {
        ("node device", ("#eef2f7", "#5d6778"))
    };
    draw_box(
        out,
        class,
        o,
        MARGIN,
        y,
        width - 2 * MARGIN,
        PARENT_H,
        colours,
    );
}

fn draw_cable(out: &mut String, c: &CableView, mid: i64, y: i64) {
    let dash = match c.status.as_str() {
        "planned" => " stroke-dasharray=\"8 6\"",
        "decommissioning" => " stroke-dasharray=\"2 5\"",
        _ => "",
    };
    let colour = c.color.as_deref().unwrap_or("#6c757d");
    let open = match &c.href {
        Some(h) => format!("<a class=\"cable\" href=\"{}\">", esc(h)),
        None => "<g class=\"cable\">".into(),
    };
    out.push_str(&open);
    let _ = write!(out, "<title>Cable {}</title>", esc(&c.label));
    let (y1, y2) = (y + 2, y + CABLE_H - 2);
    // A dark edge under the colour keeps white and yellow cables visible.
    let _ = write!(
        out,
        "<line class=\"cable-edge\" x1=\"{mid}\" y1=\"{y1}\" x2=\"{mid}\" y2=\"{y2}\" stroke=\"#1d2430\" stroke-width=\"7\"{dash}/>"
    );
    let _ = write!(
        out,
        "<line class=\"cable-line\" x1=\"{mid}\" y1=\"{y1}\" x2=\"{mid}\" y2=\"{y2}\" stroke=\"{colour}\" stroke-width=\"4\"{dash}/>"
    );
    let lines = 1 + c.notes.len() as i64;
    let mut ty = y + CABLE_H / 2 - (lines - 1) * 8 + 4;
    let _ = write!(
        out,
        "<text class=\"cable-label\" x=\"{}\" y=\"{ty}\" font-size=\"13\" font-weight=\"600\" fill=\"#1f5fbf\">{}</text>",
        mid + 16,
        esc(&fit(&c.label, 28))
    );
    for n in &c.notes {
        ty += 16;
        let _ = write!(
            out,
            "<text class=\"cable-note\" x=\"{}\" y=\"{ty}\" font-size=\"12\" fill=\"#5d6778\">{}</text>",
            mid + 16,
            esc(&fit(n, 30))
        );
    }
    out.push_str(if c.href.is_some() { "</a>" } else { "</g>" });
}

/// The drawing: the first end's device and ports, then per hop the cable and the far ports;
/// a device between two hops (front and rear port of a patch panel) is a pass-through box.
pub fn svg(hops: &[HopView], title: &str) -> String {
    let widest = hops
        .iter()
        .flat_map(|h| [h.near.terms.len(), h.far.terms.len()])
        .max()
        .unwrap_or(1)
        .max(1) as i64;
    let width = (widest * (TERM_W + GAP) - GAP + 2 * MARGIN).max(480);
    let mid = width / 2;
    let mut body = String::new();
    let mut y = MARGIN;
    if let Some(first) = hops.first() {
        if let Some(pobj) = &first.near.parent {
            draw_parent(&mut body, pobj, width, y, false);
            y += PARENT_H + 8;
        }
        draw_terms(&mut body, &first.near.terms, width, y);
    }
    for (i, h) in hops.iter().enumerate() {
        let near_centres = centres(h.near.terms.len(), width);
        let top = y + TERM_H;
        let Some(c) = &h.cable else {
            let _ = write!(
                body,
                "<line class=\"open\" x1=\"{mid}\" y1=\"{top}\" x2=\"{mid}\" y2=\"{}\" stroke=\"#98a2b3\" stroke-width=\"3\" stroke-dasharray=\"4 4\"/><text class=\"open-label\" x=\"{}\" y=\"{}\" font-size=\"12\" fill=\"#5d6778\">Not connected</text>",
                top + 40,
                mid + 12,
                top + 26
            );
            y = top + 40;
            break;
        };
        draw_bus(&mut body, &near_centres, mid, top, top + 12);
        draw_cable(&mut body, c, mid, top);
        y = top + CABLE_H;
        if h.far.terms.is_empty() {
            break;
        }
        let far_centres = draw_terms(&mut body, &h.far.terms, width, y);
        draw_bus(&mut body, &far_centres, mid, y, y - 12);
        y += TERM_H + 8;
        let next = hops.get(i + 1);
        if let Some(pobj) = &h.far.parent {
            draw_parent(&mut body, pobj, width, y, next.is_some());
            y += PARENT_H + 8;
        }
        match next {
            Some(n) => {
                draw_terms(&mut body, &n.near.terms, width, y);
            }
            None => y -= 8,
        }
    }
    let height = y + MARGIN;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trace-drawing\" role=\"group\" aria-labelledby=\"trace-svg-title\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"{}\">",
        esc(FONT)
    );
    let _ = write!(out, "<title id=\"trace-svg-title\">{}</title>", esc(title));
    out.push_str(&body);
    out.push_str("</svg>");
    out
}
