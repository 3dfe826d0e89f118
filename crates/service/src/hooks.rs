//! Per-model behaviour NetBox has: computed fields, validation, and bookkeeping after writes.
//!
//! Dispatch is a `match` on the model key, so the engine stays non-generic and each rule sits in
//! one place.

use crate::Ctx;
use crate::render::{Mode, Selection, render};
use crate::write::Draft;
use ironbox_core::ip::{self, IpNet};
use ironbox_core::meta::{ColType, Field, Kind, Model, Row};
use ironbox_core::{Error, Result, Value};
use ironbox_store::{Ex, crud};
use sea_query::{Alias, Condition, Expr, ExprTrait, Query};
use serde_json::{Value as J, json};
use std::collections::HashMap;

fn col(c: &str) -> Expr {
    Expr::col(Alias::new(c))
}

fn vrf_cond(vrf: &Value) -> Condition {
    match vrf {
        Value::Int(v) => Condition::all().add(col("vrf_id").eq(*v)),
        _ => Condition::all().add(col("vrf_id").is_null()),
    }
}

async fn vrf_label(ex: &mut Ex<'_>, ctx: &Ctx, vrf: &Value) -> Result<Option<(String, bool)>> {
    let Value::Int(id) = vrf else { return Ok(None) };
    let Some(vm) = ctx.reg.get("ipam.vrf") else {
        return Ok(None);
    };
    Ok(crud::get(ex, vm, *id)
        .await?
        .map(|r| ((vm.display)(&r), r.get("enforce_unique").as_bool())))
}

/// Display strings that need related data (NetBox's `__str__` reaching across a relation).
pub async fn displays(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    rows: &[Row],
) -> Result<HashMap<i64, String>> {
    let mut out = HashMap::new();
    match m.key().as_str() {
        "dcim.rackreservation" => {
            let racks = referenced(ex, ctx, "dcim.rack", rows, "rack_id").await?;
            for r in rows {
                if let Some(rack) = r.int("rack_id").and_then(|id| racks.get(&id)) {
                    out.insert(
                        r.id,
                        format!(
                            "Reservation for rack {}",
                            ironbox_models::dcim::d_rack(rack)
                        ),
                    );
                }
            }
        }
        "dcim.cabletermination" => {
            // `Cable <cable> to <termination>`, like NetBox.
            let Some(cm) = ctx.reg.get("dcim.cable") else {
                return Ok(out);
            };
            let cables = referenced(ex, ctx, "dcim.cable", rows, "cable_id").await?;
            let mut by_type: HashMap<&str, Vec<i64>> = HashMap::new();
            for r in rows {
                if let Some(id) = r.int("termination_id") {
                    by_type
                        .entry(r.text("termination_type"))
                        .or_default()
                        .push(id);
                }
            }
            let mut terms: HashMap<(String, i64), String> = HashMap::new();
            for (t, ids) in by_type {
                let Some(tm) = ctx.reg.get(t) else { continue };
                for row in crud::get_many(ex, tm, &ids).await? {
                    terms.insert((t.to_string(), row.id), (tm.display)(&row));
                }
            }
            for r in rows {
                let cable = r
                    .int("cable_id")
                    .and_then(|c| cables.get(&c))
                    .map(|c| (cm.display)(c))
                    .unwrap_or_default();
                let term = terms
                    .get(&(
                        r.text("termination_type").to_string(),
                        r.int("termination_id").unwrap_or_default(),
                    ))
                    .cloned()
                    .unwrap_or_default();
                out.insert(r.id, format!("Cable {cable} to {term}"));
            }
        }
        "dcim.module" => {
            // `Bay name: Module type (id)`, like NetBox.
            let bays = referenced(ex, ctx, "dcim.modulebay", rows, "module_bay_id").await?;
            let types = referenced(ex, ctx, "dcim.moduletype", rows, "module_type_id").await?;
            for r in rows {
                let bay = r
                    .int("module_bay_id")
                    .and_then(|b| bays.get(&b))
                    .map(|b| b.text("name"))
                    .unwrap_or_default();
                let ty = r
                    .int("module_type_id")
                    .and_then(|t| types.get(&t))
                    .map(|t| t.text("model"))
                    .unwrap_or_default();
                out.insert(r.id, format!("{bay}: {ty} ({})", r.id));
            }
        }
        "dcim.device" => {
            // Unnamed devices show their type: `Manufacturer Model (asset tag or id)`.
            let unnamed: Vec<Row> = rows
                .iter()
                .filter(|r| r.get("name").as_str().is_none_or(str::is_empty))
                .cloned()
                .collect();
            if unnamed.is_empty() {
                return Ok(out);
            }
            let types = referenced(ex, ctx, "dcim.devicetype", &unnamed, "device_type_id").await?;
            let type_rows: Vec<Row> = types.values().cloned().collect();
            let mfrs =
                referenced(ex, ctx, "dcim.manufacturer", &type_rows, "manufacturer_id").await?;
            for r in &unnamed {
                let Some(t) = r.int("device_type_id").and_then(|t| types.get(&t)) else {
                    continue;
                };
                let mfr = t
                    .int("manufacturer_id")
                    .and_then(|m| mfrs.get(&m))
                    .map(|m| m.text("name"))
                    .unwrap_or_default();
                let suffix = match r.get("asset_tag").as_str().filter(|a| !a.is_empty()) {
                    Some(a) => a.to_string(),
                    None => r.id.to_string(),
                };
                out.insert(r.id, format!("{mfr} {} ({suffix})", t.text("model")));
            }
        }
        "tenancy.contactassignment" => {
            // `<contact> (<priority>) -> <object>`, the priority only when set.
            let contacts = referenced(ex, ctx, "tenancy.contact", rows, "contact_id").await?;
            let objects = generic_displays(ex, ctx, rows, "object_type", "object_id").await?;
            for r in rows {
                let contact = r
                    .int("contact_id")
                    .and_then(|c| contacts.get(&c))
                    .map(|c| c.text("name").to_string())
                    .unwrap_or_default();
                let object = objects
                    .get(&(
                        r.text("object_type").to_string(),
                        r.int("object_id").unwrap_or_default(),
                    ))
                    .cloned()
                    .unwrap_or_default();
                let priority = ironbox_models::tenancy::PRIORITY
                    .iter()
                    .find(|(v, _)| *v == r.text("priority"))
                    .map(|(_, l)| format!(" ({l})"))
                    .unwrap_or_default();
                out.insert(r.id, format!("{contact}{priority} -> {object}"));
            }
        }
        "ipam.fhrpgroupassignment" => {
            // `<interface>: <group> (<priority>)`.
            let groups = referenced(ex, ctx, "ipam.fhrpgroup", rows, "group_id").await?;
            let gm = ctx.reg.get("ipam.fhrpgroup");
            let interfaces =
                generic_displays(ex, ctx, rows, "interface_type", "interface_id").await?;
            for r in rows {
                let group = match (gm, r.int("group_id").and_then(|g| groups.get(&g))) {
                    (Some(gm), Some(g)) => (gm.display)(g),
                    _ => String::new(),
                };
                let interface = interfaces
                    .get(&(
                        r.text("interface_type").to_string(),
                        r.int("interface_id").unwrap_or_default(),
                    ))
                    .cloned()
                    .unwrap_or_default();
                out.insert(
                    r.id,
                    format!(
                        "{interface}: {group} ({})",
                        r.int("priority").unwrap_or_default()
                    ),
                );
            }
        }
        "ipam.vlantranslationrule" => {
            let policies =
                referenced(ex, ctx, "ipam.vlantranslationpolicy", rows, "policy_id").await?;
            let names: HashMap<i64, String> = policies
                .into_iter()
                .map(|(id, p)| (id, p.text("name").to_string()))
                .collect();
            for r in rows {
                let policy = r
                    .int("policy_id")
                    .and_then(|p| names.get(&p))
                    .cloned()
                    .unwrap_or_default();
                out.insert(r.id, format!("{} ({policy})", (m.display)(r)));
            }
        }
        "core.objectchange" => {
            for r in rows {
                let t = r.text("changed_object_type");
                let what = match ctx.reg.get(t) {
                    Some(cm) => format!("{} | {}", app_verbose(cm.app), cm.verbose),
                    None => t.to_string(),
                };
                let action = ironbox_models::core::ACTION
                    .iter()
                    .find(|(v, _)| *v == r.text("action"))
                    .map_or("", |(_, l)| l);
                out.insert(
                    r.id,
                    format!(
                        "{what} {} {} by {}",
                        r.text("object_repr"),
                        action.to_lowercase(),
                        r.text("user_name")
                    ),
                );
            }
        }
        _ => {}
    }
    Ok(out)
}

/// Displays of the objects a generic reference (`type_col`, `id_col`) of `rows` points at.
async fn generic_displays(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    rows: &[Row],
    type_col: &str,
    id_col: &str,
) -> Result<HashMap<(String, i64), String>> {
    let mut by_type: HashMap<&str, Vec<i64>> = HashMap::new();
    for r in rows {
        if let Some(id) = r.int(id_col) {
            by_type.entry(r.text(type_col)).or_default().push(id);
        }
    }
    let mut out = HashMap::new();
    for (t, ids) in by_type {
        let Some(tm) = ctx.reg.get(t) else { continue };
        let trows = crud::get_many(ex, tm, &ids).await?;
        let special = Box::pin(displays(ex, ctx, tm, &trows)).await?;
        for row in trows {
            let d = special
                .get(&row.id)
                .cloned()
                .unwrap_or_else(|| (tm.display)(&row));
            out.insert((t.to_string(), row.id), d);
        }
    }
    Ok(out)
}

/// NetBox's app verbose names.
pub fn app_verbose(app: &str) -> String {
    match app {
        "ipam" => "IPAM".into(),
        "dcim" => "DCIM".into(),
        "vpn" => "VPN".into(),
        other => {
            let mut c = other.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
    }
}

/// The rows an FK column of `rows` points at, by id, in one query.
async fn referenced(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    target: &str,
    rows: &[Row],
    fk_col: &str,
) -> Result<HashMap<i64, Row>> {
    let Some(tm) = ctx.reg.get(target) else {
        return Ok(HashMap::new());
    };
    let mut ids: Vec<i64> = rows.iter().filter_map(|r| r.int(fk_col)).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(crud::get_many(ex, tm, &ids)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect())
}

/// Values computed at render time for `Computed` fields, keyed by (field, object id).
pub async fn computed(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    rows: &[Row],
    fields: &[&Field],
) -> Result<HashMap<(&'static str, i64), J>> {
    let mut out = HashMap::new();
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut shared = crate::dcim::Shared::default();
    for f in fields.iter().filter(|f| matches!(f.kind, Kind::Computed)) {
        if m.app == "dcim"
            && f.name != "_depth"
            && crate::dcim::computed(ex, ctx, m, rows, f.name, &mut out, &mut shared).await?
        {
            continue;
        }
        match (m.key().as_str(), f.name) {
            (_, "_depth") if m.tree_parent.is_some() => {
                let depths = tree_depths(ex, m).await?;
                for r in rows {
                    out.insert(
                        (f.name, r.id),
                        json!(depths.get(&r.id).copied().unwrap_or(0)),
                    );
                }
            }
            ("ipam.iprange", "size") => {
                for r in rows {
                    let a = ip::from_key(r.get("start_address_key").as_bytes().unwrap_or_default());
                    let b = ip::from_key(r.get("end_address_key").as_bytes().unwrap_or_default());
                    if let (Some((_, a)), Some((_, b))) = (a, b) {
                        let size = b.saturating_sub(a).saturating_add(1);
                        out.insert(
                            (f.name, r.id),
                            if size <= u64::MAX as u128 {
                                json!(size as u64)
                            } else {
                                json!(size.to_string())
                            },
                        );
                    }
                }
            }
            ("ipam.ipaddress", "nat_outside") => {
                let cond = Condition::all().add(col("nat_inside_id").is_in(ids.clone()));
                let by = related(
                    ex,
                    ctx,
                    "ipam.ipaddress",
                    cond,
                    &[],
                    "nat_inside_id",
                    Mode::Nested,
                )
                .await?;
                put_lists(&mut out, f.name, rows, by);
            }
            ("ipam.vlangroup", "total_vlan_ids" | "utilization") => {
                let counts = match ctx.reg.get("ipam.vlan") {
                    Some(vm) => crud::count_by(ex, vm.table, "group_id", &ids).await?,
                    None => HashMap::new(),
                };
                for r in rows {
                    let total = vid_ranges(r).iter().map(|(a, b)| b - a + 1).sum::<i64>();
                    let v = if f.name == "total_vlan_ids" {
                        json!(total)
                    } else {
                        let used = counts.get(&r.id).copied().unwrap_or(0);
                        let pct = if total > 0 {
                            used as f64 * 100.0 / total as f64
                        } else {
                            0.0
                        };
                        J::String(trim_float(pct))
                    };
                    out.insert((f.name, r.id), v);
                }
            }
            ("extras.tag", "tagged_items") => {
                let c = crud::count_by(ex, "extras_taggeditem", "tag_id", &ids).await?;
                for r in rows {
                    out.insert((f.name, r.id), json!(c.get(&r.id).copied().unwrap_or(0)));
                }
            }
            ("ipam.fhrpgroup", "ip_addresses") => {
                let cond = Condition::all()
                    .add(col("assigned_object_type").eq("ipam.fhrpgroup"))
                    .add(col("assigned_object_id").is_in(ids.clone()));
                let by = related(
                    ex,
                    ctx,
                    "ipam.ipaddress",
                    cond,
                    &[],
                    "assigned_object_id",
                    Mode::Brief,
                )
                .await?;
                put_lists(&mut out, f.name, rows, by);
            }
            ("ipam.vlantranslationpolicy", "rules") => {
                let cond = Condition::all().add(col("policy_id").is_in(ids.clone()));
                let by = related(
                    ex,
                    ctx,
                    "ipam.vlantranslationrule",
                    cond,
                    &[],
                    "policy_id",
                    Mode::Brief,
                )
                .await?;
                put_lists(&mut out, f.name, rows, by);
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Rows of `model` matching `cond`, rendered in `mode` and grouped by the value of `by_col`.
pub(crate) async fn related(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    model: &str,
    cond: Condition,
    order: &[crud::OrderTerm],
    by_col: &str,
    mode: Mode,
) -> Result<HashMap<i64, Vec<J>>> {
    let mut by: HashMap<i64, Vec<J>> = HashMap::new();
    let Some(rm) = ctx.reg.get(model) else {
        return Ok(by);
    };
    let found = crud::list(ex, rm, cond, order, None, 0).await?;
    let rendered = render(ex, ctx, rm, &found, mode, &Selection::default()).await?;
    for (o, j) in found.iter().zip(rendered) {
        if let Some(p) = o.int(by_col) {
            by.entry(p).or_default().push(j);
        }
    }
    Ok(by)
}

/// Stores one list per row (empty when nothing relates).
pub(crate) fn put_lists(
    out: &mut HashMap<(&'static str, i64), J>,
    name: &'static str,
    rows: &[Row],
    mut by: HashMap<i64, Vec<J>>,
) {
    for r in rows {
        out.insert((name, r.id), J::Array(by.remove(&r.id).unwrap_or_default()));
    }
}

/// Python's `str(round(x, 2))`: "0.0", "0.9", "50.0".
fn trim_float(x: f64) -> String {
    format!("{:?}", (x * 100.0).round() / 100.0)
}

/// The VID ranges of a VLAN group row.
pub fn vid_ranges(r: &Row) -> Vec<(i64, i64)> {
    let v: J = serde_json::from_str(r.text("vid_ranges")).unwrap_or(J::Null);
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p.get(0)?.as_i64()?, p.get(1)?.as_i64()?)))
                .collect()
        })
        .unwrap_or_default()
}

/// `id → parent id` of every node of a tree model (tree tables are small: groups, regions).
pub async fn tree_parents(ex: &mut Ex<'_>, m: &Model) -> Result<HashMap<i64, Option<i64>>> {
    let parent = format!("{}_id", m.tree_parent.unwrap_or("parent"));
    let q = Query::select()
        .column(Alias::new("id"))
        .column(Alias::new(parent.as_str()))
        .from(Alias::new(m.table))
        .to_owned();
    let rows = ex.fetch(&q, &[ColType::Int, ColType::Int]).await?;
    Ok(rows
        .iter()
        .filter_map(|r| Some((r[0].as_i64()?, r[1].as_i64())))
        .collect())
}

async fn tree_depths(ex: &mut Ex<'_>, m: &Model) -> Result<HashMap<i64, i64>> {
    let parent = format!("{}_id", m.tree_parent.unwrap_or("parent"));
    let q = Query::select()
        .column(Alias::new("id"))
        .column(Alias::new(parent.as_str()))
        .from(Alias::new(m.table))
        .to_owned();
    let rows = ex.fetch(&q, &[ColType::Int, ColType::Int]).await?;
    let parents: HashMap<i64, Option<i64>> = rows
        .iter()
        .filter_map(|r| Some((r[0].as_i64()?, r[1].as_i64())))
        .collect();
    let mut out = HashMap::new();
    for &id in parents.keys() {
        let mut d = 0;
        let mut cur = parents.get(&id).copied().flatten();
        while let Some(p) = cur {
            d += 1;
            if d > 1000 {
                break;
            }
            cur = parents.get(&p).copied().flatten();
        }
        out.insert(id, d);
    }
    Ok(out)
}

/// Validation and derived columns before a write. Adds field errors to the draft.
pub async fn before_save(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    d: &mut Draft,
    old: Option<&Row>,
) -> Result<()> {
    if let Some(p) = m.tree_parent {
        let pc = format!("{p}_id");
        if let (Some(o), Value::Int(parent)) = (old, d.val(old, &pc).clone()) {
            let mut cur = Some(parent);
            let mut hops = 0;
            while let Some(c) = cur {
                if c == o.id {
                    d.errors
                        .add(p, "Cannot assign self or a descendant as parent.");
                    break;
                }
                hops += 1;
                if hops > 1000 {
                    break;
                }
                cur = crud::get(ex, m, c).await?.and_then(|r| r.int(&pc));
            }
        }
    }
    // A generic reference needs both halves: the one left out "cannot be null".
    for f in &m.fields {
        if let Kind::GenericFk {
            type_field,
            id_field,
        } = f.kind
        {
            let (t, i) = (d.val(old, type_field), d.val(old, id_field));
            let blank = |v: &Value| v.is_null() || v.as_str() == Some("");
            if blank(t) != blank(i) && !d.errors.has(type_field) && !d.errors.has(id_field) {
                let missing = if blank(t) { type_field } else { id_field };
                d.errors.add(missing, "This field cannot be null.");
            }
        }
    }
    // A site's time zone is an IANA name (NetBox's TimeZoneField).
    if m.field_named("time_zone").is_some()
        && let Some(Value::Text(tz)) = d.cols.get("time_zone")
        && !tz.is_empty()
        && !ironbox_core::tz::is_time_zone(tz)
    {
        d.errors.add("time_zone", "A valid timezone is required.");
    }
    // Colours (tags, roles, cables) are six hex digits, like NetBox's ColorField.
    if m.field_named("color").is_some()
        && let Some(Value::Text(c)) = d.cols.get("color")
        && !c.is_empty()
        && !(c.len() == 6 && c.chars().all(|x| x.is_ascii_hexdigit()))
    {
        d.errors
            .add("color", "Enter a valid hexadecimal RGB color code.");
    }
    if m.app == "dcim" {
        crate::dcim::before_save(ex, ctx, m, d, old).await?;
    }
    if m.key() == "ipam.ipaddress"
        && let Some(o) = old
    {
        crate::dcim::ip_before_save(ex, ctx, d, o).await?;
    }
    if m.field_named("_site").is_some() && ctx.reg.get("dcim.site").is_some() {
        crate::dcim::scope_cache(ex, ctx, d, old).await?;
    }
    match m.key().as_str() {
        "users.objectpermission" => {
            let merged = |c: &str| -> J {
                d.val(old, c)
                    .as_str()
                    .and_then(|s| serde_json::from_str(s).ok())
                    .unwrap_or(J::Null)
            };
            let (types, actions, cons) = (
                merged("object_types"),
                merged("actions"),
                merged("constraints"),
            );
            let backend = ex.backend();
            let mut errs = ironbox_core::FieldErrors::new();
            crate::authz::validate_permission(
                &ctx.reg, &types, &actions, &cons, &mut errs, backend,
            );
            // Fields already refused (missing, malformed) keep their first message only.
            for (k, msgs) in errs.0 {
                if !d.errors.has(&k) {
                    for msg in msgs {
                        d.errors.add(&k, msg);
                    }
                }
            }
        }
        // Only a superuser makes or unmakes superusers.
        "users.user" if d.cols.contains_key("is_superuser") && !ctx.actor.superuser => {
            let now = d.val(None, "is_superuser").as_bool();
            if now != old.is_some_and(|o| o.get("is_superuser").as_bool()) {
                d.errors.add(
                    "is_superuser",
                    "Only a superuser may grant or revoke superuser status.",
                );
            }
        }
        "ipam.prefix" => {
            if d.errors.has("prefix") {
                return Ok(());
            }
            let key = d.val(old, "prefix_key").clone();
            let len = d.val(old, "prefix_len").clone();
            let vrf = d.val(old, "vrf_id").clone();
            let changed = old.is_none()
                || ["prefix_key", "prefix_len", "vrf_id"].iter().any(|c| {
                    d.cols.contains_key(*c) && Some(d.val(None, c)) != old.map(|o| o.get(c))
                });
            if !changed {
                return Ok(());
            }
            let (label, enforce) = match vrf_label(ex, ctx, &vrf).await? {
                Some((l, e)) => (format!("VRF {l}"), e),
                None => ("global table".to_string(), true),
            };
            if enforce {
                ex.lock(ironbox_store::exec::lock_key(&[
                    b"prefix",
                    &vrf.as_i64().unwrap_or(0).to_be_bytes(),
                    key.as_bytes().unwrap_or_default(),
                ]))
                .await?;
                let mut cond = vrf_cond(&vrf)
                    .add(col("prefix_key").eq(ironbox_store::exec::sqv(&key)))
                    .add(col("prefix_len").eq(ironbox_store::exec::sqv(&len)));
                if let Some(o) = old {
                    cond = cond.add(col("id").ne(o.id));
                }
                if crud::count(ex, m, cond).await? > 0 {
                    d.errors.add(
                        "prefix",
                        format!(
                            "Duplicate prefix found in {label}: {}",
                            d.val(old, "prefix").as_str().unwrap_or("")
                        ),
                    );
                }
            }
        }
        "ipam.ipaddress" => {
            if d.errors.has("address") {
                return Ok(());
            }
            if d.val(old, "address_len").as_i64() == Some(0) {
                d.errors
                    .add("address", "Cannot create IP address with /0 mask.");
                return Ok(());
            }
            let key = d.val(old, "address_key").clone();
            let vrf = d.val(old, "vrf_id").clone();
            let changed = old.is_none()
                || ["address_key", "vrf_id"].iter().any(|c| {
                    d.cols.contains_key(*c) && Some(d.val(None, c)) != old.map(|o| o.get(c))
                });
            if !changed {
                return Ok(());
            }
            let (label, enforce) = match vrf_label(ex, ctx, &vrf).await? {
                Some((l, e)) => (format!("VRF {l}"), e),
                None => ("global table".to_string(), true),
            };
            // Serialise writers of the same address (allocators take the same key).
            ex.lock(address_lock(&vrf, key.as_bytes().unwrap_or_default()))
                .await?;
            let status = d
                .val(old, "status")
                .as_str()
                .unwrap_or("active")
                .to_string();
            let role = d.val(old, "role").as_str().unwrap_or("").to_string();
            // NetBox exempts anycast/VIP-style roles from uniqueness.
            if enforce
                && !matches!(
                    role.as_str(),
                    "anycast" | "vip" | "vrrp" | "hsrp" | "glbp" | "carp"
                )
                && status != "dhcp"
                && status != "slaac"
            {
                let mut cond =
                    vrf_cond(&vrf).add(col("address_key").eq(ironbox_store::exec::sqv(&key)));
                if let Some(o) = old {
                    cond = cond.add(col("id").ne(o.id));
                }
                // One column: this runs once per created address, bulk creates included.
                let q = sea_query::Query::select()
                    .column(sea_query::Alias::new("address"))
                    .from(sea_query::Alias::new(m.table))
                    .cond_where(cond)
                    .limit(1)
                    .to_owned();
                let found = ex.fetch(&q, &[ironbox_core::meta::ColType::Text]).await?;
                if let Some(dup) = found.into_iter().flatten().next() {
                    d.errors.add(
                        "address",
                        format!(
                            "Duplicate IP address found in {label}: {}",
                            dup.as_str().unwrap_or_default()
                        ),
                    );
                }
            }
        }
        "ipam.iprange" => {
            if d.errors.has("start_address") || d.errors.has("end_address") {
                return Ok(());
            }
            let (Some(s), Some(e)) = (
                d.val(old, "start_address").as_str().and_then(IpNet::parse),
                d.val(old, "end_address").as_str().and_then(IpNet::parse),
            ) else {
                return Ok(());
            };
            if s.family != e.family {
                d.errors.add(
                    "end_address",
                    "Starting and ending IP address versions must match",
                );
            } else if s.len != e.len {
                d.errors.add(
                    "end_address",
                    "Starting and ending IP address masks must match",
                );
            } else if e.addr < s.addr {
                d.errors.add(
                    "end_address",
                    format!(
                        "Ending address must be greater than or equal to the starting address ({s})"
                    ),
                );
            } else {
                let vrf = d.val(old, "vrf_id").clone();
                let mut cond = vrf_cond(&vrf)
                    .add(col("start_address_key").lte(e.key()))
                    .add(col("end_address_key").gte(s.key()));
                if let Some(o) = old {
                    cond = cond.add(col("id").ne(o.id));
                }
                if let Some(other) = crud::list(ex, m, cond, &[], Some(1), 0)
                    .await?
                    .into_iter()
                    .next()
                {
                    let vl = vrf_label(ex, ctx, &vrf)
                        .await?
                        .map_or("global table".into(), |(l, _)| format!("VRF {l}"));
                    d.errors.add(
                        "__all__",
                        format!(
                            "Defined addresses overlap with range {} in {vl}",
                            (m.display)(&other)
                        ),
                    );
                }
            }
        }
        "ipam.aggregate" => {
            if d.errors.has("prefix") {
                return Ok(());
            }
            let (Some(first), Some(last)) = (
                d.val(old, "prefix_key").as_bytes().map(<[u8]>::to_vec),
                d.val(old, "prefix_last").as_bytes().map(<[u8]>::to_vec),
            ) else {
                return Ok(());
            };
            let mut cond = Condition::all()
                .add(col("prefix_key").lte(last))
                .add(col("prefix_last").gte(first));
            if let Some(o) = old {
                cond = cond.add(col("id").ne(o.id));
            }
            if let Some(other) = crud::list(ex, m, cond, &[], Some(1), 0)
                .await?
                .into_iter()
                .next()
            {
                let p = d.val(old, "prefix").as_str().unwrap_or("").to_string();
                let other_p = other.text("prefix").to_string();
                let msg = match (IpNet::parse(&p), IpNet::parse(&other_p)) {
                    (Some(a), Some(b)) if a.contains(&b) => format!(
                        "Aggregates cannot overlap. {p} covers an existing aggregate ({other_p})."
                    ),
                    _ => format!(
                        "Aggregates cannot overlap. {p} is already covered by an existing aggregate ({other_p})."
                    ),
                };
                d.errors.add("prefix", msg);
            }
        }
        "ipam.asnrange" => {
            if let (Some(s), Some(e)) = (d.val(old, "start").as_i64(), d.val(old, "end").as_i64())
                && s > e
            {
                d.errors.add(
                    "__all__",
                    format!("Starting ASN ({s}) cannot be higher than ending ASN ({e})."),
                );
            }
        }
        "ipam.vrf" if d.val(old, "rd").as_str() == Some("") => {
            d.cols.insert("rd".into(), Value::Null);
        }
        "ipam.vlangroup" => {
            if let Some(Value::Text(s)) = d.cols.get("vid_ranges").cloned() {
                let v: J = serde_json::from_str(&s).unwrap_or(J::Null);
                let mut ok = Vec::new();
                let mut bad = false;
                match v.as_array() {
                    Some(a) => {
                        for p in a {
                            let pair = p
                                .as_array()
                                .and_then(|x| Some((x.first()?.as_i64()?, x.get(1)?.as_i64()?)))
                                .or_else(|| {
                                    let lo = p.get("lower")?.as_i64()?;
                                    let hi = p.get("upper")?.as_i64()?;
                                    Some((lo, hi))
                                });
                            match pair {
                                Some((lo, hi))
                                    if (1..=4094).contains(&lo)
                                        && (1..=4094).contains(&hi)
                                        && lo <= hi =>
                                {
                                    ok.push(json!([lo, hi]))
                                }
                                _ => bad = true,
                            }
                        }
                    }
                    None => bad = true,
                }
                if bad {
                    d.errors.add(
                        "vid_ranges",
                        "Ranges must be pairs of VLAN IDs between 1 and 4094, lower bound first.",
                    );
                } else {
                    d.cols
                        .insert("vid_ranges".into(), Value::Text(J::Array(ok).to_string()));
                }
            }
        }
        "ipam.vlan" => {
            if let (Value::Int(g), Some(vid)) =
                (d.val(old, "group_id").clone(), d.val(old, "vid").as_i64())
                && let Some(gm) = ctx.reg.get("ipam.vlangroup")
                && let Some(gr) = crud::get(ex, gm, g).await?
            {
                let ranges = vid_ranges(&gr);
                if !ranges.iter().any(|(a, b)| (*a..=*b).contains(&vid)) {
                    let shown = ranges
                        .iter()
                        .map(|(a, b)| {
                            if a == b {
                                a.to_string()
                            } else {
                                format!("{a}-{b}")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    d.errors.add(
                        "vid",
                        format!(
                            "VID must be in ranges {shown} for VLANs in group {}",
                            gr.text("name")
                        ),
                    );
                }
            }
        }
        "ipam.servicetemplate" | "ipam.service" => port_mappings(d, old),
        "users.token" => {
            if let Some(Value::Text(s)) = d.cols.get("allowed_ips").cloned() {
                let v: J = serde_json::from_str(&s).unwrap_or(J::Null);
                match v.as_array() {
                    Some(a) => {
                        for n in a {
                            if n.as_str().and_then(IpNet::parse).is_none() {
                                d.errors.add(
                                    "allowed_ips",
                                    format!("Enter a valid IPv4 or IPv6 network: {n}"),
                                );
                            }
                        }
                    }
                    None if v.is_null() => {
                        d.cols
                            .insert("allowed_ips".into(), Value::Text("[]".into()));
                    }
                    None => d.errors.add("allowed_ips", "Expected a list of items."),
                }
            }
        }
        "users.user" => {
            if let Some(Value::Text(pw)) = d.cols.get("password").cloned() {
                d.cols.insert(
                    "password".into(),
                    Value::Text(ironbox_auth::password::hash(&pw).map_err(Error::internal)?),
                );
            }
            if old.is_none() && !d.cols.contains_key("date_joined") {
                d.cols
                    .insert("date_joined".into(), Value::Text(ironbox_core::time::now()));
            }
        }
        _ => {}
    }
    Ok(())
}

/// NetBox 4.7's service port mappings: `port_mappings` (`["tcp/443", "tcp/80"]`, input order) is
/// the stored truth; the legacy `protocol` + `ports` are accepted on write and derived on read
/// (null when mappings mix protocols, ports sorted).
fn port_mappings(d: &mut Draft, old: Option<&Row>) {
    let mut mappings: Vec<(String, i64)> = Vec::new();
    let field;
    if d.given.contains("port_mappings") {
        field = "port_mappings";
        let v: J = d
            .val(old, "port_mappings")
            .as_str()
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or(J::Null);
        let Some(items) = v.as_array() else {
            d.errors.add(field, "Expected a list of items.");
            return;
        };
        for it in items {
            let parsed = it
                .as_str()
                .and_then(|m| m.split_once('/'))
                .and_then(|(p, n)| Some((p.to_string(), n.parse::<i64>().ok()?)));
            match parsed {
                Some((p, n))
                    if SERVICE_PROTOCOLS.contains(&p.as_str()) && (1..=65535).contains(&n) =>
                {
                    mappings.push((p, n))
                }
                _ => d.errors.add(field, format!("Invalid port mapping: {it}")),
            }
        }
    } else if d.given.contains("protocol") || d.given.contains("ports") || old.is_none() {
        field = "ports";
        let protocol = d.val(old, "protocol").as_str().unwrap_or("").to_string();
        let ports: J = d
            .val(old, "ports")
            .as_str()
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or(J::Null);
        if protocol.is_empty() {
            d.errors.add("protocol", "This field is required.");
            return;
        }
        let Some(items) = ports.as_array().filter(|a| !a.is_empty()) else {
            d.errors.add("ports", "This field is required.");
            return;
        };
        for p in items {
            match p.as_i64() {
                Some(n) if (1..=65535).contains(&n) => mappings.push((protocol.clone(), n)),
                _ => d.errors.add(
                    "ports",
                    format!("Ensure this value is between 1 and 65535: {p}"),
                ),
            }
        }
    } else {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    for (p, n) in &mappings {
        if !seen.insert((p.clone(), *n)) {
            d.errors
                .add(field, format!("Duplicate port mapping: {p}/{n}"));
            return;
        }
    }
    if mappings.is_empty() && !d.errors.has(field) {
        d.errors.add(field, "This list may not be empty.");
        return;
    }
    let list: Vec<String> = mappings.iter().map(|(p, n)| format!("{p}/{n}")).collect();
    d.cols
        .insert("port_mappings".into(), Value::Text(json!(list).to_string()));
    let first = mappings.first().map(|m| m.0.clone()).unwrap_or_default();
    if mappings.iter().all(|m| m.0 == first) {
        let mut ports: Vec<i64> = mappings.iter().map(|m| m.1).collect();
        ports.sort_unstable();
        d.cols.insert("protocol".into(), Value::Text(first));
        d.cols
            .insert("ports".into(), Value::Text(json!(ports).to_string()));
    } else {
        d.cols.insert("protocol".into(), Value::Null);
        d.cols.insert("ports".into(), Value::Text("null".into()));
    }
}

/// Protocols a service port mapping may name.
pub const SERVICE_PROTOCOLS: &[&str] = &["tcp", "udp", "sctp"];

/// The lock key that every writer of one address takes.
pub fn address_lock(vrf: &Value, key: &[u8]) -> i64 {
    ironbox_store::exec::lock_key(&[b"ip", &vrf.as_i64().unwrap_or(0).to_be_bytes(), key])
}

/// Bookkeeping after a write (prefix depth and children counts).
pub async fn after_save(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    old: Option<&Row>,
    new: &Row,
    d: &Draft,
) -> Result<()> {
    if m.app == "dcim" {
        crate::dcim::after_save(ex, ctx, m, old, new, d).await?;
    }

    if m.key() == "ipam.vlangroup"
        && old.is_none_or(|o| o.get("vid_ranges") != new.get("vid_ranges"))
    {
        let del = Query::delete()
            .from_table(Alias::new("ipam_vlangroup_vid_ranges"))
            .and_where(col("vlangroup_id").eq(new.id))
            .to_owned();
        ex.delete(&del).await?;
        for (lo, hi) in vid_ranges(new) {
            let ins = Query::insert()
                .into_table(Alias::new("ipam_vlangroup_vid_ranges"))
                .columns([
                    Alias::new("vlangroup_id"),
                    Alias::new("lower_vid"),
                    Alias::new("upper_vid"),
                ])
                .values_panic([Expr::val(new.id), Expr::val(lo), Expr::val(hi)])
                .to_owned();
            ex.execute_insert(&ins).await?;
        }
    }
    if m.key() == "ipam.prefix" {
        let moved = old.is_none_or(|o| {
            ["prefix_key", "prefix_len", "vrf_id"]
                .iter()
                .any(|c| o.get(c) != new.get(c))
        });
        if moved {
            if let Some(o) = old {
                prefix_tree_adjust(ex, m, o, -1, Some(new.id)).await?;
            }
            prefix_tree_adjust(ex, m, new, 1, Some(new.id)).await?;
            // The prefix's own depth and children.
            let depth = crud::count(ex, m, ancestors(new).add(col("id").ne(new.id))).await?;
            let children = crud::count(ex, m, descendants(new).add(col("id").ne(new.id))).await?;
            let mut cols = indexmap::IndexMap::new();
            cols.insert("depth".to_string(), Value::Int(depth));
            cols.insert("children".to_string(), Value::Int(children));
            crud::update(ex, m, new.id, &cols).await?;
        }
    }
    Ok(())
}

fn ancestors(p: &Row) -> Condition {
    vrf_cond(p.get("vrf_id"))
        .add(col("prefix_key").lte(ironbox_store::exec::sqv(p.get("prefix_key"))))
        .add(col("prefix_last").gte(ironbox_store::exec::sqv(p.get("prefix_last"))))
        .add(col("prefix_len").lt(p.int("prefix_len").unwrap_or(0)))
}

fn descendants(p: &Row) -> Condition {
    vrf_cond(p.get("vrf_id"))
        .add(col("prefix_key").gte(ironbox_store::exec::sqv(p.get("prefix_key"))))
        .add(col("prefix_last").lte(ironbox_store::exec::sqv(p.get("prefix_last"))))
        .add(col("prefix_len").gt(p.int("prefix_len").unwrap_or(0)))
}

async fn prefix_tree_adjust(
    ex: &mut Ex<'_>,
    m: &Model,
    p: &Row,
    delta: i64,
    skip: Option<i64>,
) -> Result<()> {
    let skip_cond = |c: Condition| match skip {
        Some(s) => c.add(col("id").ne(s)),
        None => c,
    };
    let up = Query::update()
        .table(Alias::new(m.table))
        .value(
            Alias::new("children"),
            Expr::col(Alias::new("children")).add(delta),
        )
        .cond_where(skip_cond(ancestors(p)))
        .to_owned();
    ex.update(&up).await?;
    let down = Query::update()
        .table(Alias::new(m.table))
        .value(
            Alias::new("depth"),
            Expr::col(Alias::new("depth")).add(delta),
        )
        .cond_where(skip_cond(descendants(p)))
        .to_owned();
    ex.update(&down).await?;
    Ok(())
}

/// Checks before a delete.
pub async fn before_delete(_ex: &mut Ex<'_>, _ctx: &Ctx, _m: &Model, _old: &Row) -> Result<()> {
    Ok(())
}

/// Bookkeeping after a delete.
pub async fn after_delete(ex: &mut Ex<'_>, _ctx: &Ctx, m: &Model, old: &Row) -> Result<()> {
    if m.key() == "ipam.prefix" {
        prefix_tree_adjust(ex, m, old, -1, Some(old.id)).await?;
    }
    Ok(())
}
