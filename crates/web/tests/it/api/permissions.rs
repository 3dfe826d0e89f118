//! The permission matrix: object permissions with constraints, over HTTP, on every action.
//!
//! Models × actions × constraint shapes (equality, `__in`, nested lookups through relations,
//! `$user`, OR'ed objects, IP containment, tags), with allowed and refused cases, list counts,
//! 403 against 404, and bulk requests that are all-or-nothing.

use crate::support::TestApp;
use http::StatusCode;
use serde_json::{Value as J, json};

const DENIED: &str = "You do not have permission to perform this action.";
const DENIED_OBJECT: &str = "You do not have permission to perform this action on this object.";

/// A non-superuser with a write-enabled token.
struct Member {
    id: i64,
    auth: String,
}

async fn member(app: &TestApp, name: &str) -> Member {
    let id = app.user(name, false).await;
    let auth = app.token_for(id, true, 2).await;
    Member { id, auth }
}

async fn as_(
    app: &TestApp,
    m: &Member,
    method: &str,
    path: &str,
    body: Option<J>,
) -> (StatusCode, J) {
    app.call_as(Some(&m.auth), method, path, body).await
}

fn ids(j: &J) -> Vec<i64> {
    let mut v: Vec<i64> = j["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|o| o["id"].as_i64().expect("id"))
        .collect();
    v.sort_unstable();
    v
}

/// Two tenants and prefixes of each: 10.1.0.0/16 (acme, active), 10.1.1.0/24 (acme, reserved),
/// 10.2.0.0/16 (globex, active), 192.0.2.0/24 (no tenant).
async fn ipam_fixture(app: &TestApp) -> (i64, i64, Vec<i64>) {
    let acme = app
        .create(
            "/api/tenancy/tenants/",
            json!({"name": "Acme", "slug": "acme"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let globex = app
        .create(
            "/api/tenancy/tenants/",
            json!({"name": "Globex", "slug": "globex"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let mut p = Vec::new();
    for (net, tenant, status) in [
        ("10.1.0.0/16", J::from(acme), "active"),
        ("10.1.1.0/24", J::from(acme), "reserved"),
        ("10.2.0.0/16", J::from(globex), "active"),
        ("192.0.2.0/24", J::Null, "active"),
    ] {
        p.push(
            app.create(
                "/api/ipam/prefixes/",
                json!({"prefix": net, "tenant": tenant, "status": status}),
            )
            .await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    (acme, globex, p)
}

#[tokio::test]
async fn without_a_permission_every_action_is_refused_with_403() {
    let app = TestApp::new().await;
    let (_, _, p) = ipam_fixture(&app).await;
    let u = member(&app, "nobody").await;
    for (method, path, body) in [
        ("GET", "/api/ipam/prefixes/".to_string(), None),
        ("GET", format!("/api/ipam/prefixes/{}/", p[0]), None),
        (
            "POST",
            "/api/ipam/prefixes/".to_string(),
            Some(json!({"prefix": "10.9.0.0/16"})),
        ),
        (
            "PATCH",
            format!("/api/ipam/prefixes/{}/", p[0]),
            Some(json!({"description": "x"})),
        ),
        (
            "PATCH",
            "/api/ipam/prefixes/".to_string(),
            Some(json!([{"id": p[0], "description": "x"}])),
        ),
        ("DELETE", format!("/api/ipam/prefixes/{}/", p[0]), None),
        (
            "DELETE",
            "/api/ipam/prefixes/".to_string(),
            Some(json!([{"id": p[0]}])),
        ),
        (
            "GET",
            format!("/api/ipam/prefixes/{}/available-ips/", p[0]),
            None,
        ),
        (
            "POST",
            format!("/api/ipam/prefixes/{}/available-ips/", p[0]),
            Some(json!({})),
        ),
        ("GET", "/api/users/users/".to_string(), None),
        ("GET", "/api/users/permissions/".to_string(), None),
    ] {
        let (s, j) = as_(&app, &u, method, &path, body).await;
        assert_eq!(
            (s, j),
            (StatusCode::FORBIDDEN, json!({"detail": DENIED})),
            "{method} {path}"
        );
    }
    // OPTIONS needs no permission, but offers no write actions.
    let (s, j) = as_(&app, &u, "OPTIONS", "/api/ipam/prefixes/", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(j.get("actions").is_none(), "{j}");
    // Nothing changed.
    assert_eq!(app.count("/api/ipam/prefixes/").await, 4);
    assert_eq!(app.count("/api/ipam/ip-addresses/").await, 0);
}

#[tokio::test]
async fn view_constraints_shape_lists_and_gets() {
    let app = TestApp::new().await;
    let (acme, globex, p) = ipam_fixture(&app).await;
    let cases: Vec<(J, Vec<i64>)> = vec![
        // No constraint: everything.
        (J::Null, p.clone()),
        // Equality on a foreign key's attribute.
        (json!({"tenant__slug": "acme"}), vec![p[0], p[1]]),
        // Equality on the key itself, and `__in`.
        (json!({"tenant": globex}), vec![p[2]]),
        (
            json!({"tenant__in": [acme, globex]}),
            vec![p[0], p[1], p[2]],
        ),
        // Two lookups AND'ed.
        (
            json!({"tenant__slug": "acme", "status": "active"}),
            vec![p[0]],
        ),
        // A list of objects OR'ed.
        (
            json!([{"status": "reserved"}, {"tenant__slug": "globex"}]),
            vec![p[1], p[2]],
        ),
        // Null checks through a relation (LEFT JOIN semantics).
        (json!({"tenant__isnull": true}), vec![p[3]]),
        (json!({"tenant__slug__isnull": true}), vec![p[3]]),
        // Case-insensitive text lookups.
        (json!({"tenant__name__istartswith": "ac"}), vec![p[0], p[1]]),
        (json!({"tenant__name__iexact": "GLOBEX"}), vec![p[2]]),
        // IP containment.
        (
            json!({"prefix__net_contained_or_equal": "10.1.0.0/16"}),
            vec![p[0], p[1]],
        ),
        (
            json!({"prefix__net_contained": "10.0.0.0/8"}),
            vec![p[0], p[1], p[2]],
        ),
        // An empty object admits everything; a constraint matching nothing admits nothing.
        (json!({}), p.clone()),
        (json!({"tenant__slug": "initech"}), vec![]),
    ];
    for (i, (constraints, want)) in cases.into_iter().enumerate() {
        let u = member(&app, &format!("viewer{i}")).await;
        app.grant(u.id, &["ipam.prefix"], &["view"], constraints.clone())
            .await;
        let (s, j) = as_(&app, &u, "GET", "/api/ipam/prefixes/?limit=0", None).await;
        assert_eq!(s, StatusCode::OK, "{constraints}: {j}");
        assert_eq!(ids(&j), want, "{constraints}");
        assert_eq!(
            j["count"].as_i64(),
            Some(want.len() as i64),
            "{constraints}"
        );
        // Filters narrow within the permitted objects.
        let (_, j) = as_(&app, &u, "GET", "/api/ipam/prefixes/?status=active", None).await;
        assert!(ids(&j).iter().all(|x| want.contains(x)), "{constraints}");
        // Brief lists and cursor pages obey the same restriction.
        let (_, j) = as_(&app, &u, "GET", "/api/ipam/prefixes/?brief=1&start=0", None).await;
        assert_eq!(ids(&j), want, "{constraints} (cursor)");
        for id in &p {
            let (s, j) = as_(&app, &u, "GET", &format!("/api/ipam/prefixes/{id}/"), None).await;
            if want.contains(id) {
                assert_eq!(s, StatusCode::OK, "{constraints} {id}");
            } else {
                assert_eq!(
                    (s, j),
                    (
                        StatusCode::NOT_FOUND,
                        json!({"detail": "No Prefix matches the given query."})
                    ),
                    "{constraints} {id}"
                );
            }
        }
    }
}

#[tokio::test]
async fn nested_lookups_follow_relations_several_levels_deep() {
    let app = TestApp::new().await;
    let eu = app
        .create(
            "/api/dcim/regions/",
            json!({"name": "Europe", "slug": "eu"}),
        )
        .await;
    let us = app
        .create(
            "/api/dcim/regions/",
            json!({"name": "Americas", "slug": "us"}),
        )
        .await;
    let fra = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "FRA1", "slug": "fra1", "region": eu["id"]}),
        )
        .await;
    let nyc = app
        .create(
            "/api/dcim/sites/",
            json!({"name": "NYC1", "slug": "nyc1", "region": us["id"]}),
        )
        .await;
    let (dt, role) = crate::support::device_type_and_role(&app).await;
    let mut devs = Vec::new();
    for (name, site) in [
        ("fra-leaf1", &fra),
        ("fra-leaf2", &fra),
        ("nyc-leaf1", &nyc),
    ] {
        devs.push(
            app.create(
                "/api/dcim/devices/",
                json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
            )
            .await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let u = member(&app, "eu-noc").await;
    app.grant(
        u.id,
        &["dcim.device"],
        &["view", "change"],
        json!({"site__region__slug": "eu"}),
    )
    .await;
    let (_, j) = as_(&app, &u, "GET", "/api/dcim/devices/", None).await;
    assert_eq!(ids(&j), vec![devs[0], devs[1]]);
    // Moving a device to a site outside the region is refused and changes nothing.
    let (s, j) = as_(
        &app,
        &u,
        "PATCH",
        &format!("/api/dcim/devices/{}/", devs[0]),
        Some(json!({"site": nyc["id"]})),
    )
    .await;
    assert_eq!((s, j), (StatusCode::FORBIDDEN, json!({"detail": DENIED})));
    assert_eq!(
        app.get(&format!("/api/dcim/devices/{}/", devs[0])).await["site"]["id"],
        fra["id"]
    );
    // Within the region the change goes through.
    let (s, j) = as_(
        &app,
        &u,
        "PATCH",
        &format!("/api/dcim/devices/{}/", devs[0]),
        Some(json!({"serial": "SN1"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    // Components of the device are another model: not granted.
    let (s, _) = as_(&app, &u, "GET", "/api/dcim/interfaces/", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A trace or an elevation needs view on what it shows.
    let (s, _) = as_(&app, &u, "GET", "/api/dcim/interfaces/1/trace/", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_elevation_shows_only_the_devices_the_viewer_may_see() {
    let app = TestApp::new().await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let rack = app
        .create(
            "/api/dcim/racks/",
            json!({"name": "R1", "site": site["id"], "u_height": 10}),
        )
        .await;
    let (dt, role) = crate::support::device_type_and_role(&app).await;
    for (name, position) in [("mine-1", 2), ("theirs-1", 5)] {
        app.create(
            "/api/dcim/devices/",
            json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"],
                   "rack": rack["id"], "position": position, "face": "front"}),
        )
        .await;
    }
    let u = member(&app, "rack-viewer").await;
    app.grant(u.id, &["dcim.rack"], &["view"], J::Null).await;
    let path = format!("/api/dcim/racks/{}/elevation/", rack["id"]);
    // The rack without any view on devices: both units taken, neither device shown.
    let (s, j) = as_(&app, &u, "GET", &path, None).await;
    assert_eq!(s, StatusCode::OK, "{j}");
    let unit = |j: &J, n: &str| {
        j["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == n)
            .cloned()
            .unwrap()
    };
    for n in ["U2", "U5"] {
        let x = unit(&j, n);
        assert_eq!(
            (&x["occupied"], &x["device"]),
            (&json!(true), &J::Null),
            "{x}"
        );
        assert_eq!(x["description"], J::Null, "{x}");
    }
    // With view on its own devices it sees those, and the others' units only as taken.
    app.grant(
        u.id,
        &["dcim.device"],
        &["view"],
        json!({"name__startswith": "mine-"}),
    )
    .await;
    let (_, j) = as_(&app, &u, "GET", &path, None).await;
    assert_eq!(unit(&j, "U2")["device"]["name"], "mine-1");
    assert_eq!(unit(&j, "U2")["description"], "mine-1");
    let x = unit(&j, "U5");
    assert_eq!(
        (&x["occupied"], &x["device"]),
        (&json!(true), &J::Null),
        "{x}"
    );
    let (s, _, svg) = app
        .get_text_as(&u.auth, &format!("{path}?render=svg"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(svg.contains("mine-1"), "{svg}");
    assert!(!svg.contains("theirs-1"), "{svg}");
    assert!(
        svg.contains("device hidden"),
        "the hidden device's units are drawn taken"
    );
    // A superuser sees both.
    let all = app.get(&path).await;
    assert_eq!(unit(&all, "U5")["device"]["name"], "theirs-1");
    // A rack outside the viewer's racks is not found, like one that does not exist.
    let v = member(&app, "other-racks").await;
    app.grant(v.id, &["dcim.rack"], &["view"], json!({"name": "R2"}))
        .await;
    let (s, _) = as_(&app, &v, "GET", &path, None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = as_(&app, &u, "GET", "/api/dcim/racks/999999/elevation/", None).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn add_and_change_are_checked_against_the_object_as_written() {
    let app = TestApp::new().await;
    let (acme, globex, p) = ipam_fixture(&app).await;
    let u = member(&app, "acme-team").await;
    app.grant(
        u.id,
        &["ipam.prefix"],
        &["view", "add", "change", "delete"],
        json!({"tenant__slug": "acme"}),
    )
    .await;
    // Create inside the slice, and outside it.
    let (s, j) = as_(
        &app,
        &u,
        "POST",
        "/api/ipam/prefixes/",
        Some(json!({"prefix": "10.1.2.0/24", "tenant": acme})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    let mine = j["id"].as_i64().unwrap();
    let (s, j) = as_(
        &app,
        &u,
        "POST",
        "/api/ipam/prefixes/",
        Some(json!({"prefix": "10.2.2.0/24", "tenant": globex})),
    )
    .await;
    assert_eq!((s, j), (StatusCode::FORBIDDEN, json!({"detail": DENIED})));
    assert_eq!(app.count("/api/ipam/prefixes/?prefix=10.2.2.0/24").await, 0);
    // Validation errors still come first for a body that is bad as well as out of scope.
    let (s, j) = as_(
        &app,
        &u,
        "POST",
        "/api/ipam/prefixes/",
        Some(json!({"prefix": "not-a-prefix", "tenant": globex})),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    // Someone allowed to change acme's prefixes cannot move one to globex...
    let (s, j) = as_(
        &app,
        &u,
        "PATCH",
        &format!("/api/ipam/prefixes/{mine}/"),
        Some(json!({"tenant": globex})),
    )
    .await;
    assert_eq!((s, j), (StatusCode::FORBIDDEN, json!({"detail": DENIED})));
    assert_eq!(
        app.get(&format!("/api/ipam/prefixes/{mine}/")).await["tenant"]["id"],
        json!(acme)
    );
    // ...nor touch globex's at all (not found), nor delete it.
    for method in ["PATCH", "PUT", "DELETE"] {
        let (s, _) = as_(
            &app,
            &u,
            method,
            &format!("/api/ipam/prefixes/{}/", p[2]),
            Some(json!({"prefix": "10.2.0.0/16", "description": "mine now"})),
        )
        .await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{method}");
    }
    assert_eq!(app.count("/api/ipam/prefixes/").await, 5);
    // Inside the slice everything works, including delete.
    let (s, _) = as_(
        &app,
        &u,
        "DELETE",
        &format!("/api/ipam/prefixes/{mine}/"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.count("/api/ipam/prefixes/").await, 4);
}

#[tokio::test]
async fn actions_are_granted_separately() {
    let app = TestApp::new().await;
    let (_, _, p) = ipam_fixture(&app).await;
    let u = member(&app, "auditor").await;
    app.grant(u.id, &["ipam.prefix"], &["view"], J::Null).await;
    let (s, _) = as_(&app, &u, "GET", "/api/ipam/prefixes/", None).await;
    assert_eq!(s, StatusCode::OK);
    // Seeing an object is not changing it: NetBox restricts the lookup by the action, so the
    // object is not found for change and delete.
    let (s, _) = as_(
        &app,
        &u,
        "PATCH",
        &format!("/api/ipam/prefixes/{}/", p[0]),
        Some(json!({"description": "x"})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Change without delete.
    app.grant(
        u.id,
        &["ipam.prefix"],
        &["change"],
        json!({"status": "active"}),
    )
    .await;
    let (s, _) = as_(
        &app,
        &u,
        "PATCH",
        &format!("/api/ipam/prefixes/{}/", p[0]),
        Some(json!({"description": "x"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = as_(
        &app,
        &u,
        "PATCH",
        &format!("/api/ipam/prefixes/{}/", p[1]),
        Some(json!({"description": "x"})),
    )
    .await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "a reserved prefix is outside the change grant"
    );
    let (s, _) = as_(
        &app,
        &u,
        "DELETE",
        &format!("/api/ipam/prefixes/{}/", p[0]),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Permissions on one model grant nothing on another.
    let (s, _) = as_(&app, &u, "GET", "/api/tenancy/tenants/", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn bulk_requests_are_all_or_nothing() {
    let app = TestApp::new().await;
    let (acme, globex, p) = ipam_fixture(&app).await;
    let u = member(&app, "bulk").await;
    app.grant(
        u.id,
        &["ipam.prefix"],
        &["view", "add", "change", "delete"],
        json!({"tenant__slug": "acme"}),
    )
    .await;
    // Bulk create: one item out of scope refuses the batch, naming it.
    let (s, j) = as_(
        &app,
        &u,
        "POST",
        "/api/ipam/prefixes/",
        Some(json!([
            {"prefix": "10.1.8.0/24", "tenant": acme},
            {"prefix": "10.2.8.0/24", "tenant": globex},
            {"prefix": "10.1.9.0/24", "tenant": acme},
        ])),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{j}");
    assert_eq!(
        j,
        json!({"detail": "1 of 3 objects could not be created.",
               "errors": [{"index": 1, "errors": {"__all__": [DENIED_OBJECT]}}]})
    );
    assert_eq!(app.count("/api/ipam/prefixes/").await, 4);
    // Bulk update: moving one of them out of scope refuses all.
    let (s, j) = as_(
        &app,
        &u,
        "PATCH",
        "/api/ipam/prefixes/",
        Some(json!([
            {"id": p[0], "description": "ok"},
            {"id": p[1], "tenant": globex},
        ])),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{j}");
    assert_eq!(
        j["errors"],
        json!([{"id": p[1], "errors": {"__all__": [DENIED_OBJECT]}}])
    );
    assert_eq!(
        app.get(&format!("/api/ipam/prefixes/{}/", p[0])).await["description"],
        ""
    );
    assert_eq!(
        app.get(&format!("/api/ipam/prefixes/{}/", p[1])).await["tenant"]["id"],
        json!(acme)
    );
    // Naming an object outside the slice: not found, nothing changed or deleted.
    for method in ["PATCH", "DELETE"] {
        let (s, j) = as_(
            &app,
            &u,
            method,
            "/api/ipam/prefixes/",
            Some(json!([{"id": p[0], "description": "x"}, {"id": p[2], "description": "x"}])),
        )
        .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{method} {j}");
        assert_eq!(j["detail"], "1 of 2 objects could not be found.");
        assert_eq!(j["errors"][0]["id"], json!(p[2]));
    }
    assert_eq!(app.count("/api/ipam/prefixes/").await, 4);
    assert_eq!(
        app.get(&format!("/api/ipam/prefixes/{}/", p[0])).await["description"],
        ""
    );
    // All inside: applied together.
    let (s, _) = as_(
        &app,
        &u,
        "DELETE",
        "/api/ipam/prefixes/",
        Some(json!([{"id": p[0]}, {"id": p[1]}])),
    )
    .await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(app.count("/api/ipam/prefixes/").await, 2);
}

#[tokio::test]
async fn user_token_groups_and_disabled_permissions() {
    let app = TestApp::new().await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let rack = app
        .create("/api/dcim/racks/", json!({"name": "R", "site": site["id"]}))
        .await;
    let alice = member(&app, "alice").await;
    let bob = member(&app, "bob").await;
    // Grants through a group; `$user` stands for whoever asks.
    let g = app
        .create("/api/users/groups/", json!({"name": "planners"}))
        .await;
    for u in [&alice, &bob] {
        let (s, j) = app
            .call(
                "PATCH",
                &format!("/api/users/users/{}/", u.id),
                Some(json!({"groups": [g["id"]]})),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{j}");
    }
    let perm = app
        .create(
            "/api/users/permissions/",
            json!({"name": "own reservations", "object_types": ["dcim.rackreservation"],
                   "actions": ["view", "add", "change", "delete"],
                   "constraints": {"user": "$user"}, "groups": [g["id"]]}),
        )
        .await;
    let mut mine = Vec::new();
    for (unit, u) in [(1, &alice), (2, &bob)] {
        let (s, j) = as_(
            &app,
            u,
            "POST",
            "/api/dcim/rack-reservations/",
            Some(json!({"rack": rack["id"], "units": [unit], "user": u.id, "description": "x"})),
        )
        .await;
        assert_eq!(s, StatusCode::CREATED, "{j}");
        mine.push(j["id"].as_i64().unwrap());
    }
    // Reserving in someone else's name is refused.
    let (s, _) = as_(
        &app,
        &alice,
        "POST",
        "/api/dcim/rack-reservations/",
        Some(json!({"rack": rack["id"], "units": [3], "user": bob.id, "description": "x"})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (_, j) = as_(&app, &alice, "GET", "/api/dcim/rack-reservations/", None).await;
    assert_eq!(ids(&j), vec![mine[0]]);
    let (s, _) = as_(
        &app,
        &alice,
        "DELETE",
        &format!("/api/dcim/rack-reservations/{}/", mine[1]),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The group's users show up in the permission; the permission in the group.
    let j = app.get(&format!("/api/users/groups/{}/", g["id"])).await;
    assert_eq!(j["permissions"][0]["name"], "own reservations");
    assert_eq!(j["user_count"], 2);
    // Disabling the permission takes effect at once.
    let (s, _) = app
        .call(
            "PATCH",
            &format!("/api/users/permissions/{}/", perm["id"]),
            Some(json!({"enabled": false})),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = as_(&app, &alice, "GET", "/api/dcim/rack-reservations/", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // A read-only token never writes, whatever the permissions say.
    app.grant(alice.id, &["dcim.site"], &["view", "change"], J::Null)
        .await;
    let ro = app.token_for(alice.id, false, 2).await;
    let (s, j) = app
        .call_as(
            Some(&ro),
            "PATCH",
            &format!("/api/dcim/sites/{}/", site["id"]),
            Some(json!({"description": "x"})),
        )
        .await;
    assert_eq!((s, j), (StatusCode::FORBIDDEN, json!({"detail": DENIED})));
}

#[tokio::test]
async fn tokens_users_and_permissions_cannot_be_used_to_escalate() {
    let app = TestApp::new().await;
    let alice = member(&app, "alice").await;
    let bob = member(&app, "bob").await;
    // Everyone manages their own tokens (the default permissions), and only those.
    let (s, j) = as_(&app, &alice, "GET", "/api/users/tokens/", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        j["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["user"]["id"] == json!(alice.id))
    );
    assert_eq!(j["count"], 1);
    let (s, j) = as_(
        &app,
        &alice,
        "POST",
        "/api/users/tokens/",
        Some(json!({"user": alice.id})),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    let (s, j) = as_(
        &app,
        &alice,
        "POST",
        "/api/users/tokens/",
        Some(json!({"user": bob.id})),
    )
    .await;
    assert_eq!(
        (s, j),
        (
            StatusCode::FORBIDDEN,
            json!({"detail": "This user does not have permission to create tokens for other users."})
        )
    );
    let bob_tokens = app
        .get(&format!("/api/users/tokens/?user_id={}", bob.id))
        .await;
    let bt = bob_tokens["results"][0]["id"].as_i64().unwrap();
    let (s, _) = as_(
        &app,
        &alice,
        "DELETE",
        &format!("/api/users/tokens/{bt}/"),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // A user manager who is not a superuser cannot make anyone a superuser.
    app.grant(alice.id, &["users.user"], &["view", "change"], J::Null)
        .await;
    let (s, j) = as_(
        &app,
        &alice,
        "PATCH",
        &format!("/api/users/users/{}/", alice.id),
        Some(json!({"is_superuser": true})),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
    assert!(j["is_superuser"].is_array(), "{j}");
    // Nor grant themselves permissions without the right to change permissions.
    let (s, _) = as_(
        &app,
        &alice,
        "POST",
        "/api/users/permissions/",
        Some(json!({"name": "all", "object_types": ["dcim.site"], "actions": ["view"], "users": [alice.id]})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Permissions are validated when written.
    for (body, field) in [
        (
            json!({"name": "x", "object_types": ["dcim.nope"], "actions": ["view"]}),
            "object_types",
        ),
        (
            json!({"name": "x", "object_types": "dcim.site", "actions": ["view"]}),
            "object_types",
        ),
        (
            json!({"name": "x", "object_types": ["dcim.site"], "actions": []}),
            "actions",
        ),
        (
            json!({"name": "x", "object_types": ["dcim.site"], "actions": ["view"], "constraints": {"nope": 1}}),
            "constraints",
        ),
        (
            json!({"name": "x", "object_types": ["dcim.site"], "actions": ["view"], "constraints": {"region__nope": 1}}),
            "constraints",
        ),
        (
            json!({"name": "x", "object_types": ["dcim.site"], "actions": ["view"], "constraints": {"name__regex": "x"}}),
            "constraints",
        ),
        (
            json!({"name": "x", "object_types": ["dcim.site"], "actions": ["view"], "constraints": "slug=x"}),
            "constraints",
        ),
        (
            json!({"name": "x", "object_types": ["dcim.site"], "actions": ["view"], "constraints": [{"id": 1}, 5]}),
            "constraints",
        ),
    ] {
        let (s, j) = app
            .call("POST", "/api/users/permissions/", Some(body.clone()))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {j}");
        assert!(j[field].is_array(), "{body}: {j}");
    }
    assert_eq!(app.count("/api/users/permissions/").await, 1);
}

#[tokio::test]
async fn allocation_needs_view_on_the_parent_and_add_on_what_it_creates() {
    let app = TestApp::new().await;
    let (acme, globex, p) = ipam_fixture(&app).await;
    let u = member(&app, "allocator").await;
    app.grant(
        u.id,
        &["ipam.prefix"],
        &["view"],
        json!({"tenant__slug": "acme"}),
    )
    .await;
    app.grant(
        u.id,
        &["ipam.ipaddress"],
        &["view", "add"],
        json!({"tenant__slug": "acme"}),
    )
    .await;
    // The parent must be visible.
    let (s, _) = as_(
        &app,
        &u,
        "GET",
        &format!("/api/ipam/prefixes/{}/available-ips/", p[2]),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = as_(
        &app,
        &u,
        "POST",
        &format!("/api/ipam/prefixes/{}/available-ips/", p[2]),
        Some(json!({"tenant": acme})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // What is created must lie within the add grant.
    let (s, j) = as_(
        &app,
        &u,
        "POST",
        &format!("/api/ipam/prefixes/{}/available-ips/", p[0]),
        Some(json!([{"tenant": acme}, {"tenant": globex}])),
    )
    .await;
    assert_eq!((s, j), (StatusCode::FORBIDDEN, json!({"detail": DENIED})));
    assert_eq!(app.count("/api/ipam/ip-addresses/").await, 0);
    let (s, j) = as_(
        &app,
        &u,
        "POST",
        &format!("/api/ipam/prefixes/{}/available-ips/", p[0]),
        Some(json!([{"tenant": acme}, {"tenant": acme}])),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    assert_eq!(app.count("/api/ipam/ip-addresses/").await, 2);
    // Prefix allocation needs add on prefixes, which this user lacks.
    let (s, _) = as_(
        &app,
        &u,
        "POST",
        &format!("/api/ipam/prefixes/{}/available-prefixes/", p[0]),
        Some(json!({"prefix_length": 24, "tenant": acme})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn tags_and_m2m_lookups_in_constraints() {
    let app = TestApp::new().await;
    app.create(
        "/api/extras/tags/",
        json!({"name": "Managed", "slug": "managed"}),
    )
    .await;
    let a = app
        .create(
            "/api/tenancy/tenants/",
            json!({"name": "A", "slug": "a", "tags": [{"slug": "managed"}]}),
        )
        .await;
    app.create("/api/tenancy/tenants/", json!({"name": "B", "slug": "b"}))
        .await;
    let u = member(&app, "tagged").await;
    app.grant(
        u.id,
        &["tenancy.tenant"],
        &["view"],
        json!({"tags__slug": "managed"}),
    )
    .await;
    let (_, j) = as_(&app, &u, "GET", "/api/tenancy/tenants/", None).await;
    assert_eq!(ids(&j), vec![a["id"].as_i64().unwrap()]);
    // Users by their groups (m2m), as a user manager scoped to one team would be.
    let g = app
        .create("/api/users/groups/", json!({"name": "noc"}))
        .await;
    let carol = app.user("carol", false).await;
    app.call(
        "PATCH",
        &format!("/api/users/users/{carol}/"),
        Some(json!({"groups": [g["id"]]})),
    )
    .await;
    let m = member(&app, "team-lead").await;
    app.grant(
        m.id,
        &["users.user"],
        &["view"],
        json!({"groups__name": "noc"}),
    )
    .await;
    let (_, j) = as_(&app, &m, "GET", "/api/users/users/", None).await;
    assert_eq!(ids(&j), vec![carol]);
}

#[tokio::test]
async fn exempt_models_and_anonymous_reads_follow_the_policy() {
    let policy = ironbox_service::authz::Policy {
        login_required: false,
        exempt_view: vec!["*".into()],
        ..Default::default()
    };
    let app = TestApp::with_config(ironbox_web::login::Login::default(), policy).await;
    app.create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let u = member(&app, "reader").await;
    // `*` exempts every model from view permissions except users and permissions.
    let (s, j) = as_(&app, &u, "GET", "/api/dcim/sites/", None).await;
    assert_eq!((s, j["count"].clone()), (StatusCode::OK, json!(1)));
    let (s, _) = as_(&app, &u, "GET", "/api/users/users/", None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = as_(
        &app,
        &u,
        "POST",
        "/api/dcim/sites/",
        Some(json!({"name": "T", "slug": "t"})),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Without LOGIN_REQUIRED anonymous callers read exempt models and nothing else.
    let (s, j) = app.call_as(None, "GET", "/api/dcim/sites/", None).await;
    assert_eq!((s, j["count"].clone()), (StatusCode::OK, json!(1)));
    let (s, _) = app
        .call_as(None, "GET", "/api/users/permissions/", None)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = app
        .call_as(
            None,
            "POST",
            "/api/dcim/sites/",
            Some(json!({"name": "T", "slug": "t"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // With the default policy, anonymous requests are refused outright.
    let strict = TestApp::new().await;
    let (s, j) = strict.call_as(None, "GET", "/api/dcim/sites/", None).await;
    assert_eq!(
        (s, j),
        (
            StatusCode::FORBIDDEN,
            json!({"detail": "Authentication credentials were not provided."})
        )
    );
}

#[tokio::test]
async fn superusers_bypass_and_user_config_is_private() {
    let app = TestApp::new().await;
    let (_, _, p) = ipam_fixture(&app).await;
    let j = app.get("/api/ipam/prefixes/").await;
    assert_eq!(ids(&j), p);
    let u = member(&app, "prefs").await;
    let (s, j) = as_(&app, &u, "GET", "/api/users/config/", None).await;
    assert_eq!((s, j), (StatusCode::OK, json!({})));
    let (s, j) = as_(
        &app,
        &u,
        "PATCH",
        "/api/users/config/",
        Some(json!({"ui": {"theme": "dark"}})),
    )
    .await;
    assert_eq!((s, j), (StatusCode::OK, json!({"ui": {"theme": "dark"}})));
    let (_, j) = as_(
        &app,
        &u,
        "PATCH",
        "/api/users/config/",
        Some(json!({"ui": {"density": "compact"}})),
    )
    .await;
    assert_eq!(j, json!({"ui": {"theme": "dark", "density": "compact"}}));
    // The admin's own config is separate.
    assert_eq!(app.get("/api/users/config/").await, json!({}));
}

#[tokio::test]
async fn field_limited_change_grants_allow_only_those_fields() {
    let app = TestApp::new().await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let mfr = app
        .create(
            "/api/dcim/manufacturers/",
            json!({"name": "M", "slug": "m"}),
        )
        .await;
    let dt = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": "Sw", "slug": "sw"}),
        )
        .await;
    let mut roles = Vec::new();
    for slug in ["access", "core"] {
        roles.push(
            app.create(
                "/api/dcim/device-roles/",
                json!({"name": slug, "slug": slug, "color": "123456"}),
            )
            .await,
        );
    }
    let mut ifaces = Vec::new();
    for (name, role) in [("acc1", &roles[0]), ("core1", &roles[1])] {
        let d = app
            .create(
                "/api/dcim/devices/",
                json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
            )
            .await;
        ifaces.push(
            app.create(
                "/api/dcim/interfaces/",
                json!({"device": d["id"], "name": "ge-0/0/1", "type": "1000base-t"}),
            )
            .await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    // The NOC may switch access-switch interfaces on and off and annotate them, nothing else.
    let noc = member(&app, "noc").await;
    app.grant(
        noc.id,
        &["dcim.interface"],
        &["view", "change:enabled", "change:description"],
        json!({"device__role__slug": "access"}),
    )
    .await;
    let url = format!("/api/dcim/interfaces/{}/", ifaces[0]);
    let (s, j) = as_(
        &app,
        &noc,
        "PATCH",
        &url,
        Some(json!({"enabled": false, "description": "down for maintenance"})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    assert_eq!(j["enabled"], false);
    // Renaming, or sneaking a rename in with an allowed change, is refused as a whole.
    for body in [
        json!({"name": "ge-0/0/9"}),
        json!({"enabled": true, "mtu": 9000}),
    ] {
        let (s, j) = as_(&app, &noc, "PATCH", &url, Some(body.clone())).await;
        assert_eq!(
            (s, j),
            (StatusCode::FORBIDDEN, json!({"detail": DENIED})),
            "{body}"
        );
    }
    let now = app.get(&url).await;
    assert_eq!(
        (
            now["name"].clone(),
            now["enabled"].clone(),
            now["mtu"].clone()
        ),
        (json!("ge-0/0/1"), json!(false), J::Null)
    );
    // A PUT that repeats every other field unchanged is a change of `enabled` only.
    let (s, j) = as_(
        &app,
        &noc,
        "PUT",
        &url,
        Some(json!({"device": now["device"]["id"], "name": "ge-0/0/1", "type": "1000base-t", "enabled": true})),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{j}");
    // Core switches are outside the grant; creating and deleting are not granted at all.
    let (s, _) = as_(
        &app,
        &noc,
        "PATCH",
        &format!("/api/dcim/interfaces/{}/", ifaces[1]),
        Some(json!({"enabled": false})),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = as_(&app, &noc, "DELETE", &url, None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Bulk: all-or-nothing as well.
    let (s, j) = as_(
        &app,
        &noc,
        "PATCH",
        "/api/dcim/interfaces/",
        Some(json!([{"id": ifaces[0], "enabled": false, "label": "x"}])),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{j}");
    assert_eq!(app.get(&url).await["enabled"], true);
    // Such grants name real, writable fields.
    let (s, j) = app
        .call(
            "POST",
            "/api/users/permissions/",
            Some(json!({"name": "bad", "object_types": ["dcim.interface"], "actions": ["change:nope"]})),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{j}");
}
