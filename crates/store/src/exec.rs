//! The single SQL executor: renders sea-query statements for the right backend and runs them.
//!
//! This is the only module where dynamic SQL reaches sqlx. Statements are built by sea-query with
//! every value bound as a parameter, which is why wrapping the rendered text in `AssertSqlSafe`
//! is sound here.

use crate::db::{Backend, db_err};
use ironbox_core::meta::ColType;
use ironbox_core::{Result, Value};
use sea_query::{
    DeleteStatement, InsertStatement, PostgresQueryBuilder, SelectStatement, SqliteQueryBuilder,
    UpdateStatement,
};
use sea_query_sqlx::SqlxBinder;
use sqlx::{AssertSqlSafe, PgConnection, Row, SqliteConnection};

/// A borrowed connection or transaction of either backend.
pub enum Ex<'a> {
    /// SQLite.
    Sqlite(&'a mut SqliteConnection),
    /// PostgreSQL.
    Postgres(&'a mut PgConnection),
}

/// Converts a value to a sea-query value typed like its column (PostgreSQL needs typed NULLs).
pub fn sq(v: &Value, t: ColType) -> sea_query::Value {
    match (v, t) {
        (Value::Null, ColType::Int) => sea_query::Value::BigInt(None),
        (Value::Null, ColType::Bool) => sea_query::Value::Bool(None),
        (Value::Null, ColType::Float) => sea_query::Value::Double(None),
        (Value::Null, ColType::Text) => sea_query::Value::String(None),
        (Value::Null, ColType::Bytes) => sea_query::Value::Bytes(None),
        (Value::Bool(b), ColType::Int) => sea_query::Value::BigInt(Some(i64::from(*b))),
        (Value::Bool(b), _) => sea_query::Value::Bool(Some(*b)),
        (Value::Int(i), ColType::Bool) => sea_query::Value::Bool(Some(*i != 0)),
        (Value::Int(i), ColType::Float) => sea_query::Value::Double(Some(*i as f64)),
        (Value::Int(i), ColType::Text) => sea_query::Value::String(Some(i.to_string())),
        (Value::Int(i), _) => sea_query::Value::BigInt(Some(*i)),
        (Value::Float(f), _) => sea_query::Value::Double(Some(*f)),
        (Value::Text(s), _) => sea_query::Value::String(Some(s.clone())),
        (Value::Bytes(b), _) => sea_query::Value::Bytes(Some(b.clone())),
    }
}

/// A value typed by its own variant.
pub fn sqv(v: &Value) -> sea_query::Value {
    let t = match v {
        Value::Null | Value::Text(_) => ColType::Text,
        Value::Bool(_) => ColType::Bool,
        Value::Int(_) => ColType::Int,
        Value::Float(_) => ColType::Float,
        Value::Bytes(_) => ColType::Bytes,
    };
    sq(v, t)
}

// One decoder per backend row type; the body is the same, the types are not. SQLite values
// are decoded without sqlx's column-type check (`try_get_unchecked`): SQLite converts between its
// storage classes itself, and the check was a tenth of decoding a page of 1,000 rows. PostgreSQL
// keeps the check, since its binary values are only meaningful as their own type.
macro_rules! decoder {
    ($name:ident, $row:ty, $get:ident) => {
        fn $name(row: &$row, i: usize, t: ColType) -> Result<Value> {
            Ok(match t {
                ColType::Int => row
                    .$get::<Option<i64>, _>(i)
                    .map_err(db_err)?
                    .map_or(Value::Null, Value::Int),
                ColType::Bool => row
                    .$get::<Option<bool>, _>(i)
                    .map_err(db_err)?
                    .map_or(Value::Null, Value::Bool),
                ColType::Float => row
                    .$get::<Option<f64>, _>(i)
                    .map_err(db_err)?
                    .map_or(Value::Null, Value::Float),
                ColType::Text => row
                    .$get::<Option<String>, _>(i)
                    .map_err(db_err)?
                    .map_or(Value::Null, Value::Text),
                ColType::Bytes => row
                    .$get::<Option<Vec<u8>>, _>(i)
                    .map_err(db_err)?
                    .map_or(Value::Null, Value::Bytes),
            })
        }
    };
}
decoder!(dec_sqlite, sqlx::sqlite::SqliteRow, try_get_unchecked);
decoder!(dec_pg, sqlx::postgres::PgRow, try_get);

/// A row's values by the given column types.
fn decode<R>(
    row: &R,
    types: &[ColType],
    dec: fn(&R, usize, ColType) -> Result<Value>,
) -> Result<Vec<Value>> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| dec(row, i, *t))
        .collect()
}

/// Maps a database error: unique and foreign-key violations become typed errors the caller can
/// turn into field errors; everything else is internal.
pub fn map_err(e: sqlx::Error) -> ironbox_core::Error {
    if let sqlx::Error::Database(d) = &e {
        let msg = d.message().to_string();
        let code = d.code().map(|c| c.to_string()).unwrap_or_default();
        // SQLite: 2067/1555 unique, 787 FK; PostgreSQL: 23505 unique, 23503 FK.
        if code == "23505"
            || code == "2067"
            || code == "1555"
            || msg.contains("UNIQUE constraint failed")
        {
            return ironbox_core::Error::Conflict(format!(
                "unique: {}",
                d.constraint().unwrap_or(&msg)
            ));
        }
        // PostgreSQL chose this transaction to break a deadlock with a concurrent one (two bulk
        // writes taking the same locks in opposite orders): nothing was written; retrying works.
        if code == "40P01" || code == "40001" {
            return ironbox_core::Error::Conflict(
                "The request conflicted with a concurrent write and was rolled back; retry it."
                    .into(),
            );
        }
        if code == "23503" || code == "787" || msg.contains("FOREIGN KEY constraint failed") {
            return ironbox_core::Error::Conflict(format!(
                "foreign key: {}",
                d.constraint().unwrap_or(&msg)
            ));
        }
    }
    db_err(e)
}

macro_rules! run_stmt {
    ($self:ident, $stmt:expr, |$q:ident, $c:ident| $body:expr) => {
        match $self {
            Ex::Sqlite($c) => {
                let (sql, vals) = $stmt.build_sqlx(SqliteQueryBuilder);
                let $q = sqlx::query_with(AssertSqlSafe(sql), vals);
                $body
            }
            Ex::Postgres($c) => {
                let (sql, vals) = $stmt.build_sqlx(PostgresQueryBuilder);
                let $q = sqlx::query_with(AssertSqlSafe(sql), vals);
                $body
            }
        }
    };
}

impl Ex<'_> {
    /// The backend.
    pub fn backend(&self) -> Backend {
        match self {
            Ex::Sqlite(_) => Backend::Sqlite,
            Ex::Postgres(_) => Backend::Postgres,
        }
    }

    /// Reborrows.
    pub fn re(&mut self) -> Ex<'_> {
        match self {
            Ex::Sqlite(c) => Ex::Sqlite(c),
            Ex::Postgres(c) => Ex::Postgres(c),
        }
    }

    /// Runs a SELECT and decodes each row by the given column types.
    pub async fn fetch(
        &mut self,
        stmt: &SelectStatement,
        types: &[ColType],
    ) -> Result<Vec<Vec<Value>>> {
        match self {
            Ex::Sqlite(c) => {
                let (sql, vals) = stmt.build_sqlx(SqliteQueryBuilder);
                let rows = sqlx::query_with(AssertSqlSafe(sql), vals)
                    .fetch_all(&mut **c)
                    .await
                    .map_err(map_err)?;
                rows.iter().map(|r| decode(r, types, dec_sqlite)).collect()
            }
            Ex::Postgres(c) => {
                let (sql, vals) = stmt.build_sqlx(PostgresQueryBuilder);
                // Whether a pattern can use a trigram index depends on the pattern itself; a
                // prepared statement soon switches to a generic plan that cannot know it and
                // scans (`q` went from 150 to 7 requests/s). Unnamed statements are planned
                // with their parameters every time.
                let persistent = !sql.contains(" ILIKE ");
                let rows = sqlx::query_with(AssertSqlSafe(sql), vals)
                    .persistent(persistent)
                    .fetch_all(&mut **c)
                    .await
                    .map_err(map_err)?;
                rows.iter().map(|r| decode(r, types, dec_pg)).collect()
            }
        }
    }

    /// Runs a SELECT of one integer column (counts, ids).
    pub async fn fetch_ints(&mut self, stmt: &SelectStatement) -> Result<Vec<i64>> {
        let rows = self.fetch(stmt, &[ColType::Int]).await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| r.into_iter().next().and_then(|v| v.as_i64()))
            .collect())
    }

    /// Runs an INSERT … RETURNING id.
    pub async fn insert(&mut self, stmt: &InsertStatement) -> Result<i64> {
        run_stmt!(self, stmt, |q, c| {
            let row = q.fetch_one(&mut **c).await.map_err(map_err)?;
            row.try_get::<i64, _>(0).map_err(db_err)
        })
    }

    /// Runs an INSERT … RETURNING columns of `types`; returns the inserted row's values.
    pub async fn insert_fetch(
        &mut self,
        stmt: &InsertStatement,
        types: &[ColType],
    ) -> Result<Vec<Value>> {
        match self {
            Ex::Sqlite(c) => {
                let (sql, vals) = stmt.build_sqlx(SqliteQueryBuilder);
                let r = sqlx::query_with(AssertSqlSafe(sql), vals)
                    .fetch_one(&mut **c)
                    .await
                    .map_err(map_err)?;
                decode(&r, types, dec_sqlite)
            }
            Ex::Postgres(c) => {
                let (sql, vals) = stmt.build_sqlx(PostgresQueryBuilder);
                let r = sqlx::query_with(AssertSqlSafe(sql), vals)
                    .fetch_one(&mut **c)
                    .await
                    .map_err(map_err)?;
                decode(&r, types, dec_pg)
            }
        }
    }

    /// Runs an INSERT without RETURNING (tables without an id column).
    pub async fn execute_insert(&mut self, stmt: &InsertStatement) -> Result<u64> {
        run_stmt!(self, stmt, |q, c| Ok(q
            .execute(&mut **c)
            .await
            .map_err(map_err)?
            .rows_affected()))
    }

    /// Runs an UPDATE; returns rows affected.
    pub async fn update(&mut self, stmt: &UpdateStatement) -> Result<u64> {
        run_stmt!(self, stmt, |q, c| Ok(q
            .execute(&mut **c)
            .await
            .map_err(map_err)?
            .rows_affected()))
    }

    /// Runs a DELETE; returns rows affected.
    pub async fn delete(&mut self, stmt: &DeleteStatement) -> Result<u64> {
        run_stmt!(self, stmt, |q, c| Ok(q
            .execute(&mut **c)
            .await
            .map_err(map_err)?
            .rows_affected()))
    }

    /// Runs fixed SQL written in this crate (DDL, pragmas, locks). Never pass user input here.
    pub async fn raw(&mut self, sql: &'static str) -> Result<()> {
        match self {
            Ex::Sqlite(c) => sqlx::raw_sql(sql)
                .execute(&mut **c)
                .await
                .map(|_| ())
                .map_err(map_err),
            Ex::Postgres(c) => sqlx::raw_sql(sql)
                .execute(&mut **c)
                .await
                .map(|_| ())
                .map_err(map_err),
        }
    }

    /// Refreshes the planner's statistics of one table (`ANALYZE`, reading the whole table on
    /// SQLite: sampled statistics misjudge columns that are mostly NULL). `table` comes from the
    /// model registry.
    pub async fn analyze(&mut self, table: &'static str) -> Result<()> {
        let sql = format!("ANALYZE \"{}\"", table.replace('"', ""));
        match self {
            Ex::Sqlite(c) => {
                sqlx::raw_sql("PRAGMA analysis_limit=0")
                    .execute(&mut **c)
                    .await
                    .map_err(map_err)?;
                sqlx::raw_sql(AssertSqlSafe(sql))
                    .execute(&mut **c)
                    .await
                    .map_err(map_err)?;
                if let Ok(mut at) = crate::db::SQLITE_STATS_AT.lock() {
                    *at = Some(std::time::Instant::now());
                }
                Ok(())
            }
            Ex::Postgres(c) => {
                sqlx::raw_sql(AssertSqlSafe(sql))
                    .execute(&mut **c)
                    .await
                    .map_err(map_err)?;
                // And a VACUUM once the transaction has committed (it cannot run inside one),
                // named with its schema: whichever connection runs it vacuums this table.
                let schema: String = sqlx::query_scalar("SELECT current_schema()::text")
                    .fetch_one(&mut **c)
                    .await
                    .map_err(map_err)?;
                if let Ok(mut due) = crate::db::PG_VACUUM_DUE.lock() {
                    due.insert((schema, table));
                }
                Ok(())
            }
        }
    }

    /// Takes a transaction-scoped lock on a 64-bit key (PostgreSQL advisory lock). On SQLite the
    /// single writer connection already serialises writers, so this is a no-op there.
    ///
    /// Advisory locks are per database, not per schema: the key is mixed with the current schema
    /// so installs (or test runs) in different schemas of one database never block each other.
    pub async fn lock(&mut self, key: i64) -> Result<()> {
        match self {
            Ex::Sqlite(_) => Ok(()),
            Ex::Postgres(c) => sqlx::query(
                "SELECT pg_advisory_xact_lock($1 # hashtextextended(current_schema(), 0))",
            )
            .bind(key)
            .execute(&mut **c)
            .await
            .map(|_| ())
            .map_err(map_err),
        }
    }

    /// Tries to take a transaction-scoped lock; false when another transaction holds it.
    pub async fn try_lock(&mut self, key: i64) -> Result<bool> {
        match self {
            Ex::Sqlite(_) => Ok(true),
            Ex::Postgres(c) => {
                let row = sqlx::query(
                    "SELECT pg_try_advisory_xact_lock($1 # hashtextextended(current_schema(), 0))",
                )
                .bind(key)
                .fetch_one(&mut **c)
                .await
                .map_err(map_err)?;
                row.try_get::<bool, _>(0).map_err(db_err)
            }
        }
    }
}

/// A stable 64-bit lock key for a named resource (FNV-1a).
pub fn lock_key(parts: &[&[u8]]) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.iter().chain(std::iter::once(&0xffu8)) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h as i64
}
