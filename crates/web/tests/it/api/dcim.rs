//! DCIM: devices from types, natural interface order, cables through patch panels, traces,
//! primary addresses, rack elevations, modules and cascades.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::{Value as J, json};

/// Site, manufacturer, role and a 42U rack.
async fn base(app: &TestApp) -> (J, J, J, J) {
    let site = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "Example Site", "slug": "example-site"}),
        )
        .await;
    let mfr = app
        .create(
            "/api/dcim/manufacturers/",
            json!({"name": "Example Mfr", "slug": "example-mfr"}),
        )
        .await;
    let role = app
        .create(
            "/api/dcim/device-roles/",
            json!({"name": "Access Switch", "slug": "access-switch", "color": "aa1409"}),
        )
        .await;
    let rack = app
        .create(
            "/api/dcim/racks/",
            json!({"name": "R1", "site": site["id"]}),
        )
        .await;
    (site, mfr, role, rack)
}

async fn device_type(app: &TestApp, mfr: &J, model: &str, ifaces: &[&str]) -> J {
    let slug = model.to_lowercase().replace(' ', "-");
    let dt = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": model, "slug": slug}),
        )
        .await;
    if !ifaces.is_empty() {
        let items: Vec<J> = ifaces
            .iter()
            .map(|n| json!({"device_type": dt["id"], "name": n, "type": "1000base-t"}))
            .collect();
        let (s, j) = app
            .call(
                "POST",
                "/api/dcim/interface-templates/",
                Some(J::Array(items)),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{j}");
    }
    dt
}

async fn device(app: &TestApp, name: &str, dt: &J, role: &J, site: &J) -> J {
    app.create(
        "/api/dcim/devices/",
        json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
    )
    .await
}

async fn iface(app: &TestApp, dev: &J, name: &str) -> J {
    let l = app
        .get(&format!(
            "/api/dcim/interfaces/?device_id={}&name={name}",
            dev["id"]
        ))
        .await;
    assert_eq!(l["count"], 1, "{name} on {}", dev["name"]);
    l["results"][0].clone()
}

/// The keys of an object, recursively, so shapes can be compared with NetBox's.
fn shape(j: &J) -> J {
    match j {
        J::Object(o) => J::Object(o.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        J::Array(a) => J::Array(a.iter().map(shape).collect()),
        _ => J::Null,
    }
}

#[tokio::test]
async fn device_detail_has_netbox_shape_and_instantiated_components() {
    let app = TestApp::new().await;
    let (site, mfr, role, rack) = base(&app).await;
    let tenant = app
        .create(
            "/api/tenancy/tenants/",
            json!({"name": "Example Tenant", "slug": "example-tenant"}),
        )
        .await;
    let dt = device_type(&app, &mfr, "Example Switch 48", &["eth0", "eth1"]).await;
    let dev = app
        .create(
            "/api/dcim/devices/",
            json!({"name": "sw1", "device_type": dt["id"], "role": role["id"],
                   "tenant": tenant["id"], "site": site["id"], "rack": rack["id"],
                   "position": 10, "face": "front"}),
        )
        .await;
    let got = app.get(&format!("/api/dcim/devices/{}/", dev["id"])).await;
    let reference: J = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/reference/examples/device-detail.json"
        ))
        .expect("reference example"),
    )
    .expect("json");
    let want = &reference["response"]["body"];
    assert_eq!(shape(&got), shape(want), "device keys and nesting");
    let keys = |j: &J| j.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&got), keys(want), "key order");
    for k in [
        "display",
        "name",
        "position",
        "face",
        "status",
        "serial",
        "asset_tag",
        "config_context",
        "local_context_data",
        "interface_count",
        "primary_ip",
        "parent_device",
    ] {
        assert_eq!(got[k], want[k], "{k}");
    }
    assert_eq!(got["device_type"]["device_count"], 1, "a cached counter");
    assert_eq!(
        got["role"]["device_count"], want["role"]["device_count"],
        "nested annotations are zero"
    );
    assert_eq!(got["site"]["name"], "Example Site");
    // Components came from the type's templates.
    let l = app
        .get(&format!("/api/dcim/interfaces/?device_id={}", dev["id"]))
        .await;
    assert_eq!(l["count"], 2);
    assert_eq!(l["results"][0]["name"], "eth0");
    assert_eq!(l["results"][0]["type"]["value"], "1000base-t");
    assert_eq!(l["results"][0]["device"]["name"], "sw1");
    assert_eq!(l["results"][0]["cable"], J::Null);
    assert_eq!(l["results"][0]["link_peers"], json!([]));
    assert_eq!(l["results"][0]["connected_endpoints"], J::Null);
    assert_eq!(l["results"][0]["_occupied"], false);
    assert_eq!(l["results"][0]["enabled"], true);
    // Position without a rack, or without a face, is refused like NetBox.
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/devices/",
            Some(
                json!({"name": "x", "device_type": dt["id"], "role": role["id"],
                        "site": site["id"], "position": 3}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert!(j["position"].is_array(), "{j}");
}

#[tokio::test]
async fn interfaces_sort_naturally() {
    let app = TestApp::new().await;
    let (site, mfr, role, _) = base(&app).await;
    let dt = device_type(
        &app,
        &mfr,
        "Chassis",
        &["Gi1/0/10", "et-0/0/10", "Gi1/0/9", "et-0/0/2", "Gi1/0/1"],
    )
    .await;
    let dev = device(&app, "core1", &dt, &role, &site).await;
    let l = app
        .get(&format!("/api/dcim/interfaces/?device_id={}", dev["id"]))
        .await;
    let names: Vec<&str> = l["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    // NetBox's interface key: slots first, then the type, then the port number.
    assert_eq!(
        names,
        ["et-0/0/2", "et-0/0/10", "Gi1/0/1", "Gi1/0/9", "Gi1/0/10"]
    );
    let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(pos("Gi1/0/9") < pos("Gi1/0/10"), "{names:?}");
    assert!(pos("Gi1/0/1") < pos("Gi1/0/9"), "{names:?}");
    assert!(pos("et-0/0/2") < pos("et-0/0/10"), "{names:?}");
    // Explicit ordering by name is natural too.
    let l = app
        .get(&format!(
            "/api/dcim/interfaces/?device_id={}&ordering=-name",
            dev["id"]
        ))
        .await;
    let rev: Vec<&str> = l["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    let mut expect = names.clone();
    expect.reverse();
    assert_eq!(rev, expect);
}

/// sw1:eth0 — pp1 front1 | pp1 rear1 — pp2 rear1 | pp2 front1 — sw2:eth0
async fn patched_network(app: &TestApp) -> (J, J, J, J, J) {
    let (site, mfr, role, _) = base(app).await;
    let sw = device_type(app, &mfr, "Switch", &["eth0", "eth1"]).await;
    let panel = device_type(app, &mfr, "Panel", &[]).await;
    let rear = app
        .create(
            "/api/dcim/rear-port-templates/",
            json!({"device_type": panel["id"], "name": "rear1", "type": "lc", "positions": 1}),
        )
        .await;
    app.create(
        "/api/dcim/front-port-templates/",
        json!({"device_type": panel["id"], "name": "front1", "type": "lc",
               "rear_ports": [{"position": 1, "rear_port": rear["id"], "rear_port_position": 1}]}),
    )
    .await;
    let sw1 = device(app, "sw1", &sw, &role, &site).await;
    let sw2 = device(app, "sw2", &sw, &role, &site).await;
    let pp1 = device(app, "pp1", &panel, &role, &site).await;
    let pp2 = device(app, "pp2", &panel, &role, &site).await;
    let port = |dev: &J, kind: &str| {
        let dev = dev.clone();
        let kind = kind.to_string();
        async move {
            let l = app
                .get(&format!("/api/dcim/{kind}/?device_id={}", dev["id"]))
                .await;
            assert_eq!(l["count"], 1, "{kind} of {}", dev["name"]);
            l["results"][0].clone()
        }
    };
    let f1 = port(&pp1, "front-ports").await;
    assert_eq!(f1["rear_ports"][0]["position"], 1, "{f1}");
    let r1 = port(&pp1, "rear-ports").await;
    assert_eq!(f1["rear_ports"][0]["rear_port"], r1["id"]);
    let f2 = port(&pp2, "front-ports").await;
    let r2 = port(&pp2, "rear-ports").await;
    let a = iface(app, &sw1, "eth0").await;
    let b = iface(app, &sw2, "eth0").await;
    let cable = |x: (&str, &J), y: (&str, &J)| {
        json!({"a_terminations": [{"object_type": x.0, "object_id": x.1["id"]}],
               "b_terminations": [{"object_type": y.0, "object_id": y.1["id"]}]})
    };
    let c1 = app
        .create(
            "/api/dcim/cables/",
            cable(("dcim.interface", &a), ("dcim.frontport", &f1)),
        )
        .await;
    assert_eq!(c1["a_terminations"][0]["object_type"], "dcim.interface");
    assert_eq!(c1["a_terminations"][0]["object"]["name"], "eth0");
    assert_eq!(c1["status"]["value"], "connected");
    app.create(
        "/api/dcim/cables/",
        cable(("dcim.rearport", &r1), ("dcim.rearport", &r2)),
    )
    .await;
    app.create(
        "/api/dcim/cables/",
        cable(("dcim.frontport", &f2), ("dcim.interface", &b)),
    )
    .await;
    (sw1, sw2, a, b, f1)
}

#[tokio::test]
async fn cable_through_two_patch_panels_traces_end_to_end() {
    let app = TestApp::new().await;
    let (_sw1, sw2, a, b, f1) = patched_network(&app).await;
    let ia = app.get(&format!("/api/dcim/interfaces/{}/", a["id"])).await;
    assert_eq!(ia["_occupied"], true);
    assert_eq!(ia["cable_end"], "A");
    assert_eq!(ia["link_peers_type"], "dcim.frontport");
    assert_eq!(ia["link_peers"][0]["name"], "front1");
    assert_eq!(ia["connected_endpoints_type"], "dcim.interface");
    assert_eq!(ia["connected_endpoints"][0]["id"], b["id"]);
    assert_eq!(ia["connected_endpoints"][0]["device"]["name"], "sw2");
    assert_eq!(ia["connected_endpoints_reachable"], true);
    let ib = app.get(&format!("/api/dcim/interfaces/{}/", b["id"])).await;
    assert_eq!(
        ib["connected_endpoints"][0]["id"], a["id"],
        "both directions"
    );

    let t = app
        .get(&format!("/api/dcim/interfaces/{}/trace/", a["id"]))
        .await;
    let hops = t.as_array().expect("list");
    assert_eq!(hops.len(), 3, "{t}");
    assert_eq!(hops[0][0][0]["name"], "eth0");
    assert_eq!(hops[0][1]["status"], "connected");
    assert_eq!(hops[0][2][0]["name"], "front1");
    assert_eq!(hops[1][0][0]["name"], "rear1");
    assert_eq!(hops[2][2][0]["id"], b["id"]);

    let p = app
        .get(&format!("/api/dcim/front-ports/{}/paths/", f1["id"]))
        .await;
    assert_eq!(p.as_array().map(Vec::len), Some(2), "{p}");
    assert!(
        p.as_array()
            .unwrap()
            .iter()
            .all(|x| x["is_complete"] == true)
    );

    // A second cable on an occupied port is refused and changes nothing.
    let before = app.count("/api/dcim/cables/").await;
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/cables/",
            Some(json!({"a_terminations": [{"object_type": "dcim.interface", "object_id": a["id"]}],
                        "b_terminations": [{"object_type": "dcim.interface", "object_id": b["id"]}]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert_eq!(
        j["__all__"][0],
        format!(
            "Duplicate termination found for dcim.interface {}: cable {}",
            a["id"], ia["cable"]["id"]
        )
    );
    assert_eq!(app.count("/api/dcim/cables/").await, before);
    // Incompatible ends are refused.
    let pp = app
        .create(
            "/api/dcim/power-ports/",
            json!({"device": sw2["id"], "name": "PSU1"}),
        )
        .await;
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/cables/",
            Some(json!({"a_terminations": [{"object_type": "dcim.interface", "object_id": iface(&app, &sw2, "eth1").await["id"]}],
                        "b_terminations": [{"object_type": "dcim.powerport", "object_id": pp["id"]}]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert_eq!(
        j["__all__"][0],
        "Incompatible termination types: interface and powerport"
    );

    // Deleting a device takes its components, their cable and the path with it.
    let (s, _) = app
        .call("DELETE", &format!("/api/dcim/devices/{}/", sw2["id"]), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(
        app.count(&format!("/api/dcim/interfaces/?id={}", b["id"]))
            .await,
        0
    );
    // Filtering by an object that no longer exists is a 400, like NetBox.
    let (s, j) = app
        .call(
            "GET",
            &format!("/api/dcim/interfaces/?device_id={}", sw2["id"]),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert_eq!(
        app.count("/api/dcim/cables/").await,
        before,
        "cables stay with their other end, like NetBox"
    );
    let ia = app.get(&format!("/api/dcim/interfaces/{}/", a["id"])).await;
    assert_eq!(ia["connected_endpoints"], J::Null, "{ia}");
    assert_eq!(ia["connected_endpoints_reachable"], false, "{ia}");
    assert_eq!(ia["_occupied"], true, "the first cable is still there");
    assert_eq!(
        app.count("/api/dcim/cable-terminations/").await,
        5,
        "the deleted interface's end is gone"
    );
}

#[tokio::test]
async fn primary_ip_must_be_on_the_device_and_stays_there() {
    let app = TestApp::new().await;
    let (site, mfr, role, _) = base(&app).await;
    let dt = device_type(&app, &mfr, "Router", &["ge-0/0/0"]).await;
    let r1 = device(&app, "r1", &dt, &role, &site).await;
    let r2 = device(&app, "r2", &dt, &role, &site).await;
    let i1 = iface(&app, &r1, "ge-0/0/0").await;
    let ip = app
        .create(
            "/api/ipam/ip-addresses/",
            json!({"address": "192.0.2.1/24", "assigned_object_type": "dcim.interface",
                   "assigned_object_id": i1["id"]}),
        )
        .await;
    assert_eq!(ip["assigned_object"]["name"], "ge-0/0/0");
    assert_eq!(ip["assigned_object"]["device"]["name"], "r1");
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/devices/{}/", r2["id"]),
            Some(json!({"primary_ip4": ip["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j["primary_ip4"][0],
        "The specified IP address (192.0.2.1/24) is not assigned to this device."
    );
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/devices/{}/", r1["id"]),
            Some(json!({"primary_ip4": ip["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(j["primary_ip4"]["address"], "192.0.2.1/24");
    assert_eq!(j["primary_ip"]["address"], "192.0.2.1/24");
    let i1 = app
        .get(&format!("/api/dcim/interfaces/{}/", i1["id"]))
        .await;
    assert_eq!(i1["count_ipaddresses"], 1);
    // A primary address cannot leave its device, like NetBox …
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/ipam/ip-addresses/{}/", ip["id"]),
            Some(json!({"assigned_object_type": null, "assigned_object_id": null})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert_eq!(
        j["__all__"][0],
        "Cannot reassign IP address while it is designated as the primary IP for the parent object"
    );
    // … and deleting it clears the device's reference.
    let (s, _) = app
        .call(
            "DELETE",
            &format!("/api/ipam/ip-addresses/{}/", ip["id"]),
            None,
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let d = app.get(&format!("/api/dcim/devices/{}/", r1["id"])).await;
    assert_eq!(d["primary_ip4"], J::Null);
    assert_eq!(d["primary_ip"], J::Null);
}

/// Replaces the numbers in `/dcim/devices/N/` links with `ID`.
fn regex_free_ids(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("/dcim/devices/") {
        let (head, tail) = rest.split_at(i + "/dcim/devices/".len());
        out.push_str(head);
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            out.push_str("ID");
        }
        rest = &tail[digits..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn rack_elevation_lists_units_and_draws_svg() {
    let app = TestApp::new().await;
    let (site, mfr, role, rack) = base(&app).await;
    let dt = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": "2U Server", "slug": "2u", "u_height": 2}),
        )
        .await;
    app.create(
        "/api/dcim/devices/",
        json!({"name": "srv1", "device_type": dt["id"], "role": role["id"], "site": site["id"],
               "rack": rack["id"], "position": 10, "face": "front"}),
    )
    .await;
    let e = app
        .get(&format!(
            "/api/dcim/racks/{}/elevation/?limit=1000",
            rack["id"]
        ))
        .await;
    assert_eq!(e["count"], 84, "42 units in half-unit steps");
    let units = e["results"].as_array().unwrap();
    assert_eq!(units[0]["name"], "U42.5");
    assert_eq!(units[1]["name"], "U42");
    let u = |n: &str| units.iter().find(|x| x["name"] == n).unwrap();
    assert_eq!(u("U10")["device"]["name"], "srv1");
    assert_eq!(u("U11")["occupied"], true);
    assert_eq!(u("U12")["occupied"], false);
    assert_eq!(u("U9")["device"], J::Null);
    // Without expansion only a device's lowest unit carries it; NetBox lists the units above it
    // as free.
    let once = app
        .get(&format!(
            "/api/dcim/racks/{}/elevation/?limit=1000&expand_devices=false",
            rack["id"]
        ))
        .await;
    assert_eq!(once["count"], 84, "every unit is listed");
    let on: Vec<&J> = once["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["occupied"] == true)
        .collect();
    assert_eq!(on.len(), 1, "{on:?}");
    assert_eq!(
        (&on[0]["name"], &on[0]["device"]["name"]),
        (&json!("U10"), &json!("srv1"))
    );
    let rear = app
        .get(&format!(
            "/api/dcim/racks/{}/elevation/?face=rear&limit=1000",
            rack["id"]
        ))
        .await;
    let ru = rear["results"].as_array().unwrap();
    assert!(
        ru.iter()
            .any(|x| x["name"] == "U10" && x["occupied"] == true),
        "full-depth devices show on both faces"
    );
    let (s, h, svg) = app
        .get_text(&format!(
            "/api/dcim/racks/{}/elevation/?render=svg",
            rack["id"]
        ))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h.get("content-type").unwrap(), "image/svg+xml");
    // The drawing is compared with a reviewed snapshot (UPDATE_SNAPSHOTS=1 rewrites it). Ids are
    // replaced so the snapshot holds on both backends.
    let norm = regex_free_ids(&svg);
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/it/snapshots/rack-elevation.svg"
    );
    if std::env::var("UPDATE_SNAPSHOTS").is_ok() {
        std::fs::write(path, &norm).expect("write snapshot");
    }
    let want = std::fs::read_to_string(path).expect("snapshot file");
    assert_eq!(norm, want, "rack elevation SVG differs from the snapshot");
}

#[tokio::test]
async fn modules_instantiate_their_components_with_the_bay_position() {
    let app = TestApp::new().await;
    let (site, mfr, role, _) = base(&app).await;
    let dt = device_type(&app, &mfr, "Modular", &[]).await;
    app.create(
        "/api/dcim/module-bay-templates/",
        json!({"device_type": dt["id"], "name": "Slot 2", "position": "2"}),
    )
    .await;
    let mt = app
        .create(
            "/api/dcim/module-types/",
            json!({"manufacturer": mfr["id"], "model": "LC-8"}),
        )
        .await;
    app.create(
        "/api/dcim/interface-templates/",
        json!({"module_type": mt["id"], "name": "eth{module}/1", "type": "10gbase-x-sfpp"}),
    )
    .await;
    let dev = device(&app, "chassis1", &dt, &role, &site).await;
    let bays = app
        .get(&format!("/api/dcim/module-bays/?device_id={}", dev["id"]))
        .await;
    assert_eq!(bays["count"], 1);
    let m = app
        .create(
            "/api/dcim/modules/",
            json!({"device": dev["id"], "module_bay": bays["results"][0]["id"], "module_type": mt["id"]}),
        )
        .await;
    let i = iface(&app, &dev, "eth2/1").await;
    assert_eq!(i["module"]["id"], m["id"]);
    let bay = app
        .get(&format!(
            "/api/dcim/module-bays/{}/",
            bays["results"][0]["id"]
        ))
        .await;
    assert_eq!(bay["installed_module"]["id"], m["id"]);
    // Removing the module removes what it brought.
    let (s, _) = app
        .call("DELETE", &format!("/api/dcim/modules/{}/", m["id"]), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(
        app.count(&format!("/api/dcim/interfaces/?device_id={}", dev["id"]))
            .await,
        0
    );
}

#[tokio::test]
async fn a_site_with_racks_cannot_be_deleted() {
    let app = TestApp::new().await;
    let (site, _, _, rack) = base(&app).await;
    let (s, j) = app
        .call("DELETE", &format!("/api/dcim/sites/{}/", site["id"]), None)
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{j}");
    assert_eq!(
        j["detail"],
        format!(
            "Unable to delete object. 1 dependent objects were found: R1 ({})",
            rack["id"]
        )
    );
    assert_eq!(app.count("/api/dcim/sites/").await, 1);
}

#[tokio::test]
async fn device_type_import_endpoint_takes_library_yaml() {
    let app = TestApp::new().await;
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../server/tests/fixtures");
    let read = |p: &str| std::fs::read_to_string(format!("{fixtures}/{p}")).expect("fixture");
    let sw = read("device-types/acme/acme-sw-24.yaml");
    let (s, _, j) = app
        .raw(
            Some(&app.token),
            "POST",
            "/api/dcim/device-types/import/",
            Some(sw.clone()),
            &[],
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    assert_eq!(j["object"]["model"], "SW-24");
    assert_eq!(j["object"]["interface_template_count"], 5);
    assert_eq!(j["templates_created"], 8);
    // Again: found, nothing new.
    let (s, _, j) = app
        .raw(
            Some(&app.token),
            "POST",
            "/api/dcim/device-types/import/",
            Some(sw),
            &[],
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(j["templates_created"], 0);
    // A device of the imported type gets its components.
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let role = app
        .create("/api/dcim/device-roles/", json!({"name": "R", "slug": "r"}))
        .await;
    let dt = app.get("/api/dcim/device-types/?slug=acme-sw-24").await;
    let dev = device(&app, "acc1", &dt["results"][0], &role, &site).await;
    assert_eq!(
        app.count(&format!("/api/dcim/interfaces/?device_id={}", dev["id"]))
            .await,
        5
    );
    // A bad file answers 400 naming the line and writes nothing.
    let before = app.count("/api/dcim/device-types/").await;
    let (s, _, j) = app
        .raw(
            Some(&app.token),
            "POST",
            "/api/dcim/device-types/import/",
            Some(read("bad/unknown-type.yaml")),
            &[],
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(
        j["detail"],
        "line 9: interfaces eth1: type: warp-drive is not a valid choice."
    );
    assert_eq!(app.count("/api/dcim/device-types/").await, before);
    assert_eq!(
        app.count("/api/dcim/manufacturers/?name=Broken%20Inc")
            .await,
        0
    );
}

#[tokio::test]
async fn every_dcim_endpoint_lists_filters_and_describes_itself() {
    let app = TestApp::new().await;
    let (site, mfr, role, rack) = base(&app).await;
    let dt = device_type(&app, &mfr, "Any", &["eth0"]).await;
    device(&app, "d1", &dt, &role, &site).await;
    let reg = ironbox_models::registry();
    let mut seen = 0;
    for m in reg.all().iter().filter(|m| m.app == "dcim") {
        seen += 1;
        let list = format!("/api/{}/", m.api);
        for q in [
            "",
            "?brief=1",
            "?q=e",
            "?limit=1&offset=1",
            "?ordering=-id",
            "?id__gte=1",
        ] {
            let (s, j) = app.call("GET", &format!("{list}{q}"), None).await;
            assert_eq!(s, StatusCode::OK, "GET {list}{q}: {j}");
            assert!(j["count"].is_i64(), "GET {list}{q}: {j}");
        }
        let (s, j) = app.call("OPTIONS", &list, None).await;
        assert_eq!(s, StatusCode::OK, "OPTIONS {list}: {j}");
        // A create with nothing in it is a field error, never a server error.
        let (s, j) = app.call("POST", &list, Some(json!({}))).await;
        if m.writable {
            assert_eq!(s, StatusCode::BAD_REQUEST, "POST {list} {{}}: {j}");
        } else {
            assert_eq!(s, StatusCode::METHOD_NOT_ALLOWED, "POST {list}: {j}");
        }
        let (s, j) = app.call("GET", &format!("{list}999999/"), None).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "GET {list}999999/: {j}");
    }
    assert!(seen >= 53, "{seen} DCIM models");
    // Objects made above render in full on their detail URLs.
    for path in [
        format!("/api/dcim/sites/{}/", site["id"]),
        format!("/api/dcim/racks/{}/", rack["id"]),
        format!("/api/dcim/device-types/{}/", dt["id"]),
    ] {
        let j = app.get(&path).await;
        assert!(
            j["display_url"]
                .as_str()
                .is_some_and(|u| u.contains("/dcim/")),
            "{j}"
        );
    }
}

#[tokio::test]
async fn prefixes_scoped_to_sites_and_locations_filter_by_region_and_site() {
    let app = TestApp::new().await;
    let eu = app
        .create(
            "/api/dcim/regions/",
            json!({"name": "Europe", "slug": "eu"}),
        )
        .await;
    let de = app
        .create(
            "/api/dcim/regions/",
            json!({"name": "Germany", "slug": "de", "parent": eu["id"]}),
        )
        .await;
    let fra = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "FRA1", "slug": "fra1", "region": de["id"]}),
        )
        .await;
    let nyc = app
        .create("/api/dcim/sites/", json!({"name": "NYC1", "slug": "nyc1"}))
        .await;
    let hall = app
        .create(
            "/api/dcim/locations/",
            json!({"name": "Hall A", "slug": "hall-a", "site": fra["id"]}),
        )
        .await;
    let scoped = |p: &str, t: &str, id: &J| json!({"prefix": p, "scope_type": t, "scope_id": id});
    app.create(
        "/api/ipam/prefixes/",
        scoped("10.1.0.0/16", "dcim.site", &fra["id"]),
    )
    .await;
    app.create(
        "/api/ipam/prefixes/",
        scoped("10.1.1.0/24", "dcim.location", &hall["id"]),
    )
    .await;
    app.create(
        "/api/ipam/prefixes/",
        scoped("10.2.0.0/16", "dcim.site", &nyc["id"]),
    )
    .await;
    app.create("/api/ipam/prefixes/", json!({"prefix": "10.9.0.0/16"}))
        .await;
    let app = &app;
    let c = |q: String| async move { app.count(&format!("/api/ipam/prefixes/?{q}")).await };
    assert_eq!(
        c(format!("site_id={}", fra["id"])).await,
        2,
        "site and its location"
    );
    assert_eq!(c("site=nyc1".into()).await, 1);
    assert_eq!(
        c(format!("region_id={}", eu["id"])).await,
        2,
        "the region's subtree"
    );
    assert_eq!(c(format!("location_id={}", hall["id"])).await, 1);
    assert_eq!(
        c(format!("site_id={}&site_id={}", fra["id"], nyc["id"])).await,
        3
    );
    let s = app.get(&format!("/api/dcim/sites/{}/", fra["id"])).await;
    assert_eq!(s["prefix_count"], 2);
}

#[tokio::test]
async fn addresses_filter_by_the_device_and_interface_they_are_assigned_to() {
    let app = TestApp::new().await;
    let (site, mfr, role, _) = base(&app).await;
    let dt = device_type(&app, &mfr, "Filter Box", &["eth0", "eth1"]).await;
    let mut devs = Vec::new();
    for name in ["d1", "d2"] {
        devs.push(
            app.create(
                "/api/dcim/devices/",
                json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
            )
            .await,
        );
    }
    let if1 = app
        .get(&format!(
            "/api/dcim/interfaces/?device_id={}&name=eth0",
            devs[0]["id"]
        ))
        .await["results"][0]["id"]
        .clone();
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "192.0.2.1/24", "assigned_object_type": "dcim.interface", "assigned_object_id": if1}),
    )
    .await;
    app.create(
        "/api/ipam/ip-addresses/",
        json!({"address": "192.0.2.2/24"}),
    )
    .await;
    assert_eq!(
        app.count(&format!(
            "/api/ipam/ip-addresses/?device_id={}",
            devs[0]["id"]
        ))
        .await,
        1
    );
    assert_eq!(
        app.count(&format!(
            "/api/ipam/ip-addresses/?device_id={}",
            devs[1]["id"]
        ))
        .await,
        0
    );
    assert_eq!(app.count("/api/ipam/ip-addresses/?device=d1").await, 1);
    assert_eq!(
        app.count(&format!("/api/ipam/ip-addresses/?interface_id={if1}"))
            .await,
        1
    );
}

#[tokio::test]
async fn device_lists_count_each_devices_components() {
    // A device row carries a dozen component counts, read for the whole page together; each
    // must be the device's own, zero included.
    let app = TestApp::new().await;
    let (site, mfr, role, _) = base(&app).await;
    let three = device_type(&app, &mfr, "Three Ports", &["e0", "e1", "e2"]).await;
    let one = device_type(&app, &mfr, "One Port", &["e0"]).await;
    let bare = device_type(&app, &mfr, "Bare", &[]).await;
    // Only a parent type holds device bays.
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/device-types/{}/", bare["id"]),
            Some(json!({"subdevice_role": "parent"})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    let a = device(&app, "a", &three, &role, &site).await;
    let b = device(&app, "b", &one, &role, &site).await;
    let c = device(&app, "c", &bare, &role, &site).await;
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/device-bays/",
            Some(json!({"device": a["id"], "name": "bay1"})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert_eq!(
        j,
        json!({"__all__": ["This type of device (Three Ports) does not support device bays."]})
    );
    // Components added by hand count too.
    app.create(
        "/api/dcim/interfaces/",
        json!({"device": b["id"], "name": "extra", "type": "virtual"}),
    )
    .await;
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/console-ports/",
            Some(json!([{"device": a["id"], "name": "con0"}, {"device": a["id"], "name": "con1"}])),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    let (s, j) = app
        .call(
            "POST",
            "/api/dcim/device-bays/",
            Some(json!({"device": c["id"], "name": "bay1"})),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    let list = app.get("/api/dcim/devices/?ordering=name").await;
    let rows = list["results"].as_array().expect("results");
    let counts: Vec<(i64, i64, i64, i64)> = rows
        .iter()
        .map(|r| {
            let n = |k: &str| r[k].as_i64().unwrap_or(-1);
            (
                n("interface_count"),
                n("console_port_count"),
                n("device_bay_count"),
                n("power_port_count"),
            )
        })
        .collect();
    assert_eq!(counts, vec![(3, 2, 0, 0), (2, 0, 0, 0), (0, 0, 1, 0)]);
    // One device alone counts the same.
    let one_row = app.get(&format!("/api/dcim/devices/{}/", a["id"])).await;
    assert_eq!(one_row["interface_count"], 3);
    assert_eq!(one_row["console_port_count"], 2);
    // The counts follow deletes, moves and cascades.
    let cons = app
        .get(&format!("/api/dcim/console-ports/?device_id={}", a["id"]))
        .await;
    let con0 = cons["results"][0]["id"].clone();
    let (s, _) = app
        .call("DELETE", &format!("/api/dcim/console-ports/{con0}/"), None)
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let extra = app
        .get(&format!(
            "/api/dcim/interfaces/?device_id={}&name=extra",
            b["id"]
        ))
        .await["results"][0]["id"]
        .clone();
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/interfaces/{extra}/"),
            Some(json!({"device": c["id"]})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    let n = |d: &J, k: &str| d[k].as_i64().unwrap_or(-1);
    let get = |d: &J| format!("/api/dcim/devices/{}/", d["id"]);
    let (a1, b1, c1) = (
        app.get(&get(&a)).await,
        app.get(&get(&b)).await,
        app.get(&get(&c)).await,
    );
    assert_eq!(n(&a1, "console_port_count"), 1);
    assert_eq!(n(&b1, "interface_count"), 1);
    assert_eq!(n(&c1, "interface_count"), 1);
    let vc = app
        .create("/api/dcim/virtual-chassis/", json!({"name": "vc1"}))
        .await;
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/devices/{}/", b["id"]),
            Some(json!({"virtual_chassis": vc["id"], "vc_position": 1})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(
        n(
            &app.get(&format!("/api/dcim/virtual-chassis/{}/", vc["id"]))
                .await,
            "member_count"
        ),
        1
    );
    let dt = format!("/api/dcim/device-types/{}/", three["id"]);
    assert_eq!(n(&app.get(&dt).await, "device_count"), 1);
    // Deleting a device takes its components with it and counts it off its type and chassis.
    for d in [&a, &b] {
        let (s, j) = app
            .call("DELETE", &format!("/api/dcim/devices/{}/", d["id"]), None)
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT, "{j}");
    }
    assert_eq!(n(&app.get(&dt).await, "device_count"), 0);
    assert_eq!(
        n(
            &app.get(&format!("/api/dcim/virtual-chassis/{}/", vc["id"]))
                .await,
            "member_count"
        ),
        0
    );
    assert_eq!(n(&app.get(&get(&c)).await, "interface_count"), 1);
}

/// NetBox's interface filters through a virtual chassis (`Device.vc_interfaces`): the named
/// device's interfaces plus, when it is in a chassis, the members' interfaces that are not
/// management-only; `…_or_master` adds the members only for the chassis' master. The Ansible
/// collection finds an interface by `virtual_chassis_member_id` and its name.
#[tokio::test]
async fn interfaces_filter_by_virtual_chassis_member() {
    let app = TestApp::new().await;
    let (site, mfr, role, _) = base(&app).await;
    let dt = device_type(&app, &mfr, "VC Switch", &["ge-0/0/0", "me0"]).await;
    let a = device(&app, "vc-a", &dt, &role, &site).await;
    let b = device(&app, "vc-b", &dt, &role, &site).await;
    let c = device(&app, "lone", &dt, &role, &site).await;
    let me0 = iface(&app, &b, "me0").await;
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/dcim/interfaces/{}/", me0["id"]),
            Some(json!({"mgmt_only": true})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    let ids = |j: &J| -> Vec<i64> {
        let mut v: Vec<i64> = j["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| r["id"].as_i64().expect("id"))
            .collect();
        v.sort();
        v
    };
    let of = |devs: &[&J]| {
        let names: Vec<String> = devs
            .iter()
            .map(|d| format!("device_id={}", d["id"]))
            .collect();
        names.join("&")
    };
    let list = |q: String| {
        let app = &app;
        async move {
            ids(&app
                .get(&format!("/api/dcim/interfaces/?{q}&limit=100"))
                .await)
        }
    };
    // Outside a chassis: the device's own interfaces, by id or by name.
    let want = list(format!("name=ge-0/0/0&{}", of(&[&a]))).await;
    assert_eq!(want.len(), 1);
    assert_eq!(
        list(format!(
            "name=ge-0/0/0&virtual_chassis_member_id={}",
            a["id"]
        ))
        .await,
        want
    );
    assert_eq!(
        list("name=ge-0/0/0&virtual_chassis_member=vc-a".to_string()).await,
        want
    );

    let vc = app
        .create(
            "/api/dcim/virtual-chassis/",
            json!({"name": "VC1", "master": a["id"]}),
        )
        .await;
    // A new chassis takes its master as member 1, as NetBox does.
    assert_eq!(vc["member_count"], 1, "{vc}");
    let master = app.get(&format!("/api/dcim/devices/{}/", a["id"])).await;
    assert_eq!(master["virtual_chassis"]["id"], vc["id"]);
    assert_eq!(master["vc_position"], 1);
    for (d, pos) in [(&a, 1), (&b, 2)] {
        let (s, j) = app
            .call(
                "PATCH",
                &format!("/api/dcim/devices/{}/", d["id"]),
                Some(json!({"virtual_chassis": vc["id"], "vc_position": pos})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{j}");
    }
    let a_all = list(of(&[&a])).await;
    let b_all = list(of(&[&b])).await;
    let b_data: Vec<i64> = b_all
        .iter()
        .copied()
        .filter(|i| *i != me0["id"].as_i64().unwrap_or_default())
        .collect();
    let mut member = [a_all.clone(), b_data.clone()].concat();
    member.sort();
    // Any member names the chassis: its own interfaces and the others' data interfaces.
    assert_eq!(
        list(format!("virtual_chassis_member_id={}", a["id"])).await,
        member
    );
    let mut from_b = [b_all.clone(), list(of(&[&a])).await].concat();
    from_b.sort();
    assert_eq!(
        list(format!("virtual_chassis_member_id={}", b["id"])).await,
        from_b
    );
    // Only the master stands for the chassis with `…_or_master`.
    assert_eq!(
        list(format!("virtual_chassis_member_or_master_id={}", a["id"])).await,
        member
    );
    assert_eq!(
        list("virtual_chassis_member_or_master=vc-b".to_string()).await,
        b_all
    );
    // A device outside the chassis, several values, and a name that is no device.
    let mut two = [list(of(&[&c])).await, b_all.clone()].concat();
    two.sort();
    assert_eq!(
        list(format!(
            "virtual_chassis_member_or_master_id={}&virtual_chassis_member_or_master_id={}",
            c["id"], b["id"]
        ))
        .await,
        two
    );
    assert_eq!(
        list("virtual_chassis_member=nothing".to_string()).await,
        Vec::<i64>::new()
    );
}
