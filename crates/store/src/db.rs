//! Connection pools and transactions for SQLite and PostgreSQL behind one enum.
//!
//! SQLite runs in WAL mode with a one-connection write pool, so writers queue in the pool instead
//! of failing with SQLITE_BUSY, and a separate pool serves concurrent reads.

use crate::exec::Ex;
use ironbox_core::{Error, Result};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// Which database engine a handle talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL 15+.
    Postgres,
}

/// A database: the pools of one backend.
#[derive(Debug, Clone)]
pub enum Db {
    /// SQLite: one writer connection, several readers.
    Sqlite { write: SqlitePool, read: SqlitePool },
    /// PostgreSQL.
    Postgres(PgPool),
}

/// A write transaction.
pub enum Tx {
    /// On SQLite (holds the single writer connection).
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    /// On PostgreSQL.
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// A pooled read connection.
pub enum Conn {
    /// SQLite reader.
    Sqlite(PoolConnection<Sqlite>),
    /// PostgreSQL connection.
    Postgres(PoolConnection<Postgres>),
}

/// When this process last refreshed SQLite's planner statistics. A SQLite connection reads the
/// statistics when it opens and does not see later ones, so read connections older than this are
/// replaced when they are next taken from the pool.
pub(crate) static SQLITE_STATS_AT: std::sync::Mutex<Option<std::time::Instant>> =
    std::sync::Mutex::new(None);

fn predates_stats(age: Duration) -> bool {
    SQLITE_STATS_AT
        .lock()
        .ok()
        .and_then(|at| *at)
        .is_some_and(|at| age > at.elapsed())
}

pub(crate) fn db_err(e: sqlx::Error) -> Error {
    Error::Internal(format!("database: {e}"))
}

impl Db {
    /// Connects to `sqlite://…` or `postgres://…`, creating the SQLite file if needed.
    pub async fn connect(url: &str, max_connections: u32) -> Result<Db> {
        if url.starts_with("sqlite:") {
            let opts = SqliteConnectOptions::from_str(url)
                .map_err(db_err)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(30))
                .pragma("cache_size", "-20000");
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(60))
                .connect_with(opts.clone())
                .await
                .map_err(db_err)?;
            let read = SqlitePoolOptions::new()
                .max_connections(max_connections.max(2))
                .acquire_timeout(Duration::from_secs(30))
                .before_acquire(|_, meta| Box::pin(async move { Ok(!predates_stats(meta.age)) }))
                .connect_with(opts.read_only(true))
                .await
                .map_err(db_err)?;
            Ok(Db::Sqlite { write, read })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url).map_err(db_err)?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(30))
                .connect_with(opts)
                .await
                .map_err(db_err)?;
            Ok(Db::Postgres(pool))
        } else {
            Err(Error::BadRequest(format!(
                "unsupported database URL scheme: {}",
                url.split(':').next().unwrap_or("")
            )))
        }
    }

    /// The backend.
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Starts a write transaction (on SQLite this waits for the single writer connection).
    pub async fn begin(&self) -> Result<Tx> {
        match self {
            Db::Sqlite { write, .. } => Ok(Tx::Sqlite(
                write.begin_with("BEGIN IMMEDIATE").await.map_err(db_err)?,
            )),
            Db::Postgres(p) => Ok(Tx::Postgres(p.begin().await.map_err(db_err)?)),
        }
    }

    /// Takes a read connection.
    pub async fn read(&self) -> Result<Conn> {
        match self {
            Db::Sqlite { read, .. } => Ok(Conn::Sqlite(read.acquire().await.map_err(db_err)?)),
            Db::Postgres(p) => Ok(Conn::Postgres(p.acquire().await.map_err(db_err)?)),
        }
    }

    /// Pool statistics: (size, idle) summed over pools.
    pub fn pool_stats(&self) -> (u32, u32) {
        match self {
            Db::Sqlite { write, read } => (
                write.size() + read.size(),
                (write.num_idle() + read.num_idle()) as u32,
            ),
            Db::Postgres(p) => (p.size(), p.num_idle() as u32),
        }
    }

    /// Closes every pool (waits for connections to be returned).
    pub async fn close(&self) {
        match self {
            Db::Sqlite { write, read } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    /// The executor of this transaction.
    pub fn ex(&mut self) -> Ex<'_> {
        match self {
            Tx::Sqlite(t) => Ex::Sqlite(&mut *t),
            Tx::Postgres(t) => Ex::Postgres(&mut *t),
        }
    }
    /// Commits.
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await.map_err(db_err),
            Tx::Postgres(t) => t.commit().await.map_err(db_err),
        }
    }
    /// Rolls back.
    pub async fn rollback(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.rollback().await.map_err(db_err),
            Tx::Postgres(t) => t.rollback().await.map_err(db_err),
        }
    }
    /// The backend.
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}

impl Conn {
    /// The executor of this connection.
    pub fn ex(&mut self) -> Ex<'_> {
        match self {
            Conn::Sqlite(c) => Ex::Sqlite(&mut *c),
            Conn::Postgres(c) => Ex::Postgres(&mut *c),
        }
    }
}
