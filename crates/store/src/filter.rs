//! NetBox's filter vocabulary compiled to sea-query conditions.
//!
//! `?status=active&status=reserved&tenant=acme&name__ic=core&within=10.0.0.0/8` becomes one SQL
//! condition over the model's table: values of one key are OR'ed, keys are AND'ed. Lookups follow
//! NetBox's names (`n`, `ic`, `nic`, `ie`, `nie`, `isw`, `nisw`, `iew`, `niew`, `gt`, `gte`, `lt`,
//! `lte`, `empty`). Filters are derived from field kinds, so every model gets them for free.

use crate::db::Backend;
use crate::exec::sq;
use crate::search::sample::TableSample;
use indexmap::IndexMap;
use ironbox_core::ip::IpNet;
use ironbox_core::meta::{
    ColType, Field, Kind, Model, Registry, SearchHop, SearchLookup, SearchPath,
};
use ironbox_core::{Error, FieldErrors, Result, Value};
use sea_query::{Alias, Condition, Expr, ExprTrait, Func, LikeExpr, Query, SelectStatement};

/// Query parameters that control the response rather than filter it.
pub const RESERVED: &[&str] = &[
    "limit", "offset", "start", "ordering", "brief", "fields", "omit", "format", "exclude",
    "export", "include",
];

const LOOKUPS: &[&str] = &[
    "n", "ic", "nic", "ie", "nie", "isw", "nisw", "iew", "niew", "gt", "gte", "lt", "lte", "empty",
    "regex", "iregex", "any",
];

fn col(m: &Model, c: &str) -> Expr {
    Expr::col((Alias::new(m.table), Alias::new(c)))
}

fn esc_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Groups raw `(key, value)` pairs by key, keeping order.
pub fn group(params: &[(String, String)]) -> IndexMap<String, Vec<String>> {
    let mut g: IndexMap<String, Vec<String>> = IndexMap::new();
    for (k, v) in params {
        g.entry(k.clone()).or_default().push(v.clone());
    }
    g
}

/// The compiler's view of one model.
pub struct Compiler<'a> {
    reg: &'a Registry,
    m: &'a Model,
    errors: FieldErrors,
    backend: Backend,
    /// The searched table's column sample, which narrows what PostgreSQL's trigram index is
    /// asked for a `q` (search.rs, `sample`).
    sample: Option<&'a TableSample>,
}

fn parse_val(t: ColType, v: &str) -> std::result::Result<Value, &'static str> {
    match t {
        ColType::Int => v
            .trim()
            .parse::<i64>()
            .map(Value::Int)
            .map_err(|_| "Enter a whole number."),
        ColType::Float => v
            .trim()
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| "Enter a number."),
        ColType::Bool => match v.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(Value::Bool(true)),
            "false" | "0" | "no" | "off" => Ok(Value::Bool(false)),
            _ => Err("Select a valid choice."),
        },
        ColType::Text | ColType::Bytes => Ok(Value::Text(v.to_string())),
    }
}

impl<'a> Compiler<'a> {
    /// A compiler for one model.
    pub fn new(reg: &'a Registry, m: &'a Model, backend: Backend) -> Self {
        Compiler {
            reg,
            m,
            errors: FieldErrors::new(),
            backend,
            sample: None,
        }
    }

    /// Gives the compiler the searched table's column sample (PostgreSQL).
    pub fn with_sample(mut self, sample: Option<&'a TableSample>) -> Self {
        self.sample = sample;
        self
    }

    /// Compiles all filter parameters; unknown keys are ignored like NetBox does.
    pub fn compile(mut self, params: &[(String, String)]) -> Result<Condition> {
        let mut cond = Condition::all();
        for (key, vals) in group(params) {
            if RESERVED.contains(&key.as_str()) {
                continue;
            }
            if key.contains('\0') || vals.iter().any(|v| v.contains('\0')) {
                self.errors.add(&key, "Null characters are not allowed.");
                continue;
            }
            let vals: Vec<String> = vals
                .into_iter()
                .flat_map(|v| {
                    if key.ends_with("__in") {
                        v.split(',').map(str::to_string).collect()
                    } else {
                        vec![v]
                    }
                })
                .collect();
            let (base, lookup) = match key.rsplit_once("__") {
                Some((b, l)) if LOOKUPS.contains(&l) => (b.to_string(), l.to_string()),
                Some((b, "in")) => (b.to_string(), "exact".to_string()),
                _ => (key.clone(), "exact".to_string()),
            };
            if let Some(c) = self.one(&key, &base, &lookup, &vals) {
                cond = cond.add(c);
            }
        }
        if self.errors.is_empty() {
            Ok(cond)
        } else {
            Err(Error::Invalid(self.errors))
        }
    }

    /// Object ids of a relation filter (`site_id`, `region_id`): NetBox's model choice field
    /// refuses a value that is not a whole number with `“abc” is not a valid value.` (a plain
    /// number filter says "Enter a whole number."). `null` stands for no relation.
    fn object_ids_valid(&mut self, key: &str, vals: &[String]) -> bool {
        match vals
            .iter()
            .find(|v| *v != "null" && v.trim().parse::<i64>().is_err())
        {
            Some(v) => {
                self.errors
                    .add(key, format!("\u{201c}{v}\u{201d} is not a valid value."));
                false
            }
            None => true,
        }
    }

    /// Values of a number filter: whole numbers, or "Enter a whole number." as NetBox says.
    fn numbers_valid(&mut self, key: &str, vals: &[String]) -> bool {
        if vals.iter().any(|v| v.trim().parse::<i64>().is_err()) {
            self.errors.add(key, "Enter a whole number.");
            return false;
        }
        true
    }

    fn one(&mut self, key: &str, base: &str, lookup: &str, vals: &[String]) -> Option<Condition> {
        let m = self.m;
        if lookup == "regex" || lookup == "iregex" {
            self.errors
                .add(key, "Regular expression lookups are not supported.");
            return None;
        }
        match base {
            "id" => return self.scalar(key, "id", ColType::Int, lookup, vals, false),
            // Object permissions by the object types and actions in their JSON lists.
            "object_type" | "object_types" | "can_view" | "can_add" | "can_change"
            | "can_delete"
                if m.key() == "users.objectpermission" =>
            {
                let (column, wanted): (&str, Vec<String>) = match base.strip_prefix("can_") {
                    Some(action) => {
                        match vals
                            .first()
                            .map(|v| v.trim().to_ascii_lowercase())
                            .as_deref()
                        {
                            Some("true" | "1" | "yes") => ("actions", vec![action.to_string()]),
                            Some("false" | "0" | "no") => {
                                let j = serde_json::to_string(action).unwrap_or_default();
                                let pat = format!("%{}%", esc_like(&j));
                                return Some(Condition::all().add(
                                    col(m, "actions").not_like(LikeExpr::new(pat).escape('\\')),
                                ));
                            }
                            _ => {
                                self.errors.add(key, "Select a valid choice.");
                                return None;
                            }
                        }
                    }
                    None => ("object_types", vals.to_vec()),
                };
                let mut any = Condition::any();
                for w in wanted {
                    let j = serde_json::to_string(&w).unwrap_or_default();
                    let pat = format!("%{}%", esc_like(&j));
                    any = any.add(col(m, column).like(LikeExpr::new(pat).escape('\\')));
                }
                return Some(Condition::all().add(any));
            }
            "q" => return self.search(vals.first().map(String::as_str).unwrap_or("")),
            "tag" | "tag_id" if m.fields.iter().any(|f| matches!(f.kind, Kind::Tags)) => {
                return Some(self.tags(base == "tag_id", lookup, vals));
            }
            // Cables by where their ends sit or what they end on.
            "device_id" | "device" | "rack_id" | "rack" | "location_id" | "site_id" | "site"
                if m.key() == "dcim.cable" =>
            {
                let (place, by_id) = match base {
                    "device_id" => ("device", true),
                    "device" => ("device", false),
                    "rack_id" => ("rack", true),
                    "rack" => ("rack", false),
                    "location_id" => ("location", true),
                    "site_id" => ("site", true),
                    _ => ("site", false),
                };
                let tm = self.reg.get("dcim.cabletermination")?;
                let pm = self.reg.get(&format!("dcim.{place}"))?;
                let attr = match (by_id, place) {
                    (true, _) => "id",
                    (false, "site") => "slug",
                    (false, _) => "name",
                };
                let place_ids = select_ids(pm.table, attr, by_id, vals);
                let cables = Query::select()
                    .column(Alias::new("cable_id"))
                    .from(Alias::new(tm.table))
                    .and_where(Expr::col(Alias::new(format!("_{place}_id"))).in_subquery(place_ids))
                    .to_owned();
                return Some(Condition::all().add(col(m, "id").in_subquery(cables)));
            }
            "interface_id"
            | "consoleport_id"
            | "consoleserverport_id"
            | "powerport_id"
            | "poweroutlet_id"
            | "powerfeed_id"
            | "frontport_id"
            | "rearport_id"
                if m.key() == "dcim.cable" =>
            {
                let tm = self.reg.get("dcim.cabletermination")?;
                let ty = format!("dcim.{}", base.trim_end_matches("_id"));
                let ids = id_or_slug_values(vals, true);
                let cables = Query::select()
                    .column(Alias::new("cable_id"))
                    .from(Alias::new(tm.table))
                    .and_where(Expr::col(Alias::new("termination_type")).eq(ty))
                    .and_where(Expr::col(Alias::new("termination_id")).is_in(ids))
                    .to_owned();
                return Some(Condition::all().add(col(m, "id").in_subquery(cables)));
            }
            // A device's interfaces and, when the device belongs to a virtual chassis, the other
            // members' interfaces that are not management-only (NetBox's `Device.vc_interfaces`):
            // `…_or_master` only when the named device is the chassis' master. The Ansible
            // collection finds an interface by name with `virtual_chassis_member_id`.
            "virtual_chassis_member"
            | "virtual_chassis_member_id"
            | "virtual_chassis_member_or_master"
            | "virtual_chassis_member_or_master_id"
                if m.key() == "dcim.interface" =>
            {
                let dm = self.reg.get("dcim.device")?;
                let vcm = self.reg.get("dcim.virtualchassis")?;
                let by_id = base.ends_with("_id");
                if by_id && !self.numbers_valid(key, vals) {
                    return None;
                }
                let named = || select_ids(dm.table, if by_id { "id" } else { "name" }, by_id, vals);
                let mut chassis = Query::select()
                    .column(Alias::new("virtual_chassis_id"))
                    .from(Alias::new(dm.table))
                    .and_where(Expr::col(Alias::new("id")).in_subquery(named()))
                    .and_where(Expr::col(Alias::new("virtual_chassis_id")).is_not_null())
                    .to_owned();
                if base.contains("or_master") {
                    chassis.and_where(
                        Expr::col(Alias::new("id")).in_subquery(
                            Query::select()
                                .column(Alias::new("master_id"))
                                .from(Alias::new(vcm.table))
                                .and_where(Expr::col(Alias::new("master_id")).is_not_null())
                                .to_owned(),
                        ),
                    );
                }
                let members = Query::select()
                    .column(Alias::new("id"))
                    .from(Alias::new(dm.table))
                    .and_where(Expr::col(Alias::new("virtual_chassis_id")).in_subquery(chassis))
                    .to_owned();
                return Some(
                    Condition::any()
                        .add(col(m, "device_id").in_subquery(named()))
                        .add(
                            Condition::all()
                                .add(col(m, "mgmt_only").eq(false))
                                .add(col(m, "device_id").in_subquery(members)),
                        ),
                );
            }
            // Components filter by their device's placement, like NetBox's component filters.
            "site_id" | "site" | "region_id" | "region" | "site_group_id" | "site_group"
            | "location_id" | "location" | "rack_id" | "rack" | "virtual_chassis_id"
            | "virtual_chassis" | "device_type_id" | "device_type" | "role_id" | "role"
            | "device_role_id" | "device_role" | "device_status"
                if m.field_named(base).is_none()
                    && m.field_named(base.trim_end_matches("_id")).is_none()
                    && m.field_named("device").is_some_and(
                        |f| matches!(&f.kind, Kind::Fk { target, .. } if *target == "dcim.device"),
                    ) =>
            {
                let dm = self.reg.get("dcim.device")?;
                let dkey = match base {
                    "device_role_id" => "role_id".to_string(),
                    "device_role" => "role".to_string(),
                    "device_status" => "status".to_string(),
                    b => b.to_string(),
                };
                let dkey = if lookup == "exact" {
                    dkey
                } else {
                    format!("{dkey}__{lookup}")
                };
                let devs = self.sub_filter(dm, &dkey, vals)?;
                return Some(Condition::all().add(col(m, "device_id").in_subquery(devs)));
            }
            "interface_id" | "device_id" | "device"
                if matches!(m.key().as_str(), "dcim.macaddress" | "ipam.ipaddress") =>
            {
                // The interfaces named, or those of the devices named.
                let im = self.reg.get("dcim.interface")?;
                let key = if base == "interface_id" { "id" } else { base };
                let ifaces = self.sub_filter(im, key, vals)?;
                return Some(
                    Condition::all()
                        .add(col(m, "assigned_object_type").eq("dcim.interface"))
                        .add(col(m, "assigned_object_id").in_subquery(ifaces)),
                );
            }
            "vlan_id" | "vlan" if m.key() == "dcim.interface" => {
                let vm = self.reg.get("ipam.vlan")?;
                let by_id = base == "vlan_id";
                let vlan_ids = select_ids(vm.table, if by_id { "id" } else { "vid" }, true, vals);
                let tagged = Query::select()
                    .column(Alias::new("interface_id"))
                    .from(Alias::new("dcim_interface_tagged_vlans"))
                    .and_where(Expr::col(Alias::new("vlan_id")).in_subquery(vlan_ids.clone()))
                    .to_owned();
                return Some(
                    Condition::any()
                        .add(col(m, "untagged_vlan_id").in_subquery(vlan_ids))
                        .add(col(m, "id").in_subquery(tagged)),
                );
            }
            "mac_address" if m.key() == "dcim.interface" => {
                let mm = self.reg.get("dcim.macaddress")?;
                let macs = Query::select()
                    .column(Alias::new("assigned_object_id"))
                    .from(Alias::new(mm.table))
                    .and_where(Expr::col(Alias::new("assigned_object_type")).eq("dcim.interface"))
                    .and_where(
                        Expr::col(Alias::new("mac_address")).is_in(
                            vals.iter()
                                .map(|v| sq(&Value::Text(v.to_uppercase()), ColType::Text)),
                        ),
                    )
                    .to_owned();
                return Some(Condition::all().add(col(m, "id").in_subquery(macs)));
            }
            "connected" if m.field_named("cable").is_some() => {
                let yes = vals.first().is_some_and(|v| {
                    matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes")
                });
                let complete = Query::select()
                    .column(Alias::new("origin_id"))
                    .from(Alias::new("dcim_cablepath"))
                    .and_where(Expr::col(Alias::new("origin_type")).eq(m.key()))
                    .and_where(Expr::col(Alias::new("is_complete")).eq(true))
                    .to_owned();
                let c = Condition::all().add(col(m, "id").in_subquery(complete));
                return Some(if yes { c } else { c.not() });
            }
            "has_primary_ip" if m.field_named("primary_ip4").is_some() => {
                let yes = vals.first().is_some_and(|v| {
                    matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes")
                });
                let has = Condition::any()
                    .add(col(m, "primary_ip4_id").is_not_null())
                    .add(col(m, "primary_ip6_id").is_not_null());
                return Some(if yes { has } else { has.not() });
            }
            "cabled" | "occupied" if m.field_named("cable").is_some() => {
                let yes = vals.first().is_some_and(|v| {
                    matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes")
                });
                let c = col(m, "cable_id");
                let cabled = if base == "occupied" && m.field_named("mark_connected").is_some() {
                    Condition::any()
                        .add(c.clone().is_not_null())
                        .add(col(m, "mark_connected").eq(true))
                } else {
                    Condition::all().add(c.clone().is_not_null())
                };
                return Some(if yes { cabled } else { cabled.not() });
            }
            // Addresses by what they are assigned to (NetBox's IPAddressFilterSet).
            "assigned_to_interface" | "assigned" if m.key() == "ipam.ipaddress" => {
                let yes = truthy(vals);
                let c = if base == "assigned" {
                    Condition::all().add(col(m, "assigned_object_id").is_not_null())
                } else {
                    Condition::all()
                        .add(
                            col(m, "assigned_object_type")
                                .is_in(["dcim.interface", "virtualization.vminterface"]),
                        )
                        .add(col(m, "assigned_object_id").is_not_null())
                };
                return Some(if yes { c } else { c.not() });
            }
            "interface" if matches!(m.key().as_str(), "dcim.macaddress" | "ipam.ipaddress") => {
                let im = self.reg.get("dcim.interface")?;
                let ifaces = self.sub_filter(im, "name", vals)?;
                return Some(
                    Condition::all()
                        .add(col(m, "assigned_object_type").eq("dcim.interface"))
                        .add(col(m, "assigned_object_id").in_subquery(ifaces)),
                );
            }
            // VLANs on an interface (untagged or tagged), and those a device may use.
            "interface_id" if m.key() == "ipam.vlan" => {
                let ids = id_or_slug_values(vals, true);
                let untagged = Query::select()
                    .column(Alias::new("untagged_vlan_id"))
                    .from(Alias::new("dcim_interface"))
                    .and_where(Expr::col(Alias::new("id")).is_in(ids.clone()))
                    .to_owned();
                let tagged = Query::select()
                    .column(Alias::new("vlan_id"))
                    .from(Alias::new("dcim_interface_tagged_vlans"))
                    .and_where(Expr::col(Alias::new("interface_id")).is_in(ids))
                    .to_owned();
                return Some(
                    Condition::any()
                        .add(col(m, "id").in_subquery(untagged))
                        .add(col(m, "id").in_subquery(tagged)),
                );
            }
            "available_on_device" if m.key() == "ipam.vlan" => {
                let Some(dev) = vals.first().and_then(|v| v.trim().parse::<i64>().ok()) else {
                    self.errors.add(key, "Enter a whole number.");
                    return None;
                };
                return Some(Condition::all().add(Expr::cust(vlans_for_device(dev))));
            }
            // Devices by membership and by the components they have.
            "virtual_chassis_member" if m.key() == "dcim.device" => {
                let c = Condition::all().add(col(m, "virtual_chassis_id").is_not_null());
                return Some(if truthy(vals) { c } else { c.not() });
            }
            "console_ports"
            | "console_server_ports"
            | "power_ports"
            | "power_outlets"
            | "interfaces"
            | "front_ports"
            | "rear_ports"
            | "device_bays"
            | "module_bays"
            | "inventory_items"
                if m.key() == "dcim.device" =>
            {
                let table = match base {
                    "console_ports" => "dcim_consoleport",
                    "console_server_ports" => "dcim_consoleserverport",
                    "power_ports" => "dcim_powerport",
                    "power_outlets" => "dcim_poweroutlet",
                    "interfaces" => "dcim_interface",
                    "front_ports" => "dcim_frontport",
                    "rear_ports" => "dcim_rearport",
                    "device_bays" => "dcim_devicebay",
                    "module_bays" => "dcim_modulebay",
                    _ => "dcim_inventoryitem",
                };
                let having = Query::select()
                    .column(Alias::new("device_id"))
                    .from(Alias::new(table))
                    .to_owned();
                let c = Condition::all().add(col(m, "id").in_subquery(having));
                return Some(if truthy(vals) { c } else { c.not() });
            }
            "mac_address" if m.key() == "dcim.device" => {
                let ifaces = Query::select()
                    .column(Alias::new("device_id"))
                    .from(Alias::new("dcim_interface"))
                    .and_where(
                        Expr::col(Alias::new("id")).in_subquery(
                            Query::select()
                                .column(Alias::new("assigned_object_id"))
                                .from(Alias::new("dcim_macaddress"))
                                .and_where(
                                    Expr::col(Alias::new("assigned_object_type"))
                                        .eq("dcim.interface"),
                                )
                                .and_where(
                                    Expr::col(Alias::new("mac_address")).is_in(vals.iter().map(
                                        |v| sq(&Value::Text(v.to_uppercase()), ColType::Text),
                                    )),
                                )
                                .to_owned(),
                        ),
                    )
                    .to_owned();
                return Some(Condition::all().add(col(m, "id").in_subquery(ifaces)));
            }
            "parent_device_id" if m.key() == "dcim.device" => {
                let children = Query::select()
                    .column(Alias::new("installed_device_id"))
                    .from(Alias::new("dcim_devicebay"))
                    .and_where(
                        Expr::col(Alias::new("device_id")).is_in(id_or_slug_values(vals, true)),
                    )
                    .to_owned();
                return Some(Condition::all().add(col(m, "id").in_subquery(children)));
            }
            // Interfaces by kind: physical (cabled types), virtual or wireless.
            "kind" if m.key() == "dcim.interface" => {
                let virtual_types = ["virtual", "bridge", "lag"];
                let t = col(m, "type");
                let wireless = Condition::any()
                    .add(t.clone().like("ieee802.11%"))
                    .add(t.clone().eq("other-wireless"));
                return Some(
                    match vals.first().map(|v| v.trim().to_lowercase()).as_deref() {
                        Some("physical") => Condition::all()
                            .add(t.clone().is_not_in(virtual_types))
                            .add(wireless.not()),
                        Some("virtual") => Condition::all().add(t.is_in(virtual_types)),
                        Some("wireless") => wireless,
                        _ => Condition::all().add(Expr::cust("1 = 0")),
                    },
                );
            }
            // Ports by the ports they map to.
            "rear_port_id" | "front_port_id"
                if matches!(m.key().as_str(), "dcim.frontport" | "dcim.rearport") =>
            {
                let (mine, other) = if base == "rear_port_id" {
                    ("front_port_id", "rear_port_id")
                } else {
                    ("rear_port_id", "front_port_id")
                };
                let mapped = Query::select()
                    .column(Alias::new(mine))
                    .from(Alias::new("dcim_portmapping"))
                    .and_where(Expr::col(Alias::new(other)).is_in(id_or_slug_values(vals, true)))
                    .to_owned();
                return Some(Condition::all().add(col(m, "id").in_subquery(mapped)));
            }
            // Cables by what they end on: NetBox's `termination_a_type`/`termination_b_type` match
            // either end; `termination_a_id`/`termination_b_id` the named end.
            "termination_a_type" | "termination_b_type" | "termination_a_id"
            | "termination_b_id"
                if m.key() == "dcim.cable" =>
            {
                let mut q = Query::select();
                q.column(Alias::new("cable_id"))
                    .from(Alias::new("dcim_cabletermination"));
                if base.ends_with("_type") {
                    q.and_where(
                        Expr::col(Alias::new("termination_type"))
                            .is_in(vals.iter().map(|v| v.to_lowercase())),
                    );
                } else {
                    let end = if base == "termination_a_id" { "A" } else { "B" };
                    q.and_where(Expr::col(Alias::new("cable_end")).eq(end))
                        .and_where(
                            Expr::col(Alias::new("termination_id"))
                                .is_in(id_or_slug_values(vals, true)),
                        );
                }
                return Some(Condition::all().add(col(m, "id").in_subquery(q.to_owned())));
            }
            // Tags in use on objects of a type.
            "content_type" if m.key() == "extras.tag" => {
                let used = Query::select()
                    .column(Alias::new("tag_id"))
                    .from(Alias::new("extras_taggeditem"))
                    .and_where(
                        Expr::col(Alias::new("object_type"))
                            .is_in(vals.iter().map(|v| v.to_lowercase())),
                    )
                    .to_owned();
                return Some(Condition::all().add(col(m, "id").in_subquery(used)));
            }
            _ => {}
        }
        // Scoped objects (prefixes, VLAN groups) filter by their cached region, site group, site
        // and location, the tree ones including everything below.
        let stem = base.strip_suffix("_id").unwrap_or(base);
        if ["region", "site_group", "site", "location"].contains(&stem)
            && m.field_named(stem).is_none()
            && let Some(f) = m.field_named(&format!("_{stem}"))
            && let Kind::Fk { target, slug, .. } = &f.kind
            && let Some(t) = self.reg.get(target)
        {
            // VLAN groups name their scope by number only (NetBox's NumberFilter there).
            let numeric_only = m.key() == "ipam.vlangroup";
            let by_id = base.ends_with("_id") || numeric_only;
            if numeric_only
                && vals
                    .iter()
                    .any(|v| v != "null" && v.trim().parse::<i64>().is_err())
            {
                self.errors.add(key, "Enter a whole number.");
                return None;
            }
            if by_id && !numeric_only && !self.object_ids_valid(key, vals) {
                return None;
            }
            let named: Vec<String> = vals.iter().filter(|v| *v != "null").cloned().collect();
            let c = col(m, &format!("{}_id", f.col));
            let ids = if t.tree_parent.is_some() {
                self.tree_ids(t, by_id, slug.unwrap_or("slug"), &named)
            } else {
                Query::select()
                    .column(Alias::new("id"))
                    .from(Alias::new(t.table))
                    .and_where(
                        Expr::col(Alias::new(if by_id {
                            "id"
                        } else {
                            slug.unwrap_or("slug")
                        }))
                        .is_in(id_or_slug_values(&named, by_id)),
                    )
                    .to_owned()
            };
            let any = Condition::any().add(c.clone().in_subquery(ids));
            return Some(negate_keeping_nulls(lookup == "n", any, c, false));
        }
        // An FK to another tree model matches the named nodes and everything below them, like
        // NetBox's tree filters (`region_id`, `location`, tenant `group_id`).
        for f in &m.fields {
            if let Kind::Fk { target, slug, .. } = &f.kind
                && *target != m.key()
                && let Some(t) = self.reg.get(target)
                && t.tree_parent.is_some()
            {
                let by_id = base == format!("{}_id", f.name);
                if by_id || (base == f.name && slug.is_some()) {
                    if by_id && !self.object_ids_valid(key, vals) {
                        return None;
                    }
                    let has_null = vals.iter().any(|v| v == "null");
                    let named: Vec<String> =
                        vals.iter().filter(|v| *v != "null").cloned().collect();
                    let c = col(m, &format!("{}_id", f.col));
                    let mut any = Condition::any();
                    if !named.is_empty() {
                        let ids = self.tree_ids(t, by_id, slug.unwrap_or("slug"), &named);
                        any = any.add(c.clone().in_subquery(ids));
                    }
                    if has_null {
                        any = any.add(c.clone().is_null());
                    }
                    return Some(negate_keeping_nulls(lookup == "n", any, c, has_null));
                }
            }
        }
        // `depth` filters the `_depth` field, like NetBox.
        if let Some(f) = m.field_named(base).or_else(|| {
            m.fields
                .iter()
                .find(|f| f.name.strip_prefix('_') == Some(base))
        }) {
            return self.field(key, f, lookup, vals);
        }
        if let Some(stem) = base.strip_suffix("_id")
            && let Some(f) = m.field_named(stem)
            && matches!(f.kind, Kind::Fk { .. })
        {
            if !self.object_ids_valid(key, vals) {
                return None;
            }
            let c = f.column()?;
            return self.scalar(key, &c, ColType::Int, lookup, vals, true);
        }
        // M2M by singular name (`import_target_id`, `group_id`, `ipaddress_id`).
        for f in &m.fields {
            if let Kind::M2m {
                target,
                table,
                this_col,
                other_col,
            } = &f.kind
            {
                let singular = singular(f.name);
                let (by_id, rest) = match base.strip_suffix("_id") {
                    Some(s) => (true, s),
                    None => (false, base),
                };
                if rest == singular {
                    if by_id && !self.object_ids_valid(key, vals) {
                        return None;
                    }
                    return self.m2m(key, target, table, this_col, other_col, by_id, lookup, vals);
                }
            }
        }
        // VLAN groups whose VID ranges hold a VID (ranges are kept relational beside the JSON).
        if base == "contains_vid" && m.key() == "ipam.vlangroup" {
            let mut any = Condition::any();
            for v in vals {
                let Ok(vid) = v.trim().parse::<i64>() else {
                    self.errors.add(key, "Enter a whole number.");
                    return None;
                };
                let sub = Query::select()
                    .column(Alias::new("vlangroup_id"))
                    .from(Alias::new("ipam_vlangroup_vid_ranges"))
                    .and_where(Expr::col(Alias::new("lower_vid")).lte(vid))
                    .and_where(Expr::col(Alias::new("upper_vid")).gte(vid))
                    .to_owned();
                any = any.add(col(m, "id").in_subquery(sub));
            }
            return Some(Condition::all().add(any));
        }
        // `ancestor_id` / `ancestor`: everything below the named tree nodes.
        if (base == "ancestor_id" || base == "ancestor") && m.tree_parent.is_some() {
            let sub = self.tree_ids(m, base == "ancestor_id", "slug", vals);
            let named = id_or_slug_values(vals, base == "ancestor_id");
            let self_col = if base == "ancestor_id" { "id" } else { "slug" };
            let e = col(m, "id").in_subquery(sub);
            let not_self = col(m, self_col).is_not_in(named);
            let c = Condition::all().add(e).add(not_self);
            return Some(if lookup == "n" { c.not() } else { c });
        }
        // `present_in_vrf_id`: the VRF's own objects plus those of VRFs exporting a target it imports.
        if (base == "present_in_vrf_id" || base == "present_in_vrf")
            && let Some(vf) = m.field_named("vrf")
        {
            let by_id = base.ends_with("_id");
            let mut any = Condition::any();
            for v in vals {
                let vrf_ids = if by_id {
                    match v.trim().parse::<i64>() {
                        Ok(i) => Query::select().expr(Expr::val(i)).to_owned(),
                        Err(_) => {
                            self.errors.add(key, "Enter a whole number.");
                            return None;
                        }
                    }
                } else {
                    Query::select()
                        .column(Alias::new("id"))
                        .from(Alias::new("ipam_vrf"))
                        .and_where(Expr::col(Alias::new("rd")).eq(v.clone()))
                        .to_owned()
                };
                let imports = Query::select()
                    .column(Alias::new("routetarget_id"))
                    .from(Alias::new("ipam_vrf_import_targets"))
                    .and_where(Expr::col(Alias::new("vrf_id")).in_subquery(vrf_ids.clone()))
                    .to_owned();
                let exporters = Query::select()
                    .column(Alias::new("vrf_id"))
                    .from(Alias::new("ipam_vrf_export_targets"))
                    .and_where(Expr::col(Alias::new("routetarget_id")).in_subquery(imports))
                    .to_owned();
                let c = col(m, &format!("{}_id", vf.col));
                any = any
                    .add(c.clone().in_subquery(vrf_ids))
                    .add(c.in_subquery(exporters));
            }
            return Some(Condition::all().add(any));
        }
        // IP helpers derived from the model's IP field.
        if let Some(ipf) = m
            .fields
            .iter()
            .find(|f| matches!(f.kind, Kind::Prefix | Kind::Interface))
        {
            match base {
                "mask_length" => {
                    return self.scalar(
                        key,
                        &format!("{}_len", ipf.col),
                        ColType::Int,
                        lookup,
                        vals,
                        false,
                    );
                }
                "within" | "within_include" | "contains" | "parent" | "net_contains" => {
                    return self.ip(key, ipf, base, vals);
                }
                _ => {}
            }
        }
        // Filters through an FK's own tree FK: `tenant_group_id`, `tenant_group`.
        for f in &m.fields {
            if let Kind::Fk { target, .. } = &f.kind
                && let Some(t) = self.reg.get(target)
            {
                for g in &t.fields {
                    if let Kind::Fk {
                        target: gt, slug, ..
                    } = &g.kind
                        && let Some(gm) = self.reg.get(gt)
                        && gm.tree_parent.is_some()
                    {
                        let name = format!("{}_{}", f.name, g.name);
                        let by_id = base == format!("{name}_id");
                        if by_id || base == name {
                            let ids = self.tree_ids(gm, by_id, slug.unwrap_or("slug"), vals);
                            let inner = Query::select()
                                .column(Alias::new("id"))
                                .from(Alias::new(t.table))
                                .and_where(
                                    Expr::col(Alias::new(g.col.to_string() + "_id"))
                                        .in_subquery(ids),
                                )
                                .to_owned();
                            let c = col(m, &format!("{}_id", f.col));
                            let any = Condition::any().add(c.clone().in_subquery(inner));
                            return Some(negate_keeping_nulls(lookup == "n", any, c, false));
                        }
                    }
                }
            }
        }
        None
    }

    /// The ids of another model's rows matching one of its own filters (`key=vals`); its
    /// errors become this filter's errors.
    fn sub_filter(&mut self, other: &Model, key: &str, vals: &[String]) -> Option<SelectStatement> {
        let params: Vec<(String, String)> =
            vals.iter().map(|v| (key.to_string(), v.clone())).collect();
        let cond = match Compiler::new(self.reg, other, self.backend).compile(&params) {
            Ok(c) => c,
            Err(Error::Invalid(fe)) => {
                for (k, msgs) in fe.0 {
                    for msg in msgs {
                        self.errors.add(&k, msg);
                    }
                }
                return None;
            }
            Err(_) => return None,
        };
        Some(
            Query::select()
                .column(Alias::new("id"))
                .from(Alias::new(other.table))
                .cond_where(cond)
                .to_owned(),
        )
    }

    fn tree_ids(
        &mut self,
        gm: &Model,
        by_id: bool,
        slug: &str,
        vals: &[String],
    ) -> SelectStatement {
        // Recursive descent through the tree: the named groups and all their descendants.
        let parent = gm.tree_parent.unwrap_or("parent");
        // Custom SQL placeholders are backend-specific in sea-query: `?` for SQLite, `$n` for PostgreSQL.
        let placeholders = (1..=vals.len())
            .map(|i| match self.backend {
                Backend::Sqlite => "?".to_string(),
                Backend::Postgres => format!("${i}"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let seed_col = if by_id { "id" } else { slug };
        let vs = id_or_slug_values(vals, by_id);
        let sql = format!(
            "id IN (WITH RECURSIVE t(id) AS (SELECT id FROM {tb} WHERE {seed_col} IN ({placeholders}) UNION SELECT g.id FROM {tb} g JOIN t ON g.{parent}_id = t.id) SELECT id FROM t)",
            tb = gm.table
        );
        Query::select()
            .column(Alias::new("id"))
            .from(Alias::new(gm.table))
            .and_where(Expr::cust_with_values(sql, vs))
            .to_owned()
    }

    fn field(&mut self, key: &str, f: &Field, lookup: &str, vals: &[String]) -> Option<Condition> {
        let m = self.m;
        match &f.kind {
            Kind::Text { .. }
            | Kind::Slug
            | Kind::Choice(_)
            | Kind::PlainChoice(_)
            | Kind::ObjectType
            | Kind::Date
            | Kind::DateTime => {
                if let Some(choices) = f.choices()
                    && lookup == "exact"
                {
                    for v in vals {
                        if !v.is_empty() && v != "null" && !choices.iter().any(|(c, _)| c == v) {
                            self.errors.add(key, format!("Select a valid choice. {v} is not one of the available choices."));
                            return None;
                        }
                    }
                }
                let vals: Vec<String> = if matches!(f.kind, Kind::DateTime)
                    && matches!(lookup, "exact" | "n" | "gt" | "gte" | "lt" | "lte")
                {
                    let mut out = Vec::new();
                    for v in vals {
                        match ironbox_core::time::parse(v) {
                            Some(t) => out.push(t),
                            None => {
                                self.errors.add(key, "Enter a valid date/time.");
                                return None;
                            }
                        }
                    }
                    out
                } else {
                    vals.to_vec()
                };
                // Some exact text filters of NetBox ignore case (`serial`).
                let lookup = match lookup {
                    "exact" if f.iexact => "ie",
                    "n" if f.iexact => "nie",
                    l => l,
                };
                self.scalar(key, f.col, ColType::Text, lookup, &vals, f.nullable)
            }
            Kind::Int { .. } | Kind::IntChoice(_) => {
                self.scalar(key, f.col, ColType::Int, lookup, vals, f.nullable)
            }
            Kind::Float => self.scalar(key, f.col, ColType::Float, lookup, vals, f.nullable),
            Kind::Bool => self.scalar(key, f.col, ColType::Bool, lookup, vals, false),
            Kind::Family { .. } => self.scalar(key, f.col, ColType::Int, lookup, vals, false),
            Kind::Fk { target, .. } => {
                let t = self.reg.get(target)?;
                let attr = self.reg.fk_name_attr(f)?;
                let has_null = vals.iter().any(|v| v == "null");
                let named: Vec<String> = vals.iter().filter(|v| *v != "null").cloned().collect();
                let inner = Query::select()
                    .column(Alias::new("id"))
                    .from(Alias::new(t.table))
                    .and_where(
                        Expr::col(Alias::new(attr)).is_in(
                            named
                                .iter()
                                .map(|s| sq(&Value::Text(s.clone()), ColType::Text)),
                        ),
                    )
                    .to_owned();
                let c = col(m, &format!("{}_id", f.col));
                let mut any = Condition::any();
                if !named.is_empty() {
                    any = any.add(c.clone().in_subquery(inner));
                }
                if has_null {
                    any = any.add(c.clone().is_null());
                }
                Some(negate_keeping_nulls(lookup == "n", any, c, has_null))
            }
            Kind::Prefix | Kind::Interface => {
                if lookup == "exact" {
                    // Exact network for prefixes; host match (any mask) for addresses, like NetBox.
                    let mut any = Condition::any();
                    for v in vals {
                        let Some(n) = IpNet::parse(v) else {
                            self.errors
                                .add(key, format!("Invalid IP address format: {v}"));
                            return None;
                        };
                        if matches!(f.kind, Kind::Prefix) {
                            any = any.add(
                                Condition::all()
                                    .add(col(m, &format!("{}_key", f.col)).eq(n.first_key()))
                                    .add(col(m, &format!("{}_len", f.col)).eq(i64::from(n.len))),
                            );
                        } else if v.contains('/') {
                            any = any.add(
                                Condition::all()
                                    .add(col(m, &format!("{}_key", f.col)).eq(n.key()))
                                    .add(col(m, &format!("{}_len", f.col)).eq(i64::from(n.len))),
                            );
                        } else {
                            any = any.add(col(m, &format!("{}_key", f.col)).eq(n.key()));
                        }
                    }
                    Some(Condition::all().add(any))
                } else {
                    self.scalar(key, f.col, ColType::Text, lookup, vals, false)
                }
            }
            Kind::Json => None,
            Kind::M2m {
                target,
                table,
                this_col,
                other_col,
            } => self.m2m(key, target, table, this_col, other_col, false, lookup, vals),
            _ => None,
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one call site per shape; a struct would add noise"
    )]
    fn m2m(
        &mut self,
        key: &str,
        target: &str,
        table: &str,
        this_col: &str,
        other_col: &str,
        by_id: bool,
        lookup: &str,
        vals: &[String],
    ) -> Option<Condition> {
        let t = self.reg.get(target)?;
        let ids: Vec<sea_query::Value> = if by_id {
            let mut out = Vec::new();
            for v in vals {
                match v.parse::<i64>() {
                    Ok(i) => out.push(sq(&Value::Int(i), ColType::Int)),
                    Err(_) => {
                        self.errors.add(key, "Enter a whole number.");
                        return None;
                    }
                }
            }
            out
        } else {
            let attr = if t.field_named("slug").is_some() {
                "slug"
            } else {
                "name"
            };
            let sub = Query::select()
                .column(Alias::new("id"))
                .from(Alias::new(t.table))
                .and_where(
                    Expr::col(Alias::new(attr)).is_in(
                        vals.iter()
                            .map(|s| sq(&Value::Text(s.clone()), ColType::Text)),
                    ),
                )
                .to_owned();
            let inner = Query::select()
                .column(Alias::new(this_col))
                .from(Alias::new(table))
                .and_where(Expr::col(Alias::new(other_col)).in_subquery(sub))
                .to_owned();
            let e = col(self.m, "id").in_subquery(inner);
            return Some(Condition::all().add(if lookup == "n" { e.not() } else { e }));
        };
        let inner = Query::select()
            .column(Alias::new(this_col))
            .from(Alias::new(table))
            .and_where(Expr::col(Alias::new(other_col)).is_in(ids))
            .to_owned();
        let e = col(self.m, "id").in_subquery(inner);
        Some(Condition::all().add(if lookup == "n" { e.not() } else { e }))
    }

    fn scalar(
        &mut self,
        key: &str,
        c: &str,
        t: ColType,
        lookup: &str,
        vals: &[String],
        nullable: bool,
    ) -> Option<Condition> {
        let m = self.m;
        let e = col(m, c);
        match lookup {
            "exact" | "n" => {
                let has_null = nullable
                    && vals
                        .iter()
                        .any(|v| v == "null" || (t != ColType::Text && v.is_empty()));
                let mut parsed = Vec::new();
                for v in vals.iter().filter(|v| {
                    !(nullable && (*v == "null" || (t != ColType::Text && v.is_empty())))
                }) {
                    match parse_val(t, v) {
                        Ok(x) => parsed.push(sq(&x, t)),
                        Err(msg) => {
                            self.errors.add(key, msg);
                            return None;
                        }
                    }
                }
                let mut any = Condition::any();
                if !parsed.is_empty() {
                    any = any.add(e.clone().is_in(parsed));
                }
                if has_null {
                    any = any.add(e.clone().is_null());
                }
                Some(if nullable {
                    negate_keeping_nulls(lookup == "n", any, e, has_null)
                } else if lookup == "n" {
                    Condition::all().add(any).not()
                } else {
                    Condition::all().add(any)
                })
            }
            "gt" | "gte" | "lt" | "lte" => {
                let v = vals.last()?;
                let x = match parse_val(t, v) {
                    Ok(x) => sq(&x, t),
                    Err(msg) => {
                        self.errors.add(key, msg);
                        return None;
                    }
                };
                Some(Condition::all().add(match lookup {
                    "gt" => e.gt(x),
                    "gte" => e.gte(x),
                    "lt" => e.lt(x),
                    _ => e.lte(x),
                }))
            }
            "empty" => {
                let v = vals
                    .last()
                    .map(|s| s.to_ascii_lowercase())
                    .unwrap_or_default();
                let want = match v.as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => {
                        self.errors.add(key, "Enter a valid boolean.");
                        return None;
                    }
                };
                let empty = if t == ColType::Text {
                    Condition::any()
                        .add(e.clone().is_null())
                        .add(e.clone().eq(""))
                } else {
                    Condition::any().add(e.clone().is_null())
                };
                Some(if want {
                    empty
                } else {
                    Condition::all().add(empty).not()
                })
            }
            "ic" | "nic" | "ie" | "nie" | "isw" | "nisw" | "iew" | "niew" => {
                let negate = lookup.starts_with('n');
                let kind = lookup.trim_start_matches('n');
                let mut any = Condition::any();
                for v in vals {
                    let lv = esc_like(&v.to_lowercase());
                    let pat = match kind {
                        "ic" => format!("%{lv}%"),
                        "ie" => lv,
                        "isw" => format!("{lv}%"),
                        _ => format!("%{lv}"),
                    };
                    let target: Expr = if t == ColType::Text {
                        e.clone()
                    } else {
                        Func::cast_as(e.clone(), Alias::new("TEXT")).into()
                    };
                    any = any.add(self.ci_like(target, pat));
                }
                Some(if negate {
                    Condition::all().add(any).not()
                } else {
                    Condition::all().add(any)
                })
            }
            _ => None,
        }
    }

    /// Case-insensitive LIKE: PostgreSQL's ILIKE; SQLite's LIKE already ignores ASCII case (and
    /// its LOWER() folds nothing more), so no function call per row on either backend.
    fn ci_like(&self, e: Expr, pattern: String) -> Expr {
        match self.backend {
            // Backslash is PostgreSQL's default LIKE escape; sea-query 1.0 renders an explicit
            // ESCAPE after ILIKE inside parentheses, which PostgreSQL rejects.
            Backend::Postgres => {
                use sea_query::extension::postgres::PgExpr;
                e.ilike(LikeExpr::new(pattern))
            }
            Backend::Sqlite => e.like(LikeExpr::new(pattern).escape('\\')),
        }
    }

    /// `q`: the model's search terms (NetBox's `search()` of its filterset) OR'ed together, each
    /// an `IN (SELECT …)` chain when it reaches through relations. A model without terms is not
    /// filtered, as NetBox ignores `q` there.
    fn search(&mut self, q: &str) -> Option<Condition> {
        let q = q.trim();
        let m = self.m;
        if q.is_empty() || m.search.is_empty() {
            return None;
        }
        let mut any = Condition::any();
        // SQLite: the model's own text columns held by its trigram index are matched together,
        // by one FTS query restricted to those columns (search.rs).
        let mut fts_cols: Vec<&str> = Vec::new();
        for term in &m.search {
            let Ok(path) = self.reg.search_path(m, term) else {
                continue;
            };
            if path.hops.is_empty() && self.fts_substring(m, path.field, term.lookup, q) {
                fts_cols.push(path.field.col);
                continue;
            }
            if let Some(c) = self.search_term(&path, term.lookup, q) {
                any = any.add(c);
            }
        }
        if let (Some(s), false) = (self.fts_index(m, q), fts_cols.is_empty()) {
            any = any.add(col(m, "id").in_subquery(fts_match(s, &fts_cols, q)));
        }
        Some(Condition::all().add(any))
    }

    /// The trigram index that can answer a search of `model` for `q` (SQLite, three characters
    /// or more).
    fn fts_index(&self, model: &Model, q: &str) -> Option<&'static crate::search::SearchIndex> {
        match self.backend {
            Backend::Sqlite if crate::search::indexable(q) => {
                crate::search::sqlite_index(model.table)
            }
            _ => None,
        }
    }

    /// Whether a substring term on `f` is answered by the FTS index: `icontains` on an indexed
    /// column, or `contains` on an indexed network or address (lower-case text, so with a
    /// lower-case value the case-insensitive phrase match is the case-sensitive one).
    fn fts_substring(&self, model: &Model, f: &Field, lookup: SearchLookup, q: &str) -> bool {
        let indexed = self
            .fts_index(model, q)
            .is_some_and(|s| s.columns.contains(&f.col));
        indexed
            && match lookup {
                SearchLookup::IContains => true,
                SearchLookup::Contains => {
                    matches!(f.kind, Kind::Prefix | Kind::Interface) && q == q.to_lowercase()
                }
                _ => false,
            }
    }

    /// One resolved term: its condition on the compared field, wrapped in one `IN (SELECT …)`
    /// per relation hop back to the searched model.
    fn search_term(
        &self,
        path: &SearchPath<'_>,
        lookup: SearchLookup,
        q: &str,
    ) -> Option<Condition> {
        let mut cond = self.search_leaf(path.model, path.field, lookup, q)?;
        let mut models: Vec<&Model> = vec![self.m];
        for hop in &path.hops {
            models.push(match hop {
                SearchHop::Fk { target, .. } | SearchHop::M2m { target, .. } => target,
                SearchHop::Reverse { source, .. } => source,
            });
        }
        for (hop, from) in path.hops.iter().zip(&models).rev() {
            let e = match hop {
                SearchHop::Fk { col: c, target } => col(from, c).in_subquery(
                    Query::select()
                        .column(Alias::new("id"))
                        .from(Alias::new(target.table))
                        .cond_where(cond)
                        .to_owned(),
                ),
                SearchHop::M2m {
                    table,
                    this_col,
                    other_col,
                    target,
                } => col(from, "id").in_subquery(
                    Query::select()
                        .column(Alias::new(*this_col))
                        .from(Alias::new(*table))
                        .and_where(
                            Expr::col(Alias::new(*other_col)).in_subquery(
                                Query::select()
                                    .column(Alias::new("id"))
                                    .from(Alias::new(target.table))
                                    .cond_where(cond)
                                    .to_owned(),
                            ),
                        )
                        .to_owned(),
                ),
                SearchHop::Reverse { source, col: c } => col(from, "id").in_subquery(
                    Query::select()
                        .column(Alias::new(c.as_str()))
                        .from(Alias::new(source.table))
                        .cond_where(cond)
                        .to_owned(),
                ),
            };
            cond = Condition::all().add(e);
        }
        Some(cond)
    }

    /// The condition of one lookup on a field of `model` (its own table's columns); None when
    /// the value cannot match (not a number for an integer, not an address for an IP lookup).
    fn search_leaf(
        &self,
        model: &Model,
        f: &Field,
        lookup: SearchLookup,
        q: &str,
    ) -> Option<Condition> {
        let e = col(model, f.col);
        let one = |e: Expr| Some(Condition::all().add(e));
        match lookup {
            SearchLookup::IContains | SearchLookup::Contains => {
                // Networks, addresses and numbers have lower-case text forms: a value with upper
                // case in it is no substring of them (`contains` keeps case).
                if lookup == SearchLookup::Contains && q != q.to_lowercase() {
                    return None;
                }
                if self.fts_substring(model, f, lookup, q)
                    && let Some(s) = self.fts_index(model, q)
                {
                    return one(col(model, "id").in_subquery(fts_match(s, &[f.col], q)));
                }
                let lower = q.to_lowercase();
                let pat = format!("%{}%", esc_like(&lower));
                if matches!(f.kind, Kind::Int { .. }) {
                    return one(self.ci_like(Func::cast_as(e, Alias::new("TEXT")).into(), pat));
                }
                // PostgreSQL: the index gets the term's rare words, and the whole term is checked
                // on the rows they find through `col || ''`, which no index serves.
                if self.backend == Backend::Postgres
                    && std::ptr::eq(model, self.m)
                    && let Some(words) = self.sample.and_then(|s| s.index_words(f.col, &lower))
                {
                    use sea_query::extension::postgres::PgExpr;
                    let mut all = Condition::all();
                    for w in words {
                        all = all.add(self.ci_like(e.clone(), format!("%{}%", esc_like(&w))));
                    }
                    return Some(all.add(self.ci_like(e.concatenate(""), pat)));
                }
                one(self.ci_like(e, pat))
            }
            SearchLookup::IStartsWith => {
                // The FTS table's own LIKE is indexed for trigram tables (no wildcard in the term).
                if let Some(s) = self
                    .fts_index(model, q)
                    .filter(|s| s.columns.contains(&f.col) && !q.contains(['%', '_']))
                {
                    let hits = Query::select()
                        .column(Alias::new("rowid"))
                        .from(Alias::new(s.fts))
                        .and_where(
                            Expr::col((Alias::new(s.fts), Alias::new(f.col)))
                                .like(LikeExpr::new(format!("{q}%"))),
                        )
                        .to_owned();
                    return one(col(model, "id").in_subquery(hits));
                }
                one(self.ci_like(e, format!("{}%", esc_like(&q.to_lowercase()))))
            }
            SearchLookup::Exact => match f.kind {
                Kind::Int { .. } => one(e.eq(py_int(q)?)),
                Kind::Interface => {
                    let n = py_network(q)?;
                    Some(
                        Condition::all()
                            .add(col(model, &format!("{}_key", f.col)).eq(n.key()))
                            .add(col(model, &format!("{}_len", f.col)).eq(i64::from(n.len))),
                    )
                }
                _ => one(e.eq(q)),
            },
            SearchLookup::NetContainsOrEquals => {
                let n = py_network(q)?.network();
                Some(
                    Condition::all()
                        .add(col(model, &format!("{}_key", f.col)).lte(n.first_key()))
                        .add(col(model, &format!("{}_last", f.col)).gte(n.last_key()))
                        .add(col(model, &format!("{}_len", f.col)).lte(i64::from(n.len))),
                )
            }
            SearchLookup::Host => {
                let n = py_network(q)?;
                one(col(model, &format!("{}_key", f.col)).eq(n.key()))
            }
        }
    }

    fn tags(&mut self, by_id: bool, lookup: &str, vals: &[String]) -> Condition {
        let m = self.m;
        let ot = m.key();
        let tag_sel = |v: &String| -> SelectStatement {
            let mut q = Query::select();
            q.column((Alias::new("ti"), Alias::new("object_id")))
                .from_as(Alias::new("extras_taggeditem"), Alias::new("ti"))
                .and_where(Expr::col((Alias::new("ti"), Alias::new("object_type"))).eq(ot.clone()));
            if by_id {
                q.and_where(
                    Expr::col((Alias::new("ti"), Alias::new("tag_id")))
                        .eq(v.parse::<i64>().unwrap_or(-1)),
                );
            } else {
                let sub = Query::select()
                    .column(Alias::new("id"))
                    .from(Alias::new("extras_tag"))
                    .and_where(Expr::col(Alias::new("slug")).eq(v.clone()))
                    .to_owned();
                q.and_where(Expr::col((Alias::new("ti"), Alias::new("tag_id"))).in_subquery(sub));
            }
            q.to_owned()
        };
        match lookup {
            // `tag=a&tag=b` requires all tags (NetBox's TagFilter is conjoined); `tag__any` any of them.
            "n" => {
                let mut c = Condition::all();
                for v in vals {
                    c = c.add(col(m, "id").not_in_subquery(tag_sel(v)));
                }
                c
            }
            "any" => {
                let mut c = Condition::any();
                for v in vals {
                    c = c.add(col(m, "id").in_subquery(tag_sel(v)));
                }
                c
            }
            _ => {
                let mut c = Condition::all();
                for v in vals {
                    c = c.add(col(m, "id").in_subquery(tag_sel(v)));
                }
                c
            }
        }
    }

    fn ip(&mut self, key: &str, f: &Field, base: &str, vals: &[String]) -> Option<Condition> {
        let m = self.m;
        let is_range = m.field_named("end_address").is_some() && f.name == "start_address";
        let mut any = Condition::any();
        for v in vals {
            let Some(n) = IpNet::parse(v) else {
                self.errors
                    .add(key, format!("Invalid IP address format: {v}"));
                return None;
            };
            any = any.add(self.ip_one(f, base, n, is_range)?);
        }
        Some(Condition::all().add(any))
    }

    fn ip_one(&self, f: &Field, base: &str, n: IpNet, is_range: bool) -> Option<Condition> {
        let m = self.m;
        let kc = format!("{}_key", f.col);
        let lc = format!("{}_len", f.col);
        let lastc = format!("{}_last", f.col);
        let (first, last) = (n.first_key(), n.last_key());
        let is_prefix = matches!(f.kind, Kind::Prefix);
        Some(match (base, is_prefix) {
            // Strictly inside / inside or equal / containing, on networks.
            ("within", true) => Condition::all()
                .add(col(m, &kc).gte(first))
                .add(col(m, &lastc).lte(last))
                .add(col(m, &lc).gt(i64::from(n.len))),
            ("within_include", true) => Condition::all()
                .add(col(m, &kc).gte(first))
                .add(col(m, &lastc).lte(last))
                .add(col(m, &lc).gte(i64::from(n.len))),
            ("contains" | "net_contains", true) => Condition::all()
                .add(col(m, &kc).lte(first))
                .add(col(m, &lastc).gte(last))
                .add(col(m, &lc).lte(i64::from(n.len))),
            // IP ranges: `contains` an address, `parent` a network holding the whole range.
            ("contains", false) if is_range => Condition::all()
                .add(col(m, &kc).lte(n.key()))
                .add(col(m, "end_address_key").gte(n.key())),
            (_, false) if is_range => Condition::all()
                .add(col(m, &kc).gte(first))
                .add(col(m, "end_address_key").lte(last)),
            // Addresses inside a network.
            (_, false) => Condition::all()
                .add(col(m, &kc).gte(first))
                .add(col(m, &kc).lte(last)),
            _ => return None,
        })
    }
}

/// Django's `exclude()` keeps rows whose column is NULL unless NULL itself was excluded; SQL's
/// `NOT (x IN …)` would drop them, so negations add `OR x IS NULL` back.
fn negate_keeping_nulls(negate: bool, any: Condition, col: Expr, excluded_null: bool) -> Condition {
    if !negate {
        return Condition::all().add(any);
    }
    let not = Condition::all().add(any).not();
    if excluded_null {
        not
    } else {
        Condition::any().add(not).add(col.is_null())
    }
}

/// The rows of an FTS table containing `term` in any of `columns`.
fn fts_match(s: &crate::search::SearchIndex, columns: &[&str], term: &str) -> SelectStatement {
    Query::select()
        .column(Alias::new("rowid"))
        .from(Alias::new(s.fts))
        .and_where(Expr::cust_with_values(
            format!("{} MATCH ?", s.fts),
            [crate::search::fts_query(columns, term)],
        ))
        .to_owned()
}

/// A whole number as Python's `int()` reads text (NetBox's `int(value)`): surrounding
/// whitespace, a sign, leading zeros and single underscores between digits are allowed.
fn py_int(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return None;
    }
    let n: i64 = digits.replace('_', "").parse().ok()?;
    Some(if neg { -n } else { n })
}

/// An address with its mask as netaddr's `IPNetwork()` reads it: a bare address is a host, the
/// mask a length (read like `int()`) or an IPv4/IPv6 netmask or hostmask of the same family.
fn py_network(s: &str) -> Option<IpNet> {
    let s = s.trim();
    let Some((a, m)) = s.split_once('/') else {
        return IpNet::parse(s);
    };
    if a != a.trim() {
        return None;
    }
    let host = IpNet::parse(a)?;
    let max = host.max_len();
    let len = match py_int(m) {
        Some(l) => u8::try_from(l).ok().filter(|l| *l <= max)?,
        None => {
            let mask = IpNet::parse(m).filter(|x| x.family == host.family)?;
            let (v, ones) = (mask.addr, mask.addr.count_ones());
            let hostmask = if ones >= 128 {
                u128::MAX
            } else {
                (1u128 << ones) - 1
            };
            // netaddr tries a netmask first (so 0.0.0.0 is /0), then a hostmask.
            if v == ironbox_core::ip::mask(host.family, u8::try_from(ones).ok()?) {
                u8::try_from(ones).ok()?
            } else if v == hostmask {
                max - u8::try_from(ones).ok()?
            } else {
                return None;
            }
        }
    };
    Some(IpNet { len, ..host })
}

/// A boolean filter value: NetBox's true spellings.
fn truthy(vals: &[String]) -> bool {
    vals.first()
        .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "1" | "yes"))
}

/// The VLANs a device may use (NetBox's `VLANQuerySet.get_for_device`): those of groups scoped
/// to its region or site group (or their ancestors), its site, its location (or its ancestors)
/// or its rack; those of its site; global ones. `dev` is a number, so the text is safe SQL.
fn vlans_for_device(dev: i64) -> String {
    let ancestors = |table: &str, seed: &str| {
        format!(
            "WITH RECURSIVE a(id, parent_id) AS (SELECT id, parent_id FROM {table} WHERE id = ({seed}) \
             UNION SELECT t.id, t.parent_id FROM {table} t JOIN a ON t.id = a.parent_id) SELECT id FROM a"
        )
    };
    let site = format!("SELECT site_id FROM dcim_device WHERE id = {dev}");
    let groups = [
        format!(
            "(scope_type = 'dcim.region' AND scope_id IN ({}))",
            ancestors(
                "dcim_region",
                &format!("SELECT region_id FROM dcim_site WHERE id = ({site})")
            )
        ),
        format!(
            "(scope_type = 'dcim.sitegroup' AND scope_id IN ({}))",
            ancestors(
                "dcim_sitegroup",
                &format!("SELECT group_id FROM dcim_site WHERE id = ({site})")
            )
        ),
        format!("(scope_type = 'dcim.site' AND scope_id = ({site}))"),
        format!(
            "(scope_type = 'dcim.location' AND scope_id IN ({}))",
            ancestors(
                "dcim_location",
                &format!("SELECT location_id FROM dcim_device WHERE id = {dev}")
            )
        ),
        format!(
            "(scope_type = 'dcim.rack' AND scope_id = (SELECT rack_id FROM dcim_device WHERE id = {dev}))"
        ),
    ]
    .join(" OR ");
    format!(
        "(ipam_vlan.group_id IN (SELECT id FROM ipam_vlangroup WHERE {groups}) \
         OR ipam_vlan.site_id = ({site}) \
         OR (ipam_vlan.group_id IN (SELECT id FROM ipam_vlangroup WHERE scope_id IS NULL) AND ipam_vlan.site_id IS NULL) \
         OR (ipam_vlan.group_id IS NULL AND ipam_vlan.site_id IS NULL))"
    )
}

/// `SELECT id FROM table WHERE attr IN (vals)`, the values read as ids or as text.
fn select_ids(table: &str, attr: &str, numeric: bool, vals: &[String]) -> SelectStatement {
    Query::select()
        .column(Alias::new("id"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(attr)).is_in(id_or_slug_values(vals, numeric)))
        .to_owned()
}

/// Filter values as ids (unparseable ones match nothing) or as slugs.
fn id_or_slug_values(vals: &[String], by_id: bool) -> Vec<sea_query::Value> {
    vals.iter()
        .map(|v| match by_id {
            true => sq(
                &Value::Int(v.trim().parse::<i64>().unwrap_or(-1)),
                ColType::Int,
            ),
            false => sq(&Value::Text(v.clone()), ColType::Text),
        })
        .collect()
}

fn singular(name: &str) -> String {
    if let Some(s) = name.strip_suffix("sses") {
        format!("{s}ss")
    } else if let Some(s) = name.strip_suffix("es").filter(|s| s.ends_with("ss")) {
        s.to_string()
    } else {
        name.strip_suffix('s').unwrap_or(name).to_string()
    }
}

/// Compiles filter parameters for a model.
/// Values of FK filters that must name existing objects, as `(param, target, attribute, values)`:
/// NetBox answers 400 ("Select a valid choice") for an id or slug that matches nothing.
pub fn references<'r>(
    reg: &'r Registry,
    m: &Model,
    params: &[(String, String)],
) -> Vec<(String, &'r Model, &'static str, Vec<String>)> {
    let mut out = Vec::new();
    for (key, vals) in group(params) {
        let (base, by_id) = match key.strip_suffix("_id") {
            Some(b) => (b, true),
            None => (key.as_str(), false),
        };
        // `tag`/`tag_id` name tags by slug or id, like an FK filter.
        let (target, slug) =
            if base == "tag" && m.fields.iter().any(|f| matches!(f.kind, Kind::Tags)) {
                ("extras.tag", Some("slug"))
            } else {
                let Some(f) = m.field_named(base) else {
                    continue;
                };
                let Kind::Fk { target, .. } = &f.kind else {
                    continue;
                };
                (*target, reg.fk_name_attr(f))
            };
        let Some(t) = reg.get(target) else { continue };
        let attr = if by_id {
            "id"
        } else {
            match slug {
                Some(s) => s,
                None => continue,
            }
        };
        let vals: Vec<String> = vals
            .into_iter()
            .flat_map(|v| v.split(',').map(str::to_string).collect::<Vec<_>>())
            .filter(|v| v != "null" && !v.is_empty())
            .collect();
        if by_id && vals.iter().any(|v| v.parse::<i64>().is_err()) {
            continue;
        }
        if !vals.is_empty() {
            out.push((key.clone(), t, attr, vals));
        }
    }
    out
}

pub fn compile(
    reg: &Registry,
    m: &Model,
    params: &[(String, String)],
    backend: Backend,
) -> Result<Condition> {
    Compiler::new(reg, m, backend).compile(params)
}

/// [`compile`] with the searched table's column sample, for `q` on PostgreSQL.
pub fn compile_sampled(
    reg: &Registry,
    m: &Model,
    params: &[(String, String)],
    backend: Backend,
    sample: Option<&TableSample>,
) -> Result<Condition> {
    Compiler::new(reg, m, backend)
        .with_sample(sample)
        .compile(params)
}

/// The model's own columns that `q` matches as substrings: the columns a [`TableSample`] is
/// worth reading for.
pub fn sampled_columns(reg: &Registry, m: &Model) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for term in &m.search {
        if !matches!(
            term.lookup,
            SearchLookup::IContains | SearchLookup::Contains
        ) {
            continue;
        }
        if let Ok(path) = reg.search_path(m, term)
            && path.hops.is_empty()
            && !matches!(path.field.kind, Kind::Int { .. })
            && !out.contains(&path.field.col)
        {
            out.push(path.field.col);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{py_int, py_network, singular};

    #[test]
    fn m2m_filter_names_are_singular() {
        assert_eq!(singular("import_targets"), "import_target");
        assert_eq!(singular("ipaddresses"), "ipaddress");
        assert_eq!(singular("groups"), "group");
    }

    #[test]
    fn numbers_read_as_python_int_reads_them() {
        assert_eq!(py_int("65001"), Some(65001));
        assert_eq!(py_int(" +7 "), Some(7));
        assert_eq!(py_int("-3"), Some(-3));
        assert_eq!(py_int("007"), Some(7));
        assert_eq!(py_int("1_000"), Some(1000));
        for bad in [
            "",
            "+",
            "1__0",
            "_1",
            "1_",
            "0x10",
            "1.0",
            "1e3",
            "12a",
            "99999999999999999999",
        ] {
            assert_eq!(py_int(bad), None, "{bad}");
        }
    }

    #[test]
    fn networks_read_as_netaddr_reads_them() {
        let n = |s: &str| py_network(s).map(|n| n.to_string());
        assert_eq!(n("10.1.2.3").as_deref(), Some("10.1.2.3/32"));
        assert_eq!(n("10.1.2.3/24").as_deref(), Some("10.1.2.3/24"));
        assert_eq!(n("10.1.2.3/255.255.255.0").as_deref(), Some("10.1.2.3/24"));
        assert_eq!(n("10.1.2.3/0.0.0.255").as_deref(), Some("10.1.2.3/24"));
        assert_eq!(n("10.1.2.3/0.0.0.0").as_deref(), Some("10.1.2.3/0"));
        assert_eq!(
            n("10.1.2.3/255.255.255.255").as_deref(),
            Some("10.1.2.3/32")
        );
        assert_eq!(n("10.1.2.3/ 8").as_deref(), Some("10.1.2.3/8"));
        assert_eq!(n("10.1.2.3/+8").as_deref(), Some("10.1.2.3/8"));
        assert_eq!(n("10.1.2.3/024").as_deref(), Some("10.1.2.3/24"));
        assert_eq!(n("2001:DB8::1").as_deref(), Some("2001:db8::1/128"));
        assert_eq!(n("2001:db8::1/ffff::").as_deref(), Some("2001:db8::1/16"));
        for bad in [
            "10.1",
            "10",
            "core",
            "10.1.2.",
            "010.1.2.3",
            "10.1.2.3/33",
            "10.1.2.3/",
            "/24",
            "10.1.2.3 /24",
            "10.1.2.3/-1",
            "10.1.2.3/255.0.255.0",
            "fe80::1%eth0",
            "2001:db8::/129",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
    }
}
