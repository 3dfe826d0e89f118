//! IPAM: RIRs, aggregates, ASNs, VRFs, prefixes, ranges, addresses, VLANs, FHRP, services.

use crate::{Fields, desc_owner_comments, tags_cf_times};
use ironbox_core::{Field, Model, OnDelete, meta::Row};

/// Prefix statuses.
pub const PREFIX_STATUS: &[(&str, &str)] = &[
    ("container", "Container"),
    ("active", "Active"),
    ("reserved", "Reserved"),
    ("deprecated", "Deprecated"),
];
/// IP range and VLAN statuses.
pub const RANGE_STATUS: &[(&str, &str)] = &[
    ("active", "Active"),
    ("reserved", "Reserved"),
    ("deprecated", "Deprecated"),
];
/// IP address statuses.
pub const IP_STATUS: &[(&str, &str)] = &[
    ("active", "Active"),
    ("reserved", "Reserved"),
    ("deprecated", "Deprecated"),
    ("dhcp", "DHCP"),
    ("slaac", "SLAAC"),
];
/// IP address roles.
pub const IP_ROLE: &[(&str, &str)] = &[
    ("loopback", "Loopback"),
    ("secondary", "Secondary"),
    ("anycast", "Anycast"),
    ("vip", "VIP"),
    ("vrrp", "VRRP"),
    ("hsrp", "HSRP"),
    ("glbp", "GLBP"),
    ("carp", "CARP"),
];
/// VLAN Q-in-Q roles.
pub const QINQ_ROLE: &[(&str, &str)] = &[("svlan", "Service"), ("cvlan", "Customer")];
/// FHRP protocols.
pub const FHRP_PROTOCOL: &[(&str, &str)] = &[
    ("vrrp2", "VRRPv2"),
    ("vrrp3", "VRRPv3"),
    ("carp", "CARP"),
    ("clusterxl", "ClusterXL"),
    ("hsrp", "HSRP"),
    ("glbp", "GLBP"),
    ("other", "Other"),
];
/// FHRP authentication types.
pub const FHRP_AUTH: &[(&str, &str)] = &[("plaintext", "Plaintext"), ("md5", "MD5")];
/// Service protocols.
pub const SERVICE_PROTOCOL: &[(&str, &str)] = &[("tcp", "TCP"), ("udp", "UDP"), ("sctp", "SCTP")];

fn d_prefix(r: &Row) -> String {
    r.text("prefix").to_string()
}
fn d_address(r: &Row) -> String {
    r.text("address").to_string()
}
fn d_range(r: &Row) -> String {
    // NetBox's IPRange.name: the shared leading groups once, then start-end of the rest.
    let start = r.text("start_address");
    let end = r.text("end_address");
    let (s_ip, len) = start.split_once('/').unwrap_or((start, ""));
    let e_ip = end.split('/').next().unwrap_or(end);
    let sep = if s_ip.contains(':') { ':' } else { '.' };
    let sc: Vec<&str> = s_ip.split(sep).collect();
    let ec: Vec<&str> = e_ip.split(sep).collect();
    let base = sc.iter().zip(&ec).filter(|(a, b)| a == b).count();
    let base_s = sc[..base.min(sc.len())].join(&sep.to_string());
    let s_rest = sc[base.min(sc.len())..].join(&sep.to_string());
    let e_rest = ec[base.min(ec.len())..].join(&sep.to_string());
    format!("{base_s}{sep}{s_rest}-{e_rest}/{len}")
}

fn d_vrf(r: &Row) -> String {
    match r.get("rd").as_str() {
        Some(rd) if !rd.is_empty() => format!("{} ({})", r.text("name"), rd),
        _ => r.text("name").to_string(),
    }
}
fn d_vlan(r: &Row) -> String {
    format!("{} ({})", r.text("name"), r.int("vid").unwrap_or_default())
}
fn d_asn(r: &Row) -> String {
    // 32-bit ASNs also show their asdot form, like NetBox.
    let asn = r.int("asn").unwrap_or_default();
    if asn > 65535 {
        format!("AS{asn} ({}.{})", asn >> 16, asn & 0xffff)
    } else {
        format!("AS{asn}")
    }
}
fn d_fhrp(r: &Row) -> String {
    // NetBox: `<name> <protocol>: <group id>`, the name only when set.
    let proto = FHRP_PROTOCOL
        .iter()
        .find(|(v, _)| *v == r.text("protocol"))
        .map_or("", |(_, l)| l);
    let name = r.text("name");
    let group = r.int("group_id").unwrap_or_default();
    if name.is_empty() {
        format!("{proto}: {group}")
    } else {
        format!("{name} {proto}: {group}")
    }
}
fn d_asn_range(r: &Row) -> String {
    format!(
        "{} ({}-{})",
        r.text("name"),
        r.int("start").unwrap_or_default(),
        r.int("end").unwrap_or_default()
    )
}
fn d_rule(r: &Row) -> String {
    format!(
        "{} -> {}",
        r.int("local_vid").unwrap_or_default(),
        r.int("remote_vid").unwrap_or_default()
    )
}
fn d_fhrp_assignment(r: &Row) -> String {
    format!(
        "{}: {} #{}",
        r.text("interface_type"),
        r.int("group_id").unwrap_or_default(),
        r.int("priority").unwrap_or_default()
    )
}

/// A VRF's route targets are shown with every field (NetBox nests the full serializer there).
const ROUTE_TARGET_FULL: &[&str] = &[
    "display_url",
    "name",
    "tenant",
    "description",
    "owner",
    "comments",
    "tags",
    "custom_fields",
    "created",
    "last_updated",
];

fn name_slug() -> Vec<Field> {
    vec![
        Field::text("name", 100).required().unique(),
        Field::slug("slug").required().unique(),
    ]
}

fn vrf_fk() -> Field {
    Field::fk("vrf", "ipam.vrf")
        .slug_attr(Some("rd"))
        .on_delete(OnDelete::Protect)
        .label("VRF")
}
fn tenant_fk() -> Field {
    Field::fk("tenant", "tenancy.tenant").on_delete(OnDelete::Protect)
}
fn role_fk() -> Field {
    Field::fk("role", "ipam.role")
}

/// Where a scoped object (prefix, VLAN group) sits, cached from its scope for filters and counts.
fn scope_cache() -> Vec<Field> {
    vec![
        Field::fk("_region", "dcim.region").hidden(),
        Field::fk("_site_group", "dcim.sitegroup").hidden(),
        Field::fk("_site", "dcim.site").hidden(),
        Field::fk("_location", "dcim.location").hidden(),
    ]
}

/// The IPAM models.
pub fn models() -> Vec<Model> {
    vec![
        Model::new("ipam", "rir", "RIR", "ipam/rirs", "ipam_rir")
            .verbose("RIR", "RIRs")
            .search(crate::ORGANIZATIONAL)
            .fields(name_slug())
            .field(Field::boolean("is_private").label("Private"))
            .fields(desc_owner_comments())
            .fields(tags_cf_times())
            .field(Field::count("aggregate_count", "ipam.aggregate", "rir"))
            .brief(&["name", "slug", "description"])
            .brief_extra(&["aggregate_count"]),
        Model::new(
            "ipam",
            "aggregate",
            "Aggregate",
            "ipam/aggregates",
            "ipam_aggregate",
        )
        .verbose("aggregate", "aggregates")
        .search(&[
            "description__icontains",
            "prefix__contains",
            "prefix__net_contains_or_equals",
        ])
        .field(Field::family("prefix"))
        .field(Field::prefix("prefix").required())
        .field(
            Field::fk("rir", "ipam.rir")
                .required()
                .not_null()
                .on_delete(OnDelete::Protect),
        )
        .field(tenant_fk())
        .field(Field::date("date_added"))
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .display(d_prefix)
        .ordering(&[("prefix", false)])
        .brief(&["family", "prefix", "description"]),
        Model::new(
            "ipam",
            "asnrange",
            "ASNRange",
            "ipam/asn-ranges",
            "ipam_asnrange",
        )
        .verbose("ASN range", "ASN ranges")
        .search(&["name__icontains", "description__icontains"])
        .fields(name_slug())
        .field(
            Field::fk("rir", "ipam.rir")
                .required()
                .not_null()
                .on_delete(OnDelete::Protect),
        )
        .field(Field::int("start", 1, 4294967295).required())
        .field(Field::int("end", 1, 4294967295).required())
        .field(tenant_fk())
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .display(d_asn_range)
        .brief(&["name", "description"]),
        Model::new("ipam", "asn", "ASN", "ipam/asns", "ipam_asn")
            .verbose("ASN", "ASNs")
            .search(&["description__icontains", "asn"])
            .field(
                Field::int("asn", 1, 4294967295)
                    .label("ASN")
                    .required()
                    .unique(),
            )
            .field(Field::fk("rir", "ipam.rir").on_delete(OnDelete::Protect))
            .field(role_fk())
            .field(tenant_fk())
            .fields(desc_owner_comments())
            .fields(tags_cf_times())
            .field(Field::count("site_count", "dcim.site", "asns"))
            .field(Field::count("provider_count", "circuits.provider", "asns"))
            .field(Field::m2m(
                "sites",
                "dcim.site",
                "dcim_site_asns",
                "asn_id",
                "site_id",
            ))
            .display(d_asn)
            .ordering(&[("asn", false)])
            .brief(&["asn", "description"]),
        Model::new("ipam", "role", "Role", "ipam/roles", "ipam_role")
            .verbose("role", "roles")
            .search(crate::ORGANIZATIONAL)
            .fields(name_slug())
            .field(Field::int("weight", 0, 32767).default(serde_json::json!(1000)))
            .fields(desc_owner_comments())
            .fields(tags_cf_times())
            .field(Field::count("prefix_count", "ipam.prefix", "role"))
            .field(Field::count("vlan_count", "ipam.vlan", "role"))
            .field(Field::count("asn_count", "ipam.asn", "role"))
            .ordering(&[("weight", false), ("name", false)])
            .brief(&["name", "slug", "description"])
            .brief_extra(&["prefix_count", "vlan_count", "asn_count"]),
        Model::new("ipam", "vrf", "VRF", "ipam/vrfs", "ipam_vrf")
            .verbose("VRF", "VRFs")
            .search(&["name__icontains", "rd__icontains", "description__icontains"])
            .field(Field::text("name", 100).required())
            .field(
                Field::text("rd", 21)
                    .nullable()
                    .unique()
                    .label("Route distinguisher"),
            )
            .field(tenant_fk())
            .field(
                Field::boolean("enforce_unique")
                    .label("Enforce unique space")
                    .default(serde_json::Value::Bool(true)),
            )
            .fields(desc_owner_comments())
            .field(
                Field::m2m(
                    "import_targets",
                    "ipam.routetarget",
                    "ipam_vrf_import_targets",
                    "vrf_id",
                    "routetarget_id",
                )
                .repr(ROUTE_TARGET_FULL),
            )
            .field(
                Field::m2m(
                    "export_targets",
                    "ipam.routetarget",
                    "ipam_vrf_export_targets",
                    "vrf_id",
                    "routetarget_id",
                )
                .repr(ROUTE_TARGET_FULL),
            )
            .fields(tags_cf_times())
            .field(Field::count("ipaddress_count", "ipam.ipaddress", "vrf"))
            .field(Field::count("prefix_count", "ipam.prefix", "vrf"))
            .display(d_vrf)
            .ordering(&[("name", false), ("rd", false)])
            .brief(&["name", "rd", "description"])
            .brief_extra(&["prefix_count"]),
        Model::new(
            "ipam",
            "routetarget",
            "RouteTarget",
            "ipam/route-targets",
            "ipam_routetarget",
        )
        .verbose("route target", "route targets")
        .search(&["name__icontains", "description__icontains"])
        .field(Field::text("name", 21).required().unique())
        .field(tenant_fk())
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .brief(&["name", "description"]),
        Model::new("ipam", "prefix", "Prefix", "ipam/prefixes", "ipam_prefix")
            .verbose("prefix", "prefixes")
            .search(&[
                "description__icontains",
                "prefix__contains",
                "prefix__net_contains_or_equals",
            ])
            .field(Field::family("prefix"))
            .field(Field::prefix("prefix").required())
            .field(vrf_fk())
            .field(Field::object_type("scope_type").nullable())
            .field(Field::int("scope_id", 0, i64::MAX).nullable())
            .field(Field::generic("scope", "scope_type", "scope_id"))
            .fields(scope_cache())
            .field(tenant_fk())
            .field(Field::fk("vlan", "ipam.vlan").slug_attr(None))
            .field(Field::choice("status", PREFIX_STATUS).default_str("active"))
            .field(role_fk())
            .field(Field::boolean("is_pool").label("Is a pool"))
            .field(Field::boolean("mark_utilized"))
            .fields(desc_owner_comments())
            .fields(tags_cf_times())
            .field(
                Field::int("children", 0, i64::MAX)
                    .read_only()
                    .default(serde_json::json!(0)),
            )
            .field(
                Field::int("_depth", 0, i64::MAX)
                    .read_only()
                    .col("depth")
                    .default(serde_json::json!(0)),
            )
            .display(d_prefix)
            .ordering(&[("vrf", false), ("prefix", false)])
            .nulls_first(&["vrf"])
            .brief(&["family", "prefix", "description", "_depth"]),
        Model::new(
            "ipam",
            "iprange",
            "IPRange",
            "ipam/ip-ranges",
            "ipam_iprange",
        )
        .verbose("IP range", "IP ranges")
        .search(&[
            "description__icontains",
            "start_address__contains",
            "end_address__contains",
            "start_address",
            "end_address",
        ])
        .field(Field::family("start_address"))
        .field(Field::interface("start_address").required())
        .field(Field::interface("end_address").required())
        .field(Field::computed("size").meta_type("integer"))
        .field(vrf_fk())
        .field(tenant_fk())
        .field(Field::choice("status", RANGE_STATUS).default_str("active"))
        .field(role_fk())
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .field(Field::boolean("mark_populated"))
        .field(Field::boolean("mark_utilized"))
        .display(d_range)
        .ordering(&[("vrf", false), ("start_address", false)])
        .nulls_first(&["vrf"])
        .brief(&["family", "start_address", "end_address", "description"]),
        Model::new(
            "ipam",
            "ipaddress",
            "IPAddress",
            "ipam/ip-addresses",
            "ipam_ipaddress",
        )
        .verbose("IP address", "IP addresses")
        .search(&[
            "dns_name__icontains",
            "description__icontains",
            "address__istartswith",
        ])
        .field(Field::family("address"))
        .field(Field::interface("address").required())
        .field(vrf_fk())
        .field(tenant_fk())
        .field(Field::choice("status", IP_STATUS).default_str("active"))
        .field(Field::choice("role", IP_ROLE).nullable().default_str(""))
        .field(Field::object_type("assigned_object_type").nullable())
        .field(Field::int("assigned_object_id", 0, i64::MAX).nullable())
        .field(
            Field::generic(
                "assigned_object",
                "assigned_object_type",
                "assigned_object_id",
            )
            .cascade(),
        )
        .field(
            Field::fk("nat_inside", "ipam.ipaddress")
                .slug_attr(None)
                .nested(),
        )
        .field(Field::computed("nat_outside"))
        .field(Field::text("dns_name", 255).label("DNS name"))
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .display(d_address)
        .ordering(&[("address", false)])
        .brief(&["family", "address", "description"])
        .nested(&["display_url", "family", "address"]),
        Model::new(
            "ipam",
            "vlangroup",
            "VLANGroup",
            "ipam/vlan-groups",
            "ipam_vlangroup",
        )
        .verbose("VLAN group", "VLAN groups")
        .search(&["name__icontains", "description__icontains"])
        .field(Field::text("name", 100).required())
        .field(Field::slug("slug").required())
        .field(Field::object_type("scope_type").nullable())
        .field(Field::int("scope_id", 0, i64::MAX).nullable())
        .field(Field::generic("scope", "scope_type", "scope_id"))
        .fields(scope_cache())
        .field(
            Field::json("vid_ranges")
                .default(serde_json::json!([[1, 4094]]))
                .no_filter(),
        )
        .field(Field::computed("total_vlan_ids").meta_type("integer"))
        .field(tenant_fk())
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .field(Field::count("vlan_count", "ipam.vlan", "group"))
        .field(Field::computed("utilization").meta_type("string"))
        .brief(&["name", "slug", "description"])
        .brief_extra(&["vlan_count"])
        .unique_together(
            &["scope_type", "scope_id", "name"],
            "VLAN group with this Scope type, Scope id and Name already exists.",
        )
        .unique_together(
            &["scope_type", "scope_id", "slug"],
            "VLAN group with this Scope type, Scope id and Slug already exists.",
        ),
        Model::new("ipam", "vlan", "VLAN", "ipam/vlans", "ipam_vlan")
            .verbose("VLAN", "VLANs")
            .search(&["name__icontains", "description__icontains", "vid"])
            .field(Field::fk("site", "dcim.site").on_delete(OnDelete::Protect))
            .field(Field::fk("group", "ipam.vlangroup").on_delete(OnDelete::Protect))
            .field(Field::int("vid", 1, 4094).label("VLAN ID").required())
            .field(Field::text("name", 64).required())
            .field(tenant_fk())
            .field(Field::choice("status", RANGE_STATUS).default_str("active"))
            .field(role_fk())
            .field(Field::text("description", 200))
            .field(Field::choice("qinq_role", QINQ_ROLE).nullable())
            .field(
                Field::fk("qinq_svlan", "ipam.vlan")
                    .slug_attr(None)
                    .on_delete(OnDelete::Protect)
                    .nested(),
            )
            .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
            .field(Field::long_text("comments"))
            .field(Field::computed("l2vpn_termination").meta_type("nested object"))
            .fields(tags_cf_times())
            .field(Field::count("prefix_count", "ipam.prefix", "vlan"))
            .display(d_vlan)
            .ordering(&[("site", false), ("group", false), ("vid", false)])
            .brief(&["vid", "name", "description"])
            .nested(&["vid", "name", "description"])
            .unique_together(
                &["group", "vid"],
                "VLAN with this Group and VLAN ID already exists.",
            )
            .unique_together(
                &["group", "name"],
                "VLAN with this Group and Name already exists.",
            ),
        Model::new(
            "ipam",
            "vlantranslationpolicy",
            "VLANTranslationPolicy",
            "ipam/vlan-translation-policies",
            "ipam_vlantranslationpolicy",
        )
        .verbose("VLAN translation policy", "VLAN translation policies")
        .search(&["name__icontains", "description__icontains"])
        .field(Field::text("name", 100).required().unique())
        .field(Field::text("description", 200))
        .field(Field::computed("rules"))
        .field(Field::fk("owner", "users.owner").slug_attr(Some("name")))
        .field(Field::long_text("comments"))
        .fields(tags_cf_times())
        .brief(&["name", "description"]),
        Model::new(
            "ipam",
            "vlantranslationrule",
            "VLANTranslationRule",
            "ipam/vlan-translation-rules",
            "ipam_vlantranslationrule",
        )
        .verbose("VLAN translation rule", "VLAN translation rules")
        .search(&["policy__name__icontains", "local_vid", "remote_vid"])
        .field(
            Field::fk("policy", "ipam.vlantranslationpolicy")
                .required()
                .not_null()
                .on_delete(OnDelete::Cascade)
                .slug_attr(None)
                .flat(),
        )
        .field(Field::int("local_vid", 1, 4094).required())
        .field(Field::int("remote_vid", 1, 4094).required())
        .field(Field::text("description", 200))
        .fields(tags_cf_times())
        .display(d_rule)
        .ordering(&[("policy", false), ("local_vid", false)])
        .brief(&["policy", "local_vid", "remote_vid", "description"])
        .unique_together(
            &["policy", "local_vid"],
            "VLAN translation rule with this Policy and Local VID already exists.",
        )
        .unique_together(
            &["policy", "remote_vid"],
            "VLAN translation rule with this Policy and Remote VID already exists.",
        ),
        Model::new(
            "ipam",
            "fhrpgroup",
            "FHRPGroup",
            "ipam/fhrp-groups",
            "ipam_fhrpgroup",
        )
        .verbose("FHRP group", "FHRP groups")
        .search(&[
            "description__icontains",
            "group_id__contains",
            "name__icontains",
        ])
        .field(Field::text("name", 100))
        .field(Field::plain_choice("protocol", FHRP_PROTOCOL).required())
        .field(
            Field::int("group_id", 0, 32767)
                .label("Group ID")
                .required(),
        )
        .field(
            Field::plain_choice("auth_type", FHRP_AUTH)
                .label("Authentication type")
                .nullable()
                .default_str(""),
        )
        .field(Field::text("auth_key", 255).label("Authentication key"))
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .field(Field::computed("ip_addresses"))
        .display(d_fhrp)
        .ordering(&[("protocol", false), ("group_id", false)])
        .brief(&["protocol", "group_id", "description"]),
        Model::new(
            "ipam",
            "fhrpgroupassignment",
            "FHRPGroupAssignment",
            "ipam/fhrp-group-assignments",
            "ipam_fhrpgroupassignment",
        )
        .verbose("FHRP group assignment", "FHRP group assignments")
        .field(
            Field::fk("group", "ipam.fhrpgroup")
                .required()
                .not_null()
                .on_delete(OnDelete::Cascade)
                .slug_attr(None),
        )
        .field(Field::object_type("interface_type").required())
        .field(Field::int("interface_id", 0, i64::MAX).required())
        .field(Field::generic("interface", "interface_type", "interface_id").cascade())
        .field(Field::int("priority", 0, 255).required())
        .field(crate::created())
        .field(crate::last_updated())
        .display(d_fhrp_assignment)
        .ordering(&[("priority", true)])
        .no_display_url()
        .brief(&["group", "interface_type", "interface_id", "priority"]),
        Model::new(
            "ipam",
            "servicetemplate",
            "ServiceTemplate",
            "ipam/service-templates",
            "ipam_servicetemplate",
        )
        .verbose(
            "application service template",
            "application service templates",
        )
        .search(&["name__icontains", "description__icontains"])
        .field(Field::text("name", 100).required().unique())
        .field(
            Field::json("port_mappings")
                .meta_type("list")
                .default(serde_json::json!([]))
                .no_filter(),
        )
        .field(Field::choice("protocol", SERVICE_PROTOCOL).nullable())
        .field(
            Field::json("ports")
                .default(serde_json::json!([]))
                .meta_type("list"),
        )
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .brief(&["name", "port_mappings", "description"]),
        Model::new(
            "ipam",
            "service",
            "Service",
            "ipam/services",
            "ipam_service",
        )
        .verbose("application service", "application services")
        .search(&["name__icontains", "description__icontains"])
        .field(Field::object_type("parent_object_type").required())
        .field(Field::int("parent_object_id", 0, i64::MAX).required())
        .field(Field::generic("parent", "parent_object_type", "parent_object_id").cascade())
        .field(Field::text("name", 100).required())
        .field(
            Field::json("port_mappings")
                .meta_type("list")
                .default(serde_json::json!([]))
                .no_filter(),
        )
        .field(Field::choice("protocol", SERVICE_PROTOCOL).nullable())
        .field(
            Field::json("ports")
                .default(serde_json::json!([]))
                .meta_type("list"),
        )
        .field(Field::m2m(
            "ipaddresses",
            "ipam.ipaddress",
            "ipam_service_ipaddresses",
            "service_id",
            "ipaddress_id",
        ))
        .fields(desc_owner_comments())
        .fields(tags_cf_times())
        .ordering(&[("protocol", false), ("name", false)])
        .brief(&["name", "port_mappings", "description"]),
    ]
}
