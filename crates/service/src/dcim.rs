//! DCIM rules: natural names, components from templates, cables, traced paths, port mappings
//! and primary IPs.

use crate::Ctx;
use crate::hooks::{put_lists, related};
use crate::render::{Mode, Selection, render};
use crate::write::Draft;
use indexmap::IndexMap;
use ironbox_core::meta::{ColType, Kind, Model, Row};
use ironbox_core::{Error, Result, Value};
use ironbox_store::{Backend, Ex, crud};
use sea_query::{Alias, Condition, Expr, ExprTrait, Func, Query};
use serde_json::{Value as J, json};
use std::collections::{HashMap, HashSet};

/// Models a cable path starts and ends at.
pub const ENDPOINTS: &[&str] = &[
    "dcim.interface",
    "dcim.consoleport",
    "dcim.consoleserverport",
    "dcim.powerport",
    "dcim.poweroutlet",
    "dcim.powerfeed",
];

/// Models a cable can attach to.
pub const CABLED: &[&str] = &[
    "dcim.interface",
    "dcim.consoleport",
    "dcim.consoleserverport",
    "dcim.powerport",
    "dcim.poweroutlet",
    "dcim.powerfeed",
    "dcim.frontport",
    "dcim.rearport",
];

/// Which termination types may face each other across a cable (NetBox's compatibility table).
fn compatible(a: &str, b: &str) -> bool {
    let ok = |x: &str| -> &'static [&'static str] {
        match x {
            "dcim.interface" => &["dcim.interface", "dcim.frontport", "dcim.rearport"],
            "dcim.consoleport" => &["dcim.consoleserverport", "dcim.frontport", "dcim.rearport"],
            "dcim.consoleserverport" => &["dcim.consoleport", "dcim.frontport", "dcim.rearport"],
            "dcim.powerport" => &["dcim.poweroutlet", "dcim.powerfeed"],
            "dcim.poweroutlet" => &["dcim.powerport"],
            "dcim.powerfeed" => &["dcim.powerport"],
            "dcim.frontport" | "dcim.rearport" => &[
                "dcim.interface",
                "dcim.consoleport",
                "dcim.consoleserverport",
                "dcim.frontport",
                "dcim.rearport",
            ],
            _ => &[],
        }
    };
    ok(a).contains(&b)
}

/// Interface types that cannot take a cable.
const UNCABLED_INTERFACE_TYPES: &[&str] = &["virtual", "bridge", "lag"];

/// Template model → component model.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("dcim.consoleporttemplate", "dcim.consoleport"),
    ("dcim.consoleserverporttemplate", "dcim.consoleserverport"),
    ("dcim.powerporttemplate", "dcim.powerport"),
    ("dcim.poweroutlettemplate", "dcim.poweroutlet"),
    ("dcim.interfacetemplate", "dcim.interface"),
    ("dcim.rearporttemplate", "dcim.rearport"),
    ("dcim.frontporttemplate", "dcim.frontport"),
    ("dcim.coolingintaketemplate", "dcim.coolingintake"),
    ("dcim.coolingoutflowtemplate", "dcim.coolingoutflow"),
    ("dcim.modulebaytemplate", "dcim.modulebay"),
    ("dcim.devicebaytemplate", "dcim.devicebay"),
    ("dcim.inventoryitemtemplate", "dcim.inventoryitem"),
];

fn col(c: &str) -> Expr {
    Expr::col(Alias::new(c))
}

fn model<'a>(ctx: &'a Ctx, key: &str) -> Result<&'a Model> {
    ctx.reg
        .get(key)
        .ok_or_else(|| Error::internal(format!("model {key} is not registered")))
}

/// NetBox's `naturalize`: digit runs padded to eight places, so `rack10` sorts after `rack9`.
pub fn naturalize(value: &str, max: usize) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if !digits.is_empty() {
            out.push_str(&format!("{digits:0>8}"));
            digits.clear();
        }
    };
    for c in value.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out.chars().take(max).collect()
}

fn take_digits(s: &str) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (n > 0).then(|| s.split_at(n))
}

/// NetBox's `naturalize_interface`: slot/subslot/position/subposition first, then the type, then
/// id, channel and virtual circuit, so `Gi1/0/9` sorts before `Gi1/0/10` and `et-0/0/2` before
/// `et-0/0/10`.
pub fn naturalize_interface(value: &str, max: usize) -> String {
    let type_len = value
        .find(|c: char| c.is_ascii_digit() || c == '.' || c == ':')
        .unwrap_or(value.len());
    let (ty, mut rest) = value.split_at(type_len);
    let mut slots: Vec<String> = Vec::new();
    while slots.len() < 4 {
        match take_digits(rest) {
            Some((d, r)) if r.starts_with('/') => {
                slots.push(d.to_string());
                rest = &r[1..];
            }
            _ => break,
        }
    }
    let mut out = String::new();
    for i in 0..4 {
        match slots.get(i) {
            Some(s) => out.push_str(&format!("{s:0>4}")),
            None => out.push_str("9999"),
        }
    }
    out.push_str(ty);
    let mut part = |rest: &mut &str, prefix: Option<char>| {
        let s = match prefix {
            Some(p) if rest.starts_with(p) => &rest[1..],
            Some(_) => {
                out.push_str("......");
                return;
            }
            None => rest,
        };
        match take_digits(s) {
            Some((d, r)) => {
                out.push_str(&format!("{d:0>6}"));
                *rest = r;
            }
            None => out.push_str("......"),
        }
    };
    part(&mut rest, None);
    part(&mut rest, Some(':'));
    part(&mut rest, Some('.'));
    if !rest.is_empty() && out.len() < max {
        let room = max - out.len();
        out.push_str(&naturalize(rest, room));
    }
    out.chars().take(max).collect()
}

/// The hidden sort keys of a name: `_name` (the default order; NetBox's interface key for
/// interfaces) and `_name_nat` (explicit `ordering=name`: digits as numbers, case folded).
pub fn name_keys(key: &str, name: &str) -> Vec<(&'static str, String)> {
    let folded = naturalize(&name.to_lowercase(), 100);
    if key == "dcim.interface" || key == "dcim.interfacetemplate" {
        vec![
            ("_name", naturalize_interface(name, 100)),
            ("_name_nat", folded),
        ]
    } else {
        vec![("_name", folded)]
    }
}

/// What a rack copies from its rack type (NetBox's `Rack.RACKTYPE_FIELDS`).
const RACKTYPE_FIELDS: &[&str] = &[
    "form_factor",
    "width",
    "u_height",
    "starting_unit",
    "desc_units",
    "outer_width",
    "outer_height",
    "outer_depth",
    "outer_unit",
    "mounting_depth",
    "weight",
    "weight_unit",
    "max_weight",
    "cooling_capability",
    "cooling_capacity",
];

/// Validation and derived columns before a DCIM write.
pub async fn before_save(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    d: &mut Draft,
    old: Option<&Row>,
) -> Result<()> {
    let key = m.key();
    if m.field_named("_name").is_some() {
        let name = d.val(old, "name").as_str().unwrap_or_default().to_string();
        for (c, v) in name_keys(&key, &name) {
            d.cols.insert(c.into(), Value::Text(v));
        }
    }
    if key == "dcim.macaddress"
        && let Some(Value::Text(mac)) = d.cols.get("mac_address").cloned()
    {
        match normalize_mac(&mac) {
            Some(n) => {
                d.cols.insert("mac_address".into(), Value::Text(n));
            }
            None => d
                .errors
                .add("mac_address", format!("Invalid MAC address format: {mac}")),
        }
    }
    match key.as_str() {
        "dcim.device" => device_rules(ex, ctx, d, old).await?,
        "dcim.rack" => {
            // A rack of a rack type takes the type's physical attributes (Rack.save()).
            if let Some(rt) = d.val(old, "rack_type_id").as_i64()
                && let Some(t) = crud::get(ex, model(ctx, "dcim.racktype")?, rt).await?
            {
                for c in RACKTYPE_FIELDS {
                    d.cols.insert((*c).into(), t.get(c).clone());
                }
            }
        }
        "dcim.interface"
            if d.val(old, "untagged_vlan_id").as_i64().is_some()
                && d.val(old, "mode").as_str().unwrap_or_default().is_empty() =>
        {
            d.errors.add(
                "untagged_vlan",
                "Interface mode does not support untagged vlan",
            );
        }
        "dcim.interface" => {
            if d.cols.contains_key("primary_mac_address_id")
                && let Some(mac) = d.val(old, "primary_mac_address_id").as_i64()
                && let Some(mr) = crud::get(ex, model(ctx, "dcim.macaddress")?, mac).await?
                && (mr.text("assigned_object_type") != "dcim.interface"
                    || mr.int("assigned_object_id") != old.map(|o| o.id))
            {
                let other = match (
                    mr.text("assigned_object_type"),
                    mr.int("assigned_object_id"),
                ) {
                    ("dcim.interface", Some(i)) => crud::get(ex, model(ctx, "dcim.interface")?, i)
                        .await?
                        .map(|x| x.text("name").to_string()),
                    _ => None,
                };
                match other {
                    Some(name) => d.errors.add(
                        "__all__",
                        format!(
                            "MAC address {} is assigned to a different interface ({name}).",
                            mr.text("mac_address")
                        ),
                    ),
                    None => d.errors.add(
                        "__all__",
                        format!(
                            "MAC address {} is not assigned to this interface.",
                            mr.text("mac_address")
                        ),
                    ),
                }
            }
            if let Some(t) = d.val(old, "type").as_str()
                && UNCABLED_INTERFACE_TYPES.contains(&t)
                && old.is_some_and(|o| o.int("cable_id").is_some())
            {
                d.errors.add(
                    "type",
                    format!("Interfaces with a cable attached cannot be of type {t}."),
                );
            }
            for f in ["parent", "bridge", "lag"] {
                let c = format!("{f}_id");
                if let (Some(o), Some(v)) = (old, d.val(old, &c).as_i64())
                    && v == o.id
                {
                    d.errors
                        .add(f, format!("An interface cannot be its own {f}."));
                }
            }
            let tagged: Vec<i64> = match d.m2m.iter().find(|(n, _)| *n == "tagged_vlans") {
                Some((_, ids)) => ids.clone(),
                None => match old {
                    Some(o) => crud::m2m_get(
                        ex,
                        "dcim_interface_tagged_vlans",
                        "interface_id",
                        "vlan_id",
                        &[o.id],
                    )
                    .await?
                    .remove(&o.id)
                    .unwrap_or_default(),
                    None => Vec::new(),
                },
            };
            // VLANs must be global or of the device's site.
            let site = match d.val(old, "device_id").as_i64() {
                Some(dev) => crud::get(ex, model(ctx, "dcim.device")?, dev)
                    .await?
                    .and_then(|x| x.int("site_id")),
                None => None,
            };
            let vm = model(ctx, "ipam.vlan")?;
            let mut check: Vec<(&str, i64)> = tagged.iter().map(|v| ("tagged_vlans", *v)).collect();
            if let Some(u) = d.val(old, "untagged_vlan_id").as_i64() {
                check.push(("untagged_vlan", u));
            }
            for (f, vid) in check {
                if let Some(v) = crud::get(ex, vm, vid).await?
                    && let Some(vs) = v.int("site_id")
                    && Some(vs) != site
                {
                    d.errors.add(
                        f,
                        if f == "untagged_vlan" {
                            format!(
                                "The untagged VLAN ({} ({})) must belong to the same site as the interface's parent device, or it must be global.",
                                v.text("name"),
                                v.int("vid").unwrap_or_default()
                            )
                        } else {
                            format!(
                                "VLAN {} ({}) must belong to the same site as the interface's parent device, or it must be global.",
                                v.text("name"),
                                v.int("vid").unwrap_or_default()
                            )
                        },
                    );
                }
            }
            if d.val(old, "mode").as_str().unwrap_or_default() != "tagged" && !tagged.is_empty() {
                d.errors.add(
                    "tagged_vlans",
                    "Interface mode does not support tagged vlans",
                );
            }
        }
        "dcim.rackreservation" => {
            let units: Vec<i64> = match d.val(old, "units") {
                Value::Text(t) => serde_json::from_str(t).unwrap_or_default(),
                _ => Vec::new(),
            };
            if let Some(rack) = d.val(old, "rack_id").as_i64()
                && let Some(r) = crud::get(ex, model(ctx, "dcim.rack")?, rack).await?
            {
                let start = r.int("starting_unit").unwrap_or(1);
                let h = r.int("u_height").unwrap_or(42);
                let bad: Vec<String> = units
                    .iter()
                    .filter(|u| **u < start || **u >= start + h)
                    .map(|u| u.to_string())
                    .collect();
                if !bad.is_empty() {
                    d.errors.add(
                        "units",
                        format!("Invalid unit(s) for {h}U rack: {}", bad.join(", ")),
                    );
                }
                let others = crud::list(
                    ex,
                    m,
                    Condition::all()
                        .add(col("rack_id").eq(rack))
                        .add(col("id").ne(old.map_or(0, |o| o.id))),
                    &[],
                    None,
                    0,
                )
                .await?;
                let mut taken: Vec<i64> = others
                    .iter()
                    .flat_map(|o| {
                        serde_json::from_str::<Vec<i64>>(o.text("units")).unwrap_or_default()
                    })
                    .filter(|u| units.contains(u))
                    .collect();
                taken.sort_unstable();
                taken.dedup();
                if !taken.is_empty() {
                    d.errors.add(
                        "units",
                        format!(
                            "The following units have already been reserved: {}",
                            taken
                                .iter()
                                .map(i64::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
            }
            if units.is_empty() && old.is_none() {
                d.errors.add("units", "This field is required.");
            }
        }
        "dcim.macaddress" => {
            if let Some(o) = old
                && (d.val(old, "assigned_object_id") != o.get("assigned_object_id")
                    || d.val(old, "assigned_object_type") != o.get("assigned_object_type"))
            {
                let im = model(ctx, "dcim.interface")?;
                let primary = crud::count(
                    ex,
                    im,
                    Condition::all().add(col("primary_mac_address_id").eq(o.id)),
                )
                .await?;
                if primary > 0 {
                    let verb = if d.val(old, "assigned_object_id").is_null() {
                        "unassign"
                    } else {
                        "reassign"
                    };
                    d.errors.add(
                        "__all__",
                        format!("Cannot {verb} MAC Address while it is designated as the primary MAC for an object"),
                    );
                }
            }
        }
        "dcim.devicebay" => {
            // Only a device whose type is a parent holds bays (NetBox's `DeviceBay.clean`).
            if let Some(dev) = d.val(old, "device_id").as_i64()
                && let Some(device) = crud::get(ex, model(ctx, "dcim.device")?, dev).await?
                && let Some(dt) = device.int("device_type_id")
                && let Some(t) = crud::get(ex, model(ctx, "dcim.devicetype")?, dt).await?
                && t.text("subdevice_role") != "parent"
            {
                d.errors.add(
                    "__all__",
                    format!(
                        "This type of device ({}) does not support device bays.",
                        t.text("model")
                    ),
                );
            }
            if d.val(old, "installed_device_id").as_i64().is_some()
                && d.val(old, "installed_device_id") == d.val(old, "device_id")
            {
                d.errors
                    .add("__all__", "Cannot install a device into itself.");
            }
            if let Some(child) = d.val(old, "installed_device_id").as_i64()
                && d.cols.contains_key("installed_device_id")
            {
                let other = crud::list(
                    ex,
                    m,
                    Condition::all()
                        .add(col("installed_device_id").eq(child))
                        .add(col("id").ne(old.map_or(0, |o| o.id))),
                    &[],
                    Some(1),
                    0,
                )
                .await?;
                if let Some(b) = other.first() {
                    d.errors.add(
                        "installed_device",
                        format!(
                            "Cannot install the specified device; device is already installed in {}.",
                            b.text("name")
                        ),
                    );
                }
            }
        }
        "dcim.devicebaytemplate" => {
            if let Some(dt) = d.val(old, "device_type_id").as_i64()
                && let Some(t) = crud::get(ex, model(ctx, "dcim.devicetype")?, dt).await?
                && t.text("subdevice_role") != "parent"
            {
                d.errors.add(
                    "__all__",
                    format!(
                        "Subdevice role of device type ({}) must be set to \"parent\" to allow device bays.",
                        t.text("model")
                    ),
                );
            }
        }
        "dcim.devicetype" => {
            let h = match d.val(old, "u_height") {
                Value::Float(f) => *f,
                Value::Int(i) => *i as f64,
                _ => 1.0,
            };
            if d.val(old, "subdevice_role").as_str() == Some("child") && h != 0.0 {
                d.errors.add("u_height", "Child device types must be 0U.");
            }
            if (h * 2.0).fract() != 0.0 || h < 0.0 {
                d.errors.add(
                    "u_height",
                    "U height must be in increments of 0.5 rack units.",
                );
            }
        }
        "dcim.virtualchassis" => {
            if let (Some(o), Some(master)) = (old, d.val(old, "master_id").as_i64())
                && let Some(dev) = crud::get(ex, model(ctx, "dcim.device")?, master).await?
                && dev.int("virtual_chassis_id") != Some(o.id)
            {
                d.errors.add(
                    "master",
                    format!(
                        "The selected master ({}) is not assigned to this virtual chassis.",
                        dev.text("name")
                    ),
                );
            }
        }
        "dcim.location" => {
            if let (Some(parent), Some(site)) = (
                d.val(old, "parent_id").as_i64(),
                d.val(old, "site_id").as_i64(),
            ) && let Some(p) = crud::get(ex, m, parent).await?
                && p.int("site_id") != Some(site)
            {
                let sm = model(ctx, "dcim.site")?;
                let site_name = crud::get(ex, sm, site)
                    .await?
                    .map(|s| s.text("name").to_string())
                    .unwrap_or_default();
                d.errors.add(
                    "__all__",
                    format!(
                        "Parent location ({}) must belong to the same site ({site_name}).",
                        p.text("name")
                    ),
                );
            }
        }
        _ => {}
    }
    if key == "dcim.cable" {
        if !d.val(old, "length").is_null()
            && d.val(old, "length_unit")
                .as_str()
                .unwrap_or_default()
                .is_empty()
        {
            d.errors
                .add("__all__", "Must specify a unit when setting a cable length");
        }
        // Field-level faults of the ends come first, as DRF validates fields before the object.
        for field in ["a_terminations", "b_terminations"] {
            let items = d.extra.get(field).and_then(J::as_array);
            for (i, it) in items.into_iter().flatten().enumerate() {
                let ty = it
                    .get("object_type")
                    .and_then(J::as_str)
                    .unwrap_or_default();
                if !CABLED.contains(&ty) {
                    return Err(Error::InvalidBody(json!({
                        field: {i.to_string(): {"object_type": [format!("Invalid content type: {ty}")]}}
                    })));
                }
            }
        }
        let empty = |v: Option<&J>| v.is_none_or(|v| v.as_array().is_some_and(Vec::is_empty));
        if old.is_none()
            && (empty(d.extra.get("a_terminations")) || empty(d.extra.get("b_terminations")))
        {
            d.errors.add(
                "__all__",
                "Must define A and B terminations when creating a new cable.",
            );
        }
    }
    Ok(())
}

/// Normalises a MAC address to NetBox's `AA:BB:CC:DD:EE:FF`.
pub fn normalize_mac(s: &str) -> Option<String> {
    let hex: String = s
        .chars()
        .filter(|c| !matches!(c, ':' | '-' | '.' | ' '))
        .collect();
    if hex.len() != 12 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let up = hex.to_ascii_uppercase();
    Some(
        up.as_bytes()
            .chunks(2)
            .map(|c| String::from_utf8_lossy(c).to_string())
            .collect::<Vec<_>>()
            .join(":"),
    )
}

async fn device_rules(ex: &mut Ex<'_>, ctx: &Ctx, d: &mut Draft, old: Option<&Row>) -> Result<()> {
    // NetBox's Device.clean() stops at its first complaint; so do these checks, in its order.
    if let Some((field, msg)) = device_placement_error(ex, ctx, d, old).await? {
        d.errors.add(field, msg);
        return Ok(());
    }
    if d.val(old, "virtual_chassis_id").as_i64().is_some() && d.val(old, "vc_position").is_null() {
        d.errors.add(
            "vc_position",
            "A device assigned to a virtual chassis must have its position defined.",
        );
    }
    if let Some(o) = old
        && let Some(vc) = o.int("virtual_chassis_id")
        && d.val(old, "virtual_chassis_id").as_i64() != Some(vc)
        && let Some(v) = crud::get(ex, model(ctx, "dcim.virtualchassis")?, vc).await?
        && v.int("master_id") == Some(o.id)
    {
        d.errors.add(
            "virtual_chassis",
            format!(
                "Device cannot be removed from virtual chassis {} because it is currently designated as its master.",
                v.text("name")
            ),
        );
    }
    // What Device.save() fills in: the rack's location, and on creation the type's airflow,
    // cooling method and default platform.
    if let Some(r) = d.val(old, "rack_id").as_i64()
        && let Some(rr) = crud::get(ex, model(ctx, "dcim.rack")?, r).await?
        && let Some(loc) = rr.int("location_id")
    {
        d.cols.insert("location_id".into(), Value::Int(loc));
    }
    if old.is_none()
        && let Some(dt) = d.val(old, "device_type_id").as_i64()
        && let Some(t) = crud::get(ex, model(ctx, "dcim.devicetype")?, dt).await?
    {
        for (dev_col, type_col) in [
            ("airflow", "airflow"),
            ("cooling_method", "cooling_method"),
            ("platform_id", "default_platform_id"),
        ] {
            let unset = match d.val(None, dev_col) {
                Value::Null => true,
                Value::Text(s) => s.is_empty(),
                _ => false,
            };
            let inherited = t.get(type_col);
            if unset && !inherited.is_null() {
                d.cols.insert(dev_col.into(), inherited.clone());
            }
        }
    }
    // Primary addresses must belong to this device's interfaces.
    for (field, fam) in [("primary_ip4", 4), ("primary_ip6", 6), ("oob_ip", 0)] {
        let c = format!("{field}_id");
        if !d.cols.contains_key(&c) {
            continue;
        }
        let Some(ip_id) = d.cols[&c].as_i64() else {
            continue;
        };
        let ipm = model(ctx, "ipam.ipaddress")?;
        let Some(ip) = crud::get(ex, ipm, ip_id).await? else {
            continue;
        };
        let addr = ip.text("address").to_string();
        if fam != 0 && ip.int("family") != Some(fam) {
            d.errors
                .add(field, format!("{addr} is not an IPv{fam} address."));
            continue;
        }
        let Some(o) = old else {
            d.errors.add(
                field,
                format!("The specified IP address ({addr}) is not assigned to this device."),
            );
            continue;
        };
        let on_device = match (
            ip.text("assigned_object_type"),
            ip.int("assigned_object_id"),
        ) {
            ("dcim.interface", Some(iid)) => crud::get(ex, model(ctx, "dcim.interface")?, iid)
                .await?
                .is_some_and(|i| i.int("device_id") == Some(o.id)),
            _ => false,
        };
        if !on_device {
            d.errors.add(
                field,
                format!("The specified IP address ({addr}) is not assigned to this device."),
            );
        }
    }
    Ok(())
}

/// Where a device sits: site, location, rack, face and position, checked as NetBox's
/// `Device.clean()` checks them (first failure only), including the rack space it needs.
async fn device_placement_error(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    d: &Draft,
    old: Option<&Row>,
) -> Result<Option<(&'static str, String)>> {
    let site_id = d.val(old, "site_id").as_i64();
    let loc_id = d.val(old, "location_id").as_i64();
    let rack_id = d.val(old, "rack_id").as_i64();
    let face = d.val(old, "face").as_str().unwrap_or_default().to_string();
    let position = match d.val(old, "position") {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    }
    .filter(|p| *p != 0.0);
    let site_name = match site_id {
        Some(s) => crud::get(ex, model(ctx, "dcim.site")?, s)
            .await?
            .map(|r| r.text("name").to_string())
            .unwrap_or_default(),
        None => String::new(),
    };
    let rack = match rack_id {
        Some(r) => crud::get(ex, model(ctx, "dcim.rack")?, r).await?,
        None => None,
    };
    let location = match loc_id {
        Some(l) => crud::get(ex, model(ctx, "dcim.location")?, l).await?,
        None => None,
    };
    if let Some(rr) = &rack
        && rr.int("site_id") != site_id
    {
        return Ok(Some((
            "rack",
            format!(
                "Rack {} does not belong to site {site_name}.",
                ironbox_models::dcim::d_rack(rr)
            ),
        )));
    }
    if let Some(l) = &location
        && l.int("site_id") != site_id
    {
        return Ok(Some((
            "location",
            format!(
                "Location {} does not belong to site {site_name}.",
                l.text("name")
            ),
        )));
    }
    if let (Some(rr), Some(l)) = (&rack, &location)
        && rr.int("location_id") != Some(l.id)
    {
        return Ok(Some((
            "rack",
            format!(
                "Rack {} does not belong to location {}.",
                ironbox_models::dcim::d_rack(rr),
                l.text("name")
            ),
        )));
    }
    if rack.is_none() {
        if !face.is_empty() {
            return Ok(Some((
                "face",
                "Cannot select a rack face without assigning a rack.".into(),
            )));
        }
        if position.is_some() {
            return Ok(Some((
                "position",
                "Cannot select a rack position without assigning a rack.".into(),
            )));
        }
    }
    if let Some(p) = position {
        if (p * 2.0).fract() != 0.0 {
            return Ok(Some((
                "position",
                "Position must be in increments of 0.5 rack units.".into(),
            )));
        }
        if face.is_empty() {
            return Ok(Some((
                "face",
                "Must specify rack face when defining rack position.".into(),
            )));
        }
    }
    let dtm = model(ctx, "dcim.devicetype")?;
    let Some(dt) = (match d.val(old, "device_type_id").as_i64() {
        Some(t) => crud::get(ex, dtm, t).await?,
        None => None,
    }) else {
        return Ok(None);
    };
    let u_height = dt.float("u_height").unwrap_or(1.0);
    if position.is_some() && u_height == 0.0 {
        return Ok(Some((
            "position",
            format!(
                "A 0U device type ({}) cannot be assigned to a rack position.",
                (dtm.display)(&dt)
            ),
        )));
    }
    let Some(rr) = rack else { return Ok(None) };
    let is_child = dt.text("subdevice_role") == "child";
    if is_child && !face.is_empty() {
        return Ok(Some((
            "face",
            "Child device types cannot be assigned to a rack face. This is an attribute of the parent device.".into(),
        )));
    }
    if is_child && position.is_some() {
        return Ok(Some((
            "position",
            "Child device types cannot be assigned to a rack position. This is an attribute of the parent device.".into(),
        )));
    }
    let Some(p) = position else { return Ok(None) };
    // Rack space, in half units: the rack's units minus what the other devices there occupy
    // (on this face, or both faces for full-depth devices).
    let half = |x: f64| (x * 2.0).round() as i64;
    let start = rr.int("starting_unit").unwrap_or(1);
    let height = rr.int("u_height").unwrap_or(42);
    let mut free: std::collections::BTreeSet<i64> =
        (half(start as f64)..half((start + height) as f64)).collect();
    let dm = model(ctx, "dcim.device")?;
    let mut cond = Condition::all()
        .add(col("rack_id").eq(rr.id))
        .add(col("position").gte(1));
    if let Some(o) = old {
        cond = cond.add(col("id").ne(o.id));
    }
    let others = crud::list(ex, dm, cond, &[], None, 0).await?;
    let mut type_ids: Vec<i64> = others
        .iter()
        .filter_map(|o| o.int("device_type_id"))
        .collect();
    type_ids.sort_unstable();
    type_ids.dedup();
    let types: HashMap<i64, Row> = crud::get_many(ex, dtm, &type_ids)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let full_depth = dt.get("is_full_depth").as_bool();
    for o in &others {
        let Some(t) = o.int("device_type_id").and_then(|t| types.get(&t)) else {
            continue;
        };
        let pos = match o.get("position") {
            Value::Float(f) => *f,
            Value::Int(i) => *i as f64,
            _ => continue,
        };
        if full_depth || o.text("face") == face || t.get("is_full_depth").as_bool() {
            let h = t.float("u_height").unwrap_or(1.0);
            for u in half(pos)..half(pos + h) {
                free.remove(&u);
            }
        }
    }
    let need = std::cmp::max(half(u_height), 1);
    if !(half(p)..half(p) + need).all(|u| free.contains(&u)) {
        return Ok(Some((
            "position",
            format!(
                "U{} is already occupied or does not have sufficient space to accommodate this device type: {} ({}U)",
                decimal1(p),
                (dtm.display)(&dt),
                decimal1(u_height)
            ),
        )));
    }
    Ok(None)
}

/// A number as Python prints a one-decimal `Decimal` (`10.0`, `1.5`).
fn decimal1(x: f64) -> String {
    format!("{x:.1}")
}

/// Bookkeeping after a DCIM write: components from templates, cable terminations, port mappings.
pub async fn after_save(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    old: Option<&Row>,
    new: &Row,
    d: &Draft,
) -> Result<()> {
    match m.key().as_str() {
        "dcim.device" if old.is_none() => {
            if let Some(dt) = new.int("device_type_id") {
                instantiate(ex, ctx, "device_type_id", dt, new.id, None, &[]).await?;
            }
        }
        "dcim.module" if old.is_none() => {
            if let (Some(mt), Some(dev)) = (new.int("module_type_id"), new.int("device_id")) {
                let positions = bay_positions(ex, ctx, new.int("module_bay_id")).await?;
                instantiate(ex, ctx, "module_type_id", mt, dev, Some(new.id), &positions).await?;
            }
        }
        "dcim.cable" => {
            let a = d.extra.get("a_terminations");
            let b = d.extra.get("b_terminations");
            let before = cable_ends(ex, ctx, new.id).await?;
            if a.is_some() || b.is_some() {
                set_cable_ends(ex, ctx, new, a, b).await?;
            }
            let mut seeds = before;
            seeds.extend(cable_ends(ex, ctx, new.id).await?);
            retrace_around(ex, ctx, seeds).await?;
        }
        "dcim.virtualchassis" if old.is_none() => {
            // A new chassis takes its master as its first member, at position 1, as NetBox's
            // `assign_virtualchassis_master` signal does.
            if let Some(master) = new.int("master_id") {
                let mut cols = IndexMap::new();
                cols.insert("virtual_chassis_id".to_string(), Value::Int(new.id));
                cols.insert("vc_position".to_string(), Value::Int(1));
                crud::update(ex, model(ctx, "dcim.device")?, master, &cols).await?;
            }
        }
        "dcim.frontport" | "dcim.rearport" => {
            let field = if m.key() == "dcim.frontport" {
                "rear_ports"
            } else {
                "front_ports"
            };
            if let Some(v) = d.extra.get(field) {
                set_mappings(ex, ctx, m, new, v, "dcim_portmapping").await?;
                retrace_around(ex, ctx, vec![(m.key(), new.id)]).await?;
            }
        }
        "dcim.frontporttemplate" | "dcim.rearporttemplate" => {
            let field = if m.key() == "dcim.frontporttemplate" {
                "rear_ports"
            } else {
                "front_ports"
            };
            if let Some(v) = d.extra.get(field) {
                set_mappings(ex, ctx, m, new, v, "dcim_portmappingtemplate").await?;
            }
        }
        "dcim.interface" => {
            if let Some(v) = d.extra.get("mac_address") {
                set_legacy_mac(ex, ctx, m, new, v).await?;
            }
        }
        "dcim.device" => {
            // Leaving a virtual chassis clears the member's position and priority.
            if let Some(o) = old
                && o.int("virtual_chassis_id").is_some()
                && new.int("virtual_chassis_id").is_none()
                && (new.int("vc_position").is_some() || new.int("vc_priority").is_some())
            {
                let mut cols = IndexMap::new();
                cols.insert("vc_position".to_string(), Value::Null);
                cols.insert("vc_priority".to_string(), Value::Null);
                crud::update(ex, m, new.id, &cols).await?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Writing `mac_address` on an interface (the pre-4.2 field) creates or reuses a MAC address
/// object on it and makes it the primary one; null clears the primary.
async fn set_legacy_mac(ex: &mut Ex<'_>, ctx: &Ctx, im: &Model, iface: &Row, v: &J) -> Result<()> {
    let mm = model(ctx, "dcim.macaddress")?;
    let primary = match v {
        J::Null => None,
        J::String(s) => {
            let Some(mac) = normalize_mac(s) else {
                return Err(Error::field(
                    "mac_address",
                    format!("Invalid MAC address format: {s}"),
                ));
            };
            let existing = crud::list(
                ex,
                mm,
                Condition::all()
                    .add(col("assigned_object_type").eq("dcim.interface"))
                    .add(col("assigned_object_id").eq(iface.id))
                    .add(col("mac_address").eq(mac.clone())),
                &[],
                Some(1),
                0,
            )
            .await?;
            Some(match existing.first() {
                Some(r) => r.id,
                None => {
                    let now = ironbox_core::time::now();
                    let mut cols = IndexMap::new();
                    cols.insert("mac_address".to_string(), Value::Text(mac));
                    cols.insert(
                        "assigned_object_type".to_string(),
                        Value::Text("dcim.interface".into()),
                    );
                    cols.insert("assigned_object_id".to_string(), Value::Int(iface.id));
                    cols.insert("description".to_string(), Value::Text(String::new()));
                    cols.insert("comments".to_string(), Value::Text(String::new()));
                    cols.insert("custom_field_data".to_string(), Value::Text("{}".into()));
                    cols.insert("created".to_string(), Value::Text(now.clone()));
                    cols.insert("last_updated".to_string(), Value::Text(now));
                    crud::insert(ex, mm, &cols).await?
                }
            })
        }
        _ => return Err(Error::field("mac_address", "Not a valid string.")),
    };
    let mut cols = IndexMap::new();
    cols.insert(
        "primary_mac_address_id".to_string(),
        primary.map_or(Value::Null, Value::Int),
    );
    crud::update(ex, im, iface.id, &cols).await?;
    Ok(())
}

/// A device's primary or out-of-band address may move between the device's own interfaces, but
/// not away from the device (NetBox refuses it).
pub async fn ip_before_save(ex: &mut Ex<'_>, ctx: &Ctx, d: &mut Draft, old: &Row) -> Result<()> {
    let new_type = d.val(Some(old), "assigned_object_type").clone();
    let new_id = d.val(Some(old), "assigned_object_id").clone();
    if &new_type == old.get("assigned_object_type") && &new_id == old.get("assigned_object_id") {
        return Ok(());
    }
    let Some(dm) = ctx.reg.get("dcim.device") else {
        return Ok(());
    };
    let mut cond = Condition::any();
    for c in ["primary_ip4_id", "primary_ip6_id", "oob_ip_id"] {
        cond = cond.add(col(c).eq(old.id));
    }
    let holders = crud::list(ex, dm, cond, &[], Some(1), 0).await?;
    let Some(dev) = holders.first() else {
        return Ok(());
    };
    let stays = match (new_type.as_str(), new_id.as_i64()) {
        (Some("dcim.interface"), Some(i)) => crud::get(ex, model(ctx, "dcim.interface")?, i)
            .await?
            .is_some_and(|x| x.int("device_id") == Some(dev.id)),
        _ => false,
    };
    if !stays {
        d.errors.add(
            "__all__",
            "Cannot reassign IP address while it is designated as the primary IP for the parent object",
        );
    }
    Ok(())
}

/// Positions of the module bays a module sits in, innermost first (for `{module}`).
async fn bay_positions(ex: &mut Ex<'_>, ctx: &Ctx, bay: Option<i64>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut cur = bay;
    let bm = model(ctx, "dcim.modulebay")?;
    let mm = model(ctx, "dcim.module")?;
    while let Some(b) = cur {
        let Some(row) = crud::get(ex, bm, b).await? else {
            break;
        };
        out.push(row.text("position").to_string());
        cur = match row.int("module_id") {
            Some(parent) => crud::get(ex, mm, parent)
                .await?
                .and_then(|p| p.int("module_bay_id")),
            None => None,
        };
        if out.len() > 16 {
            break;
        }
    }
    Ok(out)
}

/// Replaces `{module}` tokens: the first with the outermost bay's position, and so on inward,
/// the way NetBox resolves nested modules.
fn substitute(s: &str, positions: &[String]) -> String {
    if positions.is_empty() || !s.contains("{module}") {
        return s.to_string();
    }
    let n = s.matches("{module}").count();
    let mut out = s.to_string();
    if n == 1 {
        return out.replace("{module}", &positions[0]);
    }
    // Outermost first when several tokens are given.
    let ordered: Vec<&String> = positions.iter().rev().collect();
    for i in 0..n {
        let p = ordered.get(i).map_or("", |s| s.as_str());
        out = out.replacen("{module}", p, 1);
    }
    out
}

/// Creates a device's (or module's) components from its type's templates.
async fn instantiate(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    owner_col: &str,
    owner: i64,
    device: i64,
    module: Option<i64>,
    positions: &[String],
) -> Result<()> {
    let now = ironbox_core::time::now();
    // template id → component id, per template model, for parent/bridge/mapping links.
    let mut made: HashMap<&str, HashMap<i64, i64>> = HashMap::new();
    for (tkey, ckey) in TEMPLATES {
        let (Some(tm), Some(cm)) = (ctx.reg.get(tkey), ctx.reg.get(ckey)) else {
            continue;
        };
        if tm.field_named(owner_col.trim_end_matches("_id")).is_none() {
            continue;
        }
        // Components are made in the templates' own order (natural names), as NetBox iterates
        // them; tree templates go by id, so that parents come before their children.
        let order = if tm.tree_parent.is_some() {
            Vec::new()
        } else {
            ctx.reg.sort_keys(tm, &[])
        };
        let templates = crud::list(
            ex,
            tm,
            Condition::all().add(col(owner_col).eq(owner)),
            &order,
            None,
            0,
        )
        .await?;
        if templates.is_empty() {
            continue;
        }
        let ccols: HashSet<String> = cm.columns().into_iter().map(|(c, _)| c).collect();
        let skip = [
            "power_port_id",
            "cooling_intake_id",
            "device_type_id",
            "module_type_id",
            "created",
            "last_updated",
            "parent_id",
            "bridge_id",
            "component_type",
            "component_id",
        ];
        let mut ids = HashMap::new();
        let mut defaults = Draft::default();
        for f in cm.fields.iter().filter(|f| !f.columns().is_empty()) {
            let dv = f.default.clone().unwrap_or(J::Null);
            crate::write::apply_default(&mut defaults, f, &dv);
        }
        for t in &templates {
            let mut cols: IndexMap<String, Value> = defaults.cols.clone();
            for (c, v) in &t.cols {
                let c: &str = c;
                let keeps_default = v.is_null() && cols.get(c).is_some_and(|d| !d.is_null());
                if ccols.contains(c) && !skip.contains(&c) && !keeps_default {
                    cols.insert(c.to_string(), v.clone());
                }
            }
            for c in ["name", "label"] {
                if let Some(Value::Text(s)) = cols.get(c).cloned() {
                    cols.insert(c.to_string(), Value::Text(substitute(&s, positions)));
                }
            }
            if let Some(Value::Text(n)) = cols.get("name").cloned()
                && ccols.contains("_name")
            {
                for (c, v) in name_keys(ckey, &n) {
                    cols.insert(c.into(), Value::Text(v));
                }
            }
            cols.insert("device_id".into(), Value::Int(device));
            if ccols.contains("module_id") {
                cols.insert("module_id".into(), module.map_or(Value::Null, Value::Int));
            }
            for c in ["created", "last_updated"] {
                if ccols.contains(c) {
                    cols.insert(c.into(), Value::Text(now.clone()));
                }
            }
            if ccols.contains("custom_field_data") {
                cols.insert("custom_field_data".into(), Value::Text("{}".into()));
            }
            let id = crud::insert(ex, cm, &cols).await?;
            ids.insert(t.id, id);
            // M2M links copied from the template (module bay types).
            for f in &tm.fields {
                if let Kind::M2m {
                    table,
                    this_col,
                    other_col,
                    ..
                } = &f.kind
                    && let Some(Kind::M2m {
                        table: ct,
                        this_col: cthis,
                        other_col: cother,
                        ..
                    }) = cm.field_named(f.name).map(|x| &x.kind)
                {
                    let links = crud::m2m_get(ex, table, this_col, other_col, &[t.id]).await?;
                    if let Some(l) = links.get(&t.id) {
                        crud::m2m_set(ex, ct, cthis, cother, id, l).await?;
                    }
                }
            }
        }
        // Links to components made earlier from the same type (outlet → power port).
        for (link, tmodel) in [
            ("power_port_id", "dcim.powerporttemplate"),
            ("cooling_intake_id", "dcim.coolingintaketemplate"),
        ] {
            if !ccols.contains(link) {
                continue;
            }
            for t in &templates {
                let mapped = t
                    .int(link)
                    .and_then(|tp| made.get(tmodel).and_then(|m| m.get(&tp)).copied());
                if let Some(&child) = ids.get(&t.id) {
                    let mut cols = IndexMap::new();
                    cols.insert(link.to_string(), mapped.map_or(Value::Null, Value::Int));
                    crud::update(ex, cm, child, &cols).await?;
                }
            }
        }
        // Second pass: links between the new components (interface parent/bridge, item tree).
        for link in ["parent_id", "bridge_id"] {
            if !ccols.contains(link) {
                continue;
            }
            for t in &templates {
                if let Some(tp) = t.int(link)
                    && let (Some(&child), Some(&parent)) = (ids.get(&t.id), ids.get(&tp))
                {
                    let mut cols = IndexMap::new();
                    cols.insert(link.to_string(), Value::Int(parent));
                    crud::update(ex, cm, child, &cols).await?;
                }
            }
        }
        // Inventory items pointing at a component template point at the new component.
        if *ckey == "dcim.inventoryitem" {
            for t in &templates {
                if let (Some(ct), Some(cid)) = (t.int("component_id"), ids.get(&t.id)) {
                    let ctype = t.text("component_type").replace("template", "");
                    let target = made
                        .get(format!("{ctype}template").as_str())
                        .and_then(|m| m.get(&ct).copied());
                    let mut cols = IndexMap::new();
                    cols.insert(
                        "component_type".into(),
                        if target.is_some() {
                            Value::Text(ctype)
                        } else {
                            Value::Null
                        },
                    );
                    cols.insert(
                        "component_id".into(),
                        target.map_or(Value::Null, Value::Int),
                    );
                    crud::update(ex, cm, *cid, &cols).await?;
                }
            }
        }
        made.insert(tkey, ids);
    }
    // Port mappings between the new front and rear ports.
    let fronts = made
        .get("dcim.frontporttemplate")
        .cloned()
        .unwrap_or_default();
    let rears = made
        .get("dcim.rearporttemplate")
        .cloned()
        .unwrap_or_default();
    if !fronts.is_empty() {
        let tids: Vec<i64> = fronts.keys().copied().collect();
        for (f, fpos, r, rpos) in
            mappings_of(ex, "dcim_portmappingtemplate", "front_port_id", &tids).await?
        {
            if let (Some(&nf), Some(&nr)) = (fronts.get(&f), rears.get(&r)) {
                insert_mapping(ex, "dcim_portmapping", Some(device), nf, fpos, nr, rpos).await?;
            }
        }
    }
    Ok(())
}

/// `(front_port, front_position, rear_port, rear_position)` rows of a mapping table.
pub async fn mappings_of(
    ex: &mut Ex<'_>,
    table: &str,
    by: &str,
    ids: &[i64],
) -> Result<Vec<(i64, i64, i64, i64)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let q = Query::select()
        .columns([
            Alias::new("front_port_id"),
            Alias::new("front_port_position"),
            Alias::new("rear_port_id"),
            Alias::new("rear_port_position"),
        ])
        .from(Alias::new(table))
        .and_where(col(by).is_in(ids.iter().copied()))
        .order_by(Alias::new("front_port_id"), sea_query::Order::Asc)
        .order_by(Alias::new("front_port_position"), sea_query::Order::Asc)
        .to_owned();
    let rows = ex.fetch(&q, &[ColType::Int; 4]).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let g = |i: usize| r[i].as_i64().unwrap_or_default();
            (g(0), g(1), g(2), g(3))
        })
        .collect())
}

async fn insert_mapping(
    ex: &mut Ex<'_>,
    table: &str,
    device: Option<i64>,
    front: i64,
    fpos: i64,
    rear: i64,
    rpos: i64,
) -> Result<()> {
    let mut q = Query::insert();
    q.into_table(Alias::new(table));
    if table == "dcim_portmapping" {
        q.columns([
            Alias::new("device_id"),
            Alias::new("front_port_id"),
            Alias::new("front_port_position"),
            Alias::new("rear_port_id"),
            Alias::new("rear_port_position"),
        ])
        .values_panic([
            Expr::val(device),
            Expr::val(front),
            Expr::val(fpos),
            Expr::val(rear),
            Expr::val(rpos),
        ]);
    } else {
        q.columns([
            Alias::new("front_port_id"),
            Alias::new("front_port_position"),
            Alias::new("rear_port_id"),
            Alias::new("rear_port_position"),
        ])
        .values_panic([
            Expr::val(front),
            Expr::val(fpos),
            Expr::val(rear),
            Expr::val(rpos),
        ]);
    }
    ex.execute_insert(&q.to_owned()).await?;
    Ok(())
}

/// Replaces a front or rear port's mappings from `[{position, rear_port|front_port, …_position}]`.
async fn set_mappings(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    row: &Row,
    v: &J,
    table: &str,
) -> Result<()> {
    let front_side = m.key().contains("front");
    let (this_col, other_key, other_pos, other_model) =
        match (front_side, m.key().ends_with("template")) {
            (true, false) => (
                "front_port_id",
                "rear_port",
                "rear_port_position",
                "dcim.rearport",
            ),
            (false, false) => (
                "rear_port_id",
                "front_port",
                "front_port_position",
                "dcim.frontport",
            ),
            (true, true) => (
                "front_port_id",
                "rear_port",
                "rear_port_position",
                "dcim.rearporttemplate",
            ),
            (false, true) => (
                "rear_port_id",
                "front_port",
                "front_port_position",
                "dcim.frontporttemplate",
            ),
        };
    let field = if front_side {
        "rear_ports"
    } else {
        "front_ports"
    };
    let Some(items) = v.as_array() else {
        return Err(Error::field(field, "Expected a list of items."));
    };
    let om = model(ctx, other_model)?;
    let mut parsed = Vec::new();
    let positions = row.int("positions").unwrap_or(1);
    let mut seen = HashSet::new();
    for (i, it) in items.iter().enumerate() {
        let pos = it.get("position").and_then(J::as_i64);
        let other = it
            .get(other_key)
            .and_then(|x| x.as_i64().or_else(|| x.get("id").and_then(J::as_i64)));
        let opos = it.get(other_pos).and_then(J::as_i64).unwrap_or(1);
        let (Some(pos), Some(other)) = (pos, other) else {
            return Err(Error::field(
                field,
                format!("Item {}: position and {other_key} are required.", i + 1),
            ));
        };
        if pos < 1 || pos > positions {
            return Err(Error::field(
                field,
                format!("Position {pos} is out of range (1-{positions})."),
            ));
        }
        if !seen.insert(pos) {
            return Err(Error::field(
                field,
                format!("Position {pos} is mapped more than once."),
            ));
        }
        let Some(o) = crud::get(ex, om, other).await? else {
            return Err(Error::field(
                field,
                format!("Invalid pk \"{other}\" - object does not exist."),
            ));
        };
        let same_owner = ["device_id", "device_type_id", "module_type_id"]
            .iter()
            .all(|c| o.get(c) == row.get(c));
        if !same_owner {
            return Err(Error::field(
                field,
                format!("{} belongs to a different parent.", o.text("name")),
            ));
        }
        let oposs = o.int("positions").unwrap_or(1);
        if opos < 1 || opos > oposs {
            return Err(Error::field(
                field,
                format!(
                    "Invalid {other_pos} ({opos}): {} has only {oposs} positions.",
                    o.text("name")
                ),
            ));
        }
        // Each rear port position carries one front port position.
        let taken = if front_side {
            mappings_of(ex, table, "rear_port_id", &[other])
                .await?
                .into_iter()
                .any(|m| m.3 == opos && m.0 != row.id)
        } else {
            mappings_of(ex, table, "front_port_id", &[other])
                .await?
                .into_iter()
                .any(|m| m.1 == opos && m.2 != row.id)
        };
        if taken {
            let fields = if front_side {
                "rear_port, rear_port_position"
            } else {
                "front_port, front_port_position"
            };
            return Err(Error::InvalidBody(json!({
                field: {i.to_string(): {"__all__": [format!("The fields {fields} must make a unique set.")]}}
            })));
        }
        parsed.push((pos, other, opos));
    }
    let del = Query::delete()
        .from_table(Alias::new(table))
        .and_where(col(this_col).eq(row.id))
        .to_owned();
    ex.delete(&del).await?;
    for (pos, other, opos) in parsed {
        let (f, fp, r, rp) = if front_side {
            (row.id, pos, other, opos)
        } else {
            (other, opos, row.id, pos)
        };
        let device = row.int("device_id");
        insert_mapping(ex, table, device, f, fp, r, rp).await?;
    }
    Ok(())
}

/// Parses one side of a cable: `[{object_type, object_id}]`.
async fn parse_ends(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    field: &str,
    v: &J,
    cable: Option<i64>,
) -> Result<Vec<(String, Row)>> {
    let Some(items) = v.as_array() else {
        return Err(Error::field(field, "Expected a list of items."));
    };
    let mut out: Vec<(String, Row)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let ty = it
            .get("object_type")
            .and_then(J::as_str)
            .unwrap_or_default();
        let Some(id) = it.get("object_id").and_then(J::as_i64) else {
            return Err(Error::field(field, "object_id is required."));
        };
        if !CABLED.contains(&ty) {
            return Err(Error::InvalidBody(json!({
                field: {i.to_string(): {"object_type": [format!("Invalid content type: {ty}")]}}
            })));
        }
        let tm = model(ctx, ty)?;
        let Some(row) = crud::get(ex, tm, id).await? else {
            return Err(Error::field(
                field,
                format!("Invalid termination ID {id} for {ty}"),
            ));
        };
        if ty == "dcim.interface" && UNCABLED_INTERFACE_TYPES.contains(&row.text("type")) {
            let label = match row.text("type") {
                "virtual" => "Virtual",
                "bridge" => "Bridge",
                _ => "Link Aggregation Group (LAG)",
            };
            return Err(Error::field(
                "__all__",
                format!("Cables cannot be terminated to {label} interfaces"),
            ));
        }
        if let Some(c) = row.int("cable_id")
            && Some(c) != cable
        {
            return Err(Error::field(
                "__all__",
                format!("Duplicate termination found for {ty} {id}: cable {c}"),
            ));
        }
        if row.get("mark_connected").as_bool() {
            return Err(Error::field(
                field,
                format!("{} is marked as connected.", (tm.display)(&row)),
            ));
        }
        if out.iter().any(|(t, r)| *t == ty && r.id == id) {
            continue;
        }
        if let Some((t0, _)) = out.first()
            && t0 != ty
        {
            return Err(Error::field(
                "__all__",
                "Cannot connect different termination types to same end of cable.",
            ));
        }
        out.push((ty.to_string(), row));
    }
    Ok(out)
}

/// Writes a cable's terminations and points the terminated objects at it.
async fn set_cable_ends(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    cable: &Row,
    a: Option<&J>,
    b: Option<&J>,
) -> Result<()> {
    let ctm = model(ctx, "dcim.cabletermination")?;
    let existing = crud::list(
        ex,
        ctm,
        Condition::all().add(col("cable_id").eq(cable.id)),
        &[],
        None,
        0,
    )
    .await?;
    let mut sides: Vec<(&str, Vec<(String, Row)>)> = Vec::new();
    for (end, v) in [("A", a), ("B", b)] {
        let field = if end == "A" {
            "a_terminations"
        } else {
            "b_terminations"
        };
        match v {
            Some(v) => {
                let ends = parse_ends(ex, ctx, field, v, Some(cable.id)).await?;
                if ends.is_empty() {
                    return Err(Error::field(field, "At least one termination is required."));
                }
                sides.push((end, ends));
            }
            None => {
                // Unchanged side: keep what is stored.
                let mut keep = Vec::new();
                for t in existing.iter().filter(|t| t.text("cable_end") == end) {
                    let ty = t.text("termination_type").to_string();
                    if let Some(tm) = ctx.reg.get(&ty)
                        && let Some(r) =
                            crud::get(ex, tm, t.int("termination_id").unwrap_or_default()).await?
                    {
                        keep.push((ty, r));
                    }
                }
                sides.push((end, keep));
            }
        }
    }
    let (a_side, b_side) = (&sides[0].1, &sides[1].1);
    for (ta, ra) in a_side {
        for (tb, rb) in b_side {
            if ta == tb && ra.id == rb.id {
                return Err(Error::field(
                    "__all__",
                    "A and B terminations cannot connect to the same object.",
                ));
            }
        }
    }
    if let (Some((ta, _)), Some((tb, _))) = (a_side.first(), b_side.first())
        && !compatible(ta, tb)
    {
        let short = |t: &str| t.rsplit('.').next().unwrap_or(t).to_string();
        return Err(Error::field(
            "__all__",
            format!(
                "Incompatible termination types: {} and {}",
                short(ta),
                short(tb)
            ),
        ));
    }
    // Detach the old ends, then attach the new ones.
    detach_ends(ex, ctx, cable.id).await?;
    let now = ironbox_core::time::now();
    for (end, ends) in &sides {
        for (ty, r) in ends {
            let mut cols = IndexMap::new();
            cols.insert("cable_id".to_string(), Value::Int(cable.id));
            cols.insert("cable_end".to_string(), Value::Text(end.to_string()));
            cols.insert("termination_type".to_string(), Value::Text(ty.clone()));
            cols.insert("termination_id".to_string(), Value::Int(r.id));
            cols.insert("created".to_string(), Value::Text(now.clone()));
            cols.insert("last_updated".to_string(), Value::Text(now.clone()));
            // Where the end sits, cached for the cable filters (`device_id`, `site_id` …).
            let dev = match r.int("device_id") {
                Some(d) => crud::get(ex, model(ctx, "dcim.device")?, d).await?,
                None => None,
            };
            let place = dev.as_ref().unwrap_or(r);
            cols.insert(
                "_device_id".into(),
                dev.as_ref().map_or(Value::Null, |d| Value::Int(d.id)),
            );
            for c in ["rack_id", "location_id", "site_id"] {
                cols.insert(format!("_{c}"), place.get(c).clone());
            }
            crud::insert(ex, ctm, &cols).await?;
            let tm = model(ctx, ty)?;
            let mut upd = IndexMap::new();
            upd.insert("cable_id".to_string(), Value::Int(cable.id));
            upd.insert("cable_end".to_string(), Value::Text(end.to_string()));
            crud::update(ex, tm, r.id, &upd).await?;
        }
    }
    Ok(())
}

/// Detaches a cable's ends before it is deleted.
pub async fn cable_before_delete(ex: &mut Ex<'_>, ctx: &Ctx, cable: &Row) -> Result<Vec<Node>> {
    Ok(detach_ends(ex, ctx, cable.id)
        .await?
        .iter()
        .map(term_node)
        .collect())
}

/// Clears the cable from the objects it ends on and removes its termination rows; returns them.
async fn detach_ends(ex: &mut Ex<'_>, ctx: &Ctx, cable: i64) -> Result<Vec<Row>> {
    let ctm = model(ctx, "dcim.cabletermination")?;
    let existing = crud::list(
        ex,
        ctm,
        Condition::all().add(col("cable_id").eq(cable)),
        &[],
        None,
        0,
    )
    .await?;
    for t in &existing {
        if let (Some(tm), Some(tid)) = (
            ctx.reg.get(t.text("termination_type")),
            t.int("termination_id"),
        ) {
            let mut cols = IndexMap::new();
            cols.insert("cable_id".to_string(), Value::Null);
            cols.insert("cable_end".to_string(), Value::Null);
            crud::update(ex, tm, tid, &cols).await?;
        }
    }
    let del = Query::delete()
        .from_table(Alias::new(ctm.table))
        .and_where(col("cable_id").eq(cable))
        .to_owned();
    ex.delete(&del).await?;
    Ok(existing)
}

/// DCIM bookkeeping before a delete; returns the objects whose paths must be retraced once the
/// row is gone.
pub async fn before_delete(ex: &mut Ex<'_>, ctx: &Ctx, m: &Model, row: &Row) -> Result<Vec<Node>> {
    let key = m.key();
    if key == "dcim.cable" {
        return cable_before_delete(ex, ctx, row).await;
    }
    if key == "dcim.virtualchassis" {
        // Members leave the chassis and lose their position and priority.
        let dm = model(ctx, "dcim.device")?;
        let q = Query::update()
            .table(Alias::new(dm.table))
            .value(Alias::new("virtual_chassis_id"), Option::<i64>::None)
            .value(Alias::new("vc_position"), Option::<i64>::None)
            .value(Alias::new("vc_priority"), Option::<i64>::None)
            .and_where(col("virtual_chassis_id").eq(row.id))
            .to_owned();
        ex.update(&q).await?;
        return Ok(Vec::new());
    }
    if CABLED.contains(&key.as_str()) {
        forget_path(ex, &(key.clone(), row.id)).await?;
        return termination_before_delete(ex, ctx, m, row).await;
    }
    Ok(Vec::new())
}

/// Removes the cable terminations of an object being deleted (the cable itself stays); returns
/// the cable's other ends, whose paths change.
pub async fn termination_before_delete(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    row: &Row,
) -> Result<Vec<Node>> {
    let Some(cable) = row.int("cable_id") else {
        return Ok(Vec::new());
    };
    let ctm = model(ctx, "dcim.cabletermination")?;
    let del = Query::delete()
        .from_table(Alias::new(ctm.table))
        .and_where(col("termination_type").eq(m.key()))
        .and_where(col("termination_id").eq(row.id))
        .to_owned();
    ex.delete(&del).await?;
    let left = crud::list(
        ex,
        ctm,
        Condition::all().add(col("cable_id").eq(cable)),
        &[],
        None,
        0,
    )
    .await?;
    Ok(left.iter().map(term_node).collect())
}

/// A reference to one object: (model key, id).
pub type Node = (String, i64);

/// The object a cable termination row ends on.
fn term_node(t: &Row) -> Node {
    (
        t.text("termination_type").to_string(),
        t.int("termination_id").unwrap_or_default(),
    )
}

/// One hop of a trace: near ends, the cable between, far ends.
#[derive(Debug, Clone, Default)]
pub struct Hop {
    /// Near-end objects.
    pub near: Vec<Node>,
    /// The cable, if any.
    pub cable: Option<i64>,
    /// Far-end objects.
    pub far: Vec<Node>,
}

/// A traced path from an endpoint.
#[derive(Debug, Clone, Default)]
pub struct Path {
    /// The hops in order.
    pub hops: Vec<Hop>,
    /// Ends at an endpoint.
    pub complete: bool,
    /// Every cable on the way is connected.
    pub active: bool,
    /// Stopped at a rear port with no position to follow.
    pub split: bool,
}

impl Path {
    /// The objects the path arrives at, when complete.
    pub fn destinations(&self) -> Vec<Node> {
        if !self.complete {
            return Vec::new();
        }
        self.hops.last().map(|h| h.far.clone()).unwrap_or_default()
    }
}

async fn rows_of(ex: &mut Ex<'_>, ctx: &Ctx, nodes: &[Node]) -> Result<Vec<(String, Row)>> {
    let mut out = Vec::new();
    for (t, id) in nodes {
        if let Some(m) = ctx.reg.get(t)
            && let Some(r) = crud::get(ex, m, *id).await?
        {
            out.push((t.clone(), r));
        }
    }
    Ok(out)
}

/// Far ends of a cable, seen from `end`.
async fn far_ends(ex: &mut Ex<'_>, ctx: &Ctx, cable: i64, near_end: &str) -> Result<Vec<Node>> {
    let ctm = model(ctx, "dcim.cabletermination")?;
    let far = if near_end == "A" { "B" } else { "A" };
    let rows = crud::list(
        ex,
        ctm,
        Condition::all()
            .add(col("cable_id").eq(cable))
            .add(col("cable_end").eq(far)),
        &[],
        None,
        0,
    )
    .await?;
    Ok(rows.iter().map(term_node).collect())
}

/// Follows cables and front/rear port mappings from an object, the way NetBox builds a path.
pub async fn trace(ex: &mut Ex<'_>, ctx: &Ctx, origin: Node) -> Result<Path> {
    let mut path = Path {
        active: true,
        ..Default::default()
    };
    let mut near = vec![origin];
    let mut stack: Vec<Vec<i64>> = Vec::new();
    let cm = model(ctx, "dcim.cable")?;
    for _ in 0..64 {
        let rows = rows_of(ex, ctx, &near).await?;
        let Some((_, first)) = rows.first() else {
            break;
        };
        let Some(cable) = first.int("cable_id") else {
            path.hops.push(Hop {
                near: near.clone(),
                cable: None,
                far: Vec::new(),
            });
            break;
        };
        if let Some(c) = crud::get(ex, cm, cable).await?
            && c.text("status") != "connected"
        {
            path.active = false;
        }
        let far = far_ends(ex, ctx, cable, first.text("cable_end")).await?;
        path.hops.push(Hop {
            near: near.clone(),
            cable: Some(cable),
            far: far.clone(),
        });
        let Some((fty, _)) = far.first() else { break };
        let ids: Vec<i64> = far.iter().map(|n| n.1).collect();
        match fty.as_str() {
            "dcim.frontport" => {
                let maps = mappings_of(ex, "dcim_portmapping", "front_port_id", &ids).await?;
                if maps.is_empty() {
                    break;
                }
                let mut rears: Vec<i64> = maps.iter().map(|m| m.2).collect();
                rears.dedup();
                let rear_rows =
                    rows_of(ex, ctx, &[("dcim.rearport".to_string(), rears[0])]).await?;
                let multi = rears.len() > 1
                    || rear_rows
                        .first()
                        .is_some_and(|(_, r)| r.int("positions").unwrap_or(1) > 1);
                if multi {
                    stack.push(maps.iter().map(|m| m.3).collect());
                }
                near = rears
                    .into_iter()
                    .map(|r| ("dcim.rearport".to_string(), r))
                    .collect();
            }
            "dcim.rearport" => {
                let rear_rows = rows_of(ex, ctx, &far).await?;
                let single = far.len() == 1
                    && rear_rows
                        .first()
                        .is_some_and(|(_, r)| r.int("positions").unwrap_or(1) == 1);
                let maps = mappings_of(ex, "dcim_portmapping", "rear_port_id", &ids).await?;
                let fronts: Vec<i64> = if single {
                    maps.iter().filter(|m| m.3 == 1).map(|m| m.0).collect()
                } else if let Some(pos) = stack.pop() {
                    maps.iter()
                        .filter(|m| pos.contains(&m.3))
                        .map(|m| m.0)
                        .collect()
                } else {
                    path.split = true;
                    break;
                };
                if fronts.is_empty() {
                    break;
                }
                near = fronts
                    .into_iter()
                    .map(|f| ("dcim.frontport".to_string(), f))
                    .collect();
            }
            t if ENDPOINTS.contains(&t) => {
                path.complete = true;
                break;
            }
            _ => break,
        }
    }
    if path.hops.iter().all(|h| h.cable.is_none()) {
        path.active = false;
    }
    Ok(path)
}

/// A cable as NetBox's trace shows it.
pub async fn traced_cable(ex: &mut Ex<'_>, ctx: &Ctx, id: i64) -> Result<J> {
    let cm = model(ctx, "dcim.cable")?;
    let Some(c) = crud::get(ex, cm, id).await? else {
        return Ok(J::Null);
    };
    let t = |c: &Row, k: &str| match c.get(k) {
        Value::Text(s) if !s.is_empty() => json!(s),
        _ => J::Null,
    };
    Ok(json!({
        "id": c.id,
        "url": ctx.api_url(cm.api, c.id),
        "display_url": format!("{}/{}/{}/", ctx.base, cm.ui, c.id),
        "type": t(&c, "type"),
        "status": c.text("status"),
        "label": c.text("label"),
        "color": c.text("color"),
        "length": match c.get("length") { Value::Float(f) => json!(f), _ => J::Null },
        "length_unit": t(&c, "length_unit"),
        "description": c.text("description"),
    }))
}

/// `/trace/`: `[[near…], cable, [far…]]` per hop. Endpoints read their stored path (kept
/// current by every cabling change) and render it with one query per object type; other objects
/// are traced live.
pub async fn trace_json(ex: &mut Ex<'_>, ctx: &Ctx, origin: Node) -> Result<J> {
    let hops = match stored_hops(ex, &origin).await? {
        Some(h) => h,
        None => trace(ex, ctx, origin).await?.hops,
    };
    let mut out = Vec::new();
    // An endpoint without a cable has no path at all.
    if hops.first().is_none_or(|h| h.cable.is_none()) {
        return Ok(J::Array(out));
    }
    let nodes: Vec<Node> = hops
        .iter()
        .flat_map(|h| h.near.iter().chain(h.far.iter()).cloned())
        .collect();
    let briefs = brief_many(ex, ctx, &nodes).await?;
    let pick = |ns: &[Node]| J::Array(ns.iter().filter_map(|n| briefs.get(n).cloned()).collect());
    for h in &hops {
        let cable = match h.cable {
            Some(c) => traced_cable(ex, ctx, c).await?,
            None => json!([]),
        };
        out.push(json!([pick(&h.near), cable, pick(&h.far)]));
    }
    Ok(J::Array(out))
}

/// The stored hops of an endpoint's path, if it has one.
async fn stored_hops(ex: &mut Ex<'_>, origin: &Node) -> Result<Option<Vec<Hop>>> {
    if !ENDPOINTS.contains(&origin.0.as_str()) {
        return Ok(None);
    }
    let q = Query::select()
        .column(Alias::new("path"))
        .from(Alias::new("dcim_cablepath"))
        .and_where(col("origin_type").eq(origin.0.clone()))
        .and_where(col("origin_id").eq(origin.1))
        .to_owned();
    let rows = ex.fetch(&q, &[ColType::Text]).await?;
    let Some(Value::Text(t)) = rows.into_iter().next().and_then(|r| r.into_iter().next()) else {
        return Ok(None);
    };
    let raw: Vec<(Vec<Node>, Option<i64>, Vec<Node>)> =
        serde_json::from_str(&t).map_err(|e| Error::internal(format!("stored path: {e}")))?;
    Ok(Some(
        raw.into_iter()
            .map(|(near, cable, far)| Hop { near, cable, far })
            .collect(),
    ))
}

/// Endpoints whose paths pass through a pass-through port (`/paths/` of front and rear ports).
pub async fn paths_json(ex: &mut Ex<'_>, ctx: &Ctx, port: Node) -> Result<J> {
    let cm = model(ctx, "dcim.cable")?;
    let mut out = Vec::new();
    for e in endpoints_around(ex, ctx, vec![port.clone()]).await? {
        let p = trace(ex, ctx, e.clone()).await?;
        let passes = p
            .hops
            .iter()
            .any(|h| h.near.contains(&port) || h.far.contains(&port));
        if !passes {
            continue;
        }
        let nodes: Vec<Node> = p
            .hops
            .iter()
            .flat_map(|h| h.near.iter().chain(h.far.iter()).cloned())
            .collect();
        let briefs = brief_many(ex, ctx, &nodes).await?;
        let cable_ids: Vec<i64> = p.hops.iter().filter_map(|h| h.cable).collect();
        let cables = crud::get_many(ex, cm, &cable_ids).await?;
        let rendered = render(ex, ctx, cm, &cables, Mode::Brief, &Selection::default()).await?;
        let cable_j: HashMap<i64, J> = cables.iter().map(|c| c.id).zip(rendered).collect();
        let pick = |ns: &[Node]| -> J {
            J::Array(ns.iter().filter_map(|n| briefs.get(n).cloned()).collect())
        };
        let mut path = Vec::new();
        for h in &p.hops {
            path.push(pick(&h.near));
            if let Some(c) = h.cable.and_then(|c| cable_j.get(&c)) {
                path.push(json!([c]));
            }
            if !h.far.is_empty() {
                path.push(pick(&h.far));
            }
        }
        let pid = stored_path_id(ex, &e).await?.unwrap_or(e.1);
        out.push(json!({
            "id": pid,
            "path": path,
            "is_active": p.active,
            "is_complete": p.complete,
            "is_split": p.split,
        }));
    }
    Ok(J::Array(out))
}

/// Computed DCIM fields, keyed by (field, object id). `None` when the field is not DCIM's.
/// What several computed fields of one set of rows share: the ends of their cables (for
/// `link_peers` and `link_peers_type`), their stored paths (for the three
/// `connected_endpoints` fields), each read once per render, and the brief objects rendered so
/// far (a link peer is often also the connected endpoint).
#[derive(Debug, Default)]
pub struct Shared {
    ends: Option<Vec<Row>>,
    paths: Option<HashMap<i64, StoredPath>>,
    briefs: HashMap<Node, J>,
}

/// Renders the brief objects of `nodes` not in `briefs` yet (those rendered so far in this render).
async fn load_briefs(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    briefs: &mut HashMap<Node, J>,
    nodes: &[Node],
) -> Result<()> {
    let missing: Vec<Node> = nodes
        .iter()
        .filter(|n| !briefs.contains_key(*n))
        .cloned()
        .collect();
    briefs.extend(brief_many(ex, ctx, &missing).await?);
    Ok(())
}

pub async fn computed(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    m: &Model,
    rows: &[Row],
    field: &'static str,
    out: &mut HashMap<(&'static str, i64), J>,
    shared: &mut Shared,
) -> Result<bool> {
    let key = m.key();
    match field {
        "_occupied" => {
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let modules = if key == "dcim.modulebay" {
                crud::count_by(ex, "dcim_module", "module_bay_id", &ids).await?
            } else {
                HashMap::new()
            };
            for r in rows {
                let occ = match key.as_str() {
                    "dcim.devicebay" => r.int("installed_device_id").is_some(),
                    "dcim.modulebay" => modules.contains_key(&r.id),
                    _ => r.get("mark_connected").as_bool() || r.int("cable_id").is_some(),
                };
                out.insert((field, r.id), json!(occ));
            }
        }
        "link_peers" | "link_peers_type" => {
            // One query for the ends of every cable on the page, one render per peer type.
            if shared.ends.is_none() {
                let cables: Vec<i64> = rows.iter().filter_map(|r| r.int("cable_id")).collect();
                shared.ends = Some(cable_terminations(ex, ctx, cables).await?);
            }
            let ends = shared.ends.as_deref().unwrap_or_default();
            let far_of = |r: &Row| -> Vec<Node> {
                let Some(c) = r.int("cable_id") else {
                    return Vec::new();
                };
                let near = r.text("cable_end");
                ends.iter()
                    .filter(|t| t.int("cable_id") == Some(c) && t.text("cable_end") != near)
                    .map(term_node)
                    .collect()
            };
            let all: Vec<Node> = if field == "link_peers" {
                rows.iter().flat_map(far_of).collect()
            } else {
                Vec::new()
            };
            load_briefs(ex, ctx, &mut shared.briefs, &all).await?;
            let briefs = &shared.briefs;
            for r in rows {
                let far = far_of(r);
                let v = if field == "link_peers" {
                    J::Array(far.iter().filter_map(|n| briefs.get(n).cloned()).collect())
                } else {
                    far.first().map_or(J::Null, |f| json!(f.0))
                };
                out.insert((field, r.id), v);
            }
        }
        "connected_endpoints" | "connected_endpoints_type" | "connected_endpoints_reachable" => {
            if shared.paths.is_none() {
                let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                shared.paths = Some(stored_paths(ex, &key, &ids).await?);
            }
            let paths = shared.paths.get_or_insert_default();
            let all: Vec<Node> = if field == "connected_endpoints" {
                paths
                    .values()
                    .filter(|p| p.complete)
                    .flat_map(|p| p.destinations.clone())
                    .collect()
            } else {
                Vec::new()
            };
            load_briefs(ex, ctx, &mut shared.briefs, &all).await?;
            let briefs = &shared.briefs;
            for r in rows {
                let p = paths.get(&r.id);
                let v = match field {
                    "connected_endpoints_reachable" => {
                        json!(p.is_some_and(|p| p.complete && p.active))
                    }
                    _ => match p.filter(|p| p.complete && !p.destinations.is_empty()) {
                        None => J::Null,
                        Some(p) if field == "connected_endpoints_type" => {
                            json!(p.destinations[0].0)
                        }
                        Some(p) => J::Array(
                            p.destinations
                                .iter()
                                .filter_map(|n| briefs.get(n).cloned())
                                .collect(),
                        ),
                    },
                };
                out.insert((field, r.id), v);
            }
        }
        "a_terminations" | "b_terminations" if key == "dcim.cable" => {
            let end = if field == "a_terminations" { "A" } else { "B" };
            let ctm = model(ctx, "dcim.cabletermination")?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let ts = crud::list(
                ex,
                ctm,
                Condition::all()
                    .add(col("cable_id").is_in(ids))
                    .add(col("cable_end").eq(end)),
                &[],
                None,
                0,
            )
            .await?;
            let nodes: Vec<Node> = ts.iter().map(term_node).collect();
            let briefs = brief_many(ex, ctx, &nodes).await?;
            let mut by: HashMap<i64, Vec<J>> = HashMap::new();
            for (t, node) in ts.iter().zip(nodes) {
                let obj = briefs.get(&node).cloned().unwrap_or(J::Null);
                by.entry(t.int("cable_id").unwrap_or_default())
                    .or_default()
                    .push(json!({"object_type": node.0, "object_id": node.1, "object": obj}));
            }
            for r in rows {
                out.insert(
                    (field, r.id),
                    J::Array(by.remove(&r.id).unwrap_or_default()),
                );
            }
        }
        "rear_ports" | "front_ports" => {
            let table = if key.ends_with("template") {
                "dcim_portmappingtemplate"
            } else {
                "dcim_portmapping"
            };
            let front = field == "rear_ports";
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let maps = mappings_of(
                ex,
                table,
                if front {
                    "front_port_id"
                } else {
                    "rear_port_id"
                },
                &ids,
            )
            .await?;
            for r in rows {
                let mut items: Vec<(i64, J)> = maps
                    .iter()
                    .filter(|m| if front { m.0 == r.id } else { m.2 == r.id })
                    .map(|m| {
                        if front {
                            (m.1, json!({"position": m.1, "rear_port": m.2, "rear_port_position": m.3}))
                        } else {
                            (m.3, json!({"position": m.3, "front_port": m.0, "front_port_position": m.1}))
                        }
                    })
                    .collect();
                items.sort_by_key(|x| x.0);
                out.insert(
                    (field, r.id),
                    J::Array(items.into_iter().map(|x| x.1).collect()),
                );
            }
        }
        "parent_device" if key == "dcim.device" => {
            let bm = model(ctx, "dcim.devicebay")?;
            let dm = model(ctx, "dcim.device")?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let bays = crud::list(
                ex,
                bm,
                Condition::all().add(col("installed_device_id").is_in(ids)),
                &[],
                None,
                0,
            )
            .await?;
            let mut pids: Vec<i64> = bays.iter().filter_map(|b| b.int("device_id")).collect();
            pids.sort_unstable();
            pids.dedup();
            let parents: HashMap<i64, Row> = crud::get_many(ex, dm, &pids)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
            for r in rows {
                let bay = bays
                    .iter()
                    .find(|b| b.int("installed_device_id") == Some(r.id));
                let v = match bay.and_then(|b| {
                    b.int("device_id")
                        .and_then(|d| parents.get(&d))
                        .map(|p| (b, p))
                }) {
                    Some((b, p)) => {
                        let pj = json!({
                            "id": p.id,
                            "url": ctx.api_url(dm.api, p.id),
                            "display_url": format!("{}/{}/{}/", ctx.base, dm.ui, p.id),
                            "display": (dm.display)(p),
                            "name": p.get("name").as_str(),
                        });
                        let mut o = pj.clone();
                        o["device_bay"] = json!({
                            "id": b.id,
                            "url": ctx.api_url(bm.api, b.id),
                            "display_url": format!("{}/{}/{}/", ctx.base, bm.ui, b.id),
                            "display": b.text("name"),
                            "device": pj,
                            "name": b.text("name"),
                        });
                        o
                    }
                    None => J::Null,
                };
                out.insert((field, r.id), v);
            }
        }
        "primary_ip" => {
            let ipm = model(ctx, "ipam.ipaddress")?;
            let pick = |r: &Row| r.int("primary_ip6_id").or(r.int("primary_ip4_id"));
            let mut ids: Vec<i64> = rows.iter().filter_map(pick).collect();
            ids.sort_unstable();
            ids.dedup();
            let ips = crud::get_many(ex, ipm, &ids).await?;
            let sel = Selection {
                only: Some(
                    ["id", "url", "display"]
                        .iter()
                        .chain(ironbox_models::dcim::DEVICE_IP)
                        .map(|s| s.to_string())
                        .collect(),
                ),
                omit: Default::default(),
            };
            let rendered = render(ex, ctx, ipm, &ips, Mode::Full, &sel).await?;
            let by: HashMap<i64, J> = ips.iter().map(|r| r.id).zip(rendered).collect();
            for r in rows {
                let v = pick(r).and_then(|i| by.get(&i).cloned()).unwrap_or(J::Null);
                out.insert((field, r.id), v);
            }
        }
        "members" if key == "dcim.virtualchassis" => {
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let by = related(
                ex,
                ctx,
                "dcim.device",
                Condition::all().add(col("virtual_chassis_id").is_in(ids)),
                &[sea_query_order("vc_position")],
                "virtual_chassis_id",
                Mode::Nested,
            )
            .await?;
            put_lists(out, field, rows, by);
        }
        "config_context" => {
            for r in rows {
                out.insert((field, r.id), json!({}));
            }
        }
        "unit_count" => {
            for r in rows {
                let n = serde_json::from_str::<Vec<J>>(r.text("units"))
                    .map(|v| v.len())
                    .unwrap_or(0);
                out.insert((field, r.id), json!(n));
            }
        }
        "is_primary" if key == "dcim.macaddress" => {
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let primary =
                crud::count_by(ex, "dcim_interface", "primary_mac_address_id", &ids).await?;
            for r in rows {
                out.insert((field, r.id), json!(primary.contains_key(&r.id)));
            }
        }
        "mac_address" if key == "dcim.interface" => {
            let mm = model(ctx, "dcim.macaddress")?;
            let ids: Vec<i64> = rows
                .iter()
                .filter_map(|r| r.int("primary_mac_address_id"))
                .collect();
            let macs: HashMap<i64, String> = crud::get_many(ex, mm, &ids)
                .await?
                .into_iter()
                .map(|r| (r.id, r.text("mac_address").to_string()))
                .collect();
            for r in rows {
                let v = r
                    .int("primary_mac_address_id")
                    .and_then(|i| macs.get(&i))
                    .map_or(J::Null, |s| json!(s));
                out.insert((field, r.id), v);
            }
        }
        "mac_addresses" if key == "dcim.interface" => {
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let by = related(
                ex,
                ctx,
                "dcim.macaddress",
                Condition::all()
                    .add(col("assigned_object_type").eq("dcim.interface"))
                    .add(col("assigned_object_id").is_in(ids)),
                &[sea_query_order("mac_address")],
                "assigned_object_id",
                Mode::Brief,
            )
            .await?;
            put_lists(out, field, rows, by);
        }
        "bridge_interfaces" if key == "dcim.interface" => {
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let by = related(
                ex,
                ctx,
                "dcim.interface",
                Condition::all().add(col("bridge_id").is_in(ids)),
                &[],
                "bridge_id",
                Mode::Nested,
            )
            .await?;
            put_lists(out, field, rows, by);
        }
        "count_ipaddresses" | "count_fhrp_groups" => {
            let (table, tcol, icol) = if field == "count_ipaddresses" {
                (
                    "ipam_ipaddress",
                    "assigned_object_type",
                    "assigned_object_id",
                )
            } else {
                ("ipam_fhrpgroupassignment", "interface_type", "interface_id")
            };
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let counts = count_generic(ex, table, tcol, icol, &key, &ids).await?;
            for r in rows {
                out.insert(
                    (field, r.id),
                    json!(counts.get(&r.id).copied().unwrap_or(0)),
                );
            }
        }
        "is_module_compatible" if key == "dcim.modulebay" => {
            // Compatible unless the installed module's type lacks every bay type the bay names.
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let installed = modules_in_bays(ex, ctx, &ids).await?;
            let pairs: Vec<(i64, i64)> = rows
                .iter()
                .map(|r| {
                    let ty = installed.get(&r.id).and_then(|md| md.int("module_type_id"));
                    (r.id, ty.unwrap_or_default())
                })
                .collect();
            let ok = bay_type_fit(ex, &pairs).await?;
            for r in rows {
                let fits = !installed.contains_key(&r.id) || ok.contains(&r.id);
                out.insert((field, r.id), json!(fits));
            }
        }
        "is_bay_compatible" if key == "dcim.module" => {
            // A bay that names module bay types takes only module types sharing one of them.
            let pairs: Vec<(i64, i64)> = rows
                .iter()
                .map(|r| {
                    (
                        r.int("module_bay_id").unwrap_or_default(),
                        r.int("module_type_id").unwrap_or_default(),
                    )
                })
                .collect();
            let ok = bay_type_fit(ex, &pairs).await?;
            for r in rows {
                let bay = r.int("module_bay_id").unwrap_or_default();
                out.insert((field, r.id), json!(ok.contains(&bay)));
            }
        }
        "installed_module" if key == "dcim.modulebay" => {
            // NetBox shows the installed module as id, url, display, serial, description.
            let mm = model(ctx, "dcim.module")?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let installed = modules_in_bays(ex, ctx, &ids).await?;
            let mods: Vec<Row> = installed.values().cloned().collect();
            let displays = crate::hooks::displays(ex, ctx, mm, &mods).await?;
            for r in rows {
                let v = installed.get(&r.id).map_or(J::Null, |md| {
                    json!({
                        "id": md.id,
                        "url": ctx.api_url(mm.api, md.id),
                        "display": displays.get(&md.id).cloned().unwrap_or_else(|| (mm.display)(md)),
                        "serial": md.text("serial"),
                        "description": md.text("description"),
                    })
                });
                out.insert((field, r.id), v);
            }
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// The module installed in each bay.
async fn modules_in_bays(ex: &mut Ex<'_>, ctx: &Ctx, bays: &[i64]) -> Result<HashMap<i64, Row>> {
    let mm = model(ctx, "dcim.module")?;
    Ok(crud::list(
        ex,
        mm,
        Condition::all().add(col("module_bay_id").is_in(bays.iter().copied())),
        &[],
        None,
        0,
    )
    .await?
    .into_iter()
    .filter_map(|md| md.int("module_bay_id").map(|b| (b, md)))
    .collect())
}

/// The bays (of `(bay, module type)` pairs) whose module type fits: the bay names no module bay
/// types, or the type shares one of them.
async fn bay_type_fit(ex: &mut Ex<'_>, pairs: &[(i64, i64)]) -> Result<HashSet<i64>> {
    let bays: Vec<i64> = pairs.iter().map(|p| p.0).collect();
    let types: Vec<i64> = pairs.iter().map(|p| p.1).collect();
    let bay_types = crud::m2m_get(
        ex,
        "dcim_modulebay_module_bay_types",
        "modulebay_id",
        "modulebaytype_id",
        &bays,
    )
    .await?;
    let type_types = crud::m2m_get(
        ex,
        "dcim_moduletype_module_bay_types",
        "moduletype_id",
        "modulebaytype_id",
        &types,
    )
    .await?;
    Ok(pairs
        .iter()
        .filter(|(bay, ty)| match bay_types.get(bay) {
            None => true,
            Some(wanted) if wanted.is_empty() => true,
            Some(wanted) => type_types
                .get(ty)
                .is_some_and(|have| have.iter().any(|t| wanted.contains(t))),
        })
        .map(|p| p.0)
        .collect())
}

fn sea_query_order(c: &'static str) -> crud::OrderTerm {
    crud::OrderTerm::column(c, false)
}

async fn stored_path_id(ex: &mut Ex<'_>, origin: &Node) -> Result<Option<i64>> {
    let q = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("dcim_cablepath"))
        .and_where(col("origin_type").eq(origin.0.clone()))
        .and_where(col("origin_id").eq(origin.1))
        .to_owned();
    Ok(ex.fetch_ints(&q).await?.into_iter().next())
}

/// The objects a cable ends on.
async fn cable_ends(ex: &mut Ex<'_>, ctx: &Ctx, cable: i64) -> Result<Vec<Node>> {
    Ok(cable_terminations(ex, ctx, vec![cable])
        .await?
        .iter()
        .map(term_node)
        .collect())
}

/// The termination rows of the given cables, in one query.
async fn cable_terminations(ex: &mut Ex<'_>, ctx: &Ctx, mut cables: Vec<i64>) -> Result<Vec<Row>> {
    cables.sort_unstable();
    cables.dedup();
    if cables.is_empty() {
        return Ok(Vec::new());
    }
    let ctm = model(ctx, "dcim.cabletermination")?;
    let cond = Condition::all().add(col("cable_id").is_in(cables));
    crud::list(ex, ctm, cond, &[], None, 0).await
}

/// Every endpoint connected to the seeds through cables and front/rear ports.
async fn endpoints_around(ex: &mut Ex<'_>, ctx: &Ctx, seeds: Vec<Node>) -> Result<Vec<Node>> {
    let mut seen: HashSet<Node> = HashSet::new();
    let mut queue = seeds;
    let mut endpoints = Vec::new();
    while let Some(n) = queue.pop() {
        if !seen.insert(n.clone()) || seen.len() > 20_000 {
            continue;
        }
        if ENDPOINTS.contains(&n.0.as_str()) {
            endpoints.push(n.clone());
        }
        let rows = rows_of(ex, ctx, std::slice::from_ref(&n)).await?;
        let Some((_, r)) = rows.first() else { continue };
        if let Some(c) = r.int("cable_id") {
            for f in far_ends(ex, ctx, c, r.text("cable_end")).await? {
                queue.push(f);
            }
        }
        match n.0.as_str() {
            "dcim.frontport" => {
                for m in mappings_of(ex, "dcim_portmapping", "front_port_id", &[n.1]).await? {
                    queue.push(("dcim.rearport".into(), m.2));
                }
            }
            "dcim.rearport" => {
                for m in mappings_of(ex, "dcim_portmapping", "rear_port_id", &[n.1]).await? {
                    queue.push(("dcim.frontport".into(), m.0));
                }
            }
            _ => {}
        }
    }
    endpoints.sort();
    Ok(endpoints)
}

async fn forget_path(ex: &mut Ex<'_>, origin: &Node) -> Result<()> {
    let q = Query::delete()
        .from_table(Alias::new("dcim_cablepath"))
        .and_where(col("origin_type").eq(origin.0.clone()))
        .and_where(col("origin_id").eq(origin.1))
        .to_owned();
    ex.delete(&q).await?;
    Ok(())
}

fn nodes_json(nodes: &[Node]) -> J {
    J::Array(nodes.iter().map(|(t, i)| json!([t, i])).collect())
}

/// Recomputes and stores the paths of every endpoint around the seeds (after a cable, a port
/// mapping or a cabled object changed), so reads never trace.
pub async fn retrace_around(ex: &mut Ex<'_>, ctx: &Ctx, seeds: Vec<Node>) -> Result<()> {
    for e in endpoints_around(ex, ctx, seeds).await? {
        forget_path(ex, &e).await?;
        let cabled = rows_of(ex, ctx, std::slice::from_ref(&e))
            .await?
            .first()
            .is_some_and(|(_, r)| r.int("cable_id").is_some());
        if !cabled {
            continue;
        }
        let p = trace(ex, ctx, e.clone()).await?;
        let hops: Vec<J> = p
            .hops
            .iter()
            .map(|h| json!([nodes_json(&h.near), h.cable, nodes_json(&h.far)]))
            .collect();
        let dest = p.destinations();
        let q = Query::insert()
            .into_table(Alias::new("dcim_cablepath"))
            .columns([
                Alias::new("origin_type"),
                Alias::new("origin_id"),
                Alias::new("path"),
                Alias::new("is_active"),
                Alias::new("is_complete"),
                Alias::new("is_split"),
                Alias::new("destination_type"),
                Alias::new("destinations"),
            ])
            .values_panic([
                Expr::val(e.0.clone()),
                Expr::val(e.1),
                Expr::val(J::Array(hops).to_string()),
                Expr::val(p.active),
                Expr::val(p.complete),
                Expr::val(p.split),
                Expr::val(dest.first().map(|d| d.0.clone())),
                Expr::val(nodes_json(&dest).to_string()),
            ])
            .to_owned();
        ex.execute_insert(&q).await?;
        crud::note_write(ex, "dcim_cablepath").await?;
    }
    Ok(())
}

/// A stored path: complete, active, destinations.
#[derive(Debug, Clone, Default)]
pub struct StoredPath {
    /// Ends at an endpoint.
    pub complete: bool,
    /// Every cable on it is connected.
    pub active: bool,
    /// Where it arrives.
    pub destinations: Vec<Node>,
}

/// Stored paths of many origins of one type.
pub async fn stored_paths(
    ex: &mut Ex<'_>,
    origin_type: &str,
    ids: &[i64],
) -> Result<HashMap<i64, StoredPath>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        let q = Query::select()
            .columns([
                Alias::new("origin_id"),
                Alias::new("is_complete"),
                Alias::new("is_active"),
                Alias::new("destinations"),
            ])
            .from(Alias::new("dcim_cablepath"))
            .and_where(col("origin_type").eq(origin_type))
            .and_where(col("origin_id").is_in(chunk.iter().copied()))
            .to_owned();
        let rows = ex
            .fetch(
                &q,
                &[ColType::Int, ColType::Bool, ColType::Bool, ColType::Text],
            )
            .await?;
        for r in rows {
            let dest: Vec<(String, i64)> = match &r[3] {
                Value::Text(t) => serde_json::from_str(t).unwrap_or_default(),
                _ => Vec::new(),
            };
            out.insert(
                r[0].as_i64().unwrap_or_default(),
                StoredPath {
                    complete: r[1].as_bool(),
                    active: r[2].as_bool(),
                    destinations: dest,
                },
            );
        }
    }
    Ok(out)
}

/// Renders nodes of possibly several types in their brief form, batched per type.
pub async fn brief_many(ex: &mut Ex<'_>, ctx: &Ctx, nodes: &[Node]) -> Result<HashMap<Node, J>> {
    let mut by_type: HashMap<&str, Vec<i64>> = HashMap::new();
    for (t, i) in nodes {
        by_type.entry(t.as_str()).or_default().push(*i);
    }
    let mut out = HashMap::new();
    for (t, mut ids) in by_type {
        let Some(m) = ctx.reg.get(t) else { continue };
        ids.sort_unstable();
        ids.dedup();
        let rows = crud::get_many(ex, m, &ids).await?;
        let rendered = render(ex, ctx, m, &rows, Mode::Brief, &Selection::default()).await?;
        for (r, j) in rows.iter().zip(rendered) {
            out.insert((t.to_string(), r.id), j);
        }
    }
    Ok(out)
}

/// Fills the cached region, site group, site and location of a scoped object (prefix, VLAN
/// group) from its scope, like NetBox's cached scope fields.
pub async fn scope_cache(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    d: &mut Draft,
    old: Option<&Row>,
) -> Result<()> {
    let changed =
        old.is_none() || d.cols.contains_key("scope_type") || d.cols.contains_key("scope_id");
    if !changed {
        return Ok(());
    }
    let (mut region, mut group, mut site, mut location) = (None, None, None, None);
    let ty = d
        .val(old, "scope_type")
        .as_str()
        .unwrap_or_default()
        .to_string();
    if let Some(id) = d.val(old, "scope_id").as_i64() {
        match ty.as_str() {
            "dcim.region" => region = Some(id),
            "dcim.sitegroup" => group = Some(id),
            "dcim.site" => site = Some(id),
            "dcim.location" => {
                location = Some(id);
                site = crud::get(ex, model(ctx, "dcim.location")?, id)
                    .await?
                    .and_then(|l| l.int("site_id"));
            }
            _ => {}
        }
    }
    if let Some(s) = site
        && let Some(sr) = crud::get(ex, model(ctx, "dcim.site")?, s).await?
    {
        region = sr.int("region_id");
        group = sr.int("group_id");
    }
    for (c, v) in [
        ("_region_id", region),
        ("_site_group_id", group),
        ("_site_id", site),
        ("_location_id", location),
    ] {
        d.cols.insert(c.into(), v.map_or(Value::Null, Value::Int));
    }
    Ok(())
}

/// Rows of `table` pointing at each id through a generic (type, id) pair, counted in one query.
async fn count_generic(
    ex: &mut Ex<'_>,
    table: &str,
    tcol: &str,
    icol: &str,
    ty: &str,
    ids: &[i64],
) -> Result<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        let q = Query::select()
            .column(Alias::new(icol))
            .expr(Expr::cust("COUNT(*)"))
            .from(Alias::new(table))
            .and_where(col(tcol).eq(ty))
            .and_where(col(icol).is_in(chunk.iter().copied()))
            .group_by_col(Alias::new(icol))
            .to_owned();
        for r in ex.fetch(&q, &[ColType::Int, ColType::Int]).await? {
            if let (Some(a), Some(b)) = (r[0].as_i64(), r[1].as_i64()) {
                out.insert(a, b);
            }
        }
    }
    Ok(out)
}

/// A device mounted in a rack, as its elevation draws it.
pub struct Mounted {
    /// The device's id, name, asset tag and description: what its brief and display need.
    pub row: Row,
    /// Its lowest unit.
    pub position: f64,
    /// Its height in units (from its type; above zero).
    pub height: f64,
    /// Its role's colour (hex, no `#`; empty without a role).
    pub color: String,
    /// Whether the actor may view it. A device the actor may not view still occupies its units;
    /// the elevation shows them taken, without the device.
    pub visible: bool,
}

/// The units of a rack that reservations hold.
pub async fn reserved_units(ex: &mut Ex<'_>, rack: i64) -> Result<Vec<i64>> {
    let q = Query::select()
        .column(Alias::new("units"))
        .from(Alias::new("dcim_rackreservation"))
        .and_where(col("rack_id").eq(rack))
        .to_owned();
    Ok(ex
        .fetch(&q, &[ColType::Text])
        .await?
        .iter()
        .flat_map(|r| {
            r.first()
                .and_then(|u| u.as_str())
                .and_then(|u| serde_json::from_str::<Vec<i64>>(u).ok())
                .unwrap_or_default()
        })
        .collect())
}

/// A rack as its elevation draws it.
pub struct RackFace {
    /// Its name.
    pub name: String,
    /// Its lowest unit's number.
    pub starting_unit: i64,
    /// Its height in units.
    pub u_height: i64,
    /// Units numbered from the top.
    pub desc_units: bool,
}

/// A rack and the devices mounted on one of its faces (full-depth devices count on both), in one
/// statement: NetBox's elevation keeps the devices with a position above zero and a type above
/// zero units. None when the rack does not exist or lies outside what the actor may view.
pub async fn elevation(
    ex: &mut Ex<'_>,
    ctx: &Ctx,
    rack: i64,
    face: &str,
    exclude: Option<i64>,
) -> Result<Option<(RackFace, Vec<Mounted>)>> {
    let dm = model(ctx, "dcim.device")?;
    let rm = model(ctx, "dcim.rack")?;
    let (k, d, t, r) = (
        Alias::new("dcim_rack"),
        Alias::new("dcim_device"),
        Alias::new("dcim_devicetype"),
        Alias::new("dcim_devicerole"),
    );
    // BIGINT literals: PostgreSQL types a bare `1` as INTEGER, which the decoder refuses.
    let visible = if !ctx.actor.may(dm, "view") {
        Expr::val(0i64)
    } else {
        match crate::authz::restrict(ctx, dm, "view", ex.backend())? {
            None => Expr::val(1i64),
            Some(scope) => Expr::case(scope, 1i64).finally(0i64).into(),
        }
    };
    let mut on = Condition::all()
        .add(Expr::col((d.clone(), Alias::new("rack_id"))).equals((k.clone(), Alias::new("id"))))
        .add(Expr::col((d.clone(), Alias::new("position"))).gt(0));
    if let Some(x) = exclude {
        on = on.add(Expr::col((d.clone(), Alias::new("id"))).ne(x));
    }
    let cond = crate::authz::narrow(
        ctx,
        rm,
        "view",
        ex.backend(),
        Condition::all().add(Expr::col((k.clone(), Alias::new("id"))).eq(rack)),
    )?;
    // The devices come as one JSON array of arrays: one value to decode instead of a row of
    // fourteen per device (decoding was a fifth of an uncached elevation on PostgreSQL).
    let (agg, arr) = match ex.backend() {
        Backend::Postgres => ("json_agg", "json_build_array"),
        Backend::Sqlite => ("json_group_array", "json_array"),
    };
    let dcol = |c: &str| Expr::col((d.clone(), Alias::new(c)));
    let one = Func::cust(Alias::new(arr)).args([
        dcol("id"),
        dcol("name"),
        dcol("asset_tag"),
        dcol("description"),
        dcol("position"),
        dcol("face"),
        Expr::col((t.clone(), Alias::new("u_height"))),
        Expr::col((t.clone(), Alias::new("is_full_depth"))),
        Expr::col((r.clone(), Alias::new("color"))),
        visible,
    ]);
    let devices = Query::select()
        .expr(Func::cast_as(
            Func::cust(Alias::new(agg)).arg(one),
            Alias::new("TEXT"),
        ))
        .from(d.clone())
        .inner_join(
            t.clone(),
            Expr::col((t.clone(), Alias::new("id")))
                .equals((d.clone(), Alias::new("device_type_id"))),
        )
        .left_join(
            r.clone(),
            Expr::col((r.clone(), Alias::new("id"))).equals((d.clone(), Alias::new("role_id"))),
        )
        .cond_where(on)
        .to_owned();
    let q = Query::select()
        .columns([
            (k.clone(), Alias::new("name")),
            (k.clone(), Alias::new("starting_unit")),
            (k.clone(), Alias::new("u_height")),
            (k.clone(), Alias::new("desc_units")),
        ])
        .expr(Expr::SubQuery(
            None,
            Box::new(sea_query::SubQueryStatement::SelectStatement(devices)),
        ))
        .from(k.clone())
        .cond_where(cond)
        .to_owned();
    use ColType::*;
    let rows = ex.fetch(&q, &[Text, Int, Int, Bool, Text]).await?;
    let Some(first) = rows.into_iter().next() else {
        return Ok(None);
    };
    let rack = RackFace {
        name: first[0].as_str().unwrap_or_default().to_string(),
        starting_unit: first[1].as_i64().unwrap_or(1),
        u_height: first[2].as_i64().unwrap_or(42),
        desc_units: first[3].as_bool(),
    };
    let listed: Vec<Vec<J>> = match first[4].as_str() {
        Some(text) => serde_json::from_str(text)
            .map_err(|e| Error::Internal(format!("elevation devices: {e}")))?,
        None => Vec::new(), // no device in the rack (the aggregate of no rows is NULL)
    };
    let names: [std::sync::Arc<str>; 3] = ["name".into(), "asset_tag".into(), "description".into()];
    let text = |v: Option<&J>| match v {
        Some(J::String(s)) => Value::Text(s.clone()),
        _ => Value::Null,
    };
    // SQLite writes booleans as 0 and 1.
    let truthy = |v: Option<&J>| match v {
        Some(J::Bool(b)) => *b,
        Some(J::Number(n)) => n.as_i64() == Some(1),
        _ => false,
    };
    let mut out = Vec::with_capacity(listed.len());
    for v in listed {
        let Some(id) = v.first().and_then(J::as_i64) else {
            continue;
        };
        let position = v.get(4).and_then(J::as_f64).unwrap_or(0.0);
        let on_face = v.get(5).and_then(J::as_str) == Some(face);
        let height = v.get(6).and_then(J::as_f64).unwrap_or(0.0);
        let full = truthy(v.get(7));
        if height <= 0.0 || !(on_face || full) {
            continue;
        }
        let cols = names
            .iter()
            .cloned()
            .zip((1..4).map(|i| text(v.get(i))))
            .collect();
        out.push(Mounted {
            row: Row { id, cols },
            position,
            height,
            color: v.get(8).and_then(J::as_str).unwrap_or_default().to_string(),
            visible: truthy(v.get(9)),
        });
    }
    out.sort_by_key(|m| m.row.id);
    Ok(Some((rack, out)))
}
