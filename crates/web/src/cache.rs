//! The response cache: GET/HEAD answers of the REST API reused until the data may have changed.
//!
//! An answer is stored under its method, its absolute URL (the base URL that bodies embed, then
//! path and query), the caller's scope (`0` for superusers, the user id otherwise: what a caller
//! may see depends on who they are) and the database's write generation, read *before* the answer
//! is computed. Every committed write advances the generation (`ironbox_store::Db::generation`),
//! so an answer is never served after a write that could change it, whichever table, instance or
//! nested display the write touched. Only `200` answers are kept, as bytes with their headers
//! (ETag included); the `users` app and `/api/status/` are never cached (tokens carry times and
//! secrets, status reads the clock).
//!
//! This module owns keys, storage and the coalesced reading of the generation; it must not know
//! any model's rules, and it never decides anything about permissions beyond keying on the caller.

use crate::AppState;
use crate::auth::Principal;
use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ironbox_store::Db;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Default memory budget of the cache.
pub const DEFAULT_BYTES: usize = 128 * 1024 * 1024;

/// An answer older than this is recomputed even if the generation did not move: a bound on the
/// one case the generation cannot cover (a PostgreSQL writer that died between its COMMIT and the
/// advance after it, see `Db::generation`).
pub const MAX_AGE: Duration = Duration::from_secs(300);

/// Fixed cost counted per entry besides its key and body.
const ENTRY_OVERHEAD: u64 = 256;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    generation: u64,
    scope: i64,
    head: bool,
    /// `proto://host/path?query`.
    target: Box<str>,
}

struct Stored {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    at: Instant,
}

#[derive(Clone)]
struct Weigher;

impl quick_cache::Weighter<Key, Arc<Stored>> for Weigher {
    fn weight(&self, k: &Key, v: &Arc<Stored>) -> u64 {
        k.target.len() as u64 + v.body.len() as u64 + ENTRY_OVERHEAD
    }
}

/// Answers of safe REST requests, keyed by URL, caller and write generation; bounded in bytes.
pub struct ResponseCache {
    entries: Option<quick_cache::sync::Cache<Key, Arc<Stored>, Weigher>>,
    /// Largest body kept.
    max_entry: usize,
    /// Newest generation seen: when it moves, older entries can never be hit again and go.
    latest: AtomicU64,
    poll: GenerationPoll,
    /// Counts of filtered lists by their SQL, with the generation they were counted under.
    pub(crate) counts: std::sync::Mutex<std::collections::HashMap<String, (u64, i64)>>,
    /// Page maps: the ordered ids of a filtered list, by generation and SQL (see `crate::api`).
    pub(crate) pages: quick_cache::sync::Cache<(u64, Box<str>), Arc<[i64]>, IdsWeigher>,
    /// Pages before the map offset answered from a map a deeper page had read.
    pub(crate) shallow_map_pages: AtomicU64,
    /// The newest write generation any page map was read at: shallow pages look for a map only
    /// when one may exist for their generation.
    pub(crate) map_generation: AtomicU64,
}

/// Memory budget of the page maps.
pub const PAGE_MAP_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Clone)]
pub(crate) struct IdsWeigher;

impl quick_cache::Weighter<(u64, Box<str>), Arc<[i64]>> for IdsWeigher {
    fn weight(&self, k: &(u64, Box<str>), v: &Arc<[i64]>) -> u64 {
        k.1.len() as u64 + v.len() as u64 * 8 + ENTRY_OVERHEAD
    }
}

impl Default for ResponseCache {
    fn default() -> Self {
        ResponseCache::new(DEFAULT_BYTES)
    }
}

impl ResponseCache {
    /// A cache holding at most about `bytes` of answers; `0` turns caching off.
    pub fn new(bytes: usize) -> ResponseCache {
        let entries = (bytes > 0).then(|| {
            quick_cache::sync::Cache::with_weighter((bytes / 16_384).max(64), bytes as u64, Weigher)
        });
        ResponseCache {
            entries,
            max_entry: (bytes / 8).min(16 * 1024 * 1024),
            latest: AtomicU64::new(0),
            poll: GenerationPoll::default(),
            counts: Default::default(),
            pages: quick_cache::sync::Cache::with_weighter(256, PAGE_MAP_BYTES, IdsWeigher),
            shallow_map_pages: AtomicU64::new(0),
            map_generation: AtomicU64::new(0),
        }
    }

    /// Number of answers held (for tests and metrics).
    pub fn len(&self) -> usize {
        self.entries.as_ref().map_or(0, |c| c.len())
    }

    /// Number of page maps held (for tests and metrics).
    pub fn page_maps(&self) -> usize {
        self.pages.len()
    }

    /// Number of pages before the map offset that an existing page map answered (for tests).
    pub fn shallow_map_pages(&self) -> u64 {
        self.shallow_map_pages.load(Ordering::Relaxed)
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current write generation, or None when it cannot be read (then nothing is cached).
    async fn generation(&self, db: &Db) -> Option<u64> {
        let g = if db.generation_is_local() {
            db.generation().await.ok()?
        } else {
            self.poll.current(db).await?
        };
        if g > self.latest.fetch_max(g, Ordering::SeqCst)
            && let Some(c) = &self.entries
        {
            c.clear();
        }
        Some(g)
    }
}

/// The caller's scope in keys: superusers see everything alike; anyone else may see only part.
fn scope(p: &Principal) -> i64 {
    // Anonymous callers (LOGIN_REQUIRED off) see only exempt models: a scope of their own.
    if p.actor.user.is_none() {
        -1
    } else if p.superuser {
        0
    } else {
        p.user_id
    }
}

/// Paths whose answers may be reused: the REST API except the users app (tokens carry secrets
/// and `last_used`) and the status endpoint (it reads the clock and the environment).
fn cacheable_path(path: &str) -> bool {
    path.starts_with("/api/") && !path.starts_with("/api/users/") && path != "/api/status/"
}

/// What the middleware needs, behind one pointer (it is cloned for every request).
pub struct Layer {
    db: Db,
    cache: Arc<ResponseCache>,
}

impl Layer {
    /// The middleware state of an application.
    pub fn of(st: &AppState) -> Arc<Layer> {
        Arc::new(Layer {
            db: st.db.clone(),
            cache: st.response_cache.clone(),
        })
    }
}

/// The write generation the response cache read when a request arrived (a request extension):
/// handlers that key their own caches by generation (list counts, page maps) use it instead of
/// reading it again.
#[derive(Clone, Copy, Debug)]
pub struct ReadGeneration(pub u64);

/// Middleware (inside authentication): serves a stored answer or stores the computed one.
pub async fn layer(State(st): State<Arc<Layer>>, mut req: Request, next: Next) -> Response {
    let cache = &st.cache;
    let head = match *req.method() {
        Method::GET => false,
        Method::HEAD => true,
        _ => return next.run(req).await,
    };
    let (Some(entries), Some(p)) = (&cache.entries, req.extensions().get::<Principal>()) else {
        return next.run(req).await;
    };
    if !cacheable_path(req.uri().path()) {
        return next.run(req).await;
    }
    let scope = scope(p);
    let Some(generation) = cache.generation(&st.db).await else {
        metrics::counter!("ironbox_response_cache_requests_total", "result" => "bypass")
            .increment(1);
        return next.run(req).await;
    };
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let key = Key {
        generation,
        scope,
        head,
        target: format!("{}{path_and_query}", crate::api::base_url(req.headers())).into(),
    };
    // `Cache-Control: no-cache` asks for an answer computed afresh (RFC 9111); it is stored.
    let fresh = req
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.contains("no-cache") || v.contains("no-store"));
    if !fresh
        && let Some(s) = entries.get(&key)
        && s.at.elapsed() < MAX_AGE
    {
        metrics::counter!("ironbox_response_cache_requests_total", "result" => "hit").increment(1);
        let mut r = Response::new(Body::from(s.body.clone()));
        *r.status_mut() = s.status;
        *r.headers_mut() = s.headers.clone();
        return r;
    }
    metrics::counter!("ironbox_response_cache_requests_total", "result" => "miss").increment(1);
    req.extensions_mut().insert(ReadGeneration(generation));
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK || resp.headers().contains_key(header::SET_COOKIE) {
        return resp;
    }
    let size = resp.body().size_hint().exact();
    let Some(size) = size.filter(|n| *n as usize <= cache.max_entry) else {
        return resp;
    };
    let (parts, body) = resp.into_parts();
    let bytes = match axum::body::to_bytes(body, size as usize).await {
        Ok(b) => b,
        Err(e) => {
            return crate::error::ApiError(ironbox_core::Error::internal(format!(
                "reading a response body for the cache: {e}"
            )))
            .into_response();
        }
    };
    entries.insert(
        key,
        Arc::new(Stored {
            status: parts.status,
            headers: parts.headers.clone(),
            body: bytes.clone(),
            at: Instant::now(),
        }),
    );
    Response::from_parts(parts, Body::from(bytes))
}

/// Reads the write generation from the database for many concurrent requests at once.
///
/// A request needs a value read *after* it arrived (a write acknowledged before then must be
/// seen). Each request waits for the first read that starts after its arrival; one read serves
/// every request waiting for it, so the database sees at most one generation query in flight per
/// instance however many requests arrive.
#[derive(Default)]
struct GenerationPoll {
    state: std::sync::Mutex<PollState>,
    done: tokio::sync::Notify,
}

#[derive(Default)]
struct PollState {
    /// Reads started so far (ids are 1, 2, …).
    started: u64,
    /// A read is running.
    in_flight: bool,
    /// Id of the last finished read and its value (None: it failed).
    done_id: u64,
    value: Option<u64>,
}

/// Clears the in-flight flag and wakes the waiters if the leading request goes away mid-read.
struct Leader<'a>(&'a GenerationPoll, bool);

impl Drop for Leader<'_> {
    fn drop(&mut self) {
        if self.1 {
            self.0.lock().in_flight = false;
            self.0.done.notify_waiters();
        }
    }
}

impl GenerationPoll {
    fn lock(&self) -> std::sync::MutexGuard<'_, PollState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn current(&self, db: &Db) -> Option<u64> {
        let need = self.lock().started + 1;
        loop {
            let notified = self.done.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let lead = {
                let mut s = self.lock();
                if s.done_id >= need {
                    return s.value;
                }
                if s.in_flight {
                    None
                } else {
                    s.in_flight = true;
                    s.started += 1;
                    Some(s.started)
                }
            };
            let Some(id) = lead else {
                notified.await;
                continue;
            };
            let mut guard = Leader(self, true);
            let value = db.generation().await.ok();
            {
                let mut s = self.lock();
                s.in_flight = false;
                if id > s.done_id {
                    s.done_id = id;
                    s.value = value;
                }
            }
            guard.1 = false;
            self.done.notify_waiters();
            return value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cacheable_path;

    #[test]
    fn users_and_status_are_never_cached() {
        assert!(cacheable_path("/api/ipam/prefixes/"));
        assert!(cacheable_path("/api/dcim/racks/1/elevation/"));
        assert!(!cacheable_path("/api/users/tokens/"));
        assert!(!cacheable_path("/api/users/users/1/"));
        assert!(!cacheable_path("/api/status/"));
        assert!(!cacheable_path("/login/"));
        assert!(!cacheable_path("/metrics"));
    }
}
