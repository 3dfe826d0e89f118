//! JSON to rows: parsing, validation, persistence and the change log, for any model.
//!
//! A write request is parsed field by field into a [`Draft`], checked by the model's hooks and the
//! generic uniqueness rules, written, and logged — all inside the caller's transaction.

use crate::Ctx;
use crate::hooks;
use crate::render::snapshot;
use indexmap::IndexMap;
use ironbox_core::ip::IpNet;
use ironbox_core::meta::{Kind, Model, Row};
use ironbox_core::{Error, FieldErrors, Result, Value};
use ironbox_store::{Ex, crud};
use sea_query::{Alias, Condition, Expr, ExprTrait, Func};
use serde_json::{Map, Value as J};

/// The parsed, not yet written, state of an object.
#[derive(Debug, Default, Clone)]
pub struct Draft {
    /// Column values to write.
    pub cols: IndexMap<String, Value>,
    /// M2M links to replace: (field name, ids).
    pub m2m: Vec<(&'static str, Vec<i64>)>,
    /// Tags to replace.
    pub tags: Option<Vec<i64>>,
    /// Field errors found so far.
    pub errors: FieldErrors,
    /// Fields the request body named (as opposed to defaults).
    pub given: std::collections::HashSet<&'static str>,
    /// Raw input of writable computed fields (cable ends, port mappings), for the model's rules.
    pub extra: IndexMap<&'static str, J>,
}

impl Draft {
    /// The value a column will have after the write: the draft's, else the old row's.
    pub fn val<'a>(&'a self, old: Option<&'a Row>, col: &str) -> &'a Value {
        static NULL: Value = Value::Null;
        self.cols
            .get(col)
            .or_else(|| old.map(|o| o.get(col)))
            .unwrap_or(&NULL)
    }
}

fn type_name(v: &J) -> &'static str {
    match v {
        J::Null => "null",
        J::Bool(_) => "bool",
        J::Number(_) => "int",
        J::String(_) => "str",
        J::Array(_) => "list",
        J::Object(_) => "dict",
    }
}

fn has_nul(v: &J) -> bool {
    match v {
        J::String(s) => s.contains('\0'),
        J::Array(a) => a.iter().any(has_nul),
        J::Object(o) => o.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

/// Python's `repr()` of a JSON value, as NetBox's messages quote request data.
pub fn py_repr(v: &J) -> String {
    match v {
        J::Null => "None".into(),
        J::Bool(true) => "True".into(),
        J::Bool(false) => "False".into(),
        J::Number(n) => n.to_string(),
        J::String(s) => {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        }
        J::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        J::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_repr(&J::String(k.clone())), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Resolves an FK value: an id, a numeric string, or a dict of identifying attributes.
pub async fn resolve_fk(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    target: &Model,
    v: &J,
) -> std::result::Result<i64, String> {
    match v {
        J::Number(n) => {
            let Some(id) = n.as_i64() else {
                return Err(format!(
                    "Incorrect type. Expected pk value, received {}.",
                    type_name(v)
                ));
            };
            match crud::get(ex, target, id).await {
                Ok(Some(_)) => Ok(id),
                Ok(None) => Err(format!(
                    "Related object not found using the provided numeric ID: {id}"
                )),
                Err(_) => Err("Lookup failed.".into()),
            }
        }
        J::String(s) => match s.trim().parse::<i64>() {
            Ok(id) => Box::pin(resolve_fk(ex, ctx, target, &J::from(id))).await,
            Err(_) => Err(format!(
                "Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: {s}"
            )),
        },
        J::Object(attrs) => {
            let mut params = Vec::new();
            for (k, v) in attrs {
                let s = match v {
                    J::String(s) => s.clone(),
                    J::Null => "null".into(),
                    other => other.to_string(),
                };
                params.push((k.clone(), s));
            }
            let shown = py_repr(&J::Object(attrs.clone()));
            let not_found =
                format!("Related object not found using the provided attributes: {shown}");
            let cond = ironbox_store::filter::compile(&ctx.reg, target, &params, ex.backend())
                .map_err(|_| not_found.clone())?;
            let found = crud::list(ex, target, cond, &[], Some(2), 0)
                .await
                .map_err(|_| "Lookup failed.".to_string())?;
            match found.len() {
                1 => Ok(found[0].id),
                0 => Err(not_found),
                _ => Err(format!(
                    "Multiple objects match the provided attributes: {shown}"
                )),
            }
        }
        _ => Err(format!(
            "Related objects must be referenced by numeric ID or by dictionary of attributes. Received an unrecognized value: {v}"
        )),
    }
}

async fn resolve_tag(ex: &mut Ex<'_>, ctx: &Ctx, v: &J) -> std::result::Result<i64, String> {
    let Some(tm) = ctx.reg.get("extras.tag") else {
        return Err("Tags are not available.".into());
    };
    match v {
        J::String(s) if s.parse::<i64>().is_err() => {
            let mut attrs = Map::new();
            attrs.insert("slug".into(), J::String(s.clone()));
            resolve_fk(ex, ctx, tm, &J::Object(attrs)).await
        }
        _ => resolve_fk(ex, ctx, tm, v).await,
    }
}

/// Parses a request body into a draft. `old` is the current row for updates.
pub async fn parse(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    body: &J,
    old: Option<&Row>,
    partial: bool,
) -> Result<Draft> {
    if body.is_null() {
        return Err(Error::Invalid(FieldErrors::one(
            "__all__",
            "No data provided",
        )));
    }
    let Some(obj) = body.as_object() else {
        return Err(Error::Invalid(FieldErrors::one(
            "__all__",
            format!(
                "Invalid data. Expected a dictionary, but got {}.",
                type_name(body)
            ),
        )));
    };
    let mut d = Draft::default();
    // PostgreSQL text cannot hold NUL; refuse it everywhere, like DRF does.
    for (k, v) in obj {
        if has_nul(v) {
            d.errors.add(k, "Null characters are not allowed.");
        }
    }
    if !d.errors.is_empty() {
        return Err(Error::Invalid(d.errors));
    }
    for f in &m.fields {
        if f.read_only {
            continue;
        }
        let Some(v) = obj.get(f.name) else {
            if old.is_none() || !partial {
                // Creates and full updates (PUT) need every required field, like DRF.
                if f.required {
                    d.errors.add(f.name, "This field is required.");
                    continue;
                }
                if old.is_none() {
                    // Defaults on create.
                    let dv = f.default.clone().unwrap_or(J::Null);
                    apply_default(&mut d, f, &dv);
                }
            }
            continue;
        };
        d.given.insert(f.name);
        if v.is_null()
            && !f.nullable
            && !matches!(f.kind, Kind::Tags | Kind::M2m { .. } | Kind::CustomFields)
        {
            d.errors.add(f.name, "This field may not be null.");
            continue;
        }
        let col = f.col.to_string();
        match &f.kind {
            // NetBox's ChoiceField takes the bare value only.
            Kind::Choice(_) | Kind::PlainChoice(_) | Kind::IntChoice(_) if v.is_object() || v.is_array() => {
                d.errors.add(f.name, "Value must be passed directly (e.g. \"foo\": 123); do not use a dictionary or list.");
            }
            Kind::Text { .. } | Kind::Slug if v.is_string() || v.is_null() => {
                let max = match f.kind {
                    Kind::Text { max } => max,
                    _ => 100,
                };
                match v {
                    J::Null => {
                        d.cols.insert(col, Value::Null);
                    }
                    J::String(s) => {
                        if max > 0 && s.chars().count() > max as usize {
                            d.errors.add(f.name, format!("Ensure this field has no more than {max} characters."));
                        } else if f.required && s.trim().is_empty() {
                            d.errors.add(f.name, "This field may not be blank.");
                        } else if matches!(f.kind, Kind::Slug) && (s.is_empty() || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
                            d.errors.add(f.name, "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens.");

                        } else if f.nullable && s.is_empty() && f.unique {
                            d.cols.insert(col, Value::Null);
                        } else {
                            d.cols.insert(col, Value::Text(s.clone()));
                        }
                    }
                    _ => {}
                }
            }
            Kind::Slug => d.errors.add(f.name, "Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."),
            Kind::Text { .. } => d.errors.add(f.name, "Not a valid string."),
            Kind::Int { min, max } => {
                let n = match v {
                    J::Number(n) => n.as_i64().or_else(|| n.as_f64().filter(|x| x.fract() == 0.0).map(|x| x as i64)),
                    J::String(s) => s.trim().parse::<i64>().ok(),
                    J::Null => {
                        d.cols.insert(col, Value::Null);
                        continue;
                    }
                    _ => None,
                };
                match n {
                    None => d.errors.add(f.name, "A valid integer is required."),
                    Some(n) if n < *min => d.errors.add(f.name, format!("Ensure this value is greater than or equal to {min}.")),
                    Some(n) if n > *max => d.errors.add(f.name, format!("Ensure this value is less than or equal to {max}.")),
                    Some(n) => {
                        d.cols.insert(col, Value::Int(n));
                    }
                }
            }
            Kind::Computed => {
                d.extra.insert(f.name, v.clone());
            }
            Kind::IntChoice(choices) => {
                let n = match v {
                    J::Number(n) => n.as_i64(),
                    J::String(s) => s.trim().parse::<i64>().ok(),
                    J::Null => {
                        d.cols.insert(col, Value::Null);
                        continue;
                    }
                    _ => None,
                };
                match n {
                    Some(n) if choices.iter().any(|(c, _)| *c == n) => {
                        d.cols.insert(col, Value::Int(n));
                    }
                    _ => {
                        let shown = match v {
                            J::String(s) => s.clone(),
                            o => o.to_string(),
                        };
                        d.errors.add(f.name, format!("{shown} is not a valid choice."));
                    }
                }
            }
            Kind::Float => match v.as_f64().or_else(|| v.as_str().and_then(|s| s.parse().ok())) {
                Some(x) if f.float_range.is_some_and(|(lo, _)| x < lo) => {
                    let lo = f.float_range.map_or(0.0, |r| r.0);
                    d.errors.add(f.name, format!("Ensure this value is greater than or equal to {lo:.1}."));
                }
                Some(x) if f.float_range.is_some_and(|(_, hi)| x > hi) => {
                    let hi = f.float_range.map_or(0.0, |r| r.1);
                    d.errors.add(f.name, format!("Ensure this value is less than or equal to {hi:.1}."));
                }
                Some(x) => {
                    d.cols.insert(col, Value::Float(x));
                }
                None if v.is_null() => {
                    d.cols.insert(col, Value::Null);
                }
                None => d.errors.add(f.name, "A valid number is required."),
            },
            Kind::Bool => {
                let b = match v {
                    J::Bool(b) => Some(*b),
                    J::String(s) => match s.to_ascii_lowercase().as_str() {
                        "true" | "1" | "yes" | "on" | "t" | "y" => Some(true),
                        "false" | "0" | "no" | "off" | "f" | "n" => Some(false),
                        _ => None,
                    },
                    J::Number(n) if n.as_i64() == Some(0) => Some(false),
                    J::Number(n) if n.as_i64() == Some(1) => Some(true),
                    _ => None,
                };
                match b {
                    Some(b) => {
                        d.cols.insert(col, Value::Bool(b));
                    }
                    None => d.errors.add(f.name, "Must be a valid boolean."),
                }
            }
            Kind::Date => match v {
                J::Null => {
                    d.cols.insert(col, Value::Null);
                }
                J::String(s) if ironbox_core::time::parse_date(s).is_some() => {
                    d.cols.insert(col, Value::Text(s.trim().to_string()));
                }
                _ => d.errors.add(f.name, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
            },
            Kind::DateTime => match v {
                J::Null => {
                    d.cols.insert(col, Value::Null);
                }
                J::String(s) => match ironbox_core::time::parse(s) {
                    Some(t) => {
                        d.cols.insert(col, Value::Text(t));
                    }
                    None => d.errors.add(f.name, "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."),
                },
                _ => d.errors.add(f.name, "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."),
            },
            Kind::Choice(choices) | Kind::PlainChoice(choices) => match v {
                J::Null => {
                    d.cols.insert(col, if f.nullable { Value::Null } else { Value::Text(String::new()) });
                }
                // Optional choices without a default may be blank, as NetBox's `blank=True` fields.
                J::String(s) if s.is_empty() && (f.nullable || (!f.required && f.default.is_none())) => {
                    d.cols.insert(col, Value::Text(String::new()));
                }
                J::String(s) if choices.iter().any(|(c, _)| c == s) => {
                    d.cols.insert(col, Value::Text(s.clone()));
                }
                other => {
                    let shown = match other {
                        J::String(s) => s.clone(),
                        o => o.to_string(),
                    };
                    d.errors.add(f.name, format!("{shown} is not a valid choice."));
                }
            },
            Kind::Fk { target, .. } => {
                let col = format!("{}_id", f.col);
                if v.is_null() {
                    d.cols.insert(col, Value::Null);
                    continue;
                }
                let Some(t) = ctx.reg.get(target) else {
                    d.errors.add(f.name, format!("Related model {target} is not available yet."));
                    continue;
                };
                match resolve_fk(ex, ctx, t, v).await {
                    Ok(id) => {
                        d.cols.insert(col, Value::Int(id));
                    }
                    Err(e) => d.errors.add(f.name, e),
                }
            }
            Kind::M2m { target, .. } => {
                let Some(t) = ctx.reg.get(target) else { continue };
                let items = match v {
                    J::Array(a) => a.clone(),
                    J::Null => Vec::new(),
                    _ => {
                        d.errors.add(f.name, format!("Expected a list of items but got type \"{}\".", type_name(v)));
                        continue;
                    }
                };
                let mut ids = Vec::new();
                for it in &items {
                    match resolve_fk(ex, ctx, t, it).await {
                        Ok(id) => ids.push(id),
                        Err(e) => d.errors.add(f.name, e),
                    }
                }
                d.m2m.push((f.name, ids));
            }
            Kind::Tags => {
                let items = match v {
                    J::Array(a) => a.clone(),
                    J::Null => Vec::new(),
                    _ => {
                        d.errors.add("tags", format!("Expected a list of items but got type \"{}\".", type_name(v)));
                        continue;
                    }
                };
                let mut ids = Vec::new();
                for it in &items {
                    match resolve_tag(ex, ctx, it).await {
                        Ok(id) => ids.push(id),
                        Err(e) => d.errors.add("tags", e),
                    }
                }
                d.tags = Some(ids);
            }
            Kind::CustomFields => match v {
                J::Object(o) if o.is_empty() => {
                    d.cols.insert(f.col.to_string(), Value::Text("{}".into()));
                }
                J::Object(o) => {
                    for k in o.keys() {
                        d.errors.add("custom_fields", format!("Unknown field name '{k}' in custom field data."));
                    }
                }
                J::Null => {}
                _ => d.errors.add("custom_fields", "Invalid data. Expected a dictionary."),
            },
            Kind::Prefix | Kind::Interface => {
                let Some(s) = v.as_str() else {
                    d.errors.add(f.name, format!("Invalid IP {} format: {v}", if matches!(f.kind, Kind::Prefix) { "prefix" } else { "address" }));
                    continue;
                };
                let parsed = IpNet::parse(s);                match parsed {
                    None => d.errors.add(f.name, format!("Invalid IP {} format: {s}", if matches!(f.kind, Kind::Prefix) { "prefix" } else { "address" })),
                    // NetBox 4.7 refuses networks with host bits and names the right one.
                    Some(n) if matches!(f.kind, Kind::Prefix) && n.has_host_bits() => {
                        d.errors.add(f.name, format!("{n} is not a valid prefix. Did you mean {}?", n.network()))
                    }
                    Some(n) => set_ip(&mut d, m, f.col, &f.kind, n),
                }
            }
            Kind::ObjectType => match v {
                J::Null => {
                    d.cols.insert(col, Value::Null);
                }
                J::String(s) if ctx.reg.get(s).is_some() => {
                    d.cols.insert(col, Value::Text(s.clone()));
                }
                J::String(s) => d.errors.add(f.name, format!("Invalid object type: {s}")),
                _ => d.errors.add(f.name, "Not a valid string."),
            },
            Kind::Json => {
                d.cols.insert(col, Value::Text(v.to_string()));
            }
            Kind::Family { .. } | Kind::GenericFk { .. } | Kind::Count { .. } => {}
        }
    }
    Ok(d)
}

/// Stores a field's default value in a draft (creates that do not name the field).
pub fn apply_default(d: &mut Draft, f: &ironbox_core::Field, dv: &J) {
    let col = f.col.to_string();
    match (&f.kind, dv) {
        (
            Kind::Tags
            | Kind::M2m { .. }
            | Kind::Count { .. }
            | Kind::Computed
            | Kind::GenericFk { .. }
            | Kind::Family { .. },
            _,
        ) => {}
        (Kind::CustomFields, _) => {
            d.cols.insert(col, Value::Text("{}".into()));
        }
        (Kind::Json, J::Null) => {
            d.cols.insert(
                col,
                if f.nullable {
                    Value::Null
                } else {
                    Value::Text("null".into())
                },
            );
        }
        (Kind::Json, v) => {
            d.cols.insert(col, Value::Text(v.to_string()));
        }
        (_, J::String(s)) => {
            d.cols.insert(col, Value::Text(s.clone()));
        }
        (_, J::Bool(b)) => {
            d.cols.insert(col, Value::Bool(*b));
        }
        (Kind::Float, J::Number(n)) => {
            d.cols
                .insert(col, Value::Float(n.as_f64().unwrap_or_default()));
        }
        (_, J::Number(n)) => {
            d.cols
                .insert(col, Value::Int(n.as_i64().unwrap_or_default()));
        }
        (Kind::Text { .. } | Kind::Slug, J::Null) if !f.nullable => {
            d.cols.insert(col, Value::Text(String::new()));
        }
        (Kind::Choice(_) | Kind::PlainChoice(_), J::Null) => {
            d.cols.insert(
                col,
                if f.nullable {
                    Value::Null
                } else {
                    Value::Text(String::new())
                },
            );
        }
        _ => {}
    }
}

/// Stores an IP field's text and keys (prefixes lose host bits, like NetBox's `.cidr`).
pub fn set_ip(d: &mut Draft, m: &Model, col: &str, kind: &Kind, n: IpNet) {
    match kind {
        Kind::Prefix => {
            let n = n.network();
            d.cols.insert(col.to_string(), Value::Text(n.to_string()));
            d.cols
                .insert(format!("{col}_key"), Value::Bytes(n.first_key()));
            d.cols
                .insert(format!("{col}_last"), Value::Bytes(n.last_key()));
            d.cols
                .insert(format!("{col}_len"), Value::Int(i64::from(n.len)));
        }
        _ => {
            d.cols.insert(col.to_string(), Value::Text(n.to_string()));
            d.cols.insert(format!("{col}_key"), Value::Bytes(n.key()));
            d.cols
                .insert(format!("{col}_len"), Value::Int(i64::from(n.len)));
        }
    }
    if let Some(ff) = m
        .fields
        .iter()
        .find(|f| matches!(f.kind, Kind::Family { source } if source == col))
    {
        d.cols
            .insert(ff.col.to_string(), Value::Int(i64::from(n.family)));
    }
}

/// A field's verbose name as Django's messages use it: the label with its first letter in
/// lower case, unless the label starts with an acronym ("VLAN ID").
fn label(m: &Model, name: &str) -> String {
    m.field_named(name)
        .map(|f| {
            if f.label.is_empty() {
                f.name.replace('_', " ")
            } else {
                let mut c = f.label.chars();
                match (c.next(), c.next()) {
                    (Some(_), Some(b)) if b.is_uppercase() => f.label.to_string(),
                    (Some(a), _) => a.to_lowercase().chain(f.label.chars().skip(1)).collect(),
                    _ => String::new(),
                }
            }
        })
        .unwrap_or_else(|| name.to_string())
}

/// Generic uniqueness: unique fields (case-insensitive for text, like NetBox's constraints) and
/// unique-together groups.
async fn check_unique(ex: &mut Ex<'_>, m: &Model, d: &mut Draft, old: Option<&Row>) -> Result<()> {
    let not_self = |c: Condition| match old {
        Some(o) => c.add(Expr::col(Alias::new("id")).ne(o.id)),
        None => c,
    };
    for f in m.fields.iter().filter(|f| f.unique) {
        let Some(col) = f.column() else { continue };
        if d.errors.has(f.name) || !d.cols.contains_key(&col) {
            continue;
        }
        let v = d.val(old, &col).clone();
        let cond = match &v {
            Value::Null => continue,
            Value::Text(s) => not_self(
                Condition::all()
                    .add(Func::lower(Expr::col(Alias::new(col.as_str()))).eq(s.to_lowercase())),
            ),
            other => not_self(
                Condition::all()
                    .add(Expr::col(Alias::new(col.as_str())).eq(ironbox_store::exec::sqv(other))),
            ),
        };
        if crud::count(ex, m, cond).await? > 0 {
            let msg = match f.unique_message {
                Some(msg) => msg.to_string(),
                None => format!(
                    "{} with this {} already exists.",
                    m.verbose,
                    label(m, f.name)
                ),
            };
            d.errors.add(f.name, msg);
        }
    }
    for u in &m.unique_together {
        let cols: Vec<String> = u
            .fields
            .iter()
            .filter_map(|n| m.field_named(n).and_then(|f| f.column()))
            .collect();
        if !cols.iter().any(|c| d.cols.contains_key(c)) {
            continue;
        }
        let mut cond = Condition::all();
        let mut skip = false;
        for c in &cols {
            let e = Expr::col(Alias::new(c.as_str()));
            match d.val(old, c) {
                Value::Null if u.nulls_equal => cond = cond.add(e.is_null()),
                Value::Null => skip = true,
                Value::Text(s) => cond = cond.add(Func::lower(e).eq(s.to_lowercase())),
                other => cond = cond.add(e.eq(ironbox_store::exec::sqv(other))),
            }
        }
        if skip {
            continue;
        }
        if crud::count(ex, m, not_self(cond)).await? > 0 {
            d.errors.add("__all__", u.msg);
        }
    }
    Ok(())
}

/// Records one change-log entry.
#[expect(
    clippy::too_many_arguments,
    reason = "mirrors the change-log row; a struct would only rename them"
)]
pub async fn log_change(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    id: i64,
    action: &str,
    repr: String,
    pre: Option<J>,
    post: Option<J>,
) -> Result<()> {
    let Some(cm) = ctx.reg.get("core.objectchange") else {
        return Ok(());
    };
    if !m.changelog {
        return Ok(());
    }
    let mut cols = IndexMap::new();
    cols.insert("time".to_string(), Value::Text(ironbox_core::time::now()));
    cols.insert(
        "user_id".to_string(),
        ctx.user.as_ref().map_or(Value::Null, |u| Value::Int(u.0)),
    );
    cols.insert(
        "user_name".to_string(),
        Value::Text(ctx.user.as_ref().map(|u| u.1.clone()).unwrap_or_default()),
    );
    cols.insert(
        "request_id".to_string(),
        Value::Text(ctx.request_id.clone()),
    );
    cols.insert("action".to_string(), Value::Text(action.to_string()));
    cols.insert("changed_object_type".to_string(), Value::Text(m.key()));
    cols.insert("changed_object_id".to_string(), Value::Int(id));
    cols.insert(
        "object_repr".to_string(),
        Value::Text(repr.chars().take(200).collect()),
    );
    cols.insert("message".to_string(), Value::Text(String::new()));
    cols.insert(
        "prechange_data".to_string(),
        pre.map_or(Value::Null, |p| Value::Text(p.to_string())),
    );
    cols.insert(
        "postchange_data".to_string(),
        post.map_or(Value::Null, |p| Value::Text(p.to_string())),
    );
    crud::insert(ex, cm, &cols).await?;
    Ok(())
}

fn map_conflict(m: &Model, e: Error) -> Error {
    match e {
        Error::Conflict(msg) if msg.starts_with("unique") => {
            let field = m
                .fields
                .iter()
                .find(|f| f.unique && msg.contains(&format!("__{}", f.col)))
                .map_or("__all__", |f| f.name);
            Error::field(
                field,
                format!(
                    "{} with this {} already exists.",
                    m.verbose,
                    label(m, field)
                ),
            )
        }
        Error::Conflict(msg) if msg.starts_with("foreign key") => {
            Error::field("__all__", "A referenced object does not exist.")
        }
        other => other,
    }
}

/// Creates an object from a JSON body; returns its id.
pub async fn create(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, body: &J) -> Result<i64> {
    let mut d = parse(ex, ctx, m, body, None, false).await?;
    hooks::before_save(ex, ctx, m, &mut d, None).await?;
    check_unique(ex, m, &mut d, None).await?;
    if !d.errors.is_empty() {
        return Err(Error::Invalid(d.errors));
    }
    let now = ironbox_core::time::now();
    for tcol in ["created", "last_updated"] {
        if m.field_named(tcol).is_some() && !d.cols.contains_key(tcol) {
            d.cols.insert(tcol.to_string(), Value::Text(now.clone()));
        }
    }
    // The row as stored comes back from the INSERT itself (no trigger rewrites a model's row).
    let row = crud::insert_returning(ex, m, &d.cols)
        .await
        .map_err(|e| map_conflict(m, e))?;
    let id = row.id;
    persist_links(ex, ctx, m, id, &d).await?;
    hooks::after_save(ex, ctx, m, None, &row, &d).await?;
    let post = if d.tags.as_ref().is_none_or(Vec::is_empty) {
        crate::render::snapshot_untagged(ex, ctx, m, &row).await?
    } else {
        snapshot(ex, ctx, m, &row).await?
    };
    log_change(
        ex,
        ctx,
        m,
        id,
        "create",
        (m.display)(&row),
        Some(serde_json::json!({})),
        Some(post),
    )
    .await?;
    Ok(id)
}

async fn persist_links(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, id: i64, d: &Draft) -> Result<()> {
    for (name, ids) in &d.m2m {
        if let Some(Kind::M2m {
            table,
            this_col,
            other_col,
            ..
        }) = m.field_named(name).map(|f| &f.kind)
        {
            crud::m2m_set(ex, table, this_col, other_col, id, ids).await?;
        }
    }
    if let Some(tags) = &d.tags {
        crud::tags_set(ex, &m.key(), id, tags).await?;
    }
    let _ = ctx;
    Ok(())
}

/// Updates an object (PUT when `partial` is false, PATCH otherwise).
pub async fn update(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    old: &Row,
    body: &J,
    partial: bool,
) -> Result<()> {
    let pre = snapshot(ex, ctx, m, old).await?;
    let mut d = parse(ex, ctx, m, body, Some(old), partial).await?;
    hooks::before_save(ex, ctx, m, &mut d, Some(old)).await?;
    check_unique(ex, m, &mut d, Some(old)).await?;
    if !d.errors.is_empty() {
        return Err(Error::Invalid(d.errors));
    }
    if m.field_named("last_updated").is_some() {
        d.cols.insert(
            "last_updated".to_string(),
            Value::Text(ironbox_core::time::now()),
        );
    }
    crud::update(ex, m, old.id, &d.cols)
        .await
        .map_err(|e| map_conflict(m, e))?;
    persist_links(ex, ctx, m, old.id, &d).await?;
    let row = crud::get(ex, m, old.id)
        .await?
        .ok_or_else(|| Error::internal("row vanished after update"))?;
    hooks::after_save(ex, ctx, m, Some(old), &row, &d).await?;
    let post = snapshot(ex, ctx, m, &row).await?;
    if post != pre {
        log_change(
            ex,
            ctx,
            m,
            old.id,
            "update",
            (m.display)(&row),
            Some(pre),
            Some(post),
        )
        .await?;
    }
    Ok(())
}

/// Objects that block a delete (FKs with `on_delete: Protect`), as NetBox lists them: `str (id)`.
async fn protected_dependents(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    row: &Row,
) -> Result<Vec<String>> {
    let key = m.key();
    let mut out = Vec::new();
    for (dm, f) in ctx.reg.referencing(&key) {
        if matches!(
            f.kind,
            Kind::Fk {
                on_delete: ironbox_core::OnDelete::Protect,
                ..
            }
        ) {
            let cond =
                Condition::all().add(Expr::col(Alias::new(format!("{}_id", f.col))).eq(row.id));
            for r in crud::list(ex, dm, cond, &[], Some(100), 0).await? {
                out.push(format!("{} ({})", (dm.display)(&r), r.id));
            }
        }
    }
    Ok(out)
}

/// Objects deleted along with this one: FKs with `on_delete: Cascade` and generic references
/// marked `cascade` in the registry.
async fn cascaded_dependents<'c>(
    ex: &mut Ex<'_>,
    ctx: &'c Ctx,
    m: &Model,
    row: &Row,
) -> Result<Vec<(&'c Model, Vec<Row>)>> {
    let key = m.key();
    let mut out: Vec<(&'c Model, Vec<Row>)> = Vec::new();
    for dm in ctx.reg.all() {
        for f in &dm.fields {
            if let Kind::Fk {
                target,
                on_delete: ironbox_core::OnDelete::Cascade,
                ..
            } = &f.kind
                && *target == key
            {
                let cond =
                    Condition::all().add(Expr::col(Alias::new(format!("{}_id", f.col))).eq(row.id));
                let rows = crud::list(ex, dm, cond, &[], None, 0).await?;
                if !rows.is_empty() {
                    out.push((dm, rows));
                }
            }
        }
    }
    // Generic references marked to cascade (an interface's addresses, a device's services).
    for gm in ctx.reg.all() {
        for f in gm.fields.iter().filter(|f| f.cascade) {
            let Kind::GenericFk {
                type_field,
                id_field,
            } = &f.kind
            else {
                continue;
            };
            let (Some(tf), Some(idf)) = (gm.field_named(type_field), gm.field_named(id_field))
            else {
                continue;
            };
            let cond = Condition::all()
                .add(Expr::col(Alias::new(tf.col)).eq(key.clone()))
                .add(Expr::col(Alias::new(idf.col)).eq(row.id));
            let rows = crud::list(ex, gm, cond, &[], None, 0).await?;
            if !rows.is_empty() {
                out.push((gm, rows));
            }
        }
    }
    Ok(out)
}

/// Deletes an object; protected references answer 409 like NetBox.
pub fn delete<'a>(
    ex: &'a mut Ex<'_>,
    ctx: &'a Ctx,
    m: &'a Model,
    old: &'a Row,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<()>> + Send + 'a>> {
    Box::pin(delete_inner(ex, ctx, m, old))
}

async fn delete_inner(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, old: &Row) -> Result<()> {
    let pre = snapshot(ex, ctx, m, old).await?;
    hooks::before_delete(ex, ctx, m, old).await?;
    let deps = protected_dependents(ex, ctx, m, old).await?;
    if !deps.is_empty() {
        return Err(Error::Conflict(format!(
            "Unable to delete object. {} dependent objects were found: {}",
            deps.len(),
            deps.join(", ")
        )));
    }
    // Cable ends are detached first, so paths can be retraced without this object.
    let retrace = if m.app == "dcim" {
        crate::dcim::before_delete(ex, ctx, m, old).await?
    } else {
        Vec::new()
    };
    // Dependents go first, each through the full delete (rules, change log), like NetBox's
    // collector; rows already gone through an earlier branch are skipped.
    for (dm, rows) in cascaded_dependents(ex, ctx, m, old).await? {
        for r in rows {
            if let Some(fresh) = crud::get(ex, dm, r.id).await? {
                delete(ex, ctx, dm, &fresh).await?;
            }
        }
    }
    crud::tags_clear(ex, &m.key(), old.id).await?;
    let deleted = crud::delete(ex, m, old.id).await;
    if deleted.is_ok() && !retrace.is_empty() {
        crate::dcim::retrace_around(ex, ctx, retrace).await?;
    }
    match deleted {
        Ok(_) => {}
        Err(Error::Conflict(msg)) if msg.starts_with("foreign key") => {
            return Err(Error::Conflict(format!(
                "Unable to delete object. {} is referenced by other objects.",
                (m.display)(old)
            )));
        }
        Err(e) => return Err(e),
    }
    hooks::after_delete(ex, ctx, m, old).await?;
    log_change(
        ex,
        ctx,
        m,
        old.id,
        "delete",
        (m.display)(old),
        Some(pre),
        Some(serde_json::json!({})),
    )
    .await?;
    Ok(())
}
