//! `q` searches what NetBox 4.7's filtersets search (`search()` of each filterset): its own
//! columns, columns of related objects, numbers exactly, networks by containment and devices by
//! their primary addresses; and nothing NetBox leaves out (comments of addresses and prefixes,
//! labels of component templates). Terms of three characters and more go through the trigram
//! indexes on the large tables, shorter ones scan; both are checked.

use crate::support::{TestApp, device_type_and_role};
use serde_json::{Value as J, json};
use std::collections::BTreeSet;

use super::search::found as q;

fn ids(objs: &[&J]) -> BTreeSet<i64> {
    objs.iter().map(|o| o["id"].as_i64().expect("id")).collect()
}

fn none() -> BTreeSet<i64> {
    BTreeSet::new()
}

#[tokio::test]
async fn q_on_ip_addresses_reads_dns_name_description_and_the_start_of_the_address() {
    let app = TestApp::new().await;
    let path = "/api/ipam/ip-addresses/";
    let a1 = app
        .create(
            path,
            json!({"address": "10.7.1.5/24", "dns_name": "core1.example.net",
                   "description": "uplink", "comments": "hidden-note xq"}),
        )
        .await;
    let a2 = app
        .create(
            path,
            json!({"address": "10.7.10.1/24", "comments": "Campus core"}),
        )
        .await;
    let a3 = app
        .create(
            path,
            json!({"address": "2001:db8::7/64", "description": "v6 loopback"}),
        )
        .await;
    // Comments are not searched (NetBox's `IPAddressFilterSet.search`): long and short terms.
    assert_eq!(q(&app, path, "hidden-note").await, none());
    assert_eq!(q(&app, path, "xq").await, none());
    assert_eq!(q(&app, path, "campus").await, none());
    // `core` is in a DNS name only.
    assert_eq!(q(&app, path, "CORE").await, ids(&[&a1]));
    assert_eq!(q(&app, path, "example.net").await, ids(&[&a1]));
    assert_eq!(q(&app, path, "loopback").await, ids(&[&a3]));
    // Addresses match from their start, never in the middle.
    assert_eq!(q(&app, path, "10.7.1").await, ids(&[&a1, &a2]));
    assert_eq!(q(&app, path, "10.7.1.").await, ids(&[&a1]));
    assert_eq!(q(&app, path, "10.7.1.5/24").await, ids(&[&a1]));
    assert_eq!(q(&app, path, "7.1.5").await, none());
    assert_eq!(q(&app, path, "2001:DB8::").await, ids(&[&a3]));
    // A host with another mask is a different text: NetBox has no host match here.
    assert_eq!(q(&app, path, "10.7.1.5/32").await, none());
    assert_eq!(q(&app, path, "10").await, ids(&[&a1, &a2]));
}

#[tokio::test]
async fn q_on_prefixes_reads_the_description_substrings_of_the_prefix_and_containing_networks() {
    let app = TestApp::new().await;
    let path = "/api/ipam/prefixes/";
    let p8 = app
        .create(
            path,
            json!({"prefix": "10.0.0.0/8", "comments": "lab core"}),
        )
        .await;
    let p16 = app
        .create(
            path,
            json!({"prefix": "10.20.0.0/16", "description": "Campus"}),
        )
        .await;
    let p24 = app.create(path, json!({"prefix": "10.20.30.0/24"})).await;
    let v6 = app.create(path, json!({"prefix": "2001:db8::/32"})).await;
    // Comments are not searched.
    assert_eq!(q(&app, path, "lab core").await, none());
    assert_eq!(q(&app, path, "core").await, none());
    assert_eq!(q(&app, path, "campus").await, ids(&[&p16]));
    // Any substring of the prefix's text, not only its start.
    assert_eq!(q(&app, path, "0.0/1").await, ids(&[&p16]));
    assert_eq!(q(&app, path, "/24").await, ids(&[&p24]));
    assert_eq!(q(&app, path, "20.30").await, ids(&[&p24]));
    assert_eq!(q(&app, path, "0/").await, ids(&[&p8, &p16, &p24]));
    assert_eq!(q(&app, path, "db8").await, ids(&[&v6]));
    // The substring match keeps case (PostgreSQL prints networks in lower case).
    assert_eq!(q(&app, path, "DB8").await, none());
    // A network or an address finds the prefixes containing or equal to it.
    assert_eq!(
        q(&app, path, "10.20.30.0/24").await,
        ids(&[&p8, &p16, &p24])
    );
    assert_eq!(q(&app, path, "10.20.99.1").await, ids(&[&p8, &p16]));
    assert_eq!(
        q(&app, path, "10.20.30.7/255.255.255.0").await,
        ids(&[&p8, &p16, &p24])
    );
    assert_eq!(q(&app, path, "2001:db8:1::5").await, ids(&[&v6]));
    assert_eq!(q(&app, path, "11.0.0.1").await, none());
}

#[tokio::test]
async fn q_on_aggregates_ip_ranges_asns_vlans_and_fhrp_groups() {
    let app = TestApp::new().await;
    let rir = app
        .create("/api/ipam/rirs/", json!({"name": "ARIN", "slug": "arin"}))
        .await;
    let ag = app
        .create(
            "/api/ipam/aggregates/",
            json!({"prefix": "172.16.0.0/12", "rir": rir["id"], "comments": "agg-note"}),
        )
        .await;
    assert_eq!(q(&app, "/api/ipam/aggregates/", "16.0").await, ids(&[&ag]));
    assert_eq!(
        q(&app, "/api/ipam/aggregates/", "172.20.1.1").await,
        ids(&[&ag])
    );
    assert_eq!(q(&app, "/api/ipam/aggregates/", "agg-note").await, none());

    // IP ranges: substrings of either end's text, or an end exactly (address and mask).
    let r = app
        .create(
            "/api/ipam/ip-ranges/",
            json!({"start_address": "192.0.2.10/24", "end_address": "192.0.2.20/24",
                   "comments": "range-note"}),
        )
        .await;
    let path = "/api/ipam/ip-ranges/";
    assert_eq!(q(&app, path, "2.20/2").await, ids(&[&r]));
    assert_eq!(q(&app, path, "192.0.2.10/24").await, ids(&[&r]));
    assert_eq!(q(&app, path, "192.0.2.15").await, none());
    assert_eq!(q(&app, path, "range-note").await, none());

    // ASNs: the number exactly, or the description; not the comments.
    let asn = app
        .create(
            "/api/ipam/asns/",
            json!({"asn": 65010, "rir": rir["id"], "description": "transit",
                   "comments": "peering notes"}),
        )
        .await;
    assert_eq!(q(&app, "/api/ipam/asns/", "65010").await, ids(&[&asn]));
    assert_eq!(q(&app, "/api/ipam/asns/", "6501").await, none());
    assert_eq!(q(&app, "/api/ipam/asns/", "peering").await, none());
    assert_eq!(q(&app, "/api/ipam/asns/", "TRANSIT").await, ids(&[&asn]));

    // VLANs: name, description, or the VLAN id exactly.
    let v = app
        .create(
            "/api/ipam/vlans/",
            json!({"vid": 120, "name": "users", "comments": "vlan-note"}),
        )
        .await;
    assert_eq!(q(&app, "/api/ipam/vlans/", "120").await, ids(&[&v]));
    assert_eq!(q(&app, "/api/ipam/vlans/", "12").await, none());
    assert_eq!(q(&app, "/api/ipam/vlans/", "vlan-note").await, none());

    // FHRP groups: the group id's digits anywhere.
    let g = app
        .create(
            "/api/ipam/fhrp-groups/",
            json!({"protocol": "vrrp2", "group_id": 4321}),
        )
        .await;
    assert_eq!(q(&app, "/api/ipam/fhrp-groups/", "32").await, ids(&[&g]));
    assert_eq!(q(&app, "/api/ipam/fhrp-groups/", "5").await, none());
}

#[tokio::test]
async fn q_on_devices_reads_primary_addresses_virtual_chassis_and_comments() {
    let app = TestApp::new().await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S1", "slug": "s1"}))
        .await;
    let (dt, role) = device_type_and_role(&app).await;
    let mk = |name: &str, extra: J| {
        let mut b = json!({"name": name, "device_type": dt["id"], "role": role["id"],
                           "site": site["id"]});
        if let (Some(o), Some(e)) = (b.as_object_mut(), extra.as_object()) {
            o.extend(e.clone());
        }
        b
    };
    let vc = app
        .create("/api/dcim/virtual-chassis/", json!({"name": "stack-east"}))
        .await;
    let d1 = app
        .create(
            "/api/dcim/devices/",
            mk(
                "edge-01",
                json!({"virtual_chassis": vc["id"], "vc_position": 1}),
            ),
        )
        .await;
    let d2 = app
        .create(
            "/api/dcim/devices/",
            mk("core-01", json!({"comments": "behind the Patch-Panel"})),
        )
        .await;
    let d3 = app
        .create(
            "/api/dcim/devices/",
            mk("dist-01", json!({"description": "distribution"})),
        )
        .await;
    // Primary addresses: an interface's address set as the device's primary.
    let iface = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": d2["id"], "name": "lo0", "type": "virtual"}),
        )
        .await;
    let assign = |a: &str| {
        json!({"address": a, "assigned_object_type": "dcim.interface",
               "assigned_object_id": iface["id"]})
    };
    let ip4 = app
        .create("/api/ipam/ip-addresses/", assign("192.0.2.55/24"))
        .await;
    let ip6 = app
        .create("/api/ipam/ip-addresses/", assign("2001:db8::55/64"))
        .await;
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/devices/{}/", d2["id"]),
            Some(json!({"primary_ip4": ip4["id"], "primary_ip6": ip6["id"]})),
        )
        .await;
    assert_eq!(s, http::StatusCode::OK, "{j}");

    let path = "/api/dcim/devices/";
    // A device is found by its primary address's host, whatever mask either side has.
    assert_eq!(q(&app, path, "192.0.2.55").await, ids(&[&d2]));
    assert_eq!(q(&app, path, "192.0.2.55/32").await, ids(&[&d2]));
    assert_eq!(q(&app, path, "192.0.2.55/16").await, ids(&[&d2]));
    assert_eq!(q(&app, path, "2001:DB8::55").await, ids(&[&d2]));
    assert_eq!(q(&app, path, "192.0.2.56").await, none());
    // By its virtual chassis' name.
    assert_eq!(q(&app, path, "stack-east").await, ids(&[&d1]));
    assert_eq!(q(&app, path, "ST").await, ids(&[&d1, &d3]));
    // Comments are searched for devices.
    assert_eq!(q(&app, path, "patch-panel").await, ids(&[&d2]));
    assert_eq!(q(&app, path, "distrib").await, ids(&[&d3]));
    assert_eq!(q(&app, path, "-01").await, ids(&[&d1, &d2, &d3]));

    // A virtual chassis is found by its members' names.
    assert_eq!(
        q(&app, "/api/dcim/virtual-chassis/", "edge-0").await,
        ids(&[&vc])
    );
    assert_eq!(
        q(&app, "/api/dcim/virtual-chassis/", "core-0").await,
        none()
    );
    // A device type by its manufacturer's name ("M").
    assert_eq!(q(&app, "/api/dcim/device-types/", "m").await, ids(&[&dt]));
}

#[tokio::test]
async fn q_on_sites_reads_their_asn_numbers() {
    let app = TestApp::new().await;
    let rir = app
        .create("/api/ipam/rirs/", json!({"name": "RIPE", "slug": "ripe"}))
        .await;
    let asn = app
        .create("/api/ipam/asns/", json!({"asn": 64512, "rir": rir["id"]}))
        .await;
    let s1 = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "Frankfurt", "slug": "fra1", "asns": [asn["id"]],
                   "physical_address": "Hanauer Landstrasse"}),
        )
        .await;
    let s2 = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "Site 64512-b", "slug": "s2"}),
        )
        .await;
    let path = "/api/dcim/sites/";
    assert_eq!(q(&app, path, "64512").await, ids(&[&s1, &s2]));
    assert_eq!(q(&app, path, " 64512 ").await, ids(&[&s1, &s2]));
    assert_eq!(q(&app, path, "645").await, ids(&[&s2]));
    assert_eq!(q(&app, path, "landstrasse").await, ids(&[&s1]));
    // The slug is not searched for sites.
    assert_eq!(q(&app, path, "fra1").await, none());
}

#[tokio::test]
async fn q_on_organizational_models_reads_name_slug_and_description() {
    let app = TestApp::new().await;
    let path = "/api/dcim/manufacturers/";
    let m1 = app
        .create(
            path,
            json!({"name": "Juniper", "slug": "jnpr-networks", "comments": "support contract"}),
        )
        .await;
    let m2 = app
        .create(
            path,
            json!({"name": "Arista", "slug": "arista", "description": "EOS switches"}),
        )
        .await;
    assert_eq!(q(&app, path, "jnpr").await, ids(&[&m1]));
    assert_eq!(q(&app, path, "eos").await, ids(&[&m2]));
    assert_eq!(q(&app, path, "ar").await, ids(&[&m2]));
    // Comments are not part of the organizational search.
    assert_eq!(q(&app, path, "contract").await, none());

    let path = "/api/tenancy/contact-roles/";
    let r = app
        .create(
            path,
            json!({"name": "NOC", "slug": "network-ops", "comments": "escalation"}),
        )
        .await;
    assert_eq!(q(&app, path, "network-ops").await, ids(&[&r]));
    assert_eq!(q(&app, path, "escalation").await, none());
}

#[tokio::test]
async fn q_on_nested_groups_reads_name_slug_description_and_comments() {
    let app = TestApp::new().await;
    let path = "/api/dcim/regions/";
    let eu = app
        .create(
            path,
            json!({"name": "Europe", "slug": "emea-eu", "comments": "GDPR scope"}),
        )
        .await;
    let de = app
        .create(
            path,
            json!({"name": "Germany", "slug": "de", "parent": eu["id"],
                   "description": "DACH"}),
        )
        .await;
    assert_eq!(q(&app, path, "emea").await, ids(&[&eu]));
    assert_eq!(q(&app, path, "gdpr").await, ids(&[&eu]));
    assert_eq!(q(&app, path, "dach").await, ids(&[&de]));
    assert_eq!(q(&app, path, "e").await, ids(&[&eu, &de]));

    // Locations add the facility to the nested-group search.
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let loc = app
        .create(
            "/api/dcim/locations/",
            json!({"name": "Hall 1", "slug": "hall-1", "site": site["id"], "facility": "Cage 7"}),
        )
        .await;
    assert_eq!(q(&app, "/api/dcim/locations/", "cage").await, ids(&[&loc]));
}

#[tokio::test]
async fn q_through_relations_and_where_netbox_has_no_search() {
    let app = TestApp::new().await;
    // Contact assignments: by the contact's or the role's name.
    let contact = app
        .create(
            "/api/tenancy/contacts/",
            json!({"name": "Alice Example", "link": "https://wiki.example.net/alice"}),
        )
        .await;
    let billing = app
        .create(
            "/api/tenancy/contact-roles/",
            json!({"name": "Billing", "slug": "billing"}),
        )
        .await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let ca = app
        .create(
            "/api/tenancy/contact-assignments/",
            json!({"object_type": "dcim.site", "object_id": site["id"],
                   "contact": contact["id"], "role": billing["id"]}),
        )
        .await;
    let path = "/api/tenancy/contact-assignments/";
    assert_eq!(q(&app, path, "alice").await, ids(&[&ca]));
    assert_eq!(q(&app, path, "BILL").await, ids(&[&ca]));
    assert_eq!(q(&app, path, "zzz").await, none());
    // A contact's link is searched.
    assert_eq!(
        q(&app, "/api/tenancy/contacts/", "wiki.example").await,
        ids(&[&contact])
    );

    // Component templates: name and description, not the label.
    let (dt, role) = device_type_and_role(&app).await;
    let t = app
        .create(
            "/api/dcim/interface-templates/",
            json!({"device_type": dt["id"], "name": "eth0", "type": "1000base-t",
                   "label": "mgmt-port"}),
        )
        .await;
    let path = "/api/dcim/interface-templates/";
    assert_eq!(q(&app, path, "eth").await, ids(&[&t]));
    assert_eq!(q(&app, path, "mgmt").await, none());

    // Rack reservations: by the rack's name or facility id, or the user's name.
    let rack = app
        .create(
            "/api/dcim/racks/",
            json!({"name": "R-17", "site": site["id"], "facility_id": "FAC-0042"}),
        )
        .await;
    let me = app.get("/api/users/users/?username=admin").await["results"][0]["id"].clone();
    let rr = app
        .create(
            "/api/dcim/rack-reservations/",
            json!({"rack": rack["id"], "units": [1, 2], "user": me,
                   "description": "lab gear"}),
        )
        .await;
    let path = "/api/dcim/rack-reservations/";
    assert_eq!(q(&app, path, "r-17").await, ids(&[&rr]));
    assert_eq!(q(&app, path, "fac-00").await, ids(&[&rr]));
    assert_eq!(q(&app, path, "admi").await, ids(&[&rr]));
    assert_eq!(q(&app, path, "lab").await, ids(&[&rr]));
    assert_eq!(q(&app, "/api/dcim/racks/", "fac-0042").await, ids(&[&rack]));

    // FHRP group assignments have no `q` in NetBox: it filters nothing.
    let g = app
        .create(
            "/api/ipam/fhrp-groups/",
            json!({"protocol": "vrrp2", "group_id": 7}),
        )
        .await;
    let dev = app
        .create(
            "/api/dcim/devices/",
            json!({"name": "d", "device_type": dt["id"], "role": role["id"],
                   "site": site["id"]}),
        )
        .await;
    let iface = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": dev["id"], "name": "ge-0/0/0", "type": "1000base-t"}),
        )
        .await;
    let fa = app
        .create(
            "/api/ipam/fhrp-group-assignments/",
            json!({"group": g["id"], "interface_type": "dcim.interface",
                   "interface_id": iface["id"], "priority": 100}),
        )
        .await;
    assert_eq!(
        q(&app, "/api/ipam/fhrp-group-assignments/", "anything").await,
        ids(&[&fa])
    );
}

/// Prefixes: the rows of every term, long (trigram index on SQLite) and short (scan), are what
/// NetBox's rule gives evaluated here: description `icontains`, prefix text `contains` (case
/// kept), or a network containing or equal to the term's.
#[tokio::test]
async fn q_on_prefixes_follows_the_netbox_rule_on_every_search_path() {
    use ironbox_core::ip::IpNet;
    let app = TestApp::new().await;
    let rows = [
        ("10.1.0.0/16", "Core-Uplink block"),
        ("10.10.0.0/16", "lab 50% used"),
        ("10.1.2.0/24", "a_b and a-b"),
        ("192.0.2.0/24", ""),
        ("2001:db8::/32", "v6 CORE"),
        ("2001:db8:1::/48", "ä-straße"),
    ];
    let mut made = Vec::new();
    for (p, d) in rows {
        let j = app
            .create(
                "/api/ipam/prefixes/",
                json!({"prefix": p, "description": d, "comments": "core comments"}),
            )
            .await;
        made.push((j["id"].as_i64().expect("id"), p, d));
    }
    let terms = [
        "10.1",
        "10.1.",
        "0.0/",
        "/16",
        "/2",
        "DB8",
        "db8",
        "2001:db8",
        "2001:db8:1::7",
        "10.1.2.3",
        "10.1.0.0/16",
        "10.0.0.0/8",
        "Core",
        "core",
        "co",
        "c",
        "%",
        "_",
        "50%",
        "a_b",
        "zzz",
        "::/",
        "8::/3",
        "Ä-STRASSE",
        "ä-straße",
    ];
    for term in terms {
        let net = IpNet::parse(term).map(|n| n.network());
        let want: BTreeSet<i64> = made
            .iter()
            .filter(|(_, p, d)| {
                d.to_lowercase().contains(&term.to_lowercase())
                    || p.contains(term)
                    || net.is_some_and(|n| IpNet::parse(p).is_some_and(|row| row.contains(&n)))
            })
            .map(|(id, _, _)| *id)
            .collect();
        assert_eq!(q(&app, "/api/ipam/prefixes/", term).await, want, "q={term}");
    }
}
