//! `q`: the same rows on every backend and search path (trigram indexes on the large tables, a
//! scan elsewhere and for terms under three characters), checked against the rule NetBox applies
//! (`icontains` on the searched text, `istartswith` on addresses) evaluated here in Rust, and kept
//! right through updates and deletes.

use crate::support::{TestApp, device_type_and_role};
use serde_json::{Value as J, json};
use std::collections::BTreeSet;

/// The ids a `q` list returns (every page), checking the count agrees.
pub(super) async fn found(app: &TestApp, path: &str, q: &str) -> BTreeSet<i64> {
    let url = format!(
        "{path}?limit=1000&q={}",
        form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()
    );
    let j = app.get(&url).await;
    let ids: BTreeSet<i64> = j["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(j["count"].as_u64(), Some(ids.len() as u64), "{url}");
    ids
}

fn has(hay: &str, q: &str) -> bool {
    hay.to_lowercase().contains(&q.to_lowercase())
}

const TERMS: &[&str] = &[
    "core",
    "CORE",
    "Core-Uplink",
    "ore",
    "or",
    "o",
    "10.1.2",
    "10.1.2.3",
    "10.1.2.3/32",
    "10.",
    "db",
    "dns",
    "50%",
    "a_b",
    "say \"hi\"",
    "zzz-nothing",
    "upl",
    "ä-straße",
    "Ä-STRASSE",
    "AND OR NOT",
    "x*",
];

#[tokio::test]
async fn q_on_addresses_matches_text_anywhere_and_addresses_from_the_start() {
    let app = TestApp::new().await;
    let rows = [
        ("10.1.2.3/24", "core1.example.net", "Core-Uplink to DC"),
        ("10.1.20.4/24", "", "core uplink, second"),
        ("10.11.2.5/24", "db1.example.net", "database 50% pool"),
        ("10.1.2.30/24", "dns.example.net", "a_b and a-b"),
        ("192.0.2.10/24", "", "say \"hi\" to the ä-straße"),
        ("2001:db8::1/64", "", "v6 AND OR NOT x*"),
        ("10.2.0.1/16", "upl.example.net", ""),
    ];
    let mut ids = Vec::new();
    for (a, d, desc) in rows {
        let j = app
            .create(
                "/api/ipam/ip-addresses/",
                json!({"address": a, "dns_name": d, "description": desc}),
            )
            .await;
        ids.push(j["id"].as_i64().expect("id"));
    }
    let expect = |rows: &[(String, String, String)], q: &str| -> BTreeSet<i64> {
        rows.iter()
            .zip(&ids)
            .filter(|((a, d, desc), _)| {
                a.to_lowercase().starts_with(&q.to_lowercase()) || has(d, q) || has(desc, q)
            })
            .map(|(_, id)| *id)
            .collect()
    };
    let mut current: Vec<(String, String, String)> = rows
        .iter()
        .map(|(a, d, x)| (a.to_string(), d.to_string(), x.to_string()))
        .collect();
    for q in TERMS {
        assert_eq!(
            found(&app, "/api/ipam/ip-addresses/", q).await,
            expect(&current, q),
            "q={q}"
        );
    }
    // The index follows updates and deletes.
    let (s, j) = app
        .call(
            "PATCH",
            &format!("/api/ipam/ip-addresses/{}/", ids[0]),
            Some(json!({"description": "retired link", "address": "10.9.9.9/24"})),
        )
        .await;
    assert_eq!(s, http::StatusCode::OK, "{j}");
    current[0] = (
        "10.9.9.9/24".into(),
        "core1.example.net".into(),
        "retired link".into(),
    );
    let (s, _) = app
        .call(
            "DELETE",
            &format!("/api/ipam/ip-addresses/{}/", ids[1]),
            None,
        )
        .await;
    assert_eq!(s, http::StatusCode::NO_CONTENT);
    current[1] = (String::new(), String::new(), String::new());
    for q in TERMS.iter().chain(&["retired", "10.9.9", "Uplink"]) {
        let mut want = expect(&current, q);
        want.remove(&ids[1]);
        assert_eq!(
            found(&app, "/api/ipam/ip-addresses/", q).await,
            want,
            "after update/delete, q={q}"
        );
    }
}

#[tokio::test]
async fn q_on_prefixes_devices_and_interfaces() {
    let app = TestApp::new().await;
    let p1 = app
        .create(
            "/api/ipam/prefixes/",
            json!({"prefix": "10.1.0.0/16", "description": "Campus core"}),
        )
        .await;
    let p2 = app
        .create(
            "/api/ipam/prefixes/",
            json!({"prefix": "10.10.0.0/16", "comments": "lab CORE"}),
        )
        .await;
    let p3 = app
        .create("/api/ipam/prefixes/", json!({"prefix": "192.0.2.0/24"}))
        .await;
    let id = |j: &J| j["id"].as_i64().expect("id");
    let set = |v: &[&J]| v.iter().map(|j| id(j)).collect::<BTreeSet<i64>>();
    // Descriptions are searched, comments are not (NetBox's `PrefixFilterSet.search`).
    assert_eq!(
        found(&app, "/api/ipam/prefixes/", "core").await,
        set(&[&p1])
    );
    assert_eq!(
        found(&app, "/api/ipam/prefixes/", "10.1").await,
        set(&[&p1, &p2])
    );
    assert_eq!(
        found(&app, "/api/ipam/prefixes/", "10.1.").await,
        set(&[&p1])
    );
    // An address finds the prefixes containing it.
    assert_eq!(
        found(&app, "/api/ipam/prefixes/", "192.0.2.77").await,
        set(&[&p3])
    );

    let site = app
        .create("/api/dcim/sites/", json!({"name": "S1", "slug": "s1"}))
        .await;
    let (dt, role) = device_type_and_role(&app).await;
    let mk = |name: &str, serial: &str, tag: J| {
        json!({"name": name, "serial": serial, "asset_tag": tag, "device_type": dt["id"],
               "role": role["id"], "site": site["id"]})
    };
    let d1 = app
        .create(
            "/api/dcim/devices/",
            mk("edge-01", "FOC1234X", json!("AT-0001")),
        )
        .await;
    let d2 = app
        .create("/api/dcim/devices/", mk("core-01", "SN-77", J::Null))
        .await;
    assert_eq!(
        found(&app, "/api/dcim/devices/", "foc12").await,
        set(&[&d1])
    );
    assert_eq!(
        found(&app, "/api/dcim/devices/", "at-00").await,
        set(&[&d1])
    );
    assert_eq!(
        found(&app, "/api/dcim/devices/", "-01").await,
        set(&[&d1, &d2])
    );
    let i1 = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": d1["id"], "name": "et-0/0/1", "type": "10gbase-x-sfpp", "label": "to core-01"}),
        )
        .await;
    let i2 = app
        .create(
            "/api/dcim/interfaces/",
            json!({"device": d2["id"], "name": "et-0/0/10", "type": "10gbase-x-sfpp", "description": "Uplink"}),
        )
        .await;
    assert_eq!(
        found(&app, "/api/dcim/interfaces/", "et-0/0/1").await,
        set(&[&i1, &i2])
    );
    assert_eq!(
        found(&app, "/api/dcim/interfaces/", "CORE-0").await,
        set(&[&i1])
    );
    assert_eq!(
        found(&app, "/api/dcim/interfaces/", "uplink").await,
        set(&[&i2])
    );
    // Deleting a device takes its interfaces out of the index with it.
    let (s, _) = app
        .call("DELETE", &format!("/api/dcim/devices/{}/", d2["id"]), None)
        .await;
    assert_eq!(s, http::StatusCode::NO_CONTENT);
    assert!(
        found(&app, "/api/dcim/interfaces/", "uplink")
            .await
            .is_empty()
    );
    assert!(found(&app, "/api/dcim/devices/", "SN-77").await.is_empty());
}

/// A term whose words are mostly in every row (`fleet port 1299`) is answered from its rare
/// word on PostgreSQL, with the whole term checked on the rows that word finds: a row holding
/// the rare word but not the term stays out, on both backends.
#[tokio::test]
async fn terms_with_common_words_match_whole() {
    let app = TestApp::new().await;
    let path = "/api/ipam/ip-addresses/";
    let mut rows: Vec<J> = (0..600)
        .map(|n| {
            json!({"address": format!("10.40.{}.{}/16", n / 250, n % 250 + 1),
                   "description": format!("Fleet port {}", 1000 + n)})
        })
        .collect();
    rows.push(json!({"address": "10.41.0.1/16", "description": "port 1299 fleet"}));
    let (status, made) = app.call("POST", path, Some(J::Array(rows))).await;
    assert_eq!(status, 201, "{made}");
    let made = made.as_array().expect("list");
    let id = |d: &str| {
        made.iter()
            .find(|r| r["description"] == d)
            .and_then(|r| r["id"].as_i64())
            .expect("row")
    };
    let (target, decoy) = (id("Fleet port 1299"), id("port 1299 fleet"));

    if let ironbox_store::Db::Postgres(p, _) = &app.db {
        sqlx::raw_sql("ANALYZE ipam_ipaddress")
            .execute(p)
            .await
            .expect("analyze");
        // The planner's sample says `fleet` and `port` are everywhere and `1299` almost nowhere,
        // so the index is asked for `1299` alone: the narrowed path is the one under test.
        let s = ironbox_store::search::sample::Samples::default()
            .get(
                &app.db,
                &app.reg,
                app.reg.get("ipam.ipaddress").expect("model"),
            )
            .await
            .expect("a sample after ANALYZE");
        assert_eq!(
            s.index_words("description", "fleet port 1299"),
            Some(vec!["1299".to_string()])
        );
    }
    assert_eq!(found(&app, path, "fleet port 1299").await, [target].into());
    assert_eq!(found(&app, path, "FLEET PORT 1299").await, [target].into());
    assert_eq!(found(&app, path, "port 1299 f").await, [decoy].into());
    assert_eq!(found(&app, path, "1299").await, [target, decoy].into());
    assert_eq!(found(&app, path, "fleet port 9999").await, BTreeSet::new());
    assert_eq!(found(&app, path, "fleet port 12").await.len(), 100);
}
