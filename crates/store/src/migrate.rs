//! Paired migrations for SQLite and PostgreSQL, embedded in the binary.
//!
//! Both directories hold the same versions and names (a test checks it); files are never edited
//! once released — a change is a new pair.

use crate::db::{Db, db_err};
use ironbox_core::Result;
use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

/// `(version, name, sqlite sql, postgres sql)`.
pub const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../migrations/sqlite/0001_initial.sql"),
        include_str!("../migrations/postgres/0001_initial.sql"),
    ),
    (
        2,
        "sessions",
        include_str!("../migrations/sqlite/0002_sessions.sql"),
        include_str!("../migrations/postgres/0002_sessions.sql"),
    ),
    (
        3,
        "dcim",
        include_str!("../migrations/sqlite/0003_dcim.sql"),
        include_str!("../migrations/postgres/0003_dcim.sql"),
    ),
    (
        4,
        "permissions",
        include_str!("../migrations/sqlite/0004_permissions.sql"),
        include_str!("../migrations/postgres/0004_permissions.sql"),
    ),
    (
        5,
        "generation_and_search",
        include_str!("../migrations/sqlite/0005_generation_and_search.sql"),
        include_str!("../migrations/postgres/0005_generation_and_search.sql"),
    ),
    (
        6,
        "search_index",
        include_str!("../migrations/sqlite/0006_search_index.sql"),
        include_str!("../migrations/postgres/0006_search_index.sql"),
    ),
    (
        7,
        "lookup_indexes",
        include_str!("../migrations/sqlite/0007_lookup_indexes.sql"),
        include_str!("../migrations/postgres/0007_lookup_indexes.sql"),
    ),
    (
        8,
        "address_blocks",
        include_str!("../migrations/sqlite/0008_address_blocks.sql"),
        include_str!("../migrations/postgres/0008_address_blocks.sql"),
    ),
    (
        9,
        "stored_counts",
        include_str!("../migrations/sqlite/0009_stored_counts.sql"),
        include_str!("../migrations/postgres/0009_stored_counts.sql"),
    ),
];

fn migrator(pg: bool) -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
            .map(|(v, name, lite, pgsql)| {
                Migration::new(
                    *v,
                    (*name).into(),
                    MigrationType::Simple,
                    (if pg { *pgsql } else { *lite }).into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

/// Applies pending migrations (PostgreSQL takes an advisory lock, so concurrent instances are safe).
pub async fn run(db: &Db) -> Result<()> {
    match db {
        Db::Sqlite { write, .. } => migrator(false)
            .run(write)
            .await
            .map_err(|e| db_err(sqlx::Error::Migrate(Box::new(e)))),
        Db::Postgres(p, _) => migrator(true)
            .run(p)
            .await
            .map_err(|e| db_err(sqlx::Error::Migrate(Box::new(e)))),
    }
}
