//! Rendered API values as table cells and detail rows: each value becomes a list of parts
//! (`{t: text, href?: link, cls?: style}`) that templates print with auto-escaping. Values come
//! from the same JSON the API answers, so a page shows exactly what the API returns.

use ironbox_core::meta::{Field, Kind, Model};
use serde_json::{Value as J, json};

/// A link to the object a nested API object stands for (its `display_url`, or the page
/// derived from its API `url`).
pub fn object_href(o: &J) -> Option<String> {
    if let Some(u) = o.get("display_url").and_then(J::as_str) {
        return Some(strip_base(u));
    }
    let url = o.get("url").and_then(J::as_str)?;
    let path = strip_base(url);
    path.strip_prefix("/api").map(str::to_string)
}

/// `http://host:port/dcim/sites/1/` → `/dcim/sites/1/`.
pub fn strip_base(u: &str) -> String {
    match u.find("://") {
        Some(i) => match u[i + 3..].find('/') {
            Some(j) => u[i + 3 + j..].to_string(),
            None => "/".into(),
        },
        None => u.to_string(),
    }
}

fn text(t: impl Into<String>) -> J {
    json!({"t": t.into()})
}

fn nested(o: &J) -> J {
    let t = o
        .get("display")
        .and_then(J::as_str)
        .map(str::to_string)
        .or_else(|| o.get("name").and_then(J::as_str).map(str::to_string))
        .unwrap_or_else(|| o.to_string());
    match object_href(o) {
        Some(h) => json!({"t": t, "href": h}),
        None => text(t),
    }
}

/// Status-like choices get a coloured badge, as NetBox shows them.
fn badge_class(value: &str) -> &'static str {
    match value {
        "active" | "connected" | "online" | "enabled" => "badge ok",
        "planned" | "staged" | "provisioning" => "badge info",
        "reserved" | "deprecated" | "decommissioning" | "offline" => "badge warn",
        "failed" | "inventory" | "retired" => "badge danger",
        _ => "badge",
    }
}

/// `2026-11-29T23:49:04.098109Z` → `2026-11-29 23:49:04`.
pub fn short_time(s: &str) -> String {
    s.replace('T', " ")
        .trim_end_matches('Z')
        .split('.')
        .next()
        .unwrap_or(s)
        .to_string()
}

/// The parts of one field's rendered value.
pub fn parts(f: Option<&Field>, v: &J) -> Vec<J> {
    match v {
        J::Null => vec![json!({"t": "—", "cls": "muted"})],
        J::Bool(b) => vec![
            json!({"t": if *b { "✓" } else { "✗" }, "cls": if *b { "yes" } else { "no" }, "title": if *b { "Yes" } else { "No" }}),
        ],
        J::String(s) if s.is_empty() => vec![json!({"t": "—", "cls": "muted"})],
        J::String(s) => {
            if matches!(f.map(|f| &f.kind), Some(Kind::DateTime)) {
                vec![text(
                    s.replace('T', " ")
                        .trim_end_matches('Z')
                        .split('.')
                        .next()
                        .unwrap_or(s),
                )]
            } else {
                vec![text(s.clone())]
            }
        }
        J::Number(n) => vec![text(n.to_string())],
        J::Object(o) if o.contains_key("value") && o.contains_key("label") => {
            let value = o.get("value").map(|x| match x {
                J::String(s) => s.clone(),
                other => other.to_string(),
            });
            let label = o.get("label").and_then(J::as_str).unwrap_or_default();
            let cls = value.as_deref().map(badge_class).unwrap_or("badge");
            vec![json!({"t": label, "cls": cls})]
        }
        J::Object(o) if o.contains_key("id") || o.contains_key("url") => vec![nested(v)],
        J::Object(o) if o.is_empty() => vec![json!({"t": "—", "cls": "muted"})],
        J::Object(_) => vec![json!({"t": v.to_string(), "cls": "mono"})],
        J::Array(a) if a.is_empty() => vec![json!({"t": "—", "cls": "muted"})],
        J::Array(a) => {
            let mut out = Vec::new();
            for (i, x) in a.iter().enumerate() {
                let mut p = match x {
                    J::Object(o) if o.contains_key("slug") && o.contains_key("color") => {
                        // Tags: a chip in their colour.
                        let mut p = nested(x);
                        p["cls"] = J::String("tag".into());
                        p["color"] = o.get("color").cloned().unwrap_or(J::Null);
                        p
                    }
                    J::Object(_) => nested(x),
                    J::String(s) => text(s.clone()),
                    other => text(other.to_string()),
                };
                if i + 1 < a.len() && p.get("cls").is_none() {
                    p["sep"] = J::Bool(true);
                }
                out.push(p);
            }
            out
        }
    }
}

/// A column's heading.
pub fn heading(m: &Model, name: &str) -> String {
    match m.field_named(name) {
        Some(f) if !f.label.is_empty() => f.label.to_string(),
        _ => {
            let s = name.trim_start_matches('_').replace('_', " ");
            let s = super::capfirst(&s);
            s.replace(" id", " ID")
        }
    }
}

/// The columns a list shows by default: the identifying fields, then status-like choices,
/// the main relations and the description, like NetBox's default table columns.
pub fn default_columns(m: &Model) -> Vec<&'static str> {
    let mut cols: Vec<&'static str> = Vec::new();
    let push = |cols: &mut Vec<&'static str>, n: &'static str| {
        if !cols.contains(&n)
            && !n.starts_with('_')
            && m.field_named(n).is_some_and(|f| {
                !f.write_only && !f.is_hidden() && !matches!(f.kind, Kind::Family { .. })
            })
        {
            cols.push(n);
        }
    };
    for n in &m.brief {
        if !matches!(*n, "description" | "id" | "url" | "display") {
            push(&mut cols, n);
        }
    }
    if cols.is_empty() {
        push(&mut cols, "name");
    }
    for f in &m.fields {
        if matches!(f.kind, Kind::Choice(_)) && cols.len() < 4 {
            push(&mut cols, f.name);
        }
    }
    for f in &m.fields {
        if matches!(f.kind, Kind::Fk { .. })
            && cols.len() < 7
            && !matches!(f.name, "owner" | "parent")
        {
            push(&mut cols, f.name);
        }
    }
    for n in ["vrf", "tenant", "assigned_object", "description"] {
        if cols.len() < 8 {
            push(&mut cols, n);
        }
    }
    cols
}

/// Every field a list may show (for the column chooser).
pub fn available_columns(m: &Model) -> Vec<&'static str> {
    m.fields
        .iter()
        .filter(|f| !f.write_only && !f.is_hidden())
        .filter(|f| !matches!(f.kind, Kind::CustomFields))
        .map(|f| f.name)
        .collect()
}

/// A choice field's options as `(value, label)` strings, as form fields submit them.
pub fn choice_options(f: &Field) -> Vec<(String, String)> {
    f.choice_values()
        .into_iter()
        .map(|(v, l)| {
            let v = match v {
                J::String(s) => s,
                other => other.to_string(),
            };
            (v, l.to_string())
        })
        .collect()
}
