//! Browser sessions stored in the database (`ironbox_session`), shared by every instance.
//!
//! The cookie holds a random key; the table holds its SHA-256 digest, so a copy of the table
//! does not let anyone sign in. Sessions expire after an idle period and at an absolute age.
//! This module stores and expires sessions; it does not decide who may sign in.

use ironbox_core::meta::ColType;
use ironbox_core::{Result, Value};
use ironbox_store::Db;
use sea_query::{Alias, Expr, ExprTrait, Query};
use serde_json::{Map, Value as J};

const TABLE: &str = "ironbox_session";
const COLS: [&str; 9] = [
    "id",
    "user_id",
    "csrf",
    "data",
    "backend",
    "provider_sid",
    "created",
    "last_seen",
    "expires",
];

/// A loaded session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Row id.
    pub id: i64,
    /// The signed-in user, or None before sign-in.
    pub user_id: Option<i64>,
    /// The CSRF token forms and `X-CSRFToken` must carry.
    pub csrf: String,
    /// Flow state (pending OIDC logins, flash messages, ID token for logout).
    pub data: Map<String, J>,
    /// How the user signed in: `local`, `ldap`, `remote`, or `sso:<provider>`.
    pub backend: String,
    /// The OIDC session id the provider named, for back-channel logout.
    pub provider_sid: String,
    /// Last activity (stored format).
    pub last_seen: String,
}

/// Idle and absolute lifetimes, in seconds.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    /// Ends after this long without a request.
    pub idle: u64,
    /// Ends this long after sign-in, whatever the activity.
    pub max: u64,
}

fn digest(key: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(key.as_bytes()))
}

fn random_token() -> String {
    ironbox_auth::token::generate().1
}

fn plus(secs: u64) -> String {
    let d = time::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX / 2));
    ironbox_core::time::format(ironbox_core::time::now_dt() + d)
}

fn minus(secs: u64) -> String {
    let d = time::Duration::seconds(i64::try_from(secs).unwrap_or(i64::MAX / 2));
    ironbox_core::time::format(ironbox_core::time::now_dt() - d)
}

/// Creates a session; returns it and the cookie value (shown only here).
pub async fn create(
    db: &Db,
    life: Lifetimes,
    user_id: Option<i64>,
    backend: &str,
    provider_sid: &str,
    data: Map<String, J>,
) -> Result<(Session, String)> {
    let key = random_token() + &random_token();
    let csrf = random_token();
    let now = ironbox_core::time::now();
    // Anonymous sessions (a login form, a pending SSO redirect) live at most an hour.
    let expires = plus(if user_id.is_some() {
        life.max
    } else {
        std::cmp::Ord::min(life.max, 3600)
    });
    let data_text = J::Object(data.clone()).to_string();
    let mut tx = db.begin().await?;
    // Expired rows are swept whenever a session starts: bounded work, no background task.
    let sweep = Query::delete()
        .from_table(Alias::new(TABLE))
        .and_where(
            Expr::col(Alias::new("expires"))
                .lt(now.clone())
                .or(Expr::col(Alias::new("last_seen")).lt(minus(life.idle))),
        )
        .to_owned();
    tx.ex().delete(&sweep).await?;
    let q = Query::insert()
        .into_table(Alias::new(TABLE))
        .columns(
            [
                "key_digest",
                "user_id",
                "csrf",
                "data",
                "backend",
                "provider_sid",
                "created",
                "last_seen",
                "expires",
            ]
            .map(Alias::new),
        )
        .values_panic([
            Expr::val(digest(&key)),
            Expr::val(ironbox_store::exec::sq(
                &user_id.map(Value::Int).unwrap_or(Value::Null),
                ColType::Int,
            )),
            Expr::val(csrf.clone()),
            Expr::val(data_text),
            Expr::val(backend.to_string()),
            Expr::val(provider_sid.to_string()),
            Expr::val(now.clone()),
            Expr::val(now.clone()),
            Expr::val(expires),
        ])
        .returning_col(Alias::new("id"))
        .to_owned();
    let id = tx.ex().insert(&q).await?;
    tx.commit().await?;
    Ok((
        Session {
            id,
            user_id,
            csrf,
            data,
            backend: backend.to_string(),
            provider_sid: provider_sid.to_string(),
            last_seen: now,
        },
        key,
    ))
}

/// Loads the session a cookie names, if it exists, has not expired and (when signed in)
/// belongs to an active user. Touches `last_seen` at most once a minute.
pub async fn load(db: &Db, life: Lifetimes, key: &str) -> Result<Option<Session>> {
    if key.is_empty() || key.len() > 200 {
        return Ok(None);
    }
    let now = ironbox_core::time::now();
    let q = Query::select()
        .columns(COLS.map(|c| (Alias::new(TABLE), Alias::new(c))))
        .column((Alias::new("users_user"), Alias::new("is_active")))
        .from(Alias::new(TABLE))
        .left_join(
            Alias::new("users_user"),
            Expr::col((Alias::new("users_user"), Alias::new("id")))
                .equals((Alias::new(TABLE), Alias::new("user_id"))),
        )
        .and_where(Expr::col((Alias::new(TABLE), Alias::new("key_digest"))).eq(digest(key)))
        .and_where(Expr::col((Alias::new(TABLE), Alias::new("expires"))).gt(now.clone()))
        .and_where(Expr::col((Alias::new(TABLE), Alias::new("last_seen"))).gt(minus(life.idle)))
        .to_owned();
    let types = [
        ColType::Int,
        ColType::Int,
        ColType::Text,
        ColType::Text,
        ColType::Text,
        ColType::Text,
        ColType::Text,
        ColType::Text,
        ColType::Text,
        ColType::Bool,
    ];
    let rows = {
        let mut conn = db.read().await?;
        conn.ex().fetch(&q, &types).await?
    };
    let Some(r) = rows.into_iter().next() else {
        return Ok(None);
    };
    let user_id = r[1].as_i64();
    if user_id.is_some() && !r[9].as_bool() {
        // The user was switched off: the session ends with it.
        return Ok(None);
    }
    let s = Session {
        id: r[0].as_i64().unwrap_or_default(),
        user_id,
        csrf: r[2].as_str().unwrap_or_default().to_string(),
        data: serde_json::from_str(r[3].as_str().unwrap_or("{}")).unwrap_or_default(),
        backend: r[4].as_str().unwrap_or_default().to_string(),
        provider_sid: r[5].as_str().unwrap_or_default().to_string(),
        last_seen: r[7].as_str().unwrap_or_default().to_string(),
    };
    if s.last_seen < minus(60) {
        let q = Query::update()
            .table(Alias::new(TABLE))
            .value(Alias::new("last_seen"), now)
            .and_where(Expr::col(Alias::new("id")).eq(s.id))
            .to_owned();
        let mut tx = db.begin().await?;
        tx.ex().update(&q).await?;
        tx.commit_bookkeeping().await?;
    }
    Ok(Some(s))
}

/// Saves the session's flow data.
pub async fn save_data(db: &Db, s: &Session) -> Result<()> {
    let q = Query::update()
        .table(Alias::new(TABLE))
        .value(Alias::new("data"), J::Object(s.data.clone()).to_string())
        .and_where(Expr::col(Alias::new("id")).eq(s.id))
        .to_owned();
    let mut tx = db.begin().await?;
    tx.ex().update(&q).await?;
    tx.commit().await
}

/// Ends one session.
pub async fn delete(db: &Db, id: i64) -> Result<()> {
    let q = Query::delete()
        .from_table(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    let mut tx = db.begin().await?;
    tx.ex().delete(&q).await?;
    tx.commit().await
}

/// Ends every session of a user; returns how many.
pub async fn delete_for_user(ex: &mut ironbox_store::Ex<'_>, user_id: i64) -> Result<u64> {
    let q = Query::delete()
        .from_table(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("user_id")).eq(user_id))
        .to_owned();
    ex.delete(&q).await
}

/// Ends the sessions a provider's back-channel logout names (by its `sid`).
pub async fn delete_by_provider_sid(db: &Db, backend: &str, sid: &str) -> Result<u64> {
    let q = Query::delete()
        .from_table(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("backend")).eq(backend))
        .and_where(Expr::col(Alias::new("provider_sid")).eq(sid))
        .to_owned();
    let mut tx = db.begin().await?;
    let n = tx.ex().delete(&q).await?;
    tx.commit().await?;
    Ok(n)
}
