//! The object-permission form's own fields: object types as checkboxes grouped by app (from the
//! registry), actions as the four standard checkboxes plus free text for the others. The rest of
//! the form (name, constraints as a JSON document, users and groups as pickers) is the generic
//! one, and the body it builds is the one a NetBox client sends (`"object_types":
//! ["dcim.site"]`, `"actions": ["view", …]`), so validation is the API's.

use super::capfirst;
use ironbox_core::Registry;
use ironbox_core::meta::{Field, Model};
use serde_json::{Value as J, json};

/// The model whose form this module adjusts.
pub const MODEL: &str = "users.objectpermission";

/// NetBox's standard actions, offered as checkboxes.
const STANDARD: &[&str] = &["view", "add", "change", "delete"];

/// The form field holding the actions beyond the standard four.
pub const EXTRA: &str = "actions_extra";

/// Whether `f` of `m` is one of the fields this module draws and reads.
pub fn owns(m: &Model, f: &Field) -> bool {
    m.key() == MODEL && matches!(f.name, "object_types" | "actions")
}

/// A list value as strings: a JSON list, a JSON text of one (a pre-filled link), or one string.
fn strings(v: &J) -> Vec<String> {
    match v {
        J::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        J::String(s) => match serde_json::from_str::<J>(s) {
            Ok(J::Array(a)) => strings(&J::Array(a)),
            _ if s.trim().is_empty() => Vec::new(),
            _ => vec![s.trim().to_string()],
        },
        _ => Vec::new(),
    }
}

/// App labels as NetBox shows them.
fn app_label(app: &str) -> String {
    match app {
        "dcim" | "ipam" | "vpn" => app.to_uppercase(),
        other => capfirst(other),
    }
}

/// Adjusts the widget `w` of a field of the permission form: the owned fields get their own
/// kinds and options (from `value`), the constraints a hint.
pub fn widget(reg: &Registry, m: &Model, f: &Field, value: &J, w: &mut J) {
    if m.key() != MODEL {
        return;
    }
    if f.name == "constraints" {
        w["help"] = json!(
            "A JSON object of filters (Django lookups such as {\"tenant__slug\": \"acme\"}), or a list of them to allow any; leave empty to allow every object of the chosen types."
        );
        return;
    }
    if !owns(m, f) {
        return;
    }
    let chosen = strings(value);
    if f.name == "object_types" {
        let mut apps: Vec<&str> = reg.all().iter().map(|m| m.app).collect();
        apps.sort_unstable();
        apps.dedup();
        let groups: Vec<J> = apps
            .into_iter()
            .map(|app| {
                let mut models: Vec<&Model> = reg.all().iter().filter(|m| m.app == app).collect();
                models.sort_by_key(|m| m.verbose.to_lowercase());
                let options: Vec<J> = models
                    .into_iter()
                    .map(|m| {
                        let key = m.key();
                        json!({
                            "selected": chosen.contains(&key),
                            "value": key,
                            "label": capfirst(m.verbose),
                        })
                    })
                    .collect();
                let n = options.iter().filter(|o| o["selected"] == true).count();
                json!({"app": app, "label": app_label(app), "options": options, "chosen": n})
            })
            .collect();
        w["kind"] = json!("objecttypes");
        w["groups"] = J::Array(groups);
        w["help"] = json!("The kinds of objects this permission applies to.");
    } else {
        let options: Vec<J> = STANDARD
            .iter()
            .map(|a| json!({"value": a, "label": capfirst(a), "selected": chosen.iter().any(|c| c == a)}))
            .collect();
        let extra: Vec<&str> = chosen
            .iter()
            .map(String::as_str)
            .filter(|c| !STANDARD.contains(c))
            .collect();
        w["kind"] = json!("actions");
        w["options"] = J::Array(options);
        w["extra"] = json!(extra.join(", "));
        w["extra_name"] = json!(EXTRA);
        w["help"] = json!(
            "Other actions, separated by commas: a custom action such as run, or change:<field> to allow changing only that field."
        );
    }
}

/// The submitted values of an owned field: the checked boxes (and for actions the extra ones,
/// split at commas and spaces), without repeats.
pub fn read(f: &Field, form: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: &str| {
        let v = v.trim();
        if !v.is_empty() && !out.iter().any(|x| x == v) {
            out.push(v.to_string());
        }
    };
    for (_, v) in form.iter().filter(|(k, _)| k == f.name) {
        push(v);
    }
    if f.name == "actions" {
        for (_, v) in form.iter().filter(|(k, _)| k == EXTRA) {
            for part in v.split(|c: char| c == ',' || c.is_whitespace()) {
                push(part);
            }
        }
    }
    out
}

/// The API body's value of an owned field.
pub fn body_value(f: &Field, form: &[(String, String)]) -> J {
    J::Array(read(f, form).into_iter().map(J::String).collect())
}

/// The form value of an owned field from the object as the API renders it.
pub fn initial(v: &J) -> J {
    J::Array(strings(v).into_iter().map(J::String).collect())
}
