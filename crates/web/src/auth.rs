//! API authentication: NetBox 4.7 tokens from the Authorization header.
//!
//! NetBox answers 403 (not 401) when credentials are missing or wrong, with its exact messages.

use crate::AppState;
use crate::error::ApiError;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ironbox_auth::token::{self, Presented};
use ironbox_core::meta::Row;
use ironbox_core::{Error, Result, Value};
use ironbox_service::authz::Actor;
use ironbox_store::crud;
use sea_query::{Alias, Condition, Expr, ExprTrait};
use std::net::SocketAddr;
use std::sync::Arc;

/// Credentials verified within the last second, keyed by a digest of the header and the peer.
///
/// Saves the token and user queries on bursts of requests. A token or user changed through this
/// instance clears the cache at once; another instance's change is seen within [`AUTH_TTL`].
#[derive(Default)]
pub struct AuthCache {
    entries: std::sync::Mutex<std::collections::HashMap<[u8; 32], (Principal, std::time::Instant)>>,
}

/// How long a verified credential is trusted without asking the database again.
pub const AUTH_TTL: std::time::Duration = std::time::Duration::from_secs(1);
const AUTH_CACHE_MAX: usize = 10_000;

impl AuthCache {
    fn key(header: &str, peer: Option<std::net::IpAddr>) -> [u8; 32] {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(header.as_bytes());
        h.update(peer.map(|p| p.to_string()).unwrap_or_default().as_bytes());
        h.finalize().into()
    }
    fn get(&self, k: &[u8; 32]) -> Option<Principal> {
        let map = self.entries.lock().ok()?;
        map.get(k)
            .filter(|(_, at)| at.elapsed() < AUTH_TTL)
            .map(|(p, _)| p.clone())
    }
    fn put(&self, k: [u8; 32], p: Principal) {
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= AUTH_CACHE_MAX {
                map.retain(|_, (_, at)| at.elapsed() < AUTH_TTL);
                if map.len() >= AUTH_CACHE_MAX {
                    map.clear();
                }
            }
            map.insert(k, (p, std::time::Instant::now()));
        }
    }
    /// Forgets every cached credential (after a token or user changed).
    pub fn clear(&self) {
        if let Ok(mut map) = self.entries.lock() {
            map.clear();
        }
    }
}

/// Who is calling.
#[derive(Clone, Debug)]
pub struct Principal {
    /// User id.
    pub user_id: i64,
    /// Username.
    pub username: String,
    /// May this credential write?
    pub write_enabled: bool,
    /// Superuser flag.
    pub superuser: bool,
    /// The user's permissions, loaded with the credential.
    pub actor: Arc<Actor>,
}

/// Loads the active user behind a token row, checking the token's own state.
pub async fn check_token(
    st: &AppState,
    tok: Row,
    peer: Option<std::net::IpAddr>,
) -> Result<Principal> {
    if !tok.get("enabled").as_bool() {
        return Err(Error::Unauthenticated("Token disabled".into()));
    }
    if let Some(exp) = tok.get("expires").as_str()
        && exp <= ironbox_core::time::now().as_str()
    {
        return Err(Error::Unauthenticated("Token expired".into()));
    }
    let allowed = tok.text("allowed_ips");
    if !allowed.trim().is_empty() && allowed.trim() != "[]" {
        let list: Vec<String> = serde_json::from_str(allowed).unwrap_or_default();
        let ok = peer.is_some_and(|p| {
            let pn = ironbox_core::ip::IpNet::parse(&p.to_string());
            list.iter().any(|n| matches!((ironbox_core::ip::IpNet::parse(n), pn), (Some(n), Some(p)) if n.network().contains(&p)))
        });
        if !ok {
            return Err(Error::Unauthenticated(format!(
                "Source IP {} is not permitted to authenticate using this token.",
                peer.map(|p| p.to_string()).unwrap_or_default()
            )));
        }
    }
    let um = st
        .reg
        .get("users.user")
        .ok_or_else(|| Error::internal("no user model"))?;
    let mut conn = st.db.read().await?;
    let user = crud::get(&mut conn.ex(), um, tok.int("user_id").unwrap_or(-1)).await?;
    let Some(user) = user.filter(|u| u.get("is_active").as_bool()) else {
        return Err(Error::Unauthenticated("User account is disabled.".into()));
    };
    let superuser = user.get("is_superuser").as_bool();
    let actor = Actor::load(
        &mut conn.ex(),
        &st.reg,
        st.cfg.policy.clone(),
        user.id,
        superuser,
    )
    .await?;
    drop(conn);
    touch_last_used(st, &tok).await?;
    Ok(Principal {
        user_id: user.id,
        username: user.text("username").to_string(),
        write_enabled: tok.get("write_enabled").as_bool(),
        superuser,
        actor,
    })
}

/// Writes `last_used` at most once a minute per token.
async fn touch_last_used(st: &AppState, tok: &Row) -> Result<()> {
    let now = ironbox_core::time::now_dt();
    let stale = match tok
        .get("last_used")
        .as_str()
        .and_then(ironbox_core::time::parse_dt)
    {
        Some(t) => (now - t).whole_seconds() >= 60,
        None => true,
    };
    if stale {
        let tm = st
            .reg
            .get("users.token")
            .ok_or_else(|| Error::internal("no token model"))?;
        let mut tx = st.db.begin().await?;
        let mut cols = indexmap::IndexMap::new();
        cols.insert(
            "last_used".to_string(),
            Value::Text(ironbox_core::time::format(now)),
        );
        crud::update(&mut tx.ex(), tm, tok.id, &cols).await?;
        tx.commit_bookkeeping().await?;
    }
    Ok(())
}

/// Finds the token row an Authorization header presents.
pub async fn lookup(st: &AppState, header: &str) -> Result<Row> {
    let tm = st
        .reg
        .get("users.token")
        .ok_or_else(|| Error::internal("no token model"))?;
    let mut conn = st.db.read().await?;
    match token::parse_header(header) {
        Presented::V2 { key, secret } => {
            let cond = Condition::all()
                .add(Expr::col(Alias::new("key")).eq(key))
                .add(Expr::col(Alias::new("version")).eq(2));
            let tok = crud::list(&mut conn.ex(), tm, cond, &[], Some(1), 0)
                .await?
                .into_iter()
                .next();
            let Some(tok) = tok else {
                return Err(Error::Unauthenticated("Invalid v2 token".into()));
            };
            let pid = tok.int("pepper_id").unwrap_or(-1);
            let Some((_, pepper)) = st.cfg.peppers.iter().find(|(id, _)| *id == pid) else {
                return Err(Error::Unauthenticated("Invalid v2 token".into()));
            };
            if token::same(&token::digest(pepper, &secret), tok.text("digest")) {
                Ok(tok)
            } else {
                Err(Error::Unauthenticated("Invalid v2 token".into()))
            }
        }
        Presented::V1(plain) => {
            let cond = Condition::all()
                .add(Expr::col(Alias::new("digest")).eq(token::digest_v1(&plain)))
                .add(Expr::col(Alias::new("version")).eq(1));
            crud::list(&mut conn.ex(), tm, cond, &[], Some(1), 0)
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| Error::Unauthenticated("Invalid v1 token".into()))
        }
        Presented::Malformed(msg) => Err(Error::Unauthenticated(msg.into())),
        Presented::NoCredentials => Err(Error::Unauthenticated(NO_CREDENTIALS.into())),
    }
}

/// NetBox's answer when no usable credentials came with the request.
pub const NO_CREDENTIALS: &str = "Authentication credentials were not provided.";

/// Middleware: resolves the caller or refuses with NetBox's 403 bodies.
pub async fn authenticate(State(st): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if path == "/api/users/tokens/provision/" {
        return next.run(req).await;
    }
    let Some(h) = req
        .headers()
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
    else {
        let (headers, method) = (req.headers().clone(), req.method().clone());
        return match session_principal(&st, &headers, &method).await {
            Ok(p) => {
                req.extensions_mut().insert(p);
                next.run(req).await
            }
            // Without LOGIN_REQUIRED, anonymous callers may read what is exempt from view
            // permissions (NetBox's IsAuthenticatedOrLoginNotRequired).
            Err(Error::Unauthenticated(_))
                if !st.cfg.policy.login_required
                    && matches!(method, Method::GET | Method::HEAD | Method::OPTIONS) =>
            {
                req.extensions_mut().insert(Principal {
                    user_id: 0,
                    username: String::new(),
                    write_enabled: false,
                    superuser: false,
                    actor: Actor::anonymous(st.cfg.policy.clone()),
                });
                next.run(req).await
            }
            Err(e) => ApiError(e).into_response(),
        };
    };
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let key = AuthCache::key(&h, peer);
    let p = match st.auth_cache.get(&key) {
        Some(p) => p,
        None => {
            let p = match lookup(&st, &h).await {
                Ok(tok) => match check_token(&st, tok, peer).await {
                    Ok(p) => p,
                    Err(e) => return ApiError(e).into_response(),
                },
                Err(e) => return ApiError(e).into_response(),
            };
            st.auth_cache.put(key, p.clone());
            p
        }
    };
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !p.write_enabled {
        return ApiError(Error::Forbidden(
            "You do not have permission to perform this action.".into(),
        ))
        .into_response();
    }
    req.extensions_mut().insert(p);
    next.run(req).await
}

/// The signed-in browser session behind the `sessionid` cookie, as NetBox's API accepts it;
/// unsafe methods must carry the session's CSRF token in `X-CSRFToken` (DRF's rule).
async fn session_principal(
    st: &AppState,
    headers: &axum::http::HeaderMap,
    method: &Method,
) -> Result<Principal> {
    let Some(key) = crate::login::cookie_key(headers) else {
        return Err(Error::Unauthenticated(NO_CREDENTIALS.into()));
    };
    let s = crate::login::session::load(&st.db, st.login.lifetimes(), &key).await?;
    let Some((s, uid)) = s.and_then(|s| s.user_id.map(|u| (s, u))) else {
        return Err(Error::Unauthenticated(NO_CREDENTIALS.into()));
    };
    if !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        let sent = headers
            .get("x-csrftoken")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if sent.is_empty() {
            return Err(Error::Forbidden("CSRF Failed: CSRF token missing.".into()));
        }
        if !token::same(sent, &s.csrf) {
            return Err(Error::Forbidden(
                "CSRF Failed: CSRF token incorrect.".into(),
            ));
        }
    }
    let um = st
        .reg
        .get("users.user")
        .ok_or_else(|| Error::internal("no user model"))?;
    let mut conn = st.db.read().await?;
    let user = crud::get(&mut conn.ex(), um, uid)
        .await?
        .filter(|u| u.get("is_active").as_bool())
        .ok_or_else(|| Error::Unauthenticated(NO_CREDENTIALS.into()))?;
    let superuser = user.get("is_superuser").as_bool();
    let actor = Actor::load(
        &mut conn.ex(),
        &st.reg,
        st.cfg.policy.clone(),
        user.id,
        superuser,
    )
    .await?;
    Ok(Principal {
        user_id: user.id,
        username: user.text("username").to_string(),
        write_enabled: true,
        superuser,
        actor,
    })
}
