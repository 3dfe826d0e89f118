//! The web pages over HTTP: every model's list, add form and detail page render; forms create,
//! validate and edit through the API's rules; import, export, search and bulk edit; a
//! restricted user sees only their slice and no buttons outside it.

use crate::login_support::{PEER, Resp, enc, send};
use crate::support::TestApp;
use http::StatusCode;
use serde_json::json;

async fn login(app: &TestApp, user: &str) -> String {
    let page = send(app, "GET", "/login/", None, None, &[], PEER).await;
    let anon = page.session();
    let form = format!(
        "csrfmiddlewaretoken={}&username={user}&password=password123&next=%2F",
        page.csrf()
    );
    let r = send(app, "POST", "/login/", Some(&anon), Some(&form), &[], PEER).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    r.session()
}

async fn get(app: &TestApp, s: &str, path: &str) -> Resp {
    send(app, "GET", path, Some(s), None, &[], PEER).await
}

async fn post(app: &TestApp, s: &str, path: &str, form: &str) -> Resp {
    let csrf = get(app, s, "/").await.csrf();
    let body = format!("csrfmiddlewaretoken={csrf}&{form}");
    send(app, "POST", path, Some(s), Some(&body), &[], PEER).await
}

/// `"a=1&b=2"` with each value encoded.
fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn every_model_has_list_add_and_detail_pages() {
    let app = TestApp::new().await;
    let admin_pw = app.user("boss", true).await;
    let _ = admin_pw;
    let s = login(&app, "boss").await;
    // A few objects so detail pages have something to show.
    let site = app
        .create("/api/dcim/sites/", json!({"name": "FRA1", "slug": "fra1"}))
        .await;
    app.create(
        "/api/ipam/prefixes/",
        json!({"prefix": "10.0.0.0/16", "status": "container"}),
    )
    .await;
    let home = get(&app, &s, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("href=\"/dcim/sites/\""),
        "the menu links the lists"
    );
    let mut seen = 0;
    for m in app.reg.all() {
        if m.ui.is_empty() {
            continue;
        }
        let list = get(&app, &s, &format!("/{}/", m.ui)).await;
        assert_eq!(
            list.status,
            StatusCode::OK,
            "list of {}: {}",
            m.key(),
            &list.body[..list.body.len().min(300)]
        );
        if m.writable {
            let add = get(&app, &s, &format!("/{}/add/", m.ui)).await;
            assert_eq!(add.status, StatusCode::OK, "add form of {}", m.key());
            assert!(add.body.contains("<form"), "add form of {}", m.key());
        }
        seen += 1;
    }
    assert!(seen > 80, "pages for every model ({seen})");
    let d = get(&app, &s, &format!("/dcim/sites/{}/", site["id"])).await;
    assert_eq!(d.status, StatusCode::OK);
    assert!(d.body.contains("FRA1"));
    // The API's display_url leads to the page.
    let j = app.get(&format!("/api/dcim/sites/{}/", site["id"])).await;
    let url = j["display_url"]
        .as_str()
        .unwrap()
        .replace("http://testserver", "");
    assert_eq!(get(&app, &s, &url).await.status, StatusCode::OK);
    // Unknown pages and objects answer 404 pages, not errors.
    assert_eq!(
        get(&app, &s, "/dcim/sites/999999/").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &s, "/dcim/nothing/").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn pages_need_a_signed_in_user() {
    let app = TestApp::new().await;
    let r = send(&app, "GET", "/dcim/sites/", None, None, &[], PEER).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(
        r.location().starts_with("/login/?next=%2Fdcim%2Fsites%2F"),
        "{}",
        r.location()
    );
}

#[tokio::test]
async fn forms_create_validate_edit_and_delete() {
    let app = TestApp::new().await;
    app.user("boss", true).await;
    let s = login(&app, "boss").await;
    // Field errors come back next to the field, nothing is created.
    let r = post(
        &app,
        &s,
        "/dcim/sites/add/",
        &form(&[
            ("name", "FRA1"),
            ("slug", "not a slug!"),
            ("status", "active"),
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("class=\"error\""), "{}", r.body);
    assert_eq!(app.count("/api/dcim/sites/").await, 0);
    let r = post(
        &app,
        &s,
        "/dcim/sites/add/",
        &form(&[
            ("name", "FRA1"),
            ("slug", "fra1"),
            ("status", "planned"),
            ("description", "first"),
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let j = app.get("/api/dcim/sites/?slug=fra1").await;
    let id = j["results"][0]["id"].as_i64().unwrap();
    assert_eq!(j["results"][0]["status"]["value"], "planned");
    assert_eq!(r.location(), format!("/dcim/sites/{id}/"));
    // The change log records the user.
    let log = app
        .get(&format!(
            "/api/core/object-changes/?changed_object_id={id}&changed_object_type=dcim.site"
        ))
        .await;
    assert_eq!(log["results"][0]["user_name"], "boss");
    // Edit: the form shows current values; saving changes them.
    let e = get(&app, &s, &format!("/dcim/sites/{id}/edit/")).await;
    assert!(e.body.contains("value=\"FRA1\""));
    let r = post(
        &app,
        &s,
        &format!("/dcim/sites/{id}/edit/"),
        &form(&[
            ("name", "FRA1"),
            ("slug", "fra1"),
            ("status", "active"),
            ("description", "edited"),
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.get(&format!("/api/dcim/sites/{id}/")).await["description"],
        "edited"
    );
    // A rack in the site, then the delete page lists it as going with the site.
    app.create("/api/dcim/racks/", json!({"name": "R1", "site": id}))
        .await;
    // A rack protects its site (as in NetBox): the delete page says so, and the delete is refused
    // with a message, changing nothing.
    let d = get(&app, &s, &format!("/dcim/sites/{id}/delete/")).await;
    assert!(
        d.body.contains("1 Rack") && d.body.contains("blocks the delete"),
        "{}",
        d.body
    );
    let r = post(&app, &s, &format!("/dcim/sites/{id}/delete/"), "").await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, format!("/dcim/sites/{id}/").as_str())
    );
    let detail = get(&app, &s, &format!("/dcim/sites/{id}/")).await;
    assert!(detail.body.contains("alert-danger"), "{}", detail.body);
    assert_eq!(app.count("/api/dcim/sites/").await, 1);
    // Related objects on the detail page link to the filtered list.
    assert!(
        detail.body.contains(&format!("/dcim/racks/?site_id={id}")),
        "{}",
        detail.body
    );
    let rack = app.get("/api/dcim/racks/").await["results"][0]["id"].clone();
    let r = post(&app, &s, &format!("/dcim/racks/{rack}/delete/"), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = post(&app, &s, &format!("/dcim/sites/{id}/delete/"), "").await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/dcim/sites/")
    );
    assert_eq!(app.count("/api/dcim/sites/").await, 0);
    // Forms without a valid CSRF token are refused.
    let r = send(
        &app,
        "POST",
        "/dcim/sites/add/",
        Some(&s),
        Some("csrfmiddlewaretoken=wrong&name=x&slug=x"),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count("/api/dcim/sites/").await, 0);
}

#[tokio::test]
async fn prefix_pages_show_free_space_that_links_to_a_prefilled_form() {
    let app = TestApp::new().await;
    app.user("boss", true).await;
    let s = login(&app, "boss").await;
    let p = app
        .create(
            "/api/ipam/prefixes/",
            json!({"prefix": "10.0.0.0/22", "status": "container"}),
        )
        .await;
    app.create("/api/ipam/prefixes/", json!({"prefix": "10.0.1.0/24"}))
        .await;
    let d = get(&app, &s, &format!("/ipam/prefixes/{}/", p["id"])).await;
    assert!(d.body.contains("10.0.0.0/24"), "{}", d.body);
    assert!(d.body.contains("10.0.2.0/23"));
    assert!(
        d.body.contains("/ipam/prefixes/add/?prefix=10.0.2.0%2F23"),
        "{}",
        d.body
    );
    assert!(d.body.contains("25 % utilized"), "{}", d.body);
    let add = get(&app, &s, "/ipam/prefixes/add/?prefix=10.0.2.0%2F23").await;
    assert!(add.body.contains("value=\"10.0.2.0/23\""));
}

#[tokio::test]
async fn import_export_search_and_bulk_edit() {
    let app = TestApp::new().await;
    app.user("boss", true).await;
    let s = login(&app, "boss").await;
    app.create(
        "/api/tenancy/tenants/",
        json!({"name": "Acme", "slug": "acme"}),
    )
    .await;
    // 100 addresses from CSV, references by name.
    let mut csv = String::from("address,status,tenant,description\n");
    for i in 1..=100 {
        csv.push_str(&format!("10.9.0.{i}/24,active,Acme,imported {i}\n"));
    }
    let csrf = get(&app, &s, "/").await.csrf();
    let boundary = "XyZ";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\nauto\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let ct = format!("multipart/form-data; boundary={boundary}");
    let r = send_raw(&app, &s, "/ipam/ip-addresses/import/", &body, &ct).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(app.count("/api/ipam/ip-addresses/?tenant=acme").await, 100);
    // A bad row: nothing imported, the row named.
    let bad = "address,status,tenant\n10.9.1.1/24,active,Acme\n10.9.1.2/24,bogus,Acme\n10.9.1.3/24,active,Nobody\n";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n{bad}\r\n--{boundary}--\r\n"
    );
    let r = send_raw(&app, &s, "/ipam/ip-addresses/import/", &body, &ct).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Nothing was imported"), "{}", r.body);
    assert!(
        r.body.contains("<td>2</td>") && r.body.contains("status"),
        "{}",
        r.body
    );
    assert_eq!(app.count("/api/ipam/ip-addresses/").await, 100);
    // Search finds them; export streams the filtered list as CSV.
    let r = get(&app, &s, "/search/?q=imported%2042").await;
    assert!(r.body.contains("10.9.0.42/24"), "{}", r.body);
    let r = get(&app, &s, "/ipam/ip-addresses/?q=imported&export=csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers.get("content-type").unwrap(),
        "text/csv; charset=utf-8"
    );
    let lines: Vec<&str> = r.body.lines().collect();
    assert_eq!(lines.len(), 101, "header + 100 rows");
    assert!(lines[0].starts_with("Address"), "{}", lines[0]);
    let r = get(&app, &s, "/ipam/ip-addresses/?tenant=acme&export=json").await;
    let j: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(j.as_array().unwrap().len(), 100);
    let r = get(&app, &s, "/ipam/ip-addresses/?tenant=acme&export=yaml").await;
    assert_eq!(
        r.body.matches("address: 10.9.0.").count(),
        100,
        "{}",
        &r.body[..300]
    );
    // Bulk edit their status.
    let list = app.get("/api/ipam/ip-addresses/?limit=100&brief=1").await;
    let mut f = vec![
        ("status".to_string(), "reserved".to_string()),
        ("_apply".into(), "1".into()),
    ];
    for o in list["results"].as_array().unwrap() {
        f.push(("pk".into(), o["id"].to_string()));
    }
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(f.iter())
        .finish();
    let r = post(&app, &s, "/ipam/ip-addresses/edit/", &body).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.count("/api/ipam/ip-addresses/?status=reserved").await,
        100
    );
}

async fn send_raw(app: &TestApp, s: &str, path: &str, body: &str, ct: &str) -> Resp {
    use axum::body::Body;
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let mut req = http::Request::builder()
        .method("POST")
        .uri(path)
        .header("host", "testserver")
        .header("cookie", format!("sessionid={s}"))
        .header("content-type", ct)
        .body(Body::from(body.to_string()))
        .unwrap();
    let addr: std::net::SocketAddr = PEER.parse().unwrap();
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(addr));
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body =
        String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).to_string();
    Resp {
        status,
        headers,
        body,
    }
}

#[tokio::test]
async fn a_restricted_user_sees_only_their_slice_and_no_buttons_outside_it() {
    let app = TestApp::new().await;
    let uid = app.user("viewer", false).await;
    for (n, t) in [("10.1.0.0/16", "acme"), ("10.2.0.0/16", "globex")] {
        app.create("/api/tenancy/tenants/", json!({"name": t, "slug": t}))
            .await;
        app.create(
            "/api/ipam/prefixes/",
            json!({"prefix": n, "tenant": {"slug": t}}),
        )
        .await;
    }
    app.grant(
        uid,
        &["ipam.prefix"],
        &["view"],
        json!({"tenant__slug": "acme"}),
    )
    .await;
    let s = login(&app, "viewer").await;
    let r = get(&app, &s, "/ipam/prefixes/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("10.1.0.0/16") && !r.body.contains("10.2.0.0/16"),
        "{}",
        r.body
    );
    assert!(
        !r.body.contains("/ipam/prefixes/add/"),
        "no add button without add"
    );
    assert!(!r.body.contains("Delete selected") && !r.body.contains("Edit selected"));
    // The menu only offers what the user may view.
    assert!(
        r.body.contains("href=\"/ipam/prefixes/\"") && !r.body.contains("href=\"/dcim/sites/\"")
    );
    let other = app.get("/api/ipam/prefixes/?prefix=10.2.0.0/16").await["results"][0]["id"].clone();
    assert_eq!(
        get(&app, &s, &format!("/ipam/prefixes/{other}/"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &s, "/dcim/sites/").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        get(&app, &s, "/ipam/prefixes/add/").await.status,
        StatusCode::FORBIDDEN
    );
    let r = post(&app, &s, "/ipam/prefixes/add/", "prefix=10.3.0.0/16").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Exports and search are narrowed the same way.
    let r = get(&app, &s, "/ipam/prefixes/?export=csv").await;
    assert!(
        r.body.contains("10.1.0.0/16") && !r.body.contains("10.2.0.0/16"),
        "{}",
        r.body
    );
    let r = get(&app, &s, "/search/?q=10.").await;
    assert!(
        r.body.contains("10.1.0.0/16") && !r.body.contains("10.2.0.0/16"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn cable_traces_and_free_vlan_ids_have_pages() {
    let app = TestApp::new().await;
    app.user("boss", true).await;
    let s = login(&app, "boss").await;
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let (dt, role) = crate::support::device_type_and_role(&app).await;
    let mut ifs = Vec::new();
    for name in ["leaf1", "spine1"] {
        let d = app
            .create("/api/dcim/devices/", json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"]}))
            .await;
        ifs.push(
            app.create(
                "/api/dcim/interfaces/",
                json!({"device": d["id"], "name": "et-0/0/1", "type": "10gbase-x-sfpp"}),
            )
            .await["id"]
                .clone(),
        );
    }
    app.create(
        "/api/dcim/cables/",
        json!({"a_terminations": [{"object_type": "dcim.interface", "object_id": ifs[0]}],
               "b_terminations": [{"object_type": "dcim.interface", "object_id": ifs[1]}], "label": "C-1"}),
    )
    .await;
    let d = get(&app, &s, &format!("/dcim/interfaces/{}/", ifs[0])).await;
    assert!(
        d.body
            .contains(&format!("/dcim/interfaces/{}/trace/", ifs[0])),
        "a cabled port links its trace"
    );
    let t = get(&app, &s, &format!("/dcim/interfaces/{}/trace/", ifs[0])).await;
    assert_eq!(t.status, StatusCode::OK);
    assert!(
        t.body.contains("leaf1") && t.body.contains("spine1") && t.body.contains("C-1"),
        "{}",
        t.body
    );
    // A VLAN group shows its free ids as ranges.
    let g = app
        .create(
            "/api/ipam/vlan-groups/",
            json!({"name": "G", "slug": "g", "vid_ranges": [[100, 110]]}),
        )
        .await;
    app.create(
        "/api/ipam/vlans/",
        json!({"vid": 100, "name": "a", "group": g["id"]}),
    )
    .await;
    app.create(
        "/api/ipam/vlans/",
        json!({"vid": 105, "name": "b", "group": g["id"]}),
    )
    .await;
    let d = get(&app, &s, &format!("/ipam/vlan-groups/{}/", g["id"])).await;
    assert!(d.body.contains("101-104, 106-110"), "{}", d.body);
}

/// The column headings of a list page, in order.
fn headings(body: &str) -> Vec<String> {
    let head = &body[body.find("<thead>").expect("a table head")..];
    let head = &head[..head.find("</thead>").expect("end of head")];
    head.split("<th scope=\"col\"")
        .skip(1)
        .map(|th| {
            let th = &th[..th.find("</th>").unwrap_or(th.len())];
            let mut text = String::new();
            let mut in_tag = true;
            for c in th.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.trim_end_matches(['▲', '▼', ' ']).trim().to_string()
        })
        .collect()
}

/// The `name="order"` rows of a column chooser, in order, with whether each is ticked.
fn chooser_rows(body: &str) -> Vec<(String, bool)> {
    body.split("<li data-col=\"")
        .skip(1)
        .map(|li| {
            let name = li.split('"').next().unwrap_or_default().to_string();
            let li = &li[..li.find("</li>").unwrap_or(li.len())];
            (name, li.contains(" checked"))
        })
        .collect()
}

#[tokio::test]
async fn list_columns_keep_the_users_order_move_without_script_and_reset() {
    let app = TestApp::new().await;
    app.user("boss", true).await;
    let s = login(&app, "boss").await;
    app.create(
        "/api/dcim/sites/",
        json!({"name": "FRA1", "slug": "fra1", "description": "Frankfurt"}),
    )
    .await;
    let defaults = headings(&get(&app, &s, "/dcim/sites/").await.body);
    assert!(defaults.len() > 2, "{defaults:?}");
    // Chosen columns in the order of the chooser's rows; unknown and unticked ones are dropped.
    let r = post(
        &app,
        &s,
        "/dcim/sites/columns/",
        &form(&[
            ("return_url", "/dcim/sites/?q=FRA"),
            ("order", "description"),
            ("order", "bogus"),
            ("order", "status"),
            ("order", "name"),
            ("order", "facility"),
            ("columns", "name"),
            ("columns", "bogus"),
            ("columns", "status"),
            ("columns", "description"),
            ("save", "1"),
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), "/dcim/sites/?q=FRA");
    let page = get(&app, &s, "/dcim/sites/").await;
    assert_eq!(headings(&page.body), ["Description", "Status", "Name"]);
    assert!(
        page.body.contains("Frankfurt"),
        "cells follow their headings"
    );
    // Stored as NetBox's ordered list under tables.<Class>.columns.
    let stored: serde_json::Value =
        serde_json::from_str(&get(&app, &s, "/api/users/config/").await.body).unwrap();
    assert_eq!(
        stored["tables"]["Site"]["columns"],
        json!(["description", "status", "name"])
    );
    // The chooser lists the shown columns first, in their order, then the others.
    let rows = chooser_rows(&page.body);
    assert_eq!(
        rows[..4]
            .iter()
            .map(|(n, on)| (n.as_str(), *on))
            .collect::<Vec<_>>(),
        [
            ("description", true),
            ("status", true),
            ("name", true),
            (rows[3].0.as_str(), false)
        ]
    );
    assert!(
        page.body.contains("name=\"move\" value=\"up:name\"")
            && page
                .body
                .contains("name=\"move\" value=\"down:description\""),
        "arrows that work as plain form buttons"
    );
    // An arrow (no script: one submission) moves the column and reopens the chooser.
    let mut f: Vec<(&str, &str)> = rows.iter().map(|(n, _)| ("order", n.as_str())).collect();
    f.extend(
        rows.iter()
            .filter(|(_, on)| *on)
            .map(|(n, _)| ("columns", n.as_str())),
    );
    f.push(("move", "up:name"));
    f.push(("return_url", "/dcim/sites/"));
    let r = post(&app, &s, "/dcim/sites/columns/", &form(&f)).await;
    assert_eq!(
        (r.status, r.location()),
        (StatusCode::SEE_OTHER, "/dcim/sites/?configure=1")
    );
    let page = get(&app, &s, r.location()).await;
    assert_eq!(headings(&page.body), ["Description", "Name", "Status"]);
    assert!(page.body.contains("<details class=\"menu columns\" open>"));
    // Sorting links do not carry the open chooser along.
    assert!(
        !page.body.contains("configure=1&amp;sort")
            && !page.body.contains("sort=name&amp;configure")
    );
    // Moving past the end changes nothing.
    let mut f2 = f.clone();
    f2.retain(|(k, _)| *k != "move");
    f2.push(("move", "up:description"));
    post(&app, &s, "/dcim/sites/columns/", &form(&f2)).await;
    assert_eq!(
        headings(&get(&app, &s, "/dcim/sites/").await.body),
        ["Description", "Status", "Name"],
        "the form's order (as shown before the previous move) is what counts"
    );
    // Another user's lists are unaffected.
    app.user("other", true).await;
    let s2 = login(&app, "other").await;
    assert_eq!(
        headings(&get(&app, &s2, "/dcim/sites/").await.body),
        defaults
    );
    // Reset brings back the defaults.
    let r = post(
        &app,
        &s,
        "/dcim/sites/columns/",
        &form(&[("reset", "1"), ("columns", "name")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        headings(&get(&app, &s, "/dcim/sites/").await.body),
        defaults
    );
}

/// The part of a form holding the field `name`: from its `field` wrapper to the next field.
fn field_block<'a>(body: &'a str, name: &str) -> &'a str {
    let at = body
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no field {name}"));
    let start = body[..at].rfind("class=\"field").expect("a field wrapper");
    let rest = &body[at..];
    let end = ["class=\"field", "</form>"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    &body[start..at + end]
}

#[tokio::test]
async fn the_permission_form_sends_what_a_netbox_client_sends_and_shows_api_errors_by_field() {
    let app = TestApp::new().await;
    app.user("boss", true).await;
    let alice = app.user("alice", false).await;
    let group = app
        .create("/api/users/groups/", json!({"name": "noc"}))
        .await;
    let s = login(&app, "boss").await;
    // Object types grouped by app from the registry, the standard actions as boxes, a text
    // field for the others, pickers for users and groups.
    let page = get(&app, &s, "/users/permissions/add/").await;
    assert_eq!(page.status, StatusCode::OK);
    for m in app.reg.all() {
        let key = m.key();
        let at = page
            .body
            .find(&format!("name=\"object_types\" value=\"{key}\""))
            .unwrap_or_else(|| panic!("{key} is offered"));
        let group_at = page.body[..at].rfind("data-app=\"").unwrap();
        assert!(
            page.body[group_at..].starts_with(&format!("data-app=\"{}\"", m.app)),
            "{key} sits in its app's group"
        );
    }
    for a in ["view", "add", "change", "delete"] {
        assert!(
            page.body
                .contains(&format!("type=\"checkbox\" name=\"actions\" value=\"{a}\"")),
            "{a}"
        );
    }
    assert!(page.body.contains("name=\"actions_extra\""));
    assert!(
        page.body.contains(
            "<select id=\"f-users\" name=\"users\" data-api=\"/api/users/users/\" multiple"
        )
    );
    assert!(page.body.contains(
        "<select id=\"f-groups\" name=\"groups\" data-api=\"/api/users/groups/\" multiple"
    ));
    assert!(
        page.body
            .contains("<textarea id=\"f-constraints\" name=\"constraints\"")
    );

    let before = app.count("/api/users/permissions/").await;
    // Constraints the API refuses: its message next to the constraints field, nothing saved.
    let bad = |constraints: &'static str, actions: &'static str| {
        form(&[
            ("name", "broken"),
            ("object_types", "dcim.site"),
            ("actions", actions),
            ("constraints", constraints),
            ("enabled", "true"),
        ])
    };
    let r = post(
        &app,
        &s,
        "/users/permissions/add/",
        &bad(r#"{"no_such_field": 1}"#, "view"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let block = field_block(&r.body, "constraints");
    assert!(
        block.contains("class=\"error\"") && block.contains("Invalid filter for dcim.site"),
        "{block}"
    );
    assert!(
        block.contains("no_such_field"),
        "the submitted text is kept: {block}"
    );
    assert!(!field_block(&r.body, "object_types").contains("class=\"error\""));
    assert!(
        r.body
            .contains("name=\"object_types\" value=\"dcim.site\" checked"),
        "choices survive the round trip"
    );
    // Text that is not JSON never reaches the API.
    let r = post(&app, &s, "/users/permissions/add/", &bad("{tenant", "view")).await;
    assert!(
        field_block(&r.body, "constraints").contains("Enter valid JSON."),
        "{}",
        r.body
    );
    // No action at all: the API's message by the actions.
    let r = post(&app, &s, "/users/permissions/add/", &bad("", "")).await;
    let block = field_block(&r.body, "actions");
    assert!(block.contains("This list may not be empty."), "{block}");
    assert_eq!(app.count("/api/users/permissions/").await, before);

    // A valid permission; the API shows what a NetBox client would have sent.
    let r = post(
        &app,
        &s,
        "/users/permissions/add/",
        &form(&[
            ("name", "NOC sites"),
            ("description", "sites and prefixes of acme"),
            ("enabled", "true"),
            ("object_types", "dcim.site"),
            ("object_types", "ipam.prefix"),
            ("actions", "view"),
            ("actions", "change"),
            ("actions_extra", "change:description, run  run"),
            ("constraints", r#"{"tenant__slug": "acme"}"#),
            ("users", &alice.to_string()),
            ("groups", &group["id"].to_string()),
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id: i64 = r
        .location()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let ui = app.get(&format!("/api/users/permissions/{id}/")).await;
    let netbox = app
        .create(
            "/api/users/permissions/",
            json!({
                "name": "NOC sites (API)",
                "description": "sites and prefixes of acme",
                "enabled": true,
                "object_types": ["dcim.site", "ipam.prefix"],
                "actions": ["view", "change", "change:description", "run"],
                "constraints": {"tenant__slug": "acme"},
                "users": [alice],
                "groups": [group["id"]],
            }),
        )
        .await;
    for k in [
        "description",
        "enabled",
        "object_types",
        "actions",
        "constraints",
        "users",
        "groups",
    ] {
        assert_eq!(ui[k], netbox[k], "{k}");
    }
    assert_eq!(ui["object_types"], json!(["dcim.site", "ipam.prefix"]));
    // The edit form shows it the same way: boxes ticked, other actions as text.
    let e = get(&app, &s, &format!("/users/permissions/{id}/edit/")).await;
    assert!(
        e.body
            .contains("name=\"object_types\" value=\"ipam.prefix\" checked")
    );
    assert!(e.body.contains("name=\"actions\" value=\"change\" checked"));
    assert!(!e.body.contains("name=\"actions\" value=\"add\" checked"));
    assert!(
        e.body.contains("value=\"change:description, run\""),
        "{}",
        field_block(&e.body, "actions_extra")
    );
    assert!(field_block(&e.body, "constraints").contains("tenant__slug"));
    // Editing: untick a type, clear the constraints (null, as NetBox stores "no constraint").
    let r = post(
        &app,
        &s,
        &format!("/users/permissions/{id}/edit/"),
        &form(&[
            ("name", "NOC sites"),
            ("enabled", "true"),
            ("object_types", "dcim.site"),
            ("actions", "view"),
            ("actions_extra", ""),
            ("constraints", ""),
            ("users", &alice.to_string()),
        ]),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ui = app.get(&format!("/api/users/permissions/{id}/")).await;
    assert_eq!(ui["object_types"], json!(["dcim.site"]));
    assert_eq!(ui["actions"], json!(["view"]));
    assert_eq!(ui["constraints"], serde_json::Value::Null);
    assert_eq!(ui["groups"], json!([]));
}

async fn device_setup(app: &TestApp) -> (serde_json::Value, serde_json::Value, serde_json::Value) {
    let site = app
        .create("/api/dcim/sites/", json!({"name": "S", "slug": "s"}))
        .await;
    let mfr = app
        .create(
            "/api/dcim/manufacturers/",
            json!({"name": "M", "slug": "m"}),
        )
        .await;
    let role = app
        .create(
            "/api/dcim/device-roles/",
            json!({"name": "R", "slug": "r", "color": "ff0000"}),
        )
        .await;
    (site, mfr, role)
}

async fn new_device(
    app: &TestApp,
    name: &str,
    dt: &serde_json::Value,
    (site, role): (&serde_json::Value, &serde_json::Value),
) -> serde_json::Value {
    app.create(
        "/api/dcim/devices/",
        json!({"name": name, "device_type": dt["id"], "role": role["id"], "site": site["id"]}),
    )
    .await
}

#[tokio::test]
async fn device_component_tabs_list_each_kind_with_counts_and_respect_permissions() {
    let app = TestApp::new().await;
    app.user("boss", true).await;
    let viewer = app.user("viewer", false).await;
    let (site, mfr, role) = device_setup(&app).await;
    let dt = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": "T", "slug": "t"}),
        )
        .await;
    let leaf = new_device(&app, "leaf1", &dt, (&site, &role)).await;
    let spine = new_device(&app, "spine1", &dt, (&site, &role)).await;
    let id = leaf["id"].as_i64().unwrap();
    let mut ifs = Vec::new();
    for name in ["et-0/0/1", "et-0/0/2"] {
        ifs.push(
            app.create(
                "/api/dcim/interfaces/",
                json!({"device": id, "name": name, "type": "10gbase-x-sfpp", "label": format!("L-{name}")}),
            )
            .await,
        );
    }
    let far = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": spine["id"], "name": "et-9/9/9", "type": "10gbase-x-sfpp"}),
        )
        .await;
    app.create(
        "/api/dcim/cables/",
        json!({"a_terminations": [{"object_type": "dcim.interface", "object_id": ifs[0]["id"]}],
               "b_terminations": [{"object_type": "dcim.interface", "object_id": far["id"]}], "label": "C-7"}),
    )
    .await;
    app.create(
        "/api/dcim/console-ports/",
        json!({"device": id, "name": "con0", "type": "rj-45"}),
    )
    .await;
    let s = login(&app, "boss").await;
    let d = get(&app, &s, &format!("/dcim/devices/{id}/")).await;
    assert_eq!(d.status, StatusCode::OK);
    assert!(
        d.body.contains(&format!(
            "href=\"/dcim/devices/{id}/interfaces/\">Interfaces <span class=\"badge\">2</span>"
        )),
        "{}",
        d.body
    );
    assert!(d.body.contains(&format!(
        "href=\"/dcim/devices/{id}/console-ports/\">Console ports <span class=\"badge\">1</span>"
    )));
    // Every kind at NetBox's URL; an admin may add to all, so all are offered.
    for tab in [
        "interfaces",
        "console-ports",
        "console-server-ports",
        "power-ports",
        "power-outlets",
        "front-ports",
        "rear-ports",
        "device-bays",
        "module-bays",
        "inventory-items",
    ] {
        let href = format!("/dcim/devices/{id}/{tab}/");
        assert!(d.body.contains(&format!("href=\"{href}\"")), "{tab} tab");
        let t = get(&app, &s, &href).await;
        assert_eq!(t.status, StatusCode::OK, "{tab}: {}", t.body);
        assert!(
            t.body
                .contains(&format!("href=\"{href}\" aria-current=\"page\"")),
            "{tab} is the current tab"
        );
        assert!(
            t.body.contains("/add/?device="),
            "{tab} offers an add button"
        );
    }
    let t = get(&app, &s, &format!("/dcim/devices/{id}/interfaces/")).await;
    let if1 = ifs[0]["id"].as_i64().unwrap();
    for needle in [
        format!("href=\"/dcim/interfaces/{if1}/\">et-0/0/1</a>"),
        "L-et-0/0/1".to_string(),
        format!("/dcim/interfaces/{if1}/trace/"),
        "C-7".to_string(),
        format!("href=\"/dcim/interfaces/{}/\"", far["id"]),
        format!(
            "href=\"/dcim/interfaces/add/?device={id}&amp;return_url=%2Fdcim%2Fdevices%2F{id}%2Finterfaces%2F\""
        ),
    ] {
        assert!(t.body.contains(&needle), "{needle} in {}", t.body);
    }
    assert!(
        !t.body
            .contains(&format!("/dcim/interfaces/{}/trace/", ifs[1]["id"])),
        "no trace for a port without a cable"
    );
    let empty = get(&app, &s, &format!("/dcim/devices/{id}/power-outlets/")).await;
    assert!(empty.body.contains("This device has no power outlets."));
    // The add button pre-fills the device and leads back to the tab.
    let add = get(
        &app,
        &s,
        &format!("/dcim/console-ports/add/?device={id}&return_url=%2Fdcim%2Fdevices%2F{id}%2Fconsole-ports%2F"),
    )
    .await;
    assert!(
        add.body
            .contains(&format!("<option value=\"{id}\" selected>")),
        "{}",
        add.body
    );
    let r = post(
        &app,
        &s,
        &format!("/dcim/console-ports/add/?return_url=%2Fdcim%2Fdevices%2F{id}%2Fconsole-ports%2F"),
        &form(&[("device", &id.to_string()), ("name", "con1")]),
    )
    .await;
    assert_eq!(
        (r.status, r.location()),
        (
            StatusCode::SEE_OTHER,
            format!("/dcim/devices/{id}/console-ports/").as_str()
        ),
        "{}",
        r.body
    );
    assert_eq!(
        app.count(&format!("/api/dcim/console-ports/?device_id={id}"))
            .await,
        2
    );
    // The device's other pages still answer next to the tabs.
    let e = get(&app, &s, &format!("/dcim/devices/{id}/edit/")).await;
    assert!(e.status == StatusCode::OK && e.body.contains("<form"));
    assert_eq!(
        get(&app, &s, &format!("/dcim/devices/{id}/changelog/"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        get(&app, &s, &format!("/dcim/devices/{id}/nothing/"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &s, "/dcim/devices/999999/interfaces/")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // A user who may view the device, one of its interfaces, and view and add power ports.
    app.grant(viewer, &["dcim.device"], &["view"], serde_json::Value::Null)
        .await;
    app.grant(
        viewer,
        &["dcim.interface"],
        &["view"],
        json!({"name": "et-0/0/1"}),
    )
    .await;
    app.grant(
        viewer,
        &["dcim.powerport"],
        &["view", "add"],
        serde_json::Value::Null,
    )
    .await;
    let v = login(&app, "viewer").await;
    let d = get(&app, &v, &format!("/dcim/devices/{id}/")).await;
    assert_eq!(d.status, StatusCode::OK);
    assert!(d.body.contains(&format!(
        "href=\"/dcim/devices/{id}/interfaces/\">Interfaces <span class=\"badge\">1</span>"
    )));
    assert!(d.body.contains(&format!(
        "href=\"/dcim/devices/{id}/power-ports/\">Power ports <span class=\"badge\">0</span>"
    )));
    for hidden in [
        "console-ports",
        "front-ports",
        "power-outlets",
        "inventory-items",
    ] {
        assert!(
            !d.body.contains(&format!("/dcim/devices/{id}/{hidden}/")),
            "no {hidden} tab"
        );
    }
    assert!(!d.body.contains(&format!("/dcim/devices/{id}/edit/")));
    let t = get(&app, &v, &format!("/dcim/devices/{id}/interfaces/")).await;
    assert!(
        t.body.contains("et-0/0/1") && !t.body.contains("et-0/0/2"),
        "{}",
        t.body
    );
    assert!(
        !t.body.contains("/dcim/interfaces/add/"),
        "no add button without add"
    );
    let t = get(&app, &v, &format!("/dcim/devices/{id}/power-ports/")).await;
    assert!(
        t.body
            .contains(&format!("/dcim/power-ports/add/?device={id}"))
    );
    assert_eq!(
        get(&app, &v, &format!("/dcim/devices/{id}/console-ports/"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

/// Every `<a class=… href=…>` of an SVG drawing with the first text inside it, in order.
fn svg_links(svg: &str) -> Vec<(String, String, String)> {
    svg.split("<a class=\"")
        .skip(1)
        .map(|a| {
            let class = a.split('"').next().unwrap_or_default().to_string();
            let href = a
                .split("href=\"")
                .nth(1)
                .and_then(|h| h.split('"').next())
                .unwrap_or_default()
                .to_string();
            let body = &a[..a.find("</a>").unwrap_or(a.len())];
            let text = body
                .split("<text")
                .nth(1)
                .and_then(|t| t.split_once('>'))
                .and_then(|(_, t)| t.split("</text>").next())
                .unwrap_or_default()
                .to_string();
            (class, href, text)
        })
        .collect()
}

/// Checks that every element opened is closed in order (the drawing is well-formed XML).
fn balanced(svg: &str) -> bool {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop().as_deref() != Some(name.trim()) {
                return false;
            }
        } else if !tag.ends_with('/') {
            stack.push(
                tag.split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
        rest = &rest[end..];
    }
    stack.is_empty()
}

#[tokio::test]
async fn a_cable_trace_is_drawn_as_svg_through_patch_panels() {
    let app = TestApp::new().await;
    app.user("boss", true).await;
    let (site, mfr, role) = device_setup(&app).await;
    let sw = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": "Switch", "slug": "switch"}),
        )
        .await;
    let panel = app
        .create(
            "/api/dcim/device-types/",
            json!({"manufacturer": mfr["id"], "model": "Panel", "slug": "panel"}),
        )
        .await;
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
    let sw1 = new_device(&app, "sw1", &sw, (&site, &role)).await;
    let sw2 = new_device(&app, "sw2", &sw, (&site, &role)).await;
    let pp1 = new_device(&app, "pp1", &panel, (&site, &role)).await;
    let pp2 = new_device(&app, "pp2", &panel, (&site, &role)).await;
    let one = |kind: &'static str, dev: serde_json::Value| {
        let app = &app;
        async move {
            app.get(&format!("/api/dcim/{kind}/?device_id={}", dev["id"]))
                .await["results"][0]
                .clone()
        }
    };
    let (f1, r1) = (
        one("front-ports", pp1.clone()).await,
        one("rear-ports", pp1.clone()).await,
    );
    let (f2, r2) = (
        one("front-ports", pp2.clone()).await,
        one("rear-ports", pp2.clone()).await,
    );
    let mut eth = Vec::new();
    for d in [&sw1, &sw2] {
        eth.push(
            app.create(
                "/api/dcim/interfaces/",
                json!({"device": d["id"], "name": "eth0", "type": "1000base-t"}),
            )
            .await,
        );
    }
    let cable =
        |a: (&str, &serde_json::Value), b: (&str, &serde_json::Value), extra: serde_json::Value| {
            let mut body = json!({"a_terminations": [{"object_type": a.0, "object_id": a.1["id"]}],
                              "b_terminations": [{"object_type": b.0, "object_id": b.1["id"]}]});
            for (k, v) in extra.as_object().unwrap() {
                body[k] = v.clone();
            }
            body
        };
    let c1 = app
        .create(
            "/api/dcim/cables/",
            cable(
                ("dcim.interface", &eth[0]),
                ("dcim.frontport", &f1),
                json!({"label": "C-1", "color": "FF0000", "type": "cat6", "length": 3, "length_unit": "m"}),
            ),
        )
        .await;
    let c2 = app
        .create(
            "/api/dcim/cables/",
            cable(
                ("dcim.rearport", &r1),
                ("dcim.rearport", &r2),
                json!({"label": "Trunk <1>", "status": "planned", "type": "smf"}),
            ),
        )
        .await;
    let c3 = app
        .create(
            "/api/dcim/cables/",
            cable(
                ("dcim.frontport", &f2),
                ("dcim.interface", &eth[1]),
                json!({}),
            ),
        )
        .await;
    let s = login(&app, "boss").await;
    let path = format!("/dcim/interfaces/{}/trace/", eth[0]["id"]);
    let page = get(&app, &s, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    let start = page.body.find("<svg").expect("an inline drawing");
    let svg = &page.body[start..page.body[start..].find("</svg>").unwrap() + start + 6];
    assert!(balanced(svg), "{svg}");
    let href = |kind: &str, o: &serde_json::Value| format!("/dcim/{kind}/{}/", o["id"]);
    let expected: Vec<(String, String, String)> = [
        ("node device", href("devices", &sw1), "sw1"),
        ("term", href("interfaces", &eth[0]), "eth0"),
        ("cable", href("cables", &c1), "C-1"),
        ("term", href("front-ports", &f1), "front1"),
        ("node passthrough", href("devices", &pp1), "pp1"),
        ("term", href("rear-ports", &r1), "rear1"),
        ("cable", href("cables", &c2), "Trunk &lt;1&gt;"),
        ("term", href("rear-ports", &r2), "rear1"),
        ("node passthrough", href("devices", &pp2), "pp2"),
        ("term", href("front-ports", &f2), "front1"),
        ("cable", href("cables", &c3), &format!("#{}", c3["id"])),
        ("term", href("interfaces", &eth[1]), "eth0"),
        ("node device", href("devices", &sw2), "sw2"),
    ]
    .into_iter()
    .map(|(c, h, t)| (c.to_string(), h, t.to_string()))
    .collect();
    assert_eq!(svg_links(svg), expected);
    // Each cable in its colour, with its type and length; a planned one dashed.
    let cable_part = |c: &serde_json::Value| {
        let a = svg
            .find(&format!("href=\"/dcim/cables/{}/\"", c["id"]))
            .unwrap();
        &svg[a..a + svg[a..].find("</a>").unwrap()]
    };
    let p1 = cable_part(&c1);
    assert!(
        p1.contains("class=\"cable-line\"") && p1.contains("stroke=\"#ff0000\""),
        "{p1}"
    );
    assert!(
        p1.contains(">cat6</text>") && p1.contains(">3 m</text>"),
        "{p1}"
    );
    let p2 = cable_part(&c2);
    assert!(
        p2.contains("stroke-dasharray") && p2.contains(">Planned</text>"),
        "{p2}"
    );
    assert!(!cable_part(&c3).contains("stroke-dasharray"));
    // The hop list stays below for screen readers.
    let list = page
        .body
        .find("<ol class=\"trace card\"")
        .expect("the hop list");
    assert!(list > start);
    // The drawing alone.
    let r = get(&app, &s, &format!("{path}?render=svg")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/svg+xml")
    );
    assert!(
        r.body
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
    assert!(balanced(&r.body));
    assert_eq!(svg_links(&r.body), expected);
    // From the other end the same path is drawn the other way round.
    let back = get(
        &app,
        &s,
        &format!("/dcim/interfaces/{}/trace/?render=svg", eth[1]["id"]),
    )
    .await;
    let mut reversed = expected.clone();
    reversed.reverse();
    assert_eq!(
        svg_links(&back.body)
            .into_iter()
            .map(|(_, h, _)| h)
            .collect::<Vec<_>>(),
        reversed.into_iter().map(|(_, h, _)| h).collect::<Vec<_>>()
    );
    // A port without a cable has no drawing.
    let lone = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": sw1["id"], "name": "eth1", "type": "1000base-t"}),
        )
        .await;
    let t = get(&app, &s, &format!("/dcim/interfaces/{}/trace/", lone["id"])).await;
    assert!(!t.body.contains("<svg") && t.body.contains("No cable is attached"));
}
