//! Connection pools and transactions for SQLite and PostgreSQL behind one enum.
//!
//! SQLite runs in WAL mode with a one-connection write pool, so writers queue in the pool instead
//! of failing with SQLITE_BUSY, and a separate pool serves concurrent reads.
//!
//! Every commit advances the database's write generation ([`Db::generation`]), which response
//! caches compare to tell whether anything may have changed: this module is the one place
//! transactions commit, so no write path can forget it.

use crate::exec::Ex;
use ironbox_core::{Error, Result};
use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

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
    /// SQLite: one writer connection, several readers, and the write generation of this process
    /// (the serving process is the only writer an embedded database has).
    Sqlite {
        write: SqlitePool,
        read: SqlitePool,
        generation: Arc<AtomicU64>,
    },
    /// PostgreSQL: the pool, and the read connections waiting between requests.
    Postgres(PgPool, Arc<ReadStash>),
}

/// A write transaction.
pub enum Tx {
    /// On SQLite (holds the single writer connection), with the generation its commit advances.
    Sqlite(sqlx::Transaction<'static, Sqlite>, Arc<AtomicU64>),
    /// On PostgreSQL, with the pool that advances the generation after the commit.
    Postgres(sqlx::Transaction<'static, Postgres>, PgPool),
}

/// A pooled read connection.
pub enum Conn {
    /// SQLite reader.
    Sqlite(PoolConnection<Sqlite>),
    /// PostgreSQL connection, back to the read stash when dropped.
    Postgres(Stashed),
}

/// Bumped by every error that may mean a connection is broken (I/O, protocol): stashed read
/// connections put away before it are pinged before their next use.
static BROKEN_EPOCH: AtomicU64 = AtomicU64::new(0);

/// PostgreSQL read connections kept between requests outside sqlx's pool.
///
/// sqlx pings a connection (a round trip to the server) every time one goes back to its pool.
/// Reads are most requests and hold their connection for one or two statements, so that ping
/// was a third of their round trips. A read connection goes here instead and the next read takes
/// it as it is: a statement interrupted by a dropped request is drained by the connection itself
/// before its next statement (sqlx waits for the server's ReadyForQuery first). A connection
/// idle for longer than [`PG_IDLE_PING`], or out while a connection error happened anywhere
/// in this process, is pinged first and replaced if the ping fails. So when the server closes
/// connections (a restart, `pg_terminate_backend`), the requests that fail are those using one
/// at that moment and, within the second after it, the first to take each closed one before
/// any error was seen; the pool's own ping would have spared those last ones. At most half the
/// pool waits here, so writes always find connections in the pool.
#[derive(Debug)]
pub struct ReadStash {
    idle: std::sync::Mutex<Vec<Waiting>>,
    cap: usize,
    /// Set by [`Db::close`]: connections go back to the pool, which waits for them.
    closed: std::sync::atomic::AtomicBool,
}

impl ReadStash {
    fn new(max_connections: u32) -> ReadStash {
        ReadStash {
            idle: std::sync::Mutex::new(Vec::new()),
            cap: (max_connections / 2) as usize,
            closed: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Waiting>> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A stashed connection fit for use, if any.
    async fn take(&self) -> Option<Waiting> {
        loop {
            let mut w = self.lock().pop()?;
            if w.born.elapsed() > STASH_MAX_AGE {
                continue; // back to the pool, which closes connections past its lifetime
            }
            if w.at.elapsed() <= PG_IDLE_PING && w.epoch == BROKEN_EPOCH.load(Ordering::Relaxed) {
                return Some(w);
            }
            if sqlx::Connection::ping(&mut *w.conn).await.is_ok() {
                return Some(w);
            }
            w.conn.close_on_drop();
        }
    }

    fn put(&self, w: Waiting) {
        let mut idle = self.lock();
        if idle.len() < self.cap && !self.closed.load(Ordering::Relaxed) {
            idle.push(w);
            return;
        }
        drop(idle);
        drop(w); // back to sqlx's pool
    }

    /// Hands every stashed connection back to the pool.
    fn drain(&self) {
        self.closed.store(true, Ordering::Relaxed);
        let all = std::mem::take(&mut *self.lock());
        drop(all);
    }

    fn len(&self) -> usize {
        self.lock().len()
    }
}

/// A stashed connection: when it was put away, the error epoch when it was last taken (an
/// error anywhere while it was out gets it pinged before its next use), when it left the pool.
struct Waiting {
    conn: PoolConnection<Postgres>,
    at: Instant,
    epoch: u64,
    born: Instant,
}

impl std::fmt::Debug for Waiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Waiting").field("at", &self.at).finish()
    }
}

/// A PostgreSQL read connection taken from the stash or the pool; dropping it stashes it.
pub struct Stashed {
    conn: Option<Waiting>,
    stash: Arc<ReadStash>,
}

impl std::ops::Deref for Stashed {
    type Target = sqlx::PgConnection;
    fn deref(&self) -> &sqlx::PgConnection {
        match &self.conn {
            Some(w) => &w.conn,
            None => unreachable!("only drop takes the connection"),
        }
    }
}

impl std::ops::DerefMut for Stashed {
    fn deref_mut(&mut self) -> &mut sqlx::PgConnection {
        match &mut self.conn {
            Some(w) => &mut w.conn,
            None => unreachable!("only drop takes the connection"),
        }
    }
}

impl Drop for Stashed {
    fn drop(&mut self) {
        if let Some(mut w) = self.conn.take() {
            w.at = Instant::now();
            self.stash.put(w);
        }
    }
}

/// When this process last refreshed SQLite's planner statistics. A SQLite connection reads the
/// statistics when it opens and does not see later ones, so read connections older than this are
/// replaced when they are next taken from the pool.
pub(crate) static SQLITE_STATS_AT: std::sync::Mutex<Option<std::time::Instant>> =
    std::sync::Mutex::new(None);

/// PostgreSQL tables whose statistics a bulk write refreshed, to be vacuumed after its commit.
/// Index-only scans (the id walks behind deep pages, counts) read the heap for every row until a
/// VACUUM has marked its pages all-visible; autovacuum does that eventually where it is enabled,
/// and not at all where it is off.
pub(crate) static PG_VACUUM_DUE: std::sync::Mutex<
    std::collections::BTreeSet<(String, &'static str)>,
> = std::sync::Mutex::new(std::collections::BTreeSet::new());

/// Vacuums the due tables in the background, one at a time (their ANALYZE already ran inside
/// the writing transaction).
fn vacuum_due(pool: &PgPool) {
    let due: Vec<(String, &'static str)> = match PG_VACUUM_DUE.lock() {
        Ok(mut d) if !d.is_empty() => std::mem::take(&mut *d).into_iter().collect(),
        _ => return,
    };
    let pool = pool.clone();
    tokio::spawn(async move {
        for (schema, t) in due {
            let sql = format!(
                "VACUUM \"{}\".\"{}\"",
                schema.replace('"', "\"\""),
                t.replace('"', "")
            );
            if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&pool).await {
                tracing::warn!(table = t, error = %e, "vacuum after a bulk write failed");
            }
        }
    });
}

fn predates_stats(age: Duration) -> bool {
    SQLITE_STATS_AT
        .lock()
        .ok()
        .and_then(|at| *at)
        .is_some_and(|at| age > at.elapsed())
}

/// A PostgreSQL connection idle longer than this (in the pool or in the read stash) is pinged
/// before it is handed out: a busy instance reuses its connections within milliseconds, and a
/// server restart takes longer.
const PG_IDLE_PING: Duration = Duration::from_secs(1);

/// A read connection older than this goes back to the pool (sqlx closes connections older than
/// its `max_lifetime`, 30 minutes by default, when they are returned).
const STASH_MAX_AGE: Duration = Duration::from_secs(30 * 60);

/// Advances the PostgreSQL write generation (migration 0004 creates the sequence).
const ADVANCE: &str = "SELECT nextval('ironbox_write_seq')";

pub(crate) fn db_err(e: sqlx::Error) -> Error {
    if matches!(
        e,
        sqlx::Error::Io(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::WorkerCrashed
    ) {
        BROKEN_EPOCH.fetch_add(1, Ordering::Relaxed);
    }
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
                .pragma("cache_size", "-20000")
                // The connection's worker thread hands rows over through a bounded channel; at
                // sqlx's default of 50 a page of 100 or 1,000 rows stalls the worker every 50
                // rows until the reader wakes up and drains it (two thread switches each time).
                .row_buffer_size(2048);
            // An embedded connection cannot go away while idle: no ping before handing it out
            // (sqlx's default sends one through the connection's worker thread per acquire).
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(60))
                .connect_with(opts.clone())
                .await
                .map_err(db_err)?;
            let read = SqlitePoolOptions::new()
                .max_connections(max_connections.max(2))
                .test_before_acquire(false)
                .acquire_timeout(Duration::from_secs(30))
                .before_acquire(|_, meta| Box::pin(async move { Ok(!predates_stats(meta.age)) }))
                .connect_with(opts.read_only(true))
                .await
                .map_err(db_err)?;
            Ok(Db::Sqlite {
                write,
                read,
                generation: Arc::new(AtomicU64::new(1)),
            })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let opts = PgConnectOptions::from_str(url).map_err(db_err)?;
            // sqlx pings a connection when it goes back to the pool, and by default again when
            // it comes out: a second round trip per request. A connection idle for a while is
            // still checked before use (the server or a proxy may have closed it meanwhile).
            // Read connections skip the pool between requests altogether (ReadStash).
            let pool = PgPoolOptions::new()
                .max_connections(max_connections)
                .acquire_timeout(Duration::from_secs(30))
                .test_before_acquire(false)
                .before_acquire(|conn, meta| {
                    Box::pin(async move {
                        if meta.idle_for > PG_IDLE_PING {
                            sqlx::Connection::ping(conn).await?;
                        }
                        Ok(true)
                    })
                })
                .connect_with(opts)
                .await
                .map_err(db_err)?;
            Ok(Db::Postgres(
                pool,
                Arc::new(ReadStash::new(max_connections)),
            ))
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
            Db::Postgres(..) => Backend::Postgres,
        }
    }

    /// Starts a write transaction (on SQLite this waits for the single writer connection).
    pub async fn begin(&self) -> Result<Tx> {
        match self {
            Db::Sqlite {
                write, generation, ..
            } => Ok(Tx::Sqlite(
                write.begin_with("BEGIN IMMEDIATE").await.map_err(db_err)?,
                generation.clone(),
            )),
            Db::Postgres(p, _) => Ok(Tx::Postgres(p.begin().await.map_err(db_err)?, p.clone())),
        }
    }

    /// The current write generation: it changes after every committed write transaction, so
    /// anything derived from the data under generation `g` stays valid while it still reads `g`.
    ///
    /// SQLite: a counter in this process, advanced after each commit. PostgreSQL: the sequence
    /// `ironbox_write_seq`, shared by every instance on the database; writers advance it just
    /// before and again just after they commit, readers read `last_value` (no locks, writers
    /// never wait on each other). A reader must read the generation *before* reading the data
    /// it derives from it: an answer read during a commit carries the generation of the
    /// pre-commit advance, which the post-commit advance retires before the writer answers.
    pub async fn generation(&self) -> Result<u64> {
        match self {
            Db::Sqlite { generation, .. } => Ok(generation.load(Ordering::SeqCst)),
            Db::Postgres(..) => {
                let Conn::Postgres(mut c) = self.read().await? else {
                    unreachable!("a PostgreSQL database reads through PostgreSQL connections")
                };
                // `is_called` tells a fresh sequence (1, false) from one advanced once (1, true).
                let v: i64 = sqlx::query_scalar(
                    "SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM ironbox_write_seq",
                )
                    .fetch_one(&mut *c)
                    .await
                    .map_err(db_err)?;
                Ok(v as u64)
            }
        }
    }

    /// True when [`Db::generation`] is a memory read (no query), so callers need not coalesce.
    pub fn generation_is_local(&self) -> bool {
        matches!(self, Db::Sqlite { .. })
    }

    /// Takes a read connection.
    pub async fn read(&self) -> Result<Conn> {
        match self {
            Db::Sqlite { read, .. } => Ok(Conn::Sqlite(read.acquire().await.map_err(db_err)?)),
            Db::Postgres(p, stash) => {
                let epoch = BROKEN_EPOCH.load(Ordering::Relaxed);
                let w = match stash.take().await {
                    Some(w) => Waiting { epoch, ..w },
                    None => Waiting {
                        conn: p.acquire().await.map_err(db_err)?,
                        at: Instant::now(),
                        epoch,
                        born: Instant::now(),
                    },
                };
                Ok(Conn::Postgres(Stashed {
                    conn: Some(w),
                    stash: stash.clone(),
                }))
            }
        }
    }

    /// Pool statistics: (size, idle) summed over pools.
    pub fn pool_stats(&self) -> (u32, u32) {
        match self {
            Db::Sqlite { write, read, .. } => (
                write.size() + read.size(),
                (write.num_idle() + read.num_idle()) as u32,
            ),
            Db::Postgres(p, stash) => (p.size(), (p.num_idle() + stash.len()) as u32),
        }
    }

    /// Closes every pool (waits for connections to be returned).
    pub async fn close(&self) {
        match self {
            Db::Sqlite { write, read, .. } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(p, stash) => {
                stash.drain();
                p.close().await
            }
        }
    }
}

impl Tx {
    /// The executor of this transaction.
    pub fn ex(&mut self) -> Ex<'_> {
        match self {
            Tx::Sqlite(t, _) => Ex::Sqlite(&mut *t),
            Tx::Postgres(t, _) => Ex::Postgres(&mut *t),
        }
    }
    /// Commits, advancing the write generation (see [`Db::generation`]).
    ///
    /// The generation advances whether or not the commit reports success: a failed COMMIT may
    /// still have been applied, and an extra advance only costs cached answers.
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t, generation) => {
                let r = t.commit().await.map_err(db_err);
                generation.fetch_add(1, Ordering::SeqCst);
                r
            }
            Tx::Postgres(mut t, pool) => {
                // Before: nothing cached before this write began is served once it may be
                // visible, even if this process dies between COMMIT and the advance after it.
                sqlx::query(ADVANCE)
                    .execute(&mut *t)
                    .await
                    .map_err(db_err)?;
                let r = t.commit().await.map_err(db_err);
                // After: retires what readers cached while the commit was in flight; the
                // writer answers only once it is done, so later requests never see those.
                let mut bumped = sqlx::query(ADVANCE).execute(&pool).await;
                if bumped.is_err() {
                    bumped = sqlx::query(ADVANCE).execute(&pool).await;
                }
                if let Err(e) = bumped {
                    // The data is committed, so the request succeeded: only answers cached
                    // during the commit may outlive it, until the next write or their age limit.
                    tracing::error!(error = %e, "advancing the write generation after a commit failed");
                }
                if r.is_ok() {
                    vacuum_due(&pool);
                }
                r
            }
        }
    }
    /// Commits bookkeeping that no cached answer shows (a token's `last_used`, a session's
    /// `last_seen`), leaving the write generation as it is: such writes happen on a client's
    /// first request each minute and would otherwise retire every cached answer each time.
    pub async fn commit_bookkeeping(self) -> Result<()> {
        match self {
            Tx::Sqlite(t, _) => t.commit().await.map_err(db_err),
            Tx::Postgres(t, _) => t.commit().await.map_err(db_err),
        }
    }
    /// Rolls back (the data did not change, so the generation stays).
    pub async fn rollback(self) -> Result<()> {
        match self {
            Tx::Sqlite(t, _) => t.rollback().await.map_err(db_err),
            Tx::Postgres(t, _) => t.rollback().await.map_err(db_err),
        }
    }
    /// The backend.
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(..) => Backend::Sqlite,
            Tx::Postgres(..) => Backend::Postgres,
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
