//! Import of device and module types in the community device-type library's YAML format.
//!
//! One document describes one type: `manufacturer`, `model`, `slug` (device types only),
//! attributes, and component lists (`interfaces`, `console-ports`, `power-ports`, `front-ports`,
//! …). Importing is idempotent: a type found by manufacturer and model (or slug) is updated, and
//! its templates are matched by name, so a re-run changes nothing. Every object goes through the
//! same validation as the REST API; the caller runs one file per transaction.

use crate::{Ctx, write};
use ironbox_core::meta::{Model, Row};
use ironbox_core::{Error, Result};
use ironbox_store::{Ex, crud};
use sea_query::{Alias, Condition, Expr, ExprTrait};
use serde_json::{Map, Value as J, json};
use yaml_rust2::{Yaml, YamlLoader};

/// What an import did.
#[derive(Debug, Clone)]
pub struct Imported {
    /// `device type` or `module type`.
    pub kind: &'static str,
    /// The type's id.
    pub id: i64,
    /// `Manufacturer Model`.
    pub name: String,
    /// Created (true) or found and updated (false).
    pub created: bool,
    /// Component templates created.
    pub templates_created: usize,
    /// Component templates already present.
    pub templates_kept: usize,
}

/// Why an import failed, with the line of the YAML document it concerns when known.
#[derive(Debug, Clone)]
pub struct ImportError {
    /// 1-based line.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "line {l}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// Component sections: library key → template model, in creation order (rear ports before the
/// front ports that map onto them, power ports before outlets).
const SECTIONS: &[(&str, &str)] = &[
    ("interfaces", "dcim.interfacetemplate"),
    ("console-ports", "dcim.consoleporttemplate"),
    ("console-server-ports", "dcim.consoleserverporttemplate"),
    ("power-ports", "dcim.powerporttemplate"),
    ("power-outlets", "dcim.poweroutlettemplate"),
    ("rear-ports", "dcim.rearporttemplate"),
    ("front-ports", "dcim.frontporttemplate"),
    ("module-bays", "dcim.modulebaytemplate"),
    ("device-bays", "dcim.devicebaytemplate"),
    ("inventory-items", "dcim.inventoryitemtemplate"),
];

/// Top-level attributes copied onto the type when present.
const TYPE_FIELDS: &[&str] = &[
    "part_number",
    "u_height",
    "is_full_depth",
    "exclude_from_utilization",
    "subdevice_role",
    "airflow",
    "weight",
    "weight_unit",
    "description",
    "comments",
];

fn to_json(y: &Yaml) -> J {
    match y {
        Yaml::Real(s) => s
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map_or_else(|| J::String(s.clone()), J::Number),
        Yaml::Integer(i) => json!(i),
        Yaml::String(s) => J::String(s.clone()),
        Yaml::Boolean(b) => J::Bool(*b),
        Yaml::Array(a) => J::Array(a.iter().map(to_json).collect()),
        Yaml::Hash(h) => {
            let mut m = Map::new();
            for (k, v) in h {
                let key = match k {
                    Yaml::String(s) => s.clone(),
                    Yaml::Integer(i) => i.to_string(),
                    other => format!("{other:?}"),
                };
                m.insert(key, to_json(v));
            }
            J::Object(m)
        }
        Yaml::Null | Yaml::BadValue | Yaml::Alias(_) => J::Null,
    }
}

/// Parses a YAML (or JSON) document into JSON, with the failing line on syntax errors.
pub fn parse(text: &str) -> std::result::Result<J, ImportError> {
    let docs = YamlLoader::load_from_str(text).map_err(|e| ImportError {
        line: Some(e.marker().line()),
        message: format!("invalid YAML: {}", e.info()),
    })?;
    match docs.as_slice() {
        [one] => Ok(to_json(one)),
        [] => Err(ImportError {
            line: None,
            message: "the file is empty".into(),
        }),
        _ => Err(ImportError {
            line: None,
            message: "one type per file: the file holds several YAML documents".into(),
        }),
    }
}

/// The first line of `text` that mentions `needle` as a YAML value, for error messages.
fn line_of(text: &str, key: &str, value: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches("- ").trim();
            t.strip_prefix(key)
                .and_then(|r| r.strip_prefix(':'))
                .is_some_and(|r| r.trim().trim_matches(|c| c == '"' || c == '\'') == value)
        })
        .map(|i| i + 1)
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn model<'a>(ctx: &'a Ctx, key: &str) -> Result<&'a Model> {
    ctx.reg
        .get(key)
        .ok_or_else(|| Error::internal(format!("model {key} is not registered")))
}

async fn find(ex: &mut Ex<'_>, m: &Model, conds: &[(&str, J)]) -> Result<Option<Row>> {
    let mut c = Condition::all();
    for (col, v) in conds {
        let e = Expr::col(Alias::new(*col));
        c = c.add(match v {
            J::Number(n) => e.eq(n.as_i64().unwrap_or_default()),
            J::String(s) => e.eq(s.clone()),
            J::Null => e.is_null(),
            other => e.eq(other.to_string()),
        });
    }
    Ok(crud::list(ex, m, c, &[], Some(1), 0)
        .await?
        .into_iter()
        .next())
}

/// Whether applying `body` to `row` would change anything (so unchanged re-runs write nothing).
async fn changes(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, row: &Row, body: &J) -> Result<bool> {
    let d = write::parse(ex, ctx, m, body, Some(row), true).await?;
    if !d.errors.is_empty() || !d.extra.is_empty() || !d.m2m.is_empty() || d.tags.is_some() {
        return Ok(true);
    }
    Ok(d.cols.iter().any(|(c, v)| {
        let old = row.get(c);
        match (old, v) {
            (ironbox_core::Value::Float(a), ironbox_core::Value::Int(b)) => *a != *b as f64,
            (ironbox_core::Value::Int(a), ironbox_core::Value::Float(b)) => *a as f64 != *b,
            _ => old != v,
        }
    }))
}

fn describe(e: &Error) -> String {
    match e {
        Error::Invalid(fe) => {
            fe.0.iter()
                .map(|(k, v)| format!("{k}: {}", v.join(" ")))
                .collect::<Vec<_>>()
                .join("; ")
        }
        Error::InvalidBody(j) => j.to_string(),
        Error::Conflict(m) | Error::BadRequest(m) => m.clone(),
        other => format!("{other:?}"),
    }
}

/// Imports one device or module type from its YAML text.
pub async fn import(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    text: &str,
) -> std::result::Result<Imported, ImportError> {
    let doc = parse(text)?;
    let Some(obj) = doc.as_object() else {
        return Err(ImportError {
            line: Some(1),
            message: "expected a mapping with manufacturer and model".into(),
        });
    };
    let fail = |line: Option<usize>, message: String| ImportError { line, message };
    let internal = |e: Error| fail(None, describe(&e));
    let text_of = |k: &str| obj.get(k).and_then(J::as_str).map(str::to_string);
    let Some(mfr_name) = text_of("manufacturer") else {
        return Err(fail(Some(1), "manufacturer is required".into()));
    };
    let Some(model_name) = text_of("model") else {
        return Err(fail(Some(1), "model is required".into()));
    };
    // Device types carry a slug; module types do not.
    let is_device = obj.contains_key("slug") || obj.contains_key("u_height");
    let (kind, tkey, owner) = if is_device {
        ("device type", "dcim.devicetype", "device_type")
    } else {
        ("module type", "dcim.moduletype", "module_type")
    };
    let mm = model(ctx, "dcim.manufacturer").map_err(internal)?;
    let mfr = match find(ex, mm, &[("name", json!(mfr_name))])
        .await
        .map_err(internal)?
    {
        Some(r) => r.id,
        None => write::create(
            ex,
            ctx,
            mm,
            &json!({"name": mfr_name, "slug": slugify(&mfr_name)}),
        )
        .await
        .map_err(|e| {
            fail(
                line_of(text, "manufacturer", &mfr_name),
                format!("manufacturer {mfr_name}: {}", describe(&e)),
            )
        })?,
    };
    let tm = model(ctx, tkey).map_err(internal)?;
    let mut body = Map::new();
    body.insert("manufacturer".into(), json!(mfr));
    body.insert("model".into(), json!(model_name));
    if is_device {
        let slug = text_of("slug").unwrap_or_else(|| slugify(&model_name));
        body.insert("slug".into(), json!(slug));
    }
    for f in TYPE_FIELDS {
        if let Some(v) = obj.get(*f)
            && tm.field_named(f).is_some()
        {
            body.insert((*f).into(), v.clone());
        }
    }
    let existing = find(
        ex,
        tm,
        &[
            ("manufacturer_id", json!(mfr)),
            ("model", json!(model_name)),
        ],
    )
    .await
    .map_err(internal)?;
    let type_err = |e: Error| {
        let field = match &e {
            Error::Invalid(fe) => fe.0.keys().next().cloned().unwrap_or_default(),
            _ => String::new(),
        };
        let line = obj
            .get(&field)
            .map(|v| match v {
                J::String(s) => s.clone(),
                other => other.to_string(),
            })
            .and_then(|v| line_of(text, &field, &v))
            .or_else(|| line_of(text, "model", &model_name));
        fail(line, format!("{kind} {model_name}: {}", describe(&e)))
    };
    let (type_id, created) = match existing {
        Some(row) => {
            let body = J::Object(body);
            if changes(ex, ctx, tm, &row, &body).await.map_err(internal)? {
                write::update(ex, ctx, tm, &row, &body, true)
                    .await
                    .map_err(type_err)?;
            }
            (row.id, false)
        }
        None => (
            write::create(ex, ctx, tm, &J::Object(body))
                .await
                .map_err(type_err)?,
            true,
        ),
    };
    let mut made = 0;
    let mut kept = 0;
    for (section, ckey) in SECTIONS {
        let Some(items) = obj.get(*section) else {
            continue;
        };
        let Some(items) = items.as_array() else {
            return Err(fail(
                line_of(text, section, ""),
                format!("{section} must be a list"),
            ));
        };
        let cm = model(ctx, ckey).map_err(internal)?;
        if cm.field_named(owner).is_none() {
            return Err(fail(
                line_of(text, section, ""),
                format!("{section} are not allowed on a {kind}"),
            ));
        }
        for (i, item) in items.iter().enumerate() {
            let Some(it) = item.as_object() else {
                return Err(fail(None, format!("{section}[{i}] must be a mapping")));
            };
            let name = it
                .get("name")
                .and_then(J::as_str)
                .unwrap_or_default()
                .to_string();
            let here = line_of(text, "name", &name);
            let mut b = Map::new();
            b.insert(owner.into(), json!(type_id));
            for (k, v) in it {
                match k.as_str() {
                    // References by name to templates of the same type.
                    "power_port" | "rear_port" => {}
                    "manufacturer" => {
                        if let Some(n) = v.as_str() {
                            let m = find(ex, mm, &[("name", json!(n))])
                                .await
                                .map_err(internal)?;
                            b.insert("manufacturer".into(), m.map_or(J::Null, |r| json!(r.id)));
                        }
                    }
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
            for (k, target) in [
                ("power_port", "dcim.powerporttemplate"),
                ("rear_port", "dcim.rearporttemplate"),
            ] {
                let Some(ref_name) = it.get(k).and_then(J::as_str) else {
                    continue;
                };
                let t = model(ctx, target).map_err(internal)?;
                let found = find(
                    ex,
                    t,
                    &[
                        (format!("{owner}_id").as_str(), json!(type_id)),
                        ("name", json!(ref_name)),
                    ],
                )
                .await
                .map_err(internal)?;
                let Some(r) = found else {
                    return Err(fail(
                        here,
                        format!("{section} {name}: {k} {ref_name} is not defined in this file"),
                    ));
                };
                if k == "power_port" {
                    b.insert("power_port".into(), json!(r.id));
                } else {
                    let pos = it.get("rear_port_position").cloned().unwrap_or(json!(1));
                    b.remove("rear_port_position");
                    b.insert(
                        "rear_ports".into(),
                        json!([{"position": 1, "rear_port": r.id, "rear_port_position": pos}]),
                    );
                }
            }
            let old = find(
                ex,
                cm,
                &[
                    (format!("{owner}_id").as_str(), json!(type_id)),
                    ("name", json!(name)),
                ],
            )
            .await
            .map_err(internal)?;
            // An unchanged port mapping is not rewritten.
            if let (Some(row), Some(J::Array(want))) = (&old, b.get("rear_ports"))
                && let [w] = want.as_slice()
            {
                let have = crate::dcim::mappings_of(
                    ex,
                    "dcim_portmappingtemplate",
                    "front_port_id",
                    &[row.id],
                )
                .await
                .map_err(internal)?;
                let same = matches!(have.as_slice(), [(_, fp, rp, rpos)]
                    if json!(fp) == w["position"] && json!(rp) == w["rear_port"] && json!(rpos) == w["rear_port_position"]);
                if same {
                    b.remove("rear_ports");
                }
            }
            let res = match &old {
                Some(row) => {
                    kept += 1;
                    let body = J::Object(b);
                    match changes(ex, ctx, cm, row, &body).await {
                        Ok(true) => write::update(ex, ctx, cm, row, &body, true).await,
                        Ok(false) => Ok(()),
                        Err(e) => Err(e),
                    }
                }
                None => {
                    made += 1;
                    write::create(ex, ctx, cm, &J::Object(b)).await.map(|_| ())
                }
            };
            res.map_err(|e| {
                // Point at the offending attribute's line when the error names one.
                let line = match (&e, here) {
                    (Error::Invalid(fe), Some(start)) => {
                        fe.0.keys()
                            .next()
                            .and_then(|k| {
                                text.lines()
                                    .enumerate()
                                    .skip(start - 1)
                                    .take_while(|(i, l)| {
                                        *i == start - 1 || !l.trim_start().starts_with("- ")
                                    })
                                    .find(|(_, l)| {
                                        l.trim_start()
                                            .trim_start_matches("- ")
                                            .starts_with(&format!("{k}:"))
                                    })
                                    .map(|(i, _)| i + 1)
                            })
                            .or(here)
                    }
                    _ => here,
                };
                fail(line, format!("{section} {name}: {}", describe(&e)))
            })?;
        }
    }
    Ok(Imported {
        kind,
        id: type_id,
        name: format!("{mfr_name} {model_name}"),
        created,
        templates_created: made,
        templates_kept: kept,
    })
}
