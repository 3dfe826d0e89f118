//! Bulk import from pasted or uploaded CSV, YAML or JSON, for every model: references by name
//! (or slug) as NetBox's import takes them, all-or-nothing through the API's bulk create (or
//! bulk update when every record carries an `id`), with row-numbered errors shown in place.

use super::list::describe;
use super::{
    Page, capfirst, denied, error_page, flash, model_at, model_page, no_such_page, page, see_other,
    status_page,
};
use crate::AppState;
use crate::api;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use ironbox_core::Error;
use ironbox_core::meta::{Kind, Model};
use serde_json::{Map, Value as J, json};

/// Largest accepted import (text or file).
const MAX_BYTES: usize = 16 * 1024 * 1024;

/// Which format a text is in, when the user left it to us.
fn detect(text: &str) -> &'static str {
    let t = text.trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        "json"
    } else if t.starts_with("---")
        || t.starts_with("- ")
        || t.lines()
            .next()
            .is_some_and(|l| l.contains(": ") && !l.contains(','))
    {
        "yaml"
    } else {
        "csv"
    }
}

/// One record read from the input, with the line it started on.
struct Record {
    line: usize,
    fields: Map<String, J>,
}

fn parse_csv(text: &str) -> Result<Vec<Record>, String> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| format!("Could not read the header row: {e}"))?
        .iter()
        .map(str::to_string)
        .collect();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| format!("CSV: {e}"))?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let mut fields = Map::new();
        for (h, v) in headers.iter().zip(rec.iter()) {
            if !v.is_empty() {
                fields.insert(h.clone(), J::String(v.to_string()));
            }
        }
        out.push(Record { line, fields });
    }
    Ok(out)
}

fn yaml_to_json(y: &yaml_rust2::Yaml) -> J {
    use yaml_rust2::Yaml;
    match y {
        Yaml::Real(s) => s
            .parse::<f64>()
            .map(|f| json!(f))
            .unwrap_or(J::String(s.clone())),
        Yaml::Integer(i) => json!(i),
        Yaml::String(s) => J::String(s.clone()),
        Yaml::Boolean(b) => J::Bool(*b),
        Yaml::Array(a) => J::Array(a.iter().map(yaml_to_json).collect()),
        Yaml::Hash(h) => J::Object(
            h.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        other => format!("{other:?}"),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        _ => J::Null,
    }
}

fn records_from_json(v: J) -> Result<Vec<Record>, String> {
    let items = match v {
        J::Array(a) => a,
        J::Object(o) => vec![J::Object(o)],
        _ => return Err("Expected an object or a list of objects.".into()),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, x)| match x {
            J::Object(fields) => Ok(Record {
                line: i + 1,
                fields,
            }),
            _ => Err(format!("Record {} is not an object.", i + 1)),
        })
        .collect()
}

fn parse(text: &str, format: &str) -> Result<Vec<Record>, String> {
    match format {
        "csv" => parse_csv(text),
        "json" => records_from_json(serde_json::from_str(text).map_err(|e| format!("JSON: {e}"))?),
        "yaml" => {
            let docs =
                yaml_rust2::YamlLoader::load_from_str(text).map_err(|e| format!("YAML: {e}"))?;
            let mut all = Vec::new();
            for d in &docs {
                match yaml_to_json(d) {
                    J::Array(a) => all.extend(a),
                    J::Null => {}
                    other => all.push(other),
                }
            }
            records_from_json(J::Array(all))
        }
        other => Err(format!("Unknown format {other}.")),
    }
}

/// The attribute a reference is written by in an import: the target's name, else its slug
/// attribute, else its model/address field.
fn reference_attr(t: &Model) -> &'static str {
    for n in ["name", "model", "address", "prefix", "username", "slug"] {
        if let Some(f) = t.field_named(n) {
            return f.name;
        }
    }
    "id"
}

/// One record as an API body: references by name become attribute dicts, CSV text becomes
/// numbers and booleans where the field wants them, comma lists become lists.
fn to_body(st: &AppState, m: &Model, r: &Record, csv: bool) -> Result<J, (String, String)> {
    let mut out = Map::new();
    for (k, v) in &r.fields {
        let Some(f) = m.field_named(k) else {
            if k == "id" {
                out.insert(
                    k.clone(),
                    match v {
                        J::String(s) => s.parse::<i64>().map(J::from).unwrap_or(v.clone()),
                        o => o.clone(),
                    },
                );
                continue;
            }
            return Err((
                k.clone(),
                format!("Unknown field \"{k}\" for {}.", m.verbose_plural),
            ));
        };
        let s = v.as_str();
        let val = match (&f.kind, v) {
            (Kind::Fk { target, .. }, J::String(s)) => {
                let t = st
                    .reg
                    .get(target)
                    .ok_or_else(|| (k.clone(), "unknown relation".to_string()))?;
                let attr = reference_attr(t);
                if attr == "id"
                    || (s.chars().all(|c| c.is_ascii_digit()) && t.field_named("name").is_none())
                {
                    s.parse::<i64>()
                        .map(J::from)
                        .map_err(|_| (k.clone(), format!("\"{s}\" is not an id.")))?
                } else {
                    json!({attr: s})
                }
            }
            (Kind::M2m { target, .. }, J::String(s)) => {
                let t = st
                    .reg
                    .get(target)
                    .ok_or_else(|| (k.clone(), "unknown relation".to_string()))?;
                let attr = reference_attr(t);
                J::Array(
                    s.split(',')
                        .map(str::trim)
                        .filter(|x| !x.is_empty())
                        .map(|x| json!({attr: x}))
                        .collect(),
                )
            }
            (Kind::M2m { target, .. }, J::Array(a)) => {
                let t = st
                    .reg
                    .get(target)
                    .ok_or_else(|| (k.clone(), "unknown relation".to_string()))?;
                let attr = reference_attr(t);
                J::Array(
                    a.iter()
                        .map(|x| match x {
                            J::String(s) => json!({attr: s}),
                            o => o.clone(),
                        })
                        .collect(),
                )
            }
            (Kind::Tags, J::String(s)) => J::Array(
                s.split(',')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(|x| json!({"slug": x}))
                    .collect(),
            ),
            (Kind::Tags, J::Array(a)) => J::Array(
                a.iter()
                    .map(|x| match x {
                        J::String(s) => json!({"slug": s}),
                        o => o.clone(),
                    })
                    .collect(),
            ),
            (Kind::Bool, J::String(_)) if csv => {
                match s.unwrap_or_default().to_ascii_lowercase().as_str() {
                    "true" | "yes" | "1" | "on" => J::Bool(true),
                    "false" | "no" | "0" | "off" => J::Bool(false),
                    other => return Err((k.clone(), format!("\"{other}\" is not true or false."))),
                }
            }
            (Kind::Int { .. } | Kind::IntChoice(_), J::String(s)) if csv => s
                .parse::<i64>()
                .map(J::from)
                .map_err(|_| (k.clone(), "Enter a whole number.".to_string()))?,
            (Kind::Float, J::String(s)) if csv => s
                .parse::<f64>()
                .map(|x| json!(x))
                .map_err(|_| (k.clone(), "Enter a number.".to_string()))?,
            (Kind::Json, J::String(s)) if csv => {
                serde_json::from_str(s).map_err(|_| (k.clone(), "Enter valid JSON.".to_string()))?
            }
            (_, other) => other.clone(),
        };
        out.insert(k.clone(), val);
    }
    Ok(J::Object(out))
}

async fn render(
    st: &AppState,
    p: &Page,
    m: &Model,
    data: &str,
    format: &str,
    errors: Vec<J>,
    status: StatusCode,
) -> Response {
    let action = format!("/{}/import/", m.ui);
    let mut ctx = p.base(st, &action);
    ctx.insert(
        "title".into(),
        J::String(format!("Import {}", capfirst(m.verbose_plural))),
    );
    ctx.insert("action".into(), J::String(action));
    ctx.insert("data".into(), J::String(data.to_string()));
    ctx.insert("format".into(), J::String(format.to_string()));
    ctx.insert("errors".into(), J::Array(errors));
    ctx.insert(
        "model".into(),
        json!({"ui": m.ui, "plural": capfirst(m.verbose_plural)}),
    );
    ctx.insert(
        "fields".into(),
        J::Array(
            super::form::editable(m)
                .into_iter()
                .map(|f| json!({"name": f.name, "required": f.required, "label": super::cells::heading(m, f.name),
                                "accessor": match &f.kind { Kind::Fk { target, .. } | Kind::M2m { target, .. } => st.reg.get(target).map(reference_attr).unwrap_or("id"), Kind::Tags => "slug", _ => "" }}))
                .collect(),
        ),
    );
    let mut r = st.login.render("ui/import.html", J::Object(ctx));
    *r.status_mut() = status;
    r
}

/// `GET /{app}/{model}/import/`.
pub async fn import_page(
    Path((app, name)): Path<(String, String)>,
    headers: HeaderMap,
    State(st): State<AppState>,
) -> Response {
    let here = format!("/{app}/{name}/import/");
    let (p, m) = match model_page(&st, &headers, &here, (&app, &name), "add", true).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    render(&st, &p, m, "", "auto", Vec::new(), StatusCode::OK).await
}

/// `POST /{app}/{model}/import/` (a form with `data` and/or an uploaded `file`).
pub async fn import_post(
    Path((app, name)): Path<(String, String)>,
    headers: HeaderMap,
    State(st): State<AppState>,
    mut mp: Multipart,
) -> Response {
    let here = format!("/{app}/{name}/import/");
    let mut p = match page(&st, &headers, &here).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(m) = model_at(&st, &app, &name).filter(|m| m.writable) else {
        return no_such_page(&st, &p);
    };
    let mut form: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut file_text = String::new();
    loop {
        match mp.next_field().await {
            Ok(Some(f)) => {
                let name = f.name().unwrap_or_default().to_string();
                let is_file = f.file_name().is_some();
                match f.bytes().await {
                    Ok(b) if b.len() <= MAX_BYTES => {
                        let t = String::from_utf8_lossy(&b).into_owned();
                        if is_file && name == "file" {
                            file_text = t;
                        } else {
                            form.insert(name, t);
                        }
                    }
                    Ok(_) => {
                        return status_page(
                            &st,
                            &p,
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "Too large",
                            "Imports are limited to 16 MiB.",
                        );
                    }
                    Err(e) => {
                        return status_page(
                            &st,
                            &p,
                            StatusCode::OK,
                            "Upload failed",
                            &e.to_string(),
                        );
                    }
                }
            }
            Ok(None) => break,
            Err(e) => {
                return status_page(&st, &p, StatusCode::OK, "Upload failed", &e.to_string());
            }
        }
    }
    if !crate::login::pages::csrf_ok(&p.session, &form, &headers) {
        return crate::login::pages::csrf_refused(&st.login);
    }
    if !p.ctx.actor.may(m, "add") {
        return denied(&st, &p);
    }
    let data = if file_text.trim().is_empty() {
        form.get("data").cloned().unwrap_or_default()
    } else {
        file_text
    };
    let chosen = form.get("format").map(String::as_str).unwrap_or("auto");
    let format = if chosen == "auto" {
        detect(&data)
    } else {
        chosen
    };
    if data.trim().is_empty() {
        return render(
            &st,
            &p,
            m,
            &data,
            chosen,
            vec![json!({"row": J::Null, "text": "Nothing to import."})],
            StatusCode::OK,
        )
        .await;
    }
    let records = match parse(&data, format) {
        Ok(r) => r,
        Err(e) => {
            return render(
                &st,
                &p,
                m,
                &data,
                chosen,
                vec![json!({"row": J::Null, "text": e})],
                StatusCode::OK,
            )
            .await;
        }
    };
    if records.is_empty() {
        return render(
            &st,
            &p,
            m,
            &data,
            chosen,
            vec![json!({"row": J::Null, "text": "No records found."})],
            StatusCode::OK,
        )
        .await;
    }
    let mut bodies = Vec::new();
    let mut errors = Vec::new();
    for (i, r) in records.iter().enumerate() {
        match to_body(&st, m, r, format == "csv") {
            Ok(b) => bodies.push(b),
            Err((field, text)) => {
                errors.push(json!({"row": i + 1, "line": r.line, "field": field, "text": text}))
            }
        }
    }
    if !errors.is_empty() {
        return render(&st, &p, m, &data, chosen, errors, StatusCode::OK).await;
    }
    let updating = bodies.iter().all(|b| b.get("id").is_some());
    if !updating && bodies.iter().any(|b| b.get("id").is_some()) {
        return render(&st, &p, m, &data, chosen, vec![json!({"row": J::Null, "text": "Either every record has an id (to update existing objects) or none does."})], StatusCode::OK).await;
    }
    let result = if updating {
        if !p.ctx.actor.may(m, "change") {
            return denied(&st, &p);
        }
        api::bulk_update(&st, &p.ctx, m, &J::Array(bodies), true)
            .await
            .map(|ids| (ids, true))
    } else {
        api::create_objects(&st, &p.ctx, m, &J::Array(bodies)).await
    };
    match result {
        Ok((ids, _)) => {
            let n = ids.len();
            flash(
                &st,
                &mut p,
                "success",
                &format!(
                    "{} {n} {}.",
                    if updating { "Updated" } else { "Imported" },
                    if n == 1 { m.verbose } else { m.verbose_plural }
                ),
            )
            .await;
            let (lo, hi) = (
                ids.iter().min().copied().unwrap_or(0),
                ids.iter().max().copied().unwrap_or(0),
            );
            see_other(&format!("/{}/?id__gte={lo}&id__lte={hi}", m.ui))
        }
        Err(e) => {
            let errs = row_errors(&e.0, &records, updating);
            if errs.is_empty() {
                return error_page(&st, &p, &e.0);
            }
            render(&st, &p, m, &data, chosen, errs, StatusCode::OK).await
        }
    }
}

/// The API's bulk error document as row-numbered messages.
fn row_errors(e: &Error, records: &[Record], updating: bool) -> Vec<J> {
    let by_row = |i: usize, errs: &J| -> Vec<J> {
        let line = records.get(i).map_or(0, |r| r.line);
        match errs.as_object() {
            Some(o) => o
                .iter()
                .map(|(f, msgs)| {
                    let text = match msgs {
                        J::Array(a) => a
                            .iter()
                            .map(|x| {
                                x.as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| x.to_string())
                            })
                            .collect::<Vec<_>>()
                            .join(" "),
                        other => other.to_string(),
                    };
                    json!({"row": i + 1, "line": line, "field": f, "text": text})
                })
                .collect(),
            None => vec![json!({"row": i + 1, "line": line, "text": errs.to_string()})],
        }
    };
    match e {
        Error::Invalid(fe) => by_row(0, &json!(fe)),
        Error::InvalidBody(b) | Error::ForbiddenBody(b) => {
            let mut out = Vec::new();
            for er in b.get("errors").and_then(J::as_array).into_iter().flatten() {
                let idx = if updating {
                    let id = er.get("id").and_then(J::as_i64);
                    records.iter().position(|r| {
                        r.fields.get("id").and_then(|v| {
                            v.as_i64()
                                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                        }) == id
                    })
                } else {
                    er.get("index").and_then(J::as_u64).map(|i| i as usize)
                };
                out.extend(by_row(
                    idx.unwrap_or(0),
                    er.get("errors").unwrap_or(&J::Null),
                ));
            }
            if out.is_empty() {
                out.push(json!({"row": J::Null, "text": describe(e)}));
            }
            out
        }
        Error::Forbidden(m) => vec![json!({"row": J::Null, "text": m})],
        _ => Vec::new(),
    }
}
