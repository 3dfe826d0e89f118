//! API tokens: issuing (plaintext shown once), updating, and `/api/users/tokens/provision/`.

use crate::AppState;
use crate::api::{parse_body, render_one};
use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use indexmap::IndexMap;
use ironbox_auth::{password, token};
use ironbox_core::meta::{Model, Registry, Row};
use ironbox_core::{Error, FieldErrors, Result, Value};
use ironbox_service::Ctx;
use ironbox_service::render::Selection;
use ironbox_store::{Ex, crud};
use sea_query::{Alias, Condition, Expr, ExprTrait};
use serde_json::Value as J;

/// Options of a new token.
#[derive(Debug, Default, Clone)]
pub struct NewToken {
    /// 1 or 2.
    pub version: i64,
    /// Description.
    pub description: String,
    /// Expiry (stored format) or None.
    pub expires: Option<String>,
    /// Enabled.
    pub enabled: bool,
    /// May write.
    pub write_enabled: bool,
    /// Source networks allowed to use it (empty: any).
    pub allowed_ips: Vec<String>,
}

/// Issues a token for a user; returns (token id, key, secret or v1 plaintext).
pub async fn issue(
    ex: &mut Ex<'_>,
    reg: &Registry,
    peppers: &[(i64, String)],
    user_id: i64,
    t: &NewToken,
) -> Result<(i64, Option<String>, String)> {
    let tm = reg
        .get("users.token")
        .ok_or_else(|| Error::internal("no token model"))?;
    let mut cols = IndexMap::new();
    let (key, secret, digest, pepper) = if t.version == 1 {
        let plain = token::generate_v1();
        (None, plain.clone(), token::digest_v1(&plain), None)
    } else {
        let Some((pid, pepper)) = peppers.iter().max_by_key(|(id, _)| *id) else {
            return Err(Error::Invalid(FieldErrors::one(
                "version",
                "v2 tokens need API_TOKEN_PEPPERS (auth.token_peppers) to be configured.",
            )));
        };
        let (k, s) = token::generate();
        let d = token::digest(pepper, &s);
        (Some(k), s, d, Some(*pid))
    };
    cols.insert("version".into(), Value::Int(t.version));
    cols.insert("key".into(), key.clone().map_or(Value::Null, Value::Text));
    cols.insert("user_id".into(), Value::Int(user_id));
    cols.insert("description".into(), Value::Text(t.description.clone()));
    cols.insert("created".into(), Value::Text(ironbox_core::time::now()));
    cols.insert(
        "expires".into(),
        t.expires.clone().map_or(Value::Null, Value::Text),
    );
    cols.insert("last_used".into(), Value::Null);
    cols.insert("enabled".into(), Value::Bool(t.enabled));
    cols.insert("write_enabled".into(), Value::Bool(t.write_enabled));
    cols.insert("pepper_id".into(), pepper.map_or(Value::Null, Value::Int));
    cols.insert(
        "allowed_ips".into(),
        Value::Text(serde_json::to_string(&t.allowed_ips).unwrap_or_else(|_| "[]".into())),
    );
    cols.insert("digest".into(), Value::Text(digest));
    let id = crud::insert(ex, tm, &cols).await?;
    Ok((id, key, secret))
}

fn parse_new(body: &J) -> Result<NewToken> {
    let mut e = FieldErrors::new();
    let version = match body.get("version") {
        None | Some(J::Null) => 2,
        Some(v) => match v.as_i64() {
            Some(1) => 1,
            Some(2) => 2,
            _ => {
                e.add("version", format!("\"{v}\" is not a valid choice."));
                2
            }
        },
    };
    let expires = match body.get("expires") {
        None | Some(J::Null) => None,
        Some(J::String(s)) => {
            match ironbox_core::time::parse(s) {
                Some(t) if t.as_str() <= ironbox_core::time::now().as_str() => {
                    let now = ironbox_core::time::now_dt();
                    e.add(
                    "expires",
                    format!(
                        "Expiration time must be in the future. Current server time is {} (UTC).",
                        ironbox_core::time::format(now).replace('T', " ").trim_end_matches('Z')
                    ),
                );
                    None
                }
                Some(t) => Some(t),
                None => {
                    e.add("expires", "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
                    None
                }
            }
        }
        Some(_) => {
            e.add("expires", "Datetime has wrong format.");
            None
        }
    };
    let b = |k: &str, d: bool, e: &mut FieldErrors| match body.get(k) {
        None | Some(J::Null) => d,
        Some(J::Bool(b)) => *b,
        Some(_) => {
            e.add(k, "Must be a valid boolean.");
            d
        }
    };
    let enabled = b("enabled", true, &mut e);
    let write_enabled = b("write_enabled", true, &mut e);
    let description = body
        .get("description")
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();
    if description.chars().count() > 200 {
        e.add(
            "description",
            "Ensure this field has no more than 200 characters.",
        );
    }
    let allowed_ips: Vec<String> = body
        .get("allowed_ips")
        .and_then(J::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    for n in &allowed_ips {
        if ironbox_core::ip::IpNet::parse(n).is_none() {
            e.add("allowed_ips", format!("Invalid IP network: {n}"));
        }
    }
    e.into_result()?;
    Ok(NewToken {
        version,
        description,
        expires,
        enabled,
        write_enabled,
        allowed_ips,
    })
}

/// Field order of `/api/users/tokens/provision/` answers (NetBox's TokenProvisionSerializer).
const PROVISION_ORDER: &[&str] = &[
    "id",
    "url",
    "display_url",
    "display",
    "version",
    "user",
    "key",
    "created",
    "expires",
    "last_used",
    "enabled",
    "write_enabled",
    "description",
    "allowed_ips",
    "token",
];

async fn created_response(
    st: &AppState,
    c: &Ctx,
    id: i64,
    secret: String,
    provision: bool,
) -> ApiResult<Response> {
    let tm = st
        .reg
        .get("users.token")
        .ok_or_else(|| Error::internal("no token model"))?;
    let mut j = render_one(st, c, tm, id, &Selection::default()).await?;
    if let Some(o) = j.as_object_mut() {
        o.insert("token".into(), J::String(secret));
    }
    if provision && let Some(o) = j.as_object() {
        let ordered: serde_json::Map<String, J> = PROVISION_ORDER
            .iter()
            .filter_map(|k| o.get(*k).map(|v| (k.to_string(), v.clone())))
            .collect();
        return Ok((StatusCode::CREATED, Json(J::Object(ordered))).into_response());
    }
    let mut r = (StatusCode::CREATED, Json(&j)).into_response();
    if let Some(Ok(v)) = j
        .get("url")
        .and_then(J::as_str)
        .map(axum::http::HeaderValue::from_str)
    {
        r.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    Ok(r)
}

/// `POST /api/users/tokens/`: a token for the caller, or for any `user` the caller's token
/// permissions admit.
pub async fn create(st: &AppState, c: &Ctx, p: &Principal, body: &J) -> ApiResult<Response> {
    let um = st
        .reg
        .get("users.user")
        .ok_or_else(|| Error::internal("no user model"))?;
    let t = parse_new(body)?;
    let mut tx = st.db.begin().await?;
    let user_id = match body.get("user") {
        None | Some(J::Null) => {
            return Err(ApiError(Error::Invalid(FieldErrors::one(
                "user",
                "This field is required.",
            ))));
        }
        Some(v) => {
            let mut ex = tx.ex();
            match ironbox_service::write::resolve_fk(&mut ex, c, um, v).await {
                Ok(id) => id,
                Err(msg) => return Err(ApiError(Error::Invalid(FieldErrors::one("user", msg)))),
            }
        }
    };
    let (id, _, secret) = issue(&mut tx.ex(), &st.reg, &st.cfg.peppers, user_id, &t).await?;
    // The token as issued must lie within the caller's `add` permission on tokens (by default:
    // their own tokens only); superusers issue tokens for anyone.
    let tm = st
        .reg
        .get("users.token")
        .ok_or_else(|| Error::internal("no token model"))?;
    use ironbox_service::authz;
    // Someone else's token needs NetBox's `grant_token` action, its constraints read against
    // the new token (`user__…` lookups reach the token's user).
    if user_id != p.user_id
        && (!c.actor.may(tm, "grant_token")
            || !authz::nonconforming(&mut tx.ex(), c, tm, "grant_token", &[id])
                .await?
                .is_empty())
    {
        tx.rollback().await.ok();
        return Err(ApiError(Error::Forbidden(
            "This user does not have permission to create tokens for other users.".into(),
        )));
    }
    if !authz::nonconforming(&mut tx.ex(), c, tm, "add", &[id])
        .await?
        .is_empty()
    {
        tx.rollback().await.ok();
        return Err(ApiError(Error::Forbidden(authz::DENIED.into())));
    }
    tx.commit().await?;
    created_response(st, c, id, secret, false).await
}

/// Token updates: only the descriptive and state fields change; the secret never does.
pub async fn update(
    ex: &mut Ex<'_>,
    c: &Ctx,
    m: &Model,
    old: &Row,
    body: &J,
    partial: bool,
) -> Result<()> {
    let mut filtered = serde_json::Map::new();
    if let Some(o) = body.as_object() {
        for k in [
            "description",
            "expires",
            "enabled",
            "write_enabled",
            "allowed_ips",
        ] {
            if let Some(v) = o.get(k) {
                filtered.insert(k.to_string(), v.clone());
            }
        }
    }
    let _ = partial;
    ironbox_service::write::update(ex, c, m, old, &J::Object(filtered), true).await
}

/// `POST /api/users/tokens/provision/` with username and password.
pub async fn provision(
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(rid): axum::Extension<crate::RequestId>,
    body: Bytes,
) -> ApiResult<Response> {
    let body = parse_body(&body)?;
    let mut e = FieldErrors::new();
    let username = body
        .get("username")
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();
    let pw = body
        .get("password")
        .and_then(J::as_str)
        .unwrap_or("")
        .to_string();
    if username.is_empty() {
        e.add("username", "This field is required.");
    }
    if pw.is_empty() {
        e.add("password", "This field is required.");
    }
    e.into_result()?;
    let t = parse_new(&body)?;
    let um = st
        .reg
        .get("users.user")
        .ok_or_else(|| Error::internal("no user model"))?;
    let mut tx = st.db.begin().await?;
    let user = {
        let mut ex = tx.ex();
        crud::list(
            &mut ex,
            um,
            Condition::all().add(Expr::col(Alias::new("username")).eq(username.clone())),
            &[],
            Some(1),
            0,
        )
        .await?
        .into_iter()
        .next()
    };
    let Some(user) = user.filter(|u| u.get("is_active").as_bool()) else {
        return Err(ApiError(Error::Unauthenticated(
            "Invalid username/password".into(),
        )));
    };
    match password::verify(&pw, user.text("password")) {
        password::Verified::No => {
            return Err(ApiError(Error::Unauthenticated(
                "Invalid username/password".into(),
            )));
        }
        password::Verified::YesRehash => {
            let mut cols = IndexMap::new();
            cols.insert(
                "password".to_string(),
                Value::Text(password::hash(&pw).map_err(Error::internal)?),
            );
            crud::update(&mut tx.ex(), um, user.id, &cols).await?;
        }
        password::Verified::Yes => {}
    }
    let (id, _, secret) = issue(&mut tx.ex(), &st.reg, &st.cfg.peppers, user.id, &t).await?;
    tx.commit().await?;
    let c = Ctx {
        reg: st.reg.clone(),
        base: crate::api::base_url(&headers),
        user: Some((user.id, username)),
        request_id: rid.0,
        actor: ironbox_service::authz::Actor::system(),
    };
    created_response(&st, &c, id, secret, true).await
}
