//! Add, edit, clone and delete forms for every model, built from its fields. Writes go through
//! the same functions as the REST API, so validation, permissions and the change log are the
//! API's; field errors are shown next to their fields.

use super::cells;
use super::list::describe;
use super::permission;
use super::{Page, capfirst, error_page, flash, model_form, model_page, see_other};
use crate::AppState;
use crate::api;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use ironbox_core::Error;
use ironbox_core::meta::{Field, Kind, Model};
use ironbox_service::render::{Mode, Selection, render};
use ironbox_store::crud;
use sea_query::{Alias, Condition, Expr, ExprTrait};
use serde_json::{Map, Value as J, json};

/// Pickers list every option when the target has at most this many rows; larger targets are
/// searched as you type.
const INLINE_OPTIONS: i64 = 25;

/// The fields a form edits.
pub fn editable(m: &Model) -> Vec<&Field> {
    m.fields
        .iter()
        .filter(|f| !f.read_only && !f.is_hidden())
        .filter(|f| {
            !matches!(
                f.kind,
                Kind::Count { .. }
                    | Kind::Family { .. }
                    | Kind::GenericFk { .. }
                    | Kind::CustomFields
            )
        })
        .filter(|f| !matches!(f.kind, Kind::Computed) || !f.read_only)
        .filter(|f| !(m.key() == "users.token" && matches!(f.name, "key" | "token" | "version")))
        .collect()
}

/// The fields a bulk edit may set: no unique or identifying ones.
pub fn bulk_fields(m: &Model) -> Vec<&Field> {
    editable(m)
        .into_iter()
        .filter(|f| {
            !f.unique
                && !matches!(
                    f.name,
                    "name" | "slug" | "password" | "username" | "address" | "prefix" | "vid"
                )
        })
        .filter(|f| !matches!(f.kind, Kind::Json | Kind::Computed))
        .collect()
}

fn field_value_for_form(f: &Field, v: &J) -> J {
    match (&f.kind, v) {
        (_, J::Null) => J::Null,
        (Kind::Fk { .. }, J::Object(o)) => o
            .get("id")
            .cloned()
            .map(|id| J::String(id.to_string()))
            .unwrap_or(J::Null),
        (Kind::Fk { .. }, J::Number(n)) => J::String(n.to_string()),
        (Kind::M2m { .. } | Kind::Tags, J::Array(a)) => J::Array(
            a.iter()
                .filter_map(|x| match x {
                    J::Object(o) => o.get("id").map(|i| J::String(i.to_string())),
                    J::Number(n) => Some(J::String(n.to_string())),
                    _ => None,
                })
                .collect(),
        ),
        (_, J::Object(o)) if o.contains_key("value") => match o.get("value") {
            Some(J::String(s)) => J::String(s.clone()),
            Some(other) => J::String(other.to_string()),
            None => J::Null,
        },
        (Kind::Json, other) => J::String(serde_json::to_string_pretty(other).unwrap_or_default()),
        (_, J::String(s)) => J::String(s.clone()),
        (_, J::Bool(b)) => J::Bool(*b),
        (_, other) => J::String(other.to_string()),
    }
}

/// Options of a relation picker: every visible row of a small target, else the chosen ones.
async fn picker_options(
    st: &AppState,
    p_ctx: &ironbox_service::Ctx,
    target: &Model,
    chosen: &[i64],
) -> (Vec<J>, bool) {
    let run = async {
        let mut conn = st.db.read().await?;
        let mut ex = conn.ex();
        let scope = match ironbox_service::authz::restrict(p_ctx, target, "view", ex.backend()) {
            Ok(s) => s,
            Err(_) => Some(Condition::all().add(Expr::val(1).eq(0))),
        };
        let base = scope.map_or_else(Condition::all, |s| Condition::all().add(s));
        let n = crud::count(&mut ex, target, base.clone()).await?;
        let complete = n <= INLINE_OPTIONS;
        let cond = if complete {
            base
        } else {
            base.add(Expr::col((Alias::new(target.table), Alias::new("id"))).is_in(chosen.to_vec()))
        };
        let order: Vec<crud::OrderTerm> = st.reg.sort_keys(target, &[]);
        let rows = crud::list(
            &mut ex,
            target,
            cond,
            &order,
            Some(INLINE_OPTIONS as u64 + 1),
            0,
        )
        .await?;
        let sel = Selection {
            only: Some(["id", "display"].iter().map(|s| s.to_string()).collect()),
            omit: Default::default(),
        };
        let out = render(&mut ex, p_ctx, target, &rows, Mode::Full, &sel).await?;
        Ok::<_, Error>((
            out.into_iter()
                .map(|o| json!({"value": o["id"].to_string(), "label": o["display"]}))
                .collect::<Vec<_>>(),
            complete,
        ))
    };
    run.await.unwrap_or_default()
}

/// The form's widgets: one per field, with its current value, options and error.
pub fn widgets(
    st: &AppState,
    m: &Model,
    fields: &[&Field],
    values: &J,
    errors: &J,
    bulk: bool,
) -> J {
    let _ = st;
    let mut out = Vec::new();
    for f in fields {
        let value = values.get(f.name).cloned().unwrap_or(J::Null);
        let error = errors.get(f.name).cloned().unwrap_or(J::Null);
        let mut w = json!({
            "bulk": bulk,
            "name": f.name,
            "label": cells::heading(m, f.name),
            "required": f.required && !bulk,
            "value": value,
            "error": error,
            "help": "",
        });
        let kind = match &f.kind {
            Kind::Text { max } => {
                w["max"] = json!(max);
                if matches!(f.name, "comments" | "description") && *max == 0 || f.name == "comments"
                {
                    "textarea"
                } else {
                    "text"
                }
            }
            Kind::Slug => {
                w["pattern"] = json!("^[-a-zA-Z0-9_]+$");
                "text"
            }
            Kind::Int { min, max } => {
                w["min"] = json!(min);
                w["max"] = json!(max);
                "number"
            }
            Kind::Float => "decimal",
            Kind::Bool => {
                if bulk {
                    "tristate"
                } else {
                    "checkbox"
                }
            }
            Kind::Date => "date",
            Kind::DateTime => "datetime",
            Kind::Choice(_) | Kind::PlainChoice(_) | Kind::IntChoice(_) => {
                let cur = match &value {
                    J::String(s) => s.clone(),
                    J::Null => String::new(),
                    other => other.to_string(),
                };
                w["options"] = J::Array(
                    cells::choice_options(f)
                        .into_iter()
                        .map(|(v, l)| json!({"value": v, "label": l, "selected": v == cur}))
                        .collect(),
                );
                "select"
            }
            Kind::Fk { target, .. } | Kind::M2m { target, .. } => {
                if let Some(t) = st.reg.get(target) {
                    w["api"] = json!(format!("/api/{}/", t.api));
                    // Dependent pickers: a rack picker follows the chosen site.
                    let deps: Vec<J> = fields
                        .iter()
                        .filter(|g| g.name != f.name)
                        .filter_map(|g| match &g.kind {
                            Kind::Fk { target: gt, .. } => t
                                .fields
                                .iter()
                                .find(|tf| {
                                    tf.name == g.name
                                        && matches!(&tf.kind, Kind::Fk { target: x, .. } if x == gt)
                                })
                                .map(
                                    |_| json!({"param": format!("{}_id", g.name), "from": g.name}),
                                ),
                            _ => None,
                        })
                        .collect();
                    w["deps"] = J::Array(deps);
                }
                if matches!(f.kind, Kind::M2m { .. }) {
                    w["multiple"] = J::Bool(true);
                }
                "picker"
            }
            Kind::Tags => {
                w["api"] = json!("/api/extras/tags/");
                w["multiple"] = J::Bool(true);
                "picker"
            }
            Kind::Prefix | Kind::Interface => "text",
            Kind::ObjectType => "text",
            Kind::Json | Kind::Computed => "json",
            _ => "text",
        };
        w["kind"] = J::String(kind.into());
        permission::widget(&st.reg, m, f, &value, &mut w);
        out.push(w);
    }
    J::Array(out)
}

/// Fills picker options (needs the database, so done after [`widgets`]).
async fn fill_pickers(st: &AppState, p: &Page, m: &Model, w: &mut J) {
    let Some(list) = w.as_array_mut() else { return };
    for x in list.iter_mut() {
        if x["kind"] != "picker" {
            continue;
        }
        let name = x["name"].as_str().unwrap_or_default().to_string();
        let target = match m.field_named(&name).map(|f| &f.kind) {
            Some(Kind::Fk { target, .. } | Kind::M2m { target, .. }) => *target,
            Some(Kind::Tags) => "extras.tag",
            _ => continue,
        };
        let Some(t) = st.reg.get(target) else {
            continue;
        };
        let chosen: Vec<i64> = match &x["value"] {
            J::String(s) => s.parse().ok().into_iter().collect(),
            J::Array(a) => a
                .iter()
                .filter_map(|v| {
                    v.as_str()
                        .and_then(|s| s.parse().ok())
                        .or_else(|| v.as_i64())
                })
                .collect(),
            J::Number(n) => n.as_i64().into_iter().collect(),
            _ => Vec::new(),
        };
        let (mut opts, complete) = picker_options(st, &p.ctx, t, &chosen).await;
        for o in opts.iter_mut() {
            let v: i64 = o["value"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .unwrap_or(-1);
            o["selected"] = J::Bool(chosen.contains(&v));
        }
        x["options"] = J::Array(opts);
        x["complete"] = J::Bool(complete);
    }
}

/// Turns submitted form values into an API body; returns field errors for values that cannot
/// be read. In bulk mode, empty values leave a field unchanged unless `_nullify` names it.
pub fn to_body(
    st: &AppState,
    m: &Model,
    form: &[(String, String)],
    fields: &[&Field],
    bulk: bool,
) -> (J, Map<String, J>) {
    let _ = st;
    let mut body = Map::new();
    let mut errors = Map::new();
    let get_all = |n: &str| -> Vec<&str> {
        form.iter()
            .filter(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
            .collect()
    };
    let nullify: Vec<&str> = get_all("_nullify");
    for f in fields {
        if permission::owns(m, f) {
            body.insert(f.name.into(), permission::body_value(f, form));
            continue;
        }
        let vals = get_all(f.name);
        let raw = vals.last().copied().unwrap_or("").trim();
        if bulk && nullify.contains(&f.name) {
            body.insert(
                f.name.into(),
                if matches!(f.kind, Kind::M2m { .. } | Kind::Tags) {
                    json!([])
                } else if f.nullable || matches!(f.kind, Kind::Fk { .. }) {
                    J::Null
                } else {
                    J::String(String::new())
                },
            );
            continue;
        }
        let v: Option<J> = match &f.kind {
            Kind::Bool if bulk => match raw {
                "true" => Some(J::Bool(true)),
                "false" => Some(J::Bool(false)),
                _ => None,
            },
            Kind::Bool => Some(J::Bool(
                vals.iter().any(|v| matches!(*v, "on" | "true" | "1")),
            )),
            Kind::M2m { .. } | Kind::Tags => {
                let ids: Vec<J> = vals
                    .iter()
                    .filter(|v| !v.is_empty())
                    .filter_map(|v| v.parse::<i64>().ok())
                    .map(J::from)
                    .collect();
                if bulk && ids.is_empty() {
                    None
                } else {
                    Some(J::Array(ids))
                }
            }
            _ if raw.is_empty() => {
                if bulk || f.required {
                    None
                } else if f.nullable {
                    Some(J::Null)
                } else if matches!(f.kind, Kind::Text { .. } | Kind::Slug)
                    || (matches!(f.kind, Kind::Choice(_) | Kind::PlainChoice(_))
                        && f.default.is_none())
                {
                    Some(J::String(String::new()))
                } else if f.default.is_some() {
                    None
                } else {
                    Some(J::Null)
                }
            }
            Kind::Int { .. } | Kind::IntChoice(_) | Kind::Fk { .. } => match raw.parse::<i64>() {
                Ok(i) => Some(J::from(i)),
                Err(_) => {
                    errors.insert(f.name.into(), json!(["Enter a whole number."]));
                    None
                }
            },
            Kind::Float => match raw.parse::<f64>() {
                Ok(x) => Some(json!(x)),
                Err(_) => {
                    errors.insert(f.name.into(), json!(["Enter a number."]));
                    None
                }
            },
            Kind::DateTime => Some(J::String(if raw.len() == 16 {
                format!("{raw}:00Z")
            } else {
                raw.to_string()
            })),
            Kind::Json | Kind::Computed => match serde_json::from_str::<J>(raw) {
                Ok(j) => Some(j),
                Err(_) => {
                    errors.insert(f.name.into(), json!(["Enter valid JSON."]));
                    None
                }
            },
            _ => Some(J::String(raw.to_string())),
        };
        if let Some(v) = v {
            body.insert(f.name.to_string(), v);
        }
    }
    (J::Object(body), errors)
}

#[expect(
    clippy::too_many_arguments,
    reason = "one argument per part of the page"
)]
async fn render_form(
    st: &AppState,
    p: &Page,
    m: &Model,
    title: String,
    action: String,
    values: &J,
    errors: &J,
    cancel: String,
) -> Response {
    let fields = editable(m);
    let mut w = widgets(st, m, &fields, values, errors, false);
    fill_pickers(st, p, m, &mut w).await;
    let mut ctx = p.base(st, &action);
    ctx.insert("title".into(), J::String(title));
    ctx.insert("fields".into(), w);
    ctx.insert("action".into(), J::String(action));
    ctx.insert("cancel".into(), J::String(cancel));
    ctx.insert(
        "errors".into(),
        errors.get("__all__").cloned().unwrap_or(J::Null),
    );
    ctx.insert("model".into(), json!({"verbose": m.verbose, "ui": m.ui}));
    // A form with errors is shown again with 200, as Django does: the page itself is fine.
    st.login.render("ui/form.html", J::Object(ctx))
}

/// Values from the query string (clone links and pre-filled "add" links, as in NetBox).
fn initial_from_query(m: &Model, uri: &Uri) -> J {
    let mut o = Map::new();
    for (k, v) in api::query_pairs(uri) {
        if let Some(f) = m.field_named(&k) {
            match &f.kind {
                _ if permission::owns(m, f) => {
                    let e = o.entry(k).or_insert_with(|| J::Array(Vec::new()));
                    if let J::Array(a) = e {
                        a.push(J::String(v));
                    }
                }
                Kind::M2m { .. } | Kind::Tags => {
                    let e = o.entry(k).or_insert_with(|| J::Array(Vec::new()));
                    if let J::Array(a) = e {
                        a.push(J::String(v));
                    }
                }
                Kind::Bool => {
                    o.insert(k, J::Bool(matches!(v.as_str(), "true" | "on" | "1")));
                }
                _ => {
                    o.insert(k, J::String(v));
                }
            }
        }
    }
    J::Object(o)
}

/// `GET /{app}/{model}/add/`.
pub async fn add_page(
    Path((app, name)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let (p, m) = match model_page(&st, &headers, &here, (&app, &name), "add", true).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut values = initial_from_query(m, &uri);
    // Model defaults (status "active" …) for fields the link did not fill.
    if let Some(o) = values.as_object_mut() {
        for f in editable(m) {
            if let (false, Some(d)) = (o.contains_key(f.name), &f.default) {
                let v = match d {
                    J::String(s) => J::String(s.clone()),
                    J::Bool(b) => J::Bool(*b),
                    J::Number(n) => J::String(n.to_string()),
                    _ => continue,
                };
                o.insert(f.name.into(), v);
            }
        }
    }
    let back = return_to(&uri);
    render_form(
        &st,
        &p,
        m,
        format!("Add a new {}", m.verbose),
        add_action(m, back.as_deref()),
        &values,
        &json!({}),
        back.unwrap_or_else(|| format!("/{}/", m.ui)),
    )
    .await
}

/// A page-local `return_url` of the request (NetBox's links back to where an add began, such
/// as a device's component tab).
fn return_to(uri: &Uri) -> Option<String> {
    api::query_pairs(uri)
        .into_iter()
        .find(|(k, _)| k == "return_url")
        .map(|(_, v)| v)
        .filter(|v| v.starts_with('/') && !v.starts_with("//"))
}

/// Where an add form posts: carries `return_url` along, so a created object leads back there.
fn add_action(m: &Model, back: Option<&str>) -> String {
    let base = format!("/{}/add/", m.ui);
    match back {
        Some(b) => super::list::with_params(&base, &[], &[("return_url", b.to_string())]),
        None => base,
    }
}

fn form_values(m: &Model, form: &[(String, String)], fields: &[&Field]) -> J {
    let mut o = Map::new();
    for f in fields {
        if permission::owns(m, f) {
            o.insert(f.name.into(), permission::body_value(f, form));
            continue;
        }
        let vals: Vec<J> = form
            .iter()
            .filter(|(k, _)| k == f.name)
            .map(|(_, v)| J::String(v.clone()))
            .collect();
        let v = match &f.kind {
            Kind::M2m { .. } | Kind::Tags => J::Array(vals),
            Kind::Bool => J::Bool(
                vals.iter()
                    .any(|v| matches!(v.as_str(), Some("on" | "true"))),
            ),
            _ => vals.into_iter().last().unwrap_or(J::Null),
        };
        o.insert(f.name.into(), v);
    }
    J::Object(o)
}

fn api_errors(e: &Error) -> Option<J> {
    match e {
        Error::Invalid(fe) => Some(json!(fe)),
        Error::InvalidBody(b) => Some(
            json!({"__all__": [b.get("detail").and_then(J::as_str).unwrap_or("The request was refused.")]}),
        ),
        Error::Forbidden(m) => Some(json!({"__all__": [m]})),
        Error::Conflict(m) | Error::BadRequest(m) => Some(json!({"__all__": [m]})),
        _ => None,
    }
}

/// `POST /{app}/{model}/add/`.
pub async fn add_post(
    Path((app, name)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    State(st): State<AppState>,
    body: Bytes,
) -> Response {
    let (mut p, m, form) = match model_form(
        &st,
        &headers,
        &format!("/{app}/{name}/add/"),
        (&app, &name),
        "add",
        &body,
    )
    .await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    let fields = editable(m);
    let (json_body, errs) = to_body(&st, m, &form, &fields, false);
    let title = format!("Add a new {}", m.verbose);
    let back = return_to(&uri);
    let action = add_action(m, back.as_deref());
    let cancel = back.clone().unwrap_or_else(|| format!("/{}/", m.ui));
    if !errs.is_empty() {
        return render_form(
            &st,
            &p,
            m,
            title,
            action,
            &form_values(m, &form, &fields),
            &J::Object(errs),
            cancel,
        )
        .await;
    }
    match api::create_objects(&st, &p.ctx, m, &json_body).await {
        Ok((ids, _)) => {
            let id = ids.first().copied().unwrap_or_default();
            let shown = display_of(&st, &p, m, id).await;
            flash(
                &st,
                &mut p,
                "success",
                &format!("Created {} {shown}.", m.verbose),
            )
            .await;
            let another = form.iter().any(|(k, _)| k == "_addanother");
            see_other(&if another {
                action
            } else {
                back.unwrap_or_else(|| format!("/{}/{id}/", m.ui))
            })
        }
        Err(e) => match api_errors(&e.0) {
            Some(errs) => {
                render_form(
                    &st,
                    &p,
                    m,
                    title,
                    action,
                    &form_values(m, &form, &fields),
                    &errs,
                    cancel,
                )
                .await
            }
            None => error_page(&st, &p, &e.0),
        },
    }
}

async fn display_of(st: &AppState, p: &Page, m: &Model, id: i64) -> String {
    match api::render_one(st, &p.ctx, m, id, &Selection::default()).await {
        Ok(j) => j["display"].as_str().unwrap_or_default().to_string(),
        Err(_) => format!("#{id}"),
    }
}

/// `GET /{app}/{model}/{id}/edit/`.
pub async fn edit_page(
    Path((app, name, id)): Path<(String, String, i64)>,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = format!("/{app}/{name}/{id}/edit/");
    let (p, m) = match model_page(&st, &headers, &here, (&app, &name), "change", true).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let obj = match load(&st, &p, m, id, "change").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let mut values = Map::new();
    for f in editable(m) {
        let v = obj.get(f.name).unwrap_or(&J::Null);
        let shown = if permission::owns(m, f) {
            permission::initial(v)
        } else {
            field_value_for_form(f, v)
        };
        values.insert(f.name.into(), shown);
    }
    let title = format!(
        "Editing {} {}",
        m.verbose,
        obj["display"].as_str().unwrap_or_default()
    );
    render_form(
        &st,
        &p,
        m,
        title,
        here,
        &J::Object(values),
        &json!({}),
        format!("/{}/{id}/", m.ui),
    )
    .await
}

/// The object rendered fully, if the user may `action` it.
pub async fn load(st: &AppState, p: &Page, m: &Model, id: i64, action: &str) -> Result<J, Error> {
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    let row = api::get_within(&mut ex, &p.ctx, m, action, id)
        .await
        .map_err(|e| e.0)?;
    Ok(render(
        &mut ex,
        &p.ctx,
        m,
        &[row],
        Mode::Full,
        &Selection::default(),
    )
    .await?
    .into_iter()
    .next()
    .unwrap_or(J::Null))
}

/// `POST /{app}/{model}/{id}/edit/`.
pub async fn edit_post(
    Path((app, name, id)): Path<(String, String, i64)>,
    headers: HeaderMap,
    State(st): State<AppState>,
    body: Bytes,
) -> Response {
    let here = format!("/{app}/{name}/{id}/edit/");
    let (mut p, m, form) =
        match model_form(&st, &headers, &here, (&app, &name), "change", &body).await {
            Ok(x) => x,
            Err(r) => return r,
        };
    let fields = editable(m);
    let (mut json_body, errs) = to_body(&st, m, &form, &fields, false);
    // A password left empty keeps the current one.
    if let Some(o) = json_body.as_object_mut()
        && o.get("password")
            .is_some_and(|v| v.as_str().is_none_or(str::is_empty))
    {
        o.remove("password");
    }
    let title = format!("Editing {}", m.verbose);
    if !errs.is_empty() {
        return render_form(
            &st,
            &p,
            m,
            title,
            here,
            &form_values(m, &form, &fields),
            &J::Object(errs),
            format!("/{}/{id}/", m.ui),
        )
        .await;
    }
    match api::update_one(&st, &p.ctx, m, id, &json_body, true).await {
        Ok(()) => {
            let shown = display_of(&st, &p, m, id).await;
            flash(
                &st,
                &mut p,
                "success",
                &format!("Modified {} {shown}.", m.verbose),
            )
            .await;
            see_other(&format!("/{}/{id}/", m.ui))
        }
        Err(e) => match (&e.0, api_errors(&e.0)) {
            (Error::NotFound { .. }, _) | (_, None) => error_page(&st, &p, &e.0),
            (_, Some(errs)) => {
                render_form(
                    &st,
                    &p,
                    m,
                    title,
                    here,
                    &form_values(m, &form, &fields),
                    &errs,
                    format!("/{}/{id}/", m.ui),
                )
                .await
            }
        },
    }
}

/// `GET /{app}/{model}/{id}/delete/`: what would go with it.
pub async fn delete_page(
    Path((app, name, id)): Path<(String, String, i64)>,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = format!("/{app}/{name}/{id}/delete/");
    let (p, m) = match model_page(&st, &headers, &here, (&app, &name), "delete", true).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let obj = match load(&st, &p, m, id, "delete").await {
        Ok(o) => o,
        Err(e) => return error_page(&st, &p, &e),
    };
    let dependents = match dependents(&st, &p, m, id).await {
        Ok(d) => d,
        Err(e) => return error_page(&st, &p, &e),
    };
    let mut ctx = p.base(&st, &here);
    ctx.insert(
        "title".into(),
        J::String(format!(
            "Delete {} {}?",
            m.verbose,
            obj["display"].as_str().unwrap_or_default()
        )),
    );
    ctx.insert(
        "object".into(),
        json!({"display": obj["display"], "href": cells::object_href(&obj)}),
    );
    ctx.insert("dependents".into(), J::Array(dependents));
    ctx.insert("action".into(), J::String(here));
    ctx.insert(
        "model".into(),
        json!({"verbose": m.verbose, "plural": capfirst(m.verbose_plural)}),
    );
    st.login.render("ui/delete.html", J::Object(ctx))
}

/// What deleting the object takes with it or is blocked by: per related model, the count.
async fn dependents(st: &AppState, p: &Page, m: &Model, id: i64) -> Result<Vec<J>, Error> {
    let _ = p;
    let key = m.key();
    let mut out = Vec::new();
    let mut conn = st.db.read().await?;
    let mut ex = conn.ex();
    for (other, f) in st.reg.referencing(&key) {
        let Kind::Fk { on_delete, .. } = &f.kind else {
            continue;
        };
        if f.is_hidden() {
            continue;
        }
        let cond = Condition::all()
            .add(Expr::col((Alias::new(other.table), Alias::new(format!("{}_id", f.col)))).eq(id));
        let n = crud::count(&mut ex, other, cond).await?;
        if n == 0 {
            continue;
        }
        let effect = match on_delete {
            ironbox_core::meta::OnDelete::Cascade => "deleted with it",
            ironbox_core::meta::OnDelete::Protect => "blocks the delete",
            _ => "unlinked",
        };
        out.push(json!({
            "label": capfirst(if n == 1 { other.verbose } else { other.verbose_plural }),
            "count": n,
            "effect": effect,
            "blocks": effect == "blocks the delete",
            "href": format!("/{}/?{}_id={id}", other.ui, f.name),
        }));
    }
    Ok(out)
}

/// `POST /{app}/{model}/{id}/delete/`.
pub async fn delete_post(
    Path((app, name, id)): Path<(String, String, i64)>,
    headers: HeaderMap,
    State(st): State<AppState>,
    body: Bytes,
) -> Response {
    let here = format!("/{app}/{name}/{id}/delete/");
    let (mut p, m, _) = match model_form(&st, &headers, &here, (&app, &name), "delete", &body).await
    {
        Ok(x) => x,
        Err(r) => return r,
    };
    let shown = display_of(&st, &p, m, id).await;
    match api::delete_one(&st, &p.ctx, m, id).await {
        Ok(()) => {
            flash(
                &st,
                &mut p,
                "success",
                &format!("Deleted {} {shown}.", m.verbose),
            )
            .await;
            see_other(&format!("/{}/", m.ui))
        }
        Err(e) => match &e.0 {
            Error::Conflict(_) | Error::Invalid(_) | Error::InvalidBody(_) => {
                flash(&st, &mut p, "danger", &describe(&e.0)).await;
                see_other(&format!("/{}/{id}/", m.ui))
            }
            other => error_page(&st, &p, other),
        },
    }
}
