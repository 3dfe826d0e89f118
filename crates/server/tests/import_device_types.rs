//! `ironbox import device-types`: the community library's YAML files, idempotent re-runs, and
//! failing files named with their line, each file all-or-nothing. Runs the real binary on a
//! temporary SQLite database.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn ironbox(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ironbox"))
        .args(args)
        .env(
            "IRONBOX_DATABASE__URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env_remove("IRONBOX_CONFIG")
        .output()
        .expect("run ironbox")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// One integer from the database (read through the store, like the server does).
fn count(db: &Path, sql: &'static str) -> i64 {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let url = format!("sqlite://{}?mode=rwc", db.display());
        let db = ironbox_store::Db::connect(&url, 1)
            .await
            .expect("open database");
        let mut conn = db.read().await.expect("connection");
        let q = sea_query::Query::select()
            .expr(sea_query::Expr::cust(sql))
            .to_owned();
        conn.ex().fetch_ints(&q).await.expect("query")[0]
    })
}

#[test]
fn imports_types_with_templates_and_reruns_change_nothing() {
    let dir = tempdir();
    let db = dir.join("import.db");
    let types = fixtures().join("device-types");
    let modules = fixtures().join("module-types");
    let out = ironbox(
        &db,
        &[
            "import",
            "device-types",
            types.to_str().unwrap(),
            modules.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let so = text(&out.stdout);
    assert!(
        so.contains("created device type Acme Networks SW-24 (8 templates created, 0 unchanged)"),
        "{so}"
    );
    assert!(
        so.contains("created module type Acme Networks LC-4X"),
        "{so}"
    );
    assert_eq!(count(&db, "(SELECT COUNT(*) FROM dcim_manufacturer)"), 2);
    assert_eq!(count(&db, "(SELECT COUNT(*) FROM dcim_devicetype)"), 3);
    assert_eq!(count(&db, "(SELECT COUNT(*) FROM dcim_moduletype)"), 1);
    assert_eq!(
        count(
            &db,
            "(SELECT COUNT(*) FROM dcim_interfacetemplate WHERE mgmt_only)"
        ),
        1
    );
    // Outlets point at the inlet of the same type; front ports map onto the trunk positions.
    assert_eq!(
        count(
            &db,
            "(SELECT COUNT(*) FROM dcim_poweroutlettemplate o JOIN dcim_powerporttemplate p ON o.power_port_id = p.id WHERE p.name = 'Inlet')"
        ),
        2
    );
    assert_eq!(
        count(
            &db,
            "(SELECT COUNT(*) FROM dcim_portmappingtemplate m JOIN dcim_rearporttemplate r ON m.rear_port_id = r.id WHERE r.name = 'Trunk' AND m.rear_port_position IN (1, 2, 3))"
        ),
        3
    );
    let before = count(&db, "(SELECT COUNT(*) FROM core_objectchange)");
    // A second run finds everything and creates nothing.
    let again = ironbox(&db, &["import", "device-types", types.to_str().unwrap()]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let so = text(&again.stdout);
    assert!(
        so.contains("updated device type Acme Networks SW-24 (0 templates created, 8 unchanged)"),
        "{so}"
    );
    assert_eq!(count(&db, "(SELECT COUNT(*) FROM dcim_devicetype)"), 3);
    assert_eq!(
        count(&db, "(SELECT COUNT(*) FROM dcim_interfacetemplate)"),
        7
    );
    assert_eq!(
        count(&db, "(SELECT COUNT(*) FROM core_objectchange)"),
        before,
        "an unchanged re-run logs no changes"
    );
}

#[test]
fn a_bad_file_is_named_with_its_line_and_leaves_nothing_behind() {
    let dir = tempdir();
    let db = dir.join("bad.db");
    let bad = fixtures().join("bad");
    let good = fixtures().join("device-types/acme/acme-pdu-4.yaml");
    let out = ironbox(
        &db,
        &[
            "import",
            "device-types",
            bad.join("unknown-type.yaml").to_str().unwrap(),
            bad.join("malformed.yaml").to_str().unwrap(),
            good.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let se = text(&out.stderr);
    assert!(
        se.contains(
            "unknown-type.yaml: line 9: interfaces eth1: type: warp-drive is not a valid choice."
        ),
        "{se}"
    );
    assert!(se.contains("malformed.yaml: line "), "{se}");
    assert!(se.contains("2 file(s) could not be imported"), "{se}");
    // The failing files wrote nothing (not even their manufacturer); the good one went in.
    assert_eq!(
        count(
            &db,
            "(SELECT COUNT(*) FROM dcim_manufacturer WHERE name = 'Broken Inc')"
        ),
        0
    );
    assert_eq!(count(&db, "(SELECT COUNT(*) FROM dcim_devicetype)"), 1);
}

fn tempdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "ironbox-import-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}
