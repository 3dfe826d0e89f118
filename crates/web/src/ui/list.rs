//! List pages: the API's filters as a form, quick search, sortable and chosen columns,
//! pagination, bulk edit and delete, and streamed CSV/JSON/YAML export of the filtered list.

use super::cells::{self, available_columns, default_columns, heading, parts};
use super::{Page, capfirst, error_page, flash, model_page, see_other, status_page};
use crate::AppState;
use crate::api::{self, query_pairs};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use ironbox_core::meta::{Kind, Model};
use ironbox_service::render::{Mode, Selection, render};
use ironbox_store::{crud, filter};
use sea_query::{Alias, Condition, Expr, ExprTrait};
use serde_json::{Map, Value as J, json};

/// Query parameters that shape the page rather than filter it.
const UI_PARAMS: &[&str] = &["page", "per_page", "sort", "export", "configure", "_"];
const PER_PAGE: &[u64] = &[25, 50, 100, 250, 500, 1000];

fn param<'a>(q: &'a [(String, String)], k: &str) -> Option<&'a str> {
    q.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str())
}

/// The URL of this list with some parameters replaced (or removed when the value is empty).
pub fn with_params(path: &str, q: &[(String, String)], set: &[(&str, String)]) -> String {
    let mut out: Vec<(String, String)> = q
        .iter()
        .filter(|(k, _)| !set.iter().any(|(s, _)| s == k))
        .cloned()
        .collect();
    for (k, v) in set {
        if !v.is_empty() {
            out.push((k.to_string(), v.clone()));
        }
    }
    if out.is_empty() {
        return path.to_string();
    }
    let qs: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(out.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .finish();
    format!("{path}?{qs}")
}

/// The columns this user shows for `m`, in their order (their saved choice, else the defaults).
fn columns(p: &Page, m: &Model) -> Vec<String> {
    let available = available_columns(m);
    let mut saved: Vec<String> = Vec::new();
    for c in p
        .prefs
        .pointer(&format!("/tables/{}/columns", m.class))
        .and_then(J::as_array)
        .into_iter()
        .flatten()
        .filter_map(J::as_str)
    {
        if available.contains(&c) && !saved.iter().any(|s| s == c) {
            saved.push(c.to_string());
        }
    }
    if saved.is_empty() {
        default_columns(m).into_iter().map(str::to_string).collect()
    } else {
        saved
    }
}

/// The column chooser's rows: the shown columns in their order, then the others in field order.
fn chooser(m: &Model, cols: &[String]) -> Vec<J> {
    let others = available_columns(m)
        .into_iter()
        .filter(|c| !cols.iter().any(|x| x == c))
        .map(str::to_string);
    cols.iter()
        .cloned()
        .map(|c| (c, true))
        .chain(others.map(|c| (c, false)))
        .map(|(c, on)| json!({"name": c, "label": heading(m, &c), "on": on}))
        .collect()
}

/// The column list a chooser form asks for: the checked `columns` in the order of the `order`
/// fields (the chooser's rows as shown), then one `move` (`up:<name>` or `down:<name>`) applied.
fn chosen_columns(available: &[&str], form: &[(String, String)]) -> Vec<String> {
    let values = |k: &'static str| {
        form.iter()
            .filter(move |(a, v)| a == k && available.contains(&v.as_str()))
            .map(|(_, v)| v.as_str())
    };
    let mut order: Vec<&str> = Vec::new();
    for v in values("order").chain(values("columns")) {
        if !order.contains(&v) {
            order.push(v);
        }
    }
    let on: Vec<&str> = values("columns").collect();
    let mut chosen: Vec<String> = order
        .into_iter()
        .filter(|c| on.contains(c))
        .map(str::to_string)
        .collect();
    let mv = form
        .iter()
        .find(|(k, _)| k == "move")
        .and_then(|(_, v)| v.split_once(':'));
    if let Some((dir, name)) = mv
        && let Some(i) = chosen.iter().position(|c| c == name)
    {
        match dir {
            "up" if i > 0 => chosen.swap(i, i - 1),
            "down" if i + 1 < chosen.len() => chosen.swap(i, i + 1),
            _ => {}
        }
    }
    chosen
}

fn sortable(m: &Model, name: &str) -> bool {
    m.field_named(name).is_some_and(|f| {
        !matches!(
            f.kind,
            Kind::M2m { .. }
                | Kind::Tags
                | Kind::Computed
                | Kind::Count { .. }
                | Kind::GenericFk { .. }
                | Kind::Json
                | Kind::CustomFields
        )
    })
}

/// Filter fields shown above the table: choices as selects, relations by slug or id.
fn filter_fields(reg: &ironbox_core::Registry, m: &Model, q: &[(String, String)]) -> Vec<J> {
    let mut out = Vec::new();
    for f in m.fields.iter().filter(|f| f.filter && !f.is_hidden()) {
        if out.len() >= 8 {
            break;
        }
        match &f.kind {
            Kind::Choice(_) | Kind::PlainChoice(_) => {
                let chosen: Vec<&str> = q
                    .iter()
                    .filter(|(k, _)| k == f.name)
                    .map(|(_, v)| v.as_str())
                    .collect();
                let opts: Vec<J> = cells::choice_options(f)
                    .into_iter()
                    .map(|(v, l)| json!({"value": v, "label": l, "selected": chosen.contains(&v.as_str())}))
                    .collect();
                out.push(json!({"name": f.name, "label": heading(m, f.name), "kind": "select", "options": opts}));
            }
            Kind::Fk { target, .. } if !f.flat => {
                let (key, hint) = match reg.fk_name_attr(f) {
                    Some(s) => (f.name.to_string(), s.to_string()),
                    None => (format!("{}_id", f.name), "id".to_string()),
                };
                let value = param(q, &key).unwrap_or("").to_string();
                out.push(
                    json!({"name": key, "label": heading(m, f.name), "kind": "fk", "hint": hint,
                                "target": target, "value": value}),
                );
            }
            Kind::Bool => {
                let value = param(q, f.name).unwrap_or("").to_string();
                out.push(json!({"name": f.name, "label": heading(m, f.name), "kind": "bool", "value": value}));
            }
            _ => {}
        }
    }
    out
}

/// `GET /{app}/{model}/`.
pub async fn list(
    Path((app, name)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let (p, m) = match model_page(&st, &headers, &here, (&app, &name), "view", false).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    // `configure` only opens the column chooser; links from the page leave it out.
    let (configure, q): (Vec<_>, Vec<_>) = query_pairs(&uri)
        .into_iter()
        .partition(|(k, _)| k == "configure");
    let filters: Vec<(String, String)> = q
        .iter()
        .filter(|(k, v)| !UI_PARAMS.contains(&k.as_str()) && !v.is_empty())
        .cloned()
        .collect();
    let cols = columns(&p, m);
    if let Some(fmt) = param(&q, "export") {
        return export(&st, &p, m, &filters, &cols, fmt).await;
    }
    let per_page = param(&q, "per_page")
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|n| (1..=1000).contains(n))
        .unwrap_or(st.cfg.default_page_size);
    let page_no = param(&q, "page")
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1);
    let mut api_q = filters.clone();
    api_q.push(("limit".into(), per_page.to_string()));
    api_q.push(("offset".into(), ((page_no - 1) * per_page).to_string()));
    if let Some(s) = param(&q, "sort").filter(|s| sortable(m, s.trim_start_matches('-'))) {
        api_q.push(("ordering".into(), s.to_string()));
    }
    let listing = match api::list(&st, &p.ctx, m, &uri, &api_q).await {
        Ok(j) => j,
        Err(crate::error::ApiError(ironbox_core::Error::Invalid(fe))) => {
            let mut ctx = p.base(&st, &here);
            ctx.insert("title".into(), J::String("Invalid filter".into()));
            ctx.insert(
                "text".into(),
                J::String(
                    fe.0.iter()
                        .map(|(k, v)| format!("{k}: {}", v.join(" ")))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            );
            let mut r = st.login.render("ui/status.html", J::Object(ctx));
            *r.status_mut() = StatusCode::BAD_REQUEST;
            return r;
        }
        Err(e) => return error_page(&st, &p, &e.0),
    };
    let count = listing["count"].as_u64().unwrap_or(0);
    let results = listing["results"].as_array().cloned().unwrap_or_default();
    let sort = param(&q, "sort").unwrap_or("");
    let path = uri.path().to_string();
    let headers_j: Vec<J> = cols
        .iter()
        .map(|c| {
            let href = sortable(m, c).then(|| {
                let next = if sort == c {
                    format!("-{c}")
                } else {
                    c.clone()
                };
                with_params(&path, &q, &[("sort", next), ("page", String::new())])
            });
            let dir = if sort == c {
                "asc"
            } else if sort.strip_prefix('-') == Some(c.as_str()) {
                "desc"
            } else {
                ""
            };
            json!({"name": c, "label": heading(m, c), "href": href, "dir": dir})
        })
        .collect();
    let rows: Vec<J> = results
        .iter()
        .map(|o| {
            let href = cells::object_href(o);
            let cells_j: Vec<J> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let mut ps = parts(m.field_named(c), o.get(c).unwrap_or(&J::Null));
                    // The first column links to the object, as in NetBox.
                    if i == 0
                        && ps.len() == 1
                        && ps[0].get("href").is_none()
                        && let Some(h) = &href
                    {
                        ps[0]["href"] = J::String(h.clone());
                    }
                    J::Array(ps)
                })
                .collect();
            json!({"id": o["id"], "href": href, "display": o["display"], "cells": cells_j})
        })
        .collect();
    let pages = std::cmp::Ord::max(count.div_ceil(per_page), 1);
    let pager: Vec<J> = page_numbers(page_no, pages)
        .into_iter()
        .map(|n| match n {
            Some(n) => json!({"n": n, "href": with_params(&path, &q, &[("page", n.to_string())]), "current": n == page_no}),
            None => json!({"gap": true}),
        })
        .collect();
    let mut ctx = p.base(&st, &here);
    let add = m.writable && p.ctx.actor.may(m, "add");
    ctx.insert("title".into(), J::String(capfirst(m.verbose_plural)));
    ctx.insert("model".into(), json!({"verbose": m.verbose, "plural": m.verbose_plural, "class": m.class, "ui": m.ui, "api": m.api}));
    ctx.insert("count".into(), json!(count));
    ctx.insert("columns".into(), J::Array(headers_j));
    ctx.insert("rows".into(), J::Array(rows));
    ctx.insert("pager".into(), J::Array(pager));
    ctx.insert("page".into(), json!(page_no));
    ctx.insert("pages".into(), json!(pages));
    ctx.insert(
        "prev".into(),
        if page_no > 1 {
            J::String(with_params(
                &path,
                &q,
                &[("page", (page_no - 1).to_string())],
            ))
        } else {
            J::Null
        },
    );
    ctx.insert(
        "next".into(),
        if page_no < pages {
            J::String(with_params(
                &path,
                &q,
                &[("page", (page_no + 1).to_string())],
            ))
        } else {
            J::Null
        },
    );
    ctx.insert(
        "per_page".into(),
        J::Array(
            PER_PAGE
                .iter()
                .map(|n| json!({"n": n, "href": with_params(&path, &q, &[("per_page", n.to_string()), ("page", String::new())]), "current": *n == per_page}))
                .collect(),
        ),
    );
    ctx.insert(
        "q".into(),
        J::String(param(&q, "q").unwrap_or("").to_string()),
    );
    ctx.insert("filters".into(), J::Array(filter_fields(&st.reg, m, &q)));
    ctx.insert("filtered".into(), J::Bool(!filters.is_empty()));
    ctx.insert(
        "exports".into(),
        json!(["csv", "json", "yaml"].iter().map(|f| json!({"format": f, "href": with_params(&path, &q, &[("export", f.to_string()), ("page", String::new())])})).collect::<Vec<_>>()),
    );
    ctx.insert("can_add".into(), J::Bool(add));
    ctx.insert(
        "can_change".into(),
        J::Bool(m.writable && p.ctx.actor.may(m, "change")),
    );
    ctx.insert(
        "can_delete".into(),
        J::Bool(m.writable && p.ctx.actor.may(m, "delete")),
    );
    ctx.insert("all_columns".into(), J::Array(chooser(m, &cols)));
    ctx.insert("configure".into(), J::Bool(!configure.is_empty()));
    ctx.insert("return_url".into(), J::String(here.clone()));
    st.login.render("ui/list.html", J::Object(ctx))
}

/// Page numbers around the current one, with gaps (`None`).
fn page_numbers(cur: u64, pages: u64) -> Vec<Option<u64>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(cur) <= 2 {
            if last != 0 && n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

/// Streams the whole filtered list (within the user's view permission) in `fmt`, 500 rows at a
/// time, so a large export never sits in memory.
async fn export(
    st: &AppState,
    p: &Page,
    m: &Model,
    filters: &[(String, String)],
    cols: &[String],
    fmt: &str,
) -> Response {
    let (ctype, ext) = match fmt {
        "csv" => ("text/csv; charset=utf-8", "csv"),
        "json" => ("application/json", "json"),
        "yaml" => ("application/yaml; charset=utf-8", "yaml"),
        _ => {
            return status_page(
                st,
                p,
                StatusCode::BAD_REQUEST,
                "Unknown export format",
                "Choose csv, json or yaml.",
            );
        }
    };
    let backend = st.db.backend();
    let scope = match ironbox_service::authz::restrict(&p.ctx, m, "view", backend) {
        Ok(s) => s,
        Err(e) => return error_page(st, p, &e),
    };
    let sample = crate::api::search_sample(st, m, filters).await;
    let mut cond = match filter::compile_sampled(&st.reg, m, filters, backend, sample.as_deref()) {
        Ok(c) => c,
        Err(e) => return error_page(st, p, &e),
    };
    if let Some(s) = scope {
        cond = cond.add(s);
    }
    let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(4);
    let st2 = st.clone();
    let ctx = p.ctx.clone();
    let cols = cols.to_vec();
    let fmt = fmt.to_string();
    let key = m.key();
    tokio::spawn(async move {
        let Some(m) = st2.reg.get(&key) else { return };
        if let Err(e) = stream_rows(&st2, &ctx, m, cond, &cols, &fmt, &tx).await {
            tracing::warn!(error = %e, "export stopped");
        }
    });
    let body = Body::from_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|b| (Ok::<_, std::convert::Infallible>(b), rx))
    }));
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"netbox_{}.{ext}\"",
        m.verbose_plural.replace(' ', "_")
    )) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

fn cell_text(ps: &[J]) -> String {
    ps.iter()
        .filter(|p| p.get("cls").and_then(J::as_str) != Some("muted"))
        .filter_map(|p| p.get("t").and_then(J::as_str))
        .collect::<Vec<_>>()
        .join(", ")
}

/// JSON to YAML text (one document per object, as a list).
fn yaml_item(o: &J) -> String {
    use yaml_rust2::{Yaml, YamlEmitter};
    fn conv(v: &J) -> Yaml {
        match v {
            J::Null => Yaml::Null,
            J::Bool(b) => Yaml::Boolean(*b),
            J::Number(n) => match n.as_i64() {
                Some(i) => Yaml::Integer(i),
                None => Yaml::Real(n.to_string()),
            },
            J::String(s) => Yaml::String(s.clone()),
            J::Array(a) => Yaml::Array(a.iter().map(conv).collect()),
            J::Object(o) => Yaml::Hash(
                o.iter()
                    .map(|(k, v)| (Yaml::String(k.clone()), conv(v)))
                    .collect(),
            ),
        }
    }
    let mut out = String::new();
    let doc = Yaml::Array(vec![conv(o)]);
    if YamlEmitter::new(&mut out).dump(&doc).is_err() {
        return String::new();
    }
    // Drop the document marker; each object is one list item of the whole stream.
    out.trim_start_matches("---")
        .trim_start_matches('\n')
        .to_string()
        + "\n"
}

async fn stream_rows(
    st: &AppState,
    ctx: &ironbox_service::Ctx,
    m: &Model,
    cond: Condition,
    cols: &[String],
    fmt: &str,
    tx: &tokio::sync::mpsc::Sender<Bytes>,
) -> ironbox_core::Result<()> {
    let send = |b: String| {
        let tx = tx.clone();
        async move { tx.send(Bytes::from(b)).await.is_ok() }
    };
    match fmt {
        "csv" => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let head: Vec<String> = cols.iter().map(|c| heading(m, c)).collect();
            w.write_record(&head)
                .map_err(ironbox_core::Error::internal)?;
            let b = w.into_inner().map_err(ironbox_core::Error::internal)?;
            if !send(String::from_utf8_lossy(&b).into_owned()).await {
                return Ok(());
            }
        }
        "json" if !send("[".into()).await => return Ok(()),
        _ => {}
    }
    let mut after = 0i64;
    let mut first = true;
    let order = [crud::OrderTerm::column("id", false)];
    loop {
        let rows = {
            let mut conn = st.db.read().await?;
            let mut ex = conn.ex();
            let c = cond
                .clone()
                .add(Expr::col((Alias::new(m.table), Alias::new("id"))).gt(after));
            let rows = crud::list(&mut ex, m, c, &order, Some(500), 0).await?;
            let rendered =
                render(&mut ex, ctx, m, &rows, Mode::Full, &Selection::default()).await?;
            rows.iter().map(|r| r.id).zip(rendered).collect::<Vec<_>>()
        };
        let Some((last, _)) = rows.last() else { break };
        after = *last;
        let mut chunk = String::new();
        match fmt {
            "csv" => {
                let mut w = csv::Writer::from_writer(Vec::new());
                for (_, o) in &rows {
                    let rec: Vec<String> = cols
                        .iter()
                        .map(|c| cell_text(&parts(m.field_named(c), o.get(c).unwrap_or(&J::Null))))
                        .collect();
                    w.write_record(&rec)
                        .map_err(ironbox_core::Error::internal)?;
                }
                let b = w.into_inner().map_err(ironbox_core::Error::internal)?;
                chunk.push_str(&String::from_utf8_lossy(&b));
            }
            "json" => {
                for (_, o) in &rows {
                    if !first {
                        chunk.push(',');
                    }
                    first = false;
                    chunk.push_str(&o.to_string());
                }
            }
            _ => {
                for (_, o) in &rows {
                    chunk.push_str(&yaml_item(o));
                }
            }
        }
        if !send(chunk).await {
            return Ok(());
        }
        if rows.len() < 500 {
            break;
        }
    }
    if fmt == "json" {
        send("]".into()).await;
    }
    Ok(())
}

fn pks(form: &[(String, String)]) -> Vec<i64> {
    form.iter()
        .filter(|(k, _)| k == "pk")
        .filter_map(|(_, v)| v.parse().ok())
        .collect()
}

fn safe_return(form: &[(String, String)], fallback: &str) -> String {
    form.iter()
        .find(|(k, _)| k == "return_url")
        .map(|(_, v)| v.clone())
        .filter(|v| v.starts_with('/') && !v.starts_with("//"))
        .unwrap_or_else(|| fallback.to_string())
}

/// The selected objects of a bulk form (`pk` fields) with the form and where to return; with
/// nothing selected, a message and a redirect back.
async fn selection<'s>(
    st: &'s AppState,
    headers: &HeaderMap,
    (app, name): (&str, &str),
    action: &str,
    body: &Bytes,
) -> Result<(Page, &'s Model, Vec<(String, String)>, String, Vec<i64>), Response> {
    let (mut p, m, form) = super::model_form(
        st,
        headers,
        &format!("/{app}/{name}/"),
        (app, name),
        action,
        body,
    )
    .await?;
    let back = safe_return(&form, &format!("/{}/", m.ui));
    let ids = pks(&form);
    if ids.is_empty() {
        flash(
            st,
            &mut p,
            "info",
            &format!("No {} were selected.", m.verbose_plural),
        )
        .await;
        return Err(see_other(&back));
    }
    Ok((p, m, form, back, ids))
}

/// `POST /{app}/{model}/delete/`: confirm, then delete the selected objects in one transaction.
pub async fn bulk_delete(
    Path((app, name)): Path<(String, String)>,
    headers: HeaderMap,
    State(st): State<AppState>,
    body: Bytes,
) -> Response {
    let (mut p, m, form, back, ids) =
        match selection(&st, &headers, (&app, &name), "delete", &body).await {
            Ok(x) => x,
            Err(r) => return r,
        };
    let body_j = J::Array(ids.iter().map(|i| json!({"id": i})).collect());
    if form.iter().any(|(k, _)| k == "_confirm") {
        return match api::bulk_delete(&st, &p.ctx, m, &body_j).await {
            Ok(()) => {
                flash(
                    &st,
                    &mut p,
                    "success",
                    &format!(
                        "Deleted {} {}.",
                        ids.len(),
                        if ids.len() == 1 {
                            m.verbose
                        } else {
                            m.verbose_plural
                        }
                    ),
                )
                .await;
                see_other(&back)
            }
            Err(e) => {
                let text = describe(&e.0);
                flash(&st, &mut p, "danger", &text).await;
                see_other(&back)
            }
        };
    }
    // Confirmation: what goes.
    let objects = match objects(&st, &p, m, &ids, "delete").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let mut ctx = p.base(&st, &back);
    ctx.insert(
        "title".into(),
        J::String(format!(
            "Delete {} {}?",
            objects.len(),
            if objects.len() == 1 {
                m.verbose
            } else {
                m.verbose_plural
            }
        )),
    );
    ctx.insert("objects".into(), J::Array(objects));
    ctx.insert("action".into(), J::String(format!("/{}/delete/", m.ui)));
    ctx.insert("return_url".into(), J::String(back));
    st.login.render("ui/bulk_delete.html", J::Object(ctx))
}

/// The selected objects the user may act on, as `{id, display, href}`.
async fn objects(
    st: &AppState,
    p: &Page,
    m: &Model,
    ids: &[i64],
    action: &str,
) -> ironbox_core::Result<Vec<J>> {
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let cond = Condition::all()
        .add(Expr::col((Alias::new(m.table), Alias::new("id"))).is_in(ids.to_vec()));
    let cond = ironbox_service::authz::narrow(&p.ctx, m, action, ex.backend(), cond)?;
    let rows = crud::list(&mut ex, m, cond, &[], None, 0).await?;
    let sel = Selection {
        only: Some(
            ["id", "url", "display", "display_url"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        ),
        omit: Default::default(),
    };
    let out = render(&mut ex, &p.ctx, m, &rows, Mode::Full, &sel).await?;
    Ok(out
        .into_iter()
        .map(|o| json!({"id": o["id"], "display": o["display"], "href": cells::object_href(&o)}))
        .collect())
}

/// A one-line description of an API error for a flash message.
pub fn describe(e: &ironbox_core::Error) -> String {
    use ironbox_core::Error as E;
    match e {
        E::Invalid(fe) => {
            fe.0.iter()
                .map(|(k, v)| format!("{k}: {}", v.join(" ")))
                .collect::<Vec<_>>()
                .join("; ")
        }
        E::InvalidBody(b) | E::ForbiddenBody(b) => {
            let mut s = b
                .get("detail")
                .and_then(J::as_str)
                .unwrap_or("The request was refused.")
                .to_string();
            if let Some(errs) = b.get("errors").and_then(J::as_array) {
                for er in errs.iter().take(5) {
                    let who = er
                        .get("id")
                        .or_else(|| er.get("index"))
                        .map(|x| x.to_string())
                        .unwrap_or_default();
                    s.push_str(&format!(
                        " #{who}: {}",
                        er.get("errors").map(|x| x.to_string()).unwrap_or_default()
                    ));
                }
            }
            s
        }
        other => other.to_string(),
    }
}

/// `POST /{app}/{model}/edit/`: pick fields to set on the selected objects, then apply them to
/// all in one transaction (all or nothing).
pub async fn bulk_edit(
    Path((app, name)): Path<(String, String)>,
    headers: HeaderMap,
    State(st): State<AppState>,
    body: Bytes,
) -> Response {
    let (mut p, m, form, back, ids) =
        match selection(&st, &headers, (&app, &name), "change", &body).await {
            Ok(x) => x,
            Err(r) => return r,
        };
    let fields = super::form::bulk_fields(m);
    let mut errors = Map::new();
    if form.iter().any(|(k, _)| k == "_apply") {
        let (patch, errs) = super::form::to_body(&st, m, &form, &fields, true);
        if errs.is_empty() {
            let items: Vec<J> = ids
                .iter()
                .map(|id| {
                    let mut o = patch.as_object().cloned().unwrap_or_default();
                    o.insert("id".into(), json!(id));
                    J::Object(o)
                })
                .collect();
            match api::bulk_update(&st, &p.ctx, m, &J::Array(items), true).await {
                Ok(_) => {
                    flash(
                        &st,
                        &mut p,
                        "success",
                        &format!(
                            "Updated {} {}.",
                            ids.len(),
                            if ids.len() == 1 {
                                m.verbose
                            } else {
                                m.verbose_plural
                            }
                        ),
                    )
                    .await;
                    return see_other(&back);
                }
                Err(e) => {
                    errors.insert("__all__".into(), json!([describe(&e.0)]));
                }
            }
        } else {
            errors = errs;
        }
    }
    let objects = match objects(&st, &p, m, &ids, "change").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let values: Map<String, J> = form
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "pk" | "csrfmiddlewaretoken" | "_apply" | "return_url"
            )
        })
        .map(|(k, v)| (k.clone(), J::String(v.clone())))
        .collect();
    let mut ctx = p.base(&st, &back);
    ctx.insert(
        "title".into(),
        J::String(format!(
            "Edit {} {}",
            objects.len(),
            if objects.len() == 1 {
                m.verbose
            } else {
                m.verbose_plural
            }
        )),
    );
    ctx.insert("objects".into(), J::Array(objects));
    ctx.insert(
        "fields".into(),
        super::form::widgets(
            &st,
            m,
            &fields,
            &J::Object(values),
            &J::Object(errors.clone()),
            true,
        ),
    );
    ctx.insert(
        "errors".into(),
        errors.get("__all__").cloned().unwrap_or(J::Null),
    );
    ctx.insert("action".into(), J::String(format!("/{}/edit/", m.ui)));
    ctx.insert("return_url".into(), J::String(back));
    st.login.render("ui/bulk_edit.html", J::Object(ctx))
}

/// `POST /{app}/{model}/columns/`: saves the user's column choice for this list.
pub async fn save_columns(
    Path((app, name)): Path<(String, String)>,
    headers: HeaderMap,
    State(st): State<AppState>,
    body: Bytes,
) -> Response {
    let (mut p, m, form) = match super::model_form(
        &st,
        &headers,
        &format!("/{app}/{name}/"),
        (&app, &name),
        "view",
        &body,
    )
    .await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    let back = safe_return(&form, &format!("/{}/", m.ui));
    let reset = form.iter().any(|(k, _)| k == "reset");
    let chosen: Vec<String> = if reset {
        Vec::new()
    } else {
        chosen_columns(&available_columns(m), &form)
    };
    let patch = json!({"tables": {m.class: {"columns": chosen}}});
    if let Err(e) =
        crate::userconfig::merge(&st, p.ctx.user.as_ref().map_or(0, |u| u.0), &patch).await
    {
        return error_page(&st, &p, &e);
    }
    // A move keeps the chooser open on the list (without script each arrow is a round trip);
    // saving or resetting closes it.
    let moved = form.iter().any(|(k, _)| k == "move") && !reset;
    let (path, query) = back.split_once('?').unwrap_or((back.as_str(), ""));
    let q: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let back = with_params(
        path,
        &q,
        &[("configure", if moved { "1".into() } else { String::new() })],
    );
    if moved {
        return see_other(&back);
    }
    flash(
        &st,
        &mut p,
        "success",
        if reset {
            "Columns reset to the defaults."
        } else {
            "Columns saved."
        },
    )
    .await;
    see_other(&back)
}
