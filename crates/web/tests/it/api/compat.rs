//! Answers that differed from NetBox 4.7.3 when both ran the differential scenario
//! (`e2e/differential/`): each test pins NetBox's answer.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::{Value as J, json};

fn ids(j: &J) -> Vec<i64> {
    j["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_key_that_is_not_a_number_is_not_found_without_the_model() {
    let app = TestApp::new().await;
    let (s, j) = app.call("GET", "/api/dcim/sites/abc/", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(j, json!({"detail": "Not found."}));
}

#[tokio::test]
async fn an_unknown_tag_filter_is_a_400_where_there_are_tags_and_ignored_elsewhere() {
    let app = TestApp::new().await;
    app.create("/api/tenancy/tenants/", json!({"name": "t1", "slug": "t1"}))
        .await;
    let (s, j) = app
        .call("GET", "/api/tenancy/tenants/?tag=no-such-tag", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"tag": ["Select a valid choice. no-such-tag is not one of the available choices."]})
    );
    // Users have no tags: the filter is unknown there, and unknown filters are ignored.
    let (s, j) = app
        .call("GET", "/api/users/users/?tag=no-such-tag", None)
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(j["count"].as_i64().unwrap() >= 1, "{j}");
}

#[tokio::test]
async fn lists_sort_like_django_foreign_keys_by_their_targets_ordering_nulls_last() {
    let app = TestApp::new().await;
    // Sites created in reverse name order: ordering by the FK must follow names, not ids.
    let zulu = app
        .create("/api/dcim/sites/", json!({"name": "zulu", "slug": "zulu"}))
        .await;
    let alpha = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "alpha", "slug": "alpha"}),
        )
        .await;
    let v_zulu = app
        .create(
            "/api/ipam/vlans/",
            json!({"vid": 10, "name": "a", "site": zulu["id"]}),
        )
        .await;
    let v_global = app
        .create("/api/ipam/vlans/", json!({"vid": 5, "name": "g"}))
        .await;
    let v_alpha = app
        .create(
            "/api/ipam/vlans/",
            json!({"vid": 20, "name": "b", "site": alpha["id"]}),
        )
        .await;
    let expect = vec![
        v_alpha["id"].as_i64().unwrap(),
        v_zulu["id"].as_i64().unwrap(),
        v_global["id"].as_i64().unwrap(),
    ];
    // NetBox's VLAN ordering is (site, group, qinq_svlan, vid): sites by name, no site last.
    assert_eq!(ids(&app.get("/api/ipam/vlans/").await), expect);
    assert_eq!(
        ids(&app.get("/api/ipam/vlans/?ordering=site").await),
        expect
    );
    // An ordering field that does not exist falls back to the default ordering.
    assert_eq!(
        ids(&app.get("/api/ipam/vlans/?ordering=bogus").await),
        expect
    );
    // Descending puts the NULLs first, as PostgreSQL does.
    let desc = ids(&app.get("/api/ipam/vlans/?ordering=-site").await);
    assert_eq!(
        desc,
        vec![expect[2], expect[1], expect[0]],
        "descending by site"
    );
}

#[tokio::test]
async fn display_strings_follow_netbox() {
    let app = TestApp::new().await;
    let rir = app
        .create("/api/ipam/rirs/", json!({"name": "r", "slug": "r"}))
        .await;
    let range = app
        .create(
            "/api/ipam/asn-ranges/",
            json!({"name": "rng", "slug": "rng", "rir": rir["id"], "start": 65000, "end": 65010}),
        )
        .await;
    assert_eq!(range["display"], "rng (65000-65010)");
    let site = app
        .create("/api/dcim/sites/", json!({"name": "s1", "slug": "s1"}))
        .await;
    let rack = app
        .create(
            "/api/dcim/racks/",
            json!({"name": "R1", "site": site["id"], "facility_id": "F-1"}),
        )
        .await;
    assert_eq!(rack["display"], "R1 (F-1)");
    let user = app.get("/api/users/users/?username=admin").await["results"][0]["id"].clone();
    let res = app
        .create(
            "/api/dcim/rack-reservations/",
            json!({"rack": rack["id"], "units": [1], "user": user, "description": "d"}),
        )
        .await;
    assert_eq!(res["display"], "Reservation for rack R1 (F-1)");
    let mfr = app
        .create(
            "/api/dcim/manufacturers/",
            json!({"name": "m", "slug": "m"}),
        )
        .await;
    let rt = app
        .create(
            "/api/dcim/rack-types/",
            json!({"manufacturer": mfr["id"], "model": "RT 42", "slug": "rt-42", "form_factor": "4-post-cabinet"}),
        )
        .await;
    assert_eq!(rt["display"], "RT 42");
    let g = app
        .create(
            "/api/ipam/fhrp-groups/",
            json!({"protocol": "vrrp2", "group_id": 7, "name": "gw"}),
        )
        .await;
    assert_eq!(g["display"], "gw VRRPv2: 7");
    let anon = app
        .create(
            "/api/ipam/fhrp-groups/",
            json!({"protocol": "hsrp", "group_id": 8}),
        )
        .await;
    assert_eq!(anon["display"], "HSRP: 8");
    let contact = app
        .create("/api/tenancy/contacts/", json!({"name": "Ann"}))
        .await;
    let a = app
        .create(
            "/api/tenancy/contact-assignments/",
            json!({"object_type": "dcim.site", "object_id": site["id"], "contact": contact["id"], "priority": "primary"}),
        )
        .await;
    assert_eq!(a["display"], "Ann (Primary) -> s1");
    let u = app
        .create(
            "/api/users/users/",
            json!({"username": "jdoe", "password": "Pw-12345-long!", "first_name": "Jane", "last_name": "Doe"}),
        )
        .await;
    assert_eq!(u["display"], "jdoe (Jane Doe)");
}

#[tokio::test]
async fn brief_lists_carry_netbox_brief_fields_in_serializer_order() {
    let app = TestApp::new().await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "s1", "slug": "s1"}))
        .await;
    app.create(
        "/api/dcim/racks/",
        json!({"name": "R1", "site": site["id"]}),
    )
    .await;
    let j = app.get("/api/dcim/racks/?brief=1").await;
    let keys: Vec<&String> = j["results"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "id",
            "url",
            "display",
            "name",
            "description",
            "device_count"
        ]
    );
    let user = app.get("/api/users/users/?username=admin").await["results"][0]["id"].clone();
    let rack = app.get("/api/dcim/racks/").await["results"][0]["id"].clone();
    app.create(
        "/api/dcim/rack-reservations/",
        json!({"rack": rack, "units": [1], "user": user, "description": "d"}),
    )
    .await;
    let j = app.get("/api/dcim/rack-reservations/?brief=1").await;
    let keys: Vec<&String> = j["results"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "id",
            "url",
            "display",
            "units",
            "status",
            "user",
            "description"
        ]
    );
}

/// Site "s1" with location "room", a 10U rack in it, a role and a 1U full-depth type.
async fn rack_setup(app: &TestApp) -> (J, J, J, J, J) {
    let site = app
        .create("/api/dcim/sites/", json!({"name": "s1", "slug": "s1"}))
        .await;
    let loc = app
        .create(
            "/api/dcim/locations/",
            json!({"name": "room", "slug": "room", "site": site["id"]}),
        )
        .await;
    let rack = app
        .create(
            "/api/dcim/racks/",
            json!({"name": "R1", "site": site["id"], "location": loc["id"], "u_height": 10}),
        )
        .await;
    let mfr = app
        .create(
            "/api/dcim/manufacturers/",
            json!({"name": "m", "slug": "m"}),
        )
        .await;
    let role = app
        .create(
            "/api/dcim/device-roles/",
            json!({"name": "r", "slug": "r", "color": "ff0000"}),
        )
        .await;
    assert_eq!(role["vm_role"], true, "vm_role defaults to true");
    let dt = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": "SW-1", "slug": "sw-1", "u_height": 1,
                   "airflow": "front-to-rear"}),
        )
        .await;
    (site, loc, rack, role, dt)
}

#[tokio::test]
async fn devices_check_rack_space_and_inherit_location_and_airflow() {
    let app = TestApp::new().await;
    let (site, loc, rack, role, dt) = rack_setup(&app).await;
    let dev = |name: &str, extra: J| {
        let mut b =
            json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"]});
        for (k, v) in extra.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    let a = app
        .create(
            "/api/dcim/devices/",
            dev(
                "a",
                json!({"rack": rack["id"], "position": 5, "face": "front"}),
            ),
        )
        .await;
    assert_eq!(a["location"]["id"], loc["id"], "the rack's location");
    assert_eq!(a["airflow"]["value"], "front-to-rear", "the type's airflow");
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/devices/",
            Some(dev(
                "b",
                json!({"rack": rack["id"], "position": 5, "face": "rear"}),
            )),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"position": ["U5.0 is already occupied or does not have sufficient space to accommodate this device type: SW-1 (1.0U)"]})
    );
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/devices/",
            Some(dev(
                "c",
                json!({"rack": rack["id"], "position": 11, "face": "front"}),
            )),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "above the top unit");
    assert!(
        j["position"][0]
            .as_str()
            .unwrap()
            .starts_with("U11.0 is already occupied")
    );
    // Moving the device within its own space is fine.
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/devices/{}/", a["id"]),
            Some(json!({"face": "rear"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    // Only the first complaint, as Device.clean() raises it.
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/devices/",
            Some(dev("d", json!({"position": 3}))),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"position": ["Cannot select a rack position without assigning a rack."]})
    );
    let other = app
        .create("/api/dcim/sites/", json!({"name": "s2", "slug": "s2"}))
        .await;
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/devices/",
            Some(dev("e", json!({"site": other["id"], "rack": rack["id"]}))),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(j, json!({"rack": ["Rack R1 does not belong to site s2."]}));
}

#[tokio::test]
async fn racks_take_their_rack_types_attributes() {
    let app = TestApp::new().await;
    let (site, ..) = rack_setup(&app).await;
    let mfr = app.get("/api/dcim/manufacturers/").await["results"][0]["id"].clone();
    let rt = app
        .create(
            "/api/dcim/rack-types/",
            json!({"manufacturer": mfr, "model": "RT", "slug": "rt", "form_factor": "4-post-cabinet",
                   "u_height": 48, "desc_units": true}),
        )
        .await;
    let r = app
        .create(
            "/api/dcim/racks/",
            json!({"name": "R2", "site": site["id"], "rack_type": rt["id"], "u_height": 10}),
        )
        .await;
    assert_eq!(r["u_height"], 48);
    assert_eq!(r["desc_units"], true);
    assert_eq!(r["form_factor"]["value"], "4-post-cabinet");
}

#[tokio::test]
async fn write_errors_use_netbox_messages() {
    let app = TestApp::new().await;
    // A choice is given by its value alone.
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/sites/",
            Some(json!({"name": "x", "slug": "x", "status": {"value": "active"}})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"status": ["Value must be passed directly (e.g. \"foo\": 123); do not use a dictionary or list."]})
    );
    // Half a generic reference: the missing half cannot be null.
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/prefixes/",
            Some(json!({"prefix": "10.9.0.0/24", "scope_id": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(j, json!({"scope_type": ["This field cannot be null."]}));
    let (s, j) = app
        .call(
            "POST",
            "/api/ipam/ip-addresses/",
            Some(json!({"address": "10.9.0.1/24", "assigned_object_id": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"assigned_object_type": ["This field cannot be null."]})
    );
    // Tag colours are validated like every colour.
    let (s, j) = app
        .call(
            "POST",
            "/api/extras/tags/",
            Some(json!({"name": "t", "slug": "t", "color": "red"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"color": ["Enter a valid hexadecimal RGB color code."]})
    );
    // Users need a password; a taken username has Django's message.
    let (s, j) = app
        .call("POST", "/api/users/users/", Some(json!({"username": "u1"})))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(j, json!({"password": ["This field is required."]}));
    let (s, j) = app
        .call(
            "POST",
            "/api/users/users/",
            Some(json!({"username": "admin", "password": "Pw-12345-long!"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"username": ["A user with that username already exists."]})
    );
    // A tree node cannot move below itself.
    let root = app
        .create(
            "/api/dcim/regions/",
            json!({"name": "root", "slug": "root"}),
        )
        .await;
    let child = app
        .create(
            "/api/dcim/regions/",
            json!({"name": "child", "slug": "child", "parent": root["id"]}),
        )
        .await;
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/regions/{}/", root["id"]),
            Some(json!({"parent": child["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"parent": ["Cannot assign self or a descendant as parent."]})
    );
}

#[tokio::test]
async fn nested_objects_nest_their_own_nested_forms() {
    let app = TestApp::new().await;
    let (site, _, _, role, dt) = rack_setup(&app).await;
    let dev = app
        .create(
            "/api/dcim/devices/",
            json!({"name": "d1", "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
        )
        .await;
    let lag = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": dev["id"], "name": "Po1", "type": "lag"}),
        )
        .await;
    let member = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": dev["id"], "name": "eth0", "type": "1000base-t", "lag": lag["id"]}),
        )
        .await;
    // NestedInterface nests NestedDevice: display_url and name, no description.
    let keys: Vec<&String> = member["lag"]["device"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, ["id", "url", "display_url", "display", "name"]);
    // A VRF's route targets are the full route-target representation.
    let rt = app
        .create("/api/ipam/route-targets/", json!({"name": "65000:1"}))
        .await;
    let vrf = app
        .create(
            "/api/ipam/vrfs/",
            json!({"name": "v", "import_targets": [rt["id"]]}),
        )
        .await;
    let keys: Vec<&String> = vrf["import_targets"][0]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        keys,
        [
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "tenant",
            "description",
            "owner",
            "comments",
            "tags",
            "custom_fields",
            "created",
            "last_updated"
        ]
    );
}

#[tokio::test]
async fn a_device_type_without_a_height_is_one_unit_high() {
    let app = TestApp::new().await;
    let mfr = app
        .create(
            "/api/dcim/manufacturers/",
            json!({"name": "m", "slug": "m"}),
        )
        .await;
    let dt = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": "X", "slug": "x"}),
        )
        .await;
    assert_eq!(dt["u_height"], json!(1.0));
}

#[tokio::test]
async fn netbox_filters_on_addresses_vlans_devices_interfaces_ports_cables_and_tags() {
    let app = TestApp::new().await;
    let (site, _, rack, role, dt) = rack_setup(&app).await;
    let count = |j: J| j["count"].as_i64().unwrap();
    let tag = app
        .create("/api/extras/tags/", json!({"name": "blue", "slug": "blue"}))
        .await;
    app.create("/api/extras/tags/", json!({"name": "red", "slug": "red"}))
        .await;
    app.call(
        "PATCH",
        &format!("/api/dcim/sites/{}/", site["id"]),
        Some(json!({"facility": "FRA1", "tags": [tag["id"]]})),
    )
    .await;
    assert_eq!(count(app.get("/api/dcim/sites/?q=fra1").await), 1);
    assert_eq!(
        count(app.get("/api/extras/tags/?content_type=dcim.site").await),
        1
    );
    let dev = |name: &str, extra: J| {
        let mut b =
            json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"]});
        for (k, v) in extra.as_object().unwrap() {
            b[k] = v.clone();
        }
        b
    };
    let a = app
        .create(
            "/api/dcim/devices/",
            dev("Sw-A", json!({"serial": "SN-A", "rack": rack["id"]})),
        )
        .await;
    app.create("/api/dcim/devices/", dev("sw-b", json!({})))
        .await;
    // Device names and serials match regardless of case.
    assert_eq!(count(app.get("/api/dcim/devices/?name=sw-a").await), 1);
    assert_eq!(count(app.get("/api/dcim/devices/?serial=sn-a").await), 1);
    let eth = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": a["id"], "name": "eth0", "type": "1000base-t"}),
        )
        .await;
    app.create(
        "/api/dcim/interfaces/",
        json!({"device": a["id"], "name": "vl1", "type": "virtual"}),
    )
    .await;
    assert_eq!(
        count(app.get("/api/dcim/interfaces/?kind=physical").await),
        1
    );
    assert_eq!(
        count(app.get("/api/dcim/interfaces/?kind=virtual").await),
        1
    );
    assert_eq!(
        count(app.get("/api/dcim/devices/?interfaces=true").await),
        1
    );
    assert_eq!(
        count(app.get("/api/dcim/devices/?interfaces=false").await),
        1
    );
    app.create(
        "/api/dcim/mac-addresses/",
        json!({"mac_address": "02:00:00:00:00:01", "assigned_object_type": "dcim.interface",
               "assigned_object_id": eth["id"]}),
    )
    .await;
    assert_eq!(
        ids(&app
            .get("/api/dcim/devices/?mac_address=02:00:00:00:00:01")
            .await),
        vec![a["id"].as_i64().unwrap()]
    );
    // Addresses by assignment.
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "10.0.0.1/24", "assigned_object_type": "dcim.interface",
               "assigned_object_id": eth["id"]}),
    )
    .await;
    app.create("/api/ipam/ip-addresses/", json!({"address": "10.0.0.2/24"}))
        .await;
    for (q, n) in [
        ("assigned_to_interface=true", 1),
        ("assigned_to_interface=false", 1),
        ("assigned=false", 1),
        ("interface=eth0", 1),
        ("interface=nope", 0),
    ] {
        assert_eq!(
            count(app.get(&format!("/api/ipam/ip-addresses/?{q}")).await),
            n,
            "{q}"
        );
    }
    // VLANs a device may use: its site's groups and global ones, not another site's.
    let other = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "other", "slug": "other"}),
        )
        .await;
    let group = app
        .create(
            "/api/ipam/vlan-groups/",
            json!({"name": "g", "slug": "g", "scope_type": "dcim.site", "scope_id": site["id"]}),
        )
        .await;
    let v1 = app
        .create(
            "/api/ipam/vlans/",
            json!({"vid": 10, "name": "v10", "group": group["id"]}),
        )
        .await;
    let v2 = app
        .create("/api/ipam/vlans/", json!({"vid": 20, "name": "v20"}))
        .await;
    app.create(
        "/api/ipam/vlans/",
        json!({"vid": 30, "name": "v30", "site": other["id"]}),
    )
    .await;
    let mut got = ids(&app
        .get(&format!("/api/ipam/vlans/?available_on_device={}", a["id"]))
        .await);
    got.sort_unstable();
    assert_eq!(
        got,
        vec![v1["id"].as_i64().unwrap(), v2["id"].as_i64().unwrap()]
    );
    app.call(
        "PATCH",
        &format!("/api/dcim/interfaces/{}/", eth["id"]),
        Some(json!({"mode": "access", "untagged_vlan": v1["id"]})),
    )
    .await;
    assert_eq!(
        ids(&app
            .get(&format!("/api/ipam/vlans/?interface_id={}", eth["id"]))
            .await),
        vec![v1["id"].as_i64().unwrap()]
    );
    // Cables by the type on either end.
    let b_if = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": a["id"], "name": "eth1", "type": "1000base-t"}),
        )
        .await;
    let console = app
        .create(
            "/api/dcim/console-ports/",
            json!({"device": a["id"], "name": "con0"}),
        )
        .await;
    let csp = app
        .create(
            "/api/dcim/console-server-ports/",
            json!({"device": a["id"], "name": "ttyS0"}),
        )
        .await;
    app.create(
        "/api/dcim/cables/",
        json!({"a_terminations": [{"object_type": "dcim.consoleport", "object_id": console["id"]}],
               "b_terminations": [{"object_type": "dcim.consoleserverport", "object_id": csp["id"]}]}),
    )
    .await;
    app.create(
        "/api/dcim/cables/",
        json!({"a_terminations": [{"object_type": "dcim.interface", "object_id": eth["id"]}],
               "b_terminations": [{"object_type": "dcim.interface", "object_id": b_if["id"]}]}),
    )
    .await;
    assert_eq!(
        count(
            app.get("/api/dcim/cables/?termination_b_type=dcim.consoleport")
                .await
        ),
        1
    );
    assert_eq!(
        count(
            app.get(&format!(
                "/api/dcim/cables/?termination_b_id={}",
                b_if["id"]
            ))
            .await
        ),
        1
    );
    assert_eq!(
        count(
            app.get(&format!(
                "/api/dcim/cables/?termination_a_id={}",
                b_if["id"]
            ))
            .await
        ),
        0
    );
}

#[tokio::test]
async fn counts_roots_and_allocations_match_netbox() {
    let app = TestApp::new().await;
    // A region's prefix count is its own prefixes (scoped to it or its sites), not its subtree's.
    let root = app
        .create(
            "/api/dcim/regions/",
            json!({"name": "root", "slug": "root"}),
        )
        .await;
    let child = app
        .create(
            "/api/dcim/regions/",
            json!({"name": "child", "slug": "child", "parent": root["id"]}),
        )
        .await;
    app.create(
        "/api/ipam/prefixes/",
        json!({"prefix": "10.1.0.0/24", "scope_type": "dcim.region", "scope_id": child["id"]}),
    )
    .await;
    let r = app.get(&format!("/api/dcim/regions/{}/", root["id"])).await;
    assert_eq!(r["prefix_count"], 0);
    let c = app
        .get(&format!("/api/dcim/regions/{}/", child["id"]))
        .await;
    assert_eq!(c["prefix_count"], 1);
    // The API root lists its entries sorted, status included.
    let j = app.get("/api/").await;
    let keys: Vec<&String> = j.as_object().unwrap().keys().collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(j["status"].as_str().unwrap().ends_with("/api/status/"));
    let j = app.get("/api/tenancy/").await;
    let keys: Vec<&String> = j.as_object().unwrap().keys().collect();
    assert_eq!(keys[0], "contact-assignments");
    // Objects made by allocation come without list-annotation counts.
    let g = app
        .create("/api/ipam/vlan-groups/", json!({"name": "g", "slug": "g"}))
        .await;
    let (s, v) = app
        .call(
            "POST",
            &format!("/api/ipam/vlan-groups/{}/available-vlans/", g["id"]),
            Some(json!({"name": "v"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert!(v.get("prefix_count").is_none(), "{v}");
    // A rack type nested in a rack shows its cached rack count.
    let site = app
        .create("/api/dcim/sites/", json!({"name": "s", "slug": "s"}))
        .await;
    let mfr = app
        .create(
            "/api/dcim/manufacturers/",
            json!({"name": "m", "slug": "m"}),
        )
        .await;
    let rt = app
        .create(
            "/api/dcim/rack-types/",
            json!({"manufacturer": mfr["id"], "model": "RT", "slug": "rt", "form_factor": "4-post-cabinet"}),
        )
        .await;
    let rack = app
        .create(
            "/api/dcim/racks/",
            json!({"name": "R1", "site": site["id"], "rack_type": rt["id"]}),
        )
        .await;
    assert_eq!(rack["rack_type"]["rack_count"], 1);
    // The elevation's `q` keeps units by number or name.
    let e = app
        .get(&format!("/api/dcim/racks/{}/elevation/?q=u42", rack["id"]))
        .await;
    assert_eq!(e["count"], 2, "U42 and U42.5");
    let e = app
        .get(&format!("/api/dcim/racks/{}/elevation/?q=sw-a", rack["id"]))
        .await;
    assert_eq!(e["count"], 0);
}

#[tokio::test]
async fn input_checks_follow_netbox() {
    let app = TestApp::new().await;
    let post = |body: J| app.call("POST", "/api/dcim/sites/", Some(body));
    let (s, j) = post(json!({"name": "a", "slug": "a", "time_zone": "Mars/Olympus"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(j, json!({"time_zone": ["A valid timezone is required."]}));
    let (s, j) = post(
        json!({"name": "a", "slug": "a", "time_zone": "Europe/Berlin",
                             "latitude": 91, "longitude": -181}),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"latitude": ["Ensure this value is less than or equal to 90.0."],
               "longitude": ["Ensure this value is greater than or equal to -180.0."]})
    );
    let (s, j) = post(json!({"name": "a", "slug": {"x": 1}})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"slug": ["Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."]})
    );
    let (s, j) = app
        .call("PATCH", "/api/tenancy/tenants/", Some(json!({})))
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"detail": "Expected a list of objects, but no data was submitted."})
    );
    let (s, _, j) = app
        .raw(
            Some(&app.token),
            "POST",
            "/api/dcim/sites/",
            Some(r#"{"name": "a",}"#.to_string()),
            &[],
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"detail": "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 14 (char 13)"})
    );
}

#[tokio::test]
async fn bays_and_inventory_items_sort_by_name_across_devices() {
    let app = TestApp::new().await;
    let (site, _, _, role, dt) = rack_setup(&app).await;
    let mut bays = Vec::new();
    for dev in ["d1", "d2"] {
        let d = app
            .create(
                "/api/dcim/devices/",
                json!({"name": dev, "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
            )
            .await;
        for name in ["Slot 10", "Slot 2"] {
            let b = app
                .create(
                    "/api/dcim/module-bays/",
                    json!({"device": d["id"], "name": name}),
                )
                .await;
            bays.push((name, b["id"].as_i64().unwrap()));
        }
    }
    // Slot 2 of both devices, then Slot 10 of both (natural order, then id).
    let want = vec![bays[1].1, bays[3].1, bays[0].1, bays[2].1];
    assert_eq!(ids(&app.get("/api/dcim/module-bays/").await), want);
}

#[tokio::test]
async fn options_describe_fields_as_drf_does_for_netbox() {
    let app = TestApp::new().await;
    let (s, j) = app.call("OPTIONS", "/api/dcim/cables/", None).await;
    assert_eq!(s, StatusCode::OK);
    let post = &j["actions"]["POST"];
    assert_eq!(
        post["type"]["choices"][0],
        json!({"value": "cat3", "display_name": "CAT3"})
    );
    // Tags: a list field whose child is the nested tag.
    assert_eq!(post["tags"]["type"], "field");
    assert_eq!(post["tags"]["child"]["type"], "nested object");
    let tag_children: Vec<&String> = post["tags"]["child"]["children"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        tag_children,
        [
            "id",
            "url",
            "display_url",
            "display",
            "name",
            "slug",
            "color"
        ]
    );
    let (_, j) = app.call("OPTIONS", "/api/dcim/sites/", None).await;
    let post = &j["actions"]["POST"];
    assert_eq!(post["latitude"]["type"], "decimal");
    assert_eq!(post["latitude"]["min_value"], json!(-90.0));
    // A related-object count is a read-only field; a tree's cumulative count an integer.
    assert_eq!(post["device_count"]["type"], "field");
    assert_eq!(post["region"]["children"]["_depth"]["type"], "integer");
    assert_eq!(post["region"]["children"]["_depth"]["label"], " depth");
    let (_, j) = app.call("OPTIONS", "/api/dcim/regions/", None).await;
    assert_eq!(j["actions"]["POST"]["site_count"]["type"], "integer");
    let (_, j) = app.call("OPTIONS", "/api/ipam/services/", None).await;
    assert_eq!(j["name"], "Application Service List");
    // Computed fields and cached counters carry the type of NetBox's serializer field.
    let (_, j) = app.call("OPTIONS", "/api/dcim/devices/", None).await;
    assert_eq!(j["actions"]["POST"]["interface_count"]["type"], "integer");
    assert_eq!(j["actions"]["POST"]["primary_ip"]["type"], "nested object");
    let (_, j) = app.call("OPTIONS", "/api/ipam/ip-ranges/", None).await;
    assert_eq!(j["actions"]["POST"]["size"]["type"], "integer");
}

#[tokio::test]
async fn components_are_made_in_template_order_and_cable_ends_are_checked_first() {
    let app = TestApp::new().await;
    let (site, _, _, role, dt) = rack_setup(&app).await;
    for name in ["eth10", "eth2", "eth1"] {
        app.create(
            "/api/dcim/interface-templates/",
            json!({"device_type": dt["id"], "name": name, "type": "1000base-t"}),
        )
        .await;
    }
    let d = app
        .create(
            "/api/dcim/devices/",
            json!({"name": "d1", "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
        )
        .await;
    let j = app
        .get(&format!(
            "/api/dcim/interfaces/?device_id={}&ordering=id",
            d["id"]
        ))
        .await;
    let names: Vec<&str> = j["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["eth1", "eth2", "eth10"]);
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/cables/",
            Some(
                json!({"a_terminations": [{"object_type": "dcim.bogus", "object_id": 1}],
                        "b_terminations": []}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j,
        json!({"a_terminations": {"0": {"object_type": ["Invalid content type: dcim.bogus"]}}})
    );
}

#[tokio::test]
async fn field_labels_are_netboxs_verbose_names() {
    let app = TestApp::new().await;
    for (path, field, label) in [
        ("/api/ipam/vlans/", "vid", "VLAN ID"),
        ("/api/dcim/interfaces/", "mtu", "MTU"),
        ("/api/dcim/racks/", "u_height", "Height (U)"),
        ("/api/dcim/devices/", "position", "Position (U)"),
        ("/api/users/users/", "email", "Email address"),
        ("/api/ipam/rirs/", "is_private", "Private"),
    ] {
        let (_, j) = app.call("OPTIONS", path, None).await;
        assert_eq!(
            j["actions"]["POST"][field]["label"], label,
            "{path} {field}"
        );
    }
}

#[tokio::test]
async fn vlan_groups_name_their_scope_by_number() {
    let app = TestApp::new().await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "s1", "slug": "s1"}))
        .await;
    app.create(
        "/api/ipam/vlan-groups/",
        json!({"name": "g", "slug": "g", "scope_type": "dcim.site", "scope_id": site["id"]}),
    )
    .await;
    let (s, j) = app
        .call("GET", "/api/ipam/vlan-groups/?site=s1", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(j, json!({"site": ["Enter a whole number."]}));
    let j = app
        .get(&format!("/api/ipam/vlan-groups/?site={}", site["id"]))
        .await;
    assert_eq!(j["count"], 1);
}

#[tokio::test]
async fn prefixes_sort_by_vrf_id_by_default_and_by_vrf_name_when_asked() {
    // NetBox 4.7.3: `ordering = (F('vrf').asc(nulls_first=True), 'prefix', 'pk')` sorts by the
    // stored VRF id, global prefixes first; `?ordering=vrf` follows the VRF's own ordering
    // (name), global prefixes last. Both answers as NetBox gave them for these rows.
    let app = TestApp::new().await;
    let zeta = crate::support::vrf(&app, "ord-zeta", "65000:1", false).await;
    let alpha = crate::support::vrf(&app, "ord-alpha", "65000:2", false).await;
    for (p, v) in [
        ("192.0.2.0/28", J::from(alpha)),
        ("192.0.2.0/28", J::from(zeta)),
        ("192.0.2.16/28", J::Null),
        ("192.0.2.32/28", J::from(alpha)),
        ("192.0.2.0/27", J::from(zeta)),
    ] {
        app.create("/api/ipam/prefixes/", json!({"prefix": p, "vrf": v}))
            .await;
    }
    let shown = |j: &J| -> Vec<(String, Option<String>)> {
        j["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["prefix"].as_str().unwrap().to_string(),
                    r["vrf"]["name"].as_str().map(str::to_string),
                )
            })
            .collect()
    };
    let s = |p: &str, v: Option<&str>| (p.to_string(), v.map(str::to_string));
    assert_eq!(
        shown(&app.get("/api/ipam/prefixes/").await),
        [
            s("192.0.2.16/28", None),
            s("192.0.2.0/27", Some("ord-zeta")),
            s("192.0.2.0/28", Some("ord-zeta")),
            s("192.0.2.0/28", Some("ord-alpha")),
            s("192.0.2.32/28", Some("ord-alpha")),
        ]
    );
    assert_eq!(
        shown(&app.get("/api/ipam/prefixes/?ordering=vrf").await),
        [
            s("192.0.2.0/28", Some("ord-alpha")),
            s("192.0.2.32/28", Some("ord-alpha")),
            s("192.0.2.0/28", Some("ord-zeta")),
            s("192.0.2.0/27", Some("ord-zeta")),
            s("192.0.2.16/28", None),
        ]
    );
}

/// A relation named by an attribute its target does not have (power panels, cables, modules and
/// interfaces have no slug) has no by-name filter in NetBox: the parameter is ignored there, and
/// here, instead of refusing every value. The Ansible collection looks a power feed up with
/// `power_panel=<id>&name=…`. By-name filters that exist still refuse unknown names.
#[tokio::test]
async fn relations_without_a_name_filter_ignore_the_parameter() {
    let app = TestApp::new().await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "s1", "slug": "s1"}))
        .await;
    let panel = app
        .create(
            "/api/dcim/power-panels/",
            json!({"name": "PP1", "site": site["id"]}),
        )
        .await;
    let feed = app
        .create(
            "/api/dcim/power-feeds/",
            json!({"name": "Feed-A", "power_panel": panel["id"]}),
        )
        .await;
    for q in ["power_panel=1&name=Feed-A", "power_panel=PP1", "cable=7"] {
        let (s, j) = app
            .call("GET", &format!("/api/dcim/power-feeds/?{q}"), None)
            .await;
        assert_eq!(s, StatusCode::OK, "{q}: {j}");
        assert_eq!(ids(&j), vec![feed["id"].as_i64().unwrap()], "{q}");
    }
    let (s, j) = app
        .call("GET", "/api/dcim/interfaces/?parent=x&module=1", None)
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    // The schema lists `power_panel_id` but no `power_panel` for power feeds, as NetBox's does.
    let doc = app.get("/api/schema/?format=json").await;
    let names: Vec<&str> = doc["paths"]["/api/dcim/power-feeds/"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(names.contains(&"power_panel_id") && !names.contains(&"power_panel"));
    // An existing by-name filter still names what must exist.
    let (s, j) = app
        .call("GET", "/api/dcim/power-panels/?site=no-such-site", None)
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
}

/// An object id that is not a whole number: NetBox's model choice filters answer
/// `“abc” is not a valid value.` (relations, trees, scopes, many-to-many), its number filters
/// "Enter a whole number." (checked side by side with NetBox 4.7.3).
#[tokio::test]
async fn relation_ids_that_are_not_numbers_answer_as_netbox() {
    let app = TestApp::new().await;
    for (q, key, msg) in [
        (
            "dcim/devices/?site_id=abc",
            "site_id",
            "\u{201c}abc\u{201d} is not a valid value.",
        ),
        (
            "dcim/devices/?tenant_id=x&tenant_id=2",
            "tenant_id",
            "\u{201c}x\u{201d} is not a valid value.",
        ),
        (
            "dcim/devices/?site_id=1.5",
            "site_id",
            "\u{201c}1.5\u{201d} is not a valid value.",
        ),
        (
            "ipam/prefixes/?region_id=abc",
            "region_id",
            "\u{201c}abc\u{201d} is not a valid value.",
        ),
        (
            "tenancy/tenants/?group_id=abc",
            "group_id",
            "\u{201c}abc\u{201d} is not a valid value.",
        ),
        (
            "tenancy/contacts/?group_id=NOC",
            "group_id",
            "\u{201c}NOC\u{201d} is not a valid value.",
        ),
        (
            "ipam/vrfs/?import_target_id=abc",
            "import_target_id",
            "\u{201c}abc\u{201d} is not a valid value.",
        ),
        (
            "dcim/interfaces/?virtual_chassis_member_id=abc",
            "virtual_chassis_member_id",
            "Enter a whole number.",
        ),
        (
            "ipam/ip-addresses/?assigned_object_id=abc",
            "assigned_object_id",
            "Enter a whole number.",
        ),
    ] {
        let (s, j) = app.call("GET", &format!("/api/{q}"), None).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}: {j}");
        assert_eq!(j, json!({ key: [msg] }), "{q}");
    }
    let (s, j) = app
        .call("GET", "/api/dcim/devices/?site_id=null", None)
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
}
