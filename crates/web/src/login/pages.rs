//! Handlers of the sign-in pages, the OIDC redirect endpoints and the profile page.

use super::pipeline::{self, LoginError};
use super::session::{self, Session};
use super::{Login, cookie_key, local_target, safe_next};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ironbox_core::Error;
use ironbox_store::crud;
use sea_query::{Alias, Condition, Expr, ExprTrait, Query as Q};
use serde_json::{Map, Value as J, json};
use std::collections::HashMap;

type Params = Query<HashMap<String, String>>;

/// A pending SSO login older than this is refused.
const PENDING_MAX_AGE: i64 = 600;
/// At most this many SSO logins may be pending in one browser session.
const PENDING_MAX: usize = 5;
const CSRF_FAILED: &str = "CSRF verification failed. Request aborted.";

pub(crate) fn redirect(to: &str) -> Response {
    let mut r = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn with_cookie(mut r: Response, v: HeaderValue) -> Response {
    r.headers_mut().append(header::SET_COOKIE, v);
    r
}

pub(crate) fn server_error(e: &Error) -> Response {
    tracing::error!(error = %e, "sign-in request failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Internal server error; the error was logged.",
    )
        .into_response()
}

async fn current(st: &AppState, headers: &HeaderMap) -> Result<Option<Session>, Error> {
    match cookie_key(headers) {
        Some(k) => session::load(&st.db, st.login.lifetimes(), &k).await,
        None => Ok(None),
    }
}

/// The current session, or a new anonymous one (with the cookie to set).
async fn ensure(
    st: &AppState,
    headers: &HeaderMap,
) -> Result<(Session, Option<HeaderValue>), Error> {
    if let Some(s) = current(st, headers).await? {
        return Ok((s, None));
    }
    let (s, key) = session::create(&st.db, st.login.lifetimes(), None, "", "", Map::new()).await?;
    Ok((s, Some(st.login.cookie(Some(&key), false))))
}

pub(crate) fn push_message(s: &mut Session, level: &str, text: &str) {
    let list = s
        .data
        .entry("messages")
        .or_insert_with(|| J::Array(Vec::new()));
    if let J::Array(a) = list {
        a.push(json!({"level": level, "text": text}));
    }
}

/// Returns to the login page with a message (and a log line already written by the caller).
async fn fail(st: &AppState, headers: &HeaderMap, msg: &str) -> Response {
    let (mut s, cookie) = match ensure(st, headers).await {
        Ok(x) => x,
        Err(e) => return server_error(&e),
    };
    push_message(&mut s, "danger", msg);
    if let Err(e) = session::save_data(&st.db, &s).await {
        return server_error(&e);
    }
    let r = redirect("/login/");
    match cookie {
        Some(c) => with_cookie(r, c),
        None => r,
    }
}

/// Starts a signed-in session (a new key: the pre-login one is dropped) and redirects.
async fn sign_in(
    st: &AppState,
    old: Option<&Session>,
    user_id: i64,
    backend: &str,
    sid: &str,
    data: Map<String, J>,
    next: &str,
) -> Response {
    if let Some(o) = old
        && let Err(e) = session::delete(&st.db, o.id).await
    {
        return server_error(&e);
    }
    match session::create(
        &st.db,
        st.login.lifetimes(),
        Some(user_id),
        backend,
        sid,
        data,
    )
    .await
    {
        Ok((_, key)) => {
            tracing::info!(user.id = user_id, login.backend = backend, "signed in");
            let to = safe_next(next).unwrap_or_else(|| "/".into());
            with_cookie(redirect(&to), st.login.cookie(Some(&key), true))
        }
        Err(e) => server_error(&e),
    }
}

pub(crate) fn form(body: &Bytes) -> HashMap<String, String> {
    form_urlencoded::parse(body).into_owned().collect()
}

pub(crate) fn csrf_ok(s: &Session, form: &HashMap<String, String>, headers: &HeaderMap) -> bool {
    let sent = form
        .get("csrfmiddlewaretoken")
        .map(String::as_str)
        .or_else(|| headers.get("x-csrftoken").and_then(|v| v.to_str().ok()))
        .unwrap_or("");
    !s.csrf.is_empty() && ironbox_auth::token::same(sent, &s.csrf)
}

pub(crate) fn csrf_refused(login: &Login) -> Response {
    let mut r = login.render(
        "message.html",
        json!({"title": "Forbidden", "text": CSRF_FAILED, "messages": [], "link": "/login/", "link_text": "Back to the login page", "version": env!("CARGO_PKG_VERSION")}),
    );
    *r.status_mut() = StatusCode::FORBIDDEN;
    r
}

/// The user row of a signed-in session, as templates see it.
pub(crate) async fn user_ctx(
    st: &AppState,
    user_id: i64,
) -> Result<Option<(ironbox_core::meta::Row, J)>, Error> {
    let um = st
        .reg
        .get("users.user")
        .ok_or_else(|| Error::internal("no user model"))?;
    let mut conn = st.db.read().await?;
    let Some(u) = crud::get(&mut conn.ex(), um, user_id).await? else {
        return Ok(None);
    };
    let full = format!("{} {}", u.text("first_name"), u.text("last_name"));
    let display = if full.trim().is_empty() {
        u.text("username").to_string()
    } else {
        full.trim().to_string()
    };
    let j = json!({
        "id": u.id,
        "username": u.text("username"),
        "first_name": u.text("first_name"),
        "last_name": u.text("last_name"),
        "email": u.text("email"),
        "is_superuser": u.get("is_superuser").as_bool(),
        "display": display,
    });
    Ok(Some((u, j)))
}

/// Takes the flash messages out of the session.
pub(crate) async fn take_messages(st: &AppState, s: &mut Session) -> Result<J, Error> {
    match s.data.remove("messages") {
        Some(m) => {
            session::save_data(&st.db, s).await?;
            Ok(m)
        }
        None => Ok(J::Array(Vec::new())),
    }
}

pub(crate) fn base_ctx(csrf: &str, messages: J, user: J) -> Map<String, J> {
    let mut m = Map::new();
    m.insert("csrf".into(), J::String(csrf.to_string()));
    m.insert("messages".into(), messages);
    m.insert("user".into(), user);
    m.insert(
        "version".into(),
        J::String(env!("CARGO_PKG_VERSION").into()),
    );
    m
}

/// `GET /login/`.
pub async fn login_page(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(q): Params,
) -> Response {
    let next = q.get("next").and_then(|n| safe_next(n)).unwrap_or_default();
    let login = &st.login;
    let (mut s, cookie) = match ensure(&st, &headers).await {
        Ok(x) => x,
        Err(e) => return server_error(&e),
    };
    if s.user_id.is_some() {
        return redirect(if next.is_empty() { "/" } else { &next });
    }
    let messages = match take_messages(&st, &mut s).await {
        Ok(m) => m,
        Err(e) => return server_error(&e),
    };
    let quiet = messages.as_array().is_none_or(Vec::is_empty);
    if login.settings.auto_redirect
        && !login.settings.local_form
        && login.providers.len() == 1
        && quiet
        && !q.contains_key("logged_out")
    {
        let p = &login.providers[0].name;
        let mut to = format!("/oauth/login/{p}/");
        if !next.is_empty() {
            to.push_str(&format!("?next={}", urlencode(&next)));
        }
        let r = redirect(&to);
        return match cookie {
            Some(c) => with_cookie(r, c),
            None => r,
        };
    }
    let r = render_login(login, &s, messages, &next, "", "");
    match cookie {
        Some(c) => with_cookie(r, c),
        None => r,
    }
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn render_login(
    login: &Login,
    s: &Session,
    messages: J,
    next: &str,
    error: &str,
    username: &str,
) -> Response {
    let mut ctx = base_ctx(&s.csrf, messages, J::Null);
    ctx.insert("providers".into(), J::Array(login.provider_list()));
    ctx.insert(
        "local_form".into(),
        J::Bool(login.settings.local_form || login.providers.is_empty()),
    );
    ctx.insert("next".into(), J::String(next.into()));
    ctx.insert("error".into(), J::String(error.into()));
    ctx.insert("username".into(), J::String(username.into()));
    login.render("login.html", J::Object(ctx))
}

const WRONG_PASSWORD: &str =
    "Please enter a correct username and password. Note that both fields may be case-sensitive.";

/// Checks a username and password against local accounts, then LDAP.
async fn password_login(
    st: &AppState,
    username: &str,
    password: &str,
) -> Result<(i64, &'static str), LoginError> {
    let local = {
        let mut conn = st.db.read().await?;
        pipeline::user_by_username(&mut conn.ex(), st, username).await?
    };
    if let Some(u) = &local
        && !password.is_empty()
    {
        match ironbox_auth::password::verify(password, u.text("password")) {
            ironbox_auth::password::Verified::No => {}
            _ if !u.get("is_active").as_bool() => {
                return Err(LoginError::Refused(WRONG_PASSWORD.into()));
            }
            _ => {
                let mut tx = st.db.begin().await?;
                let um = st
                    .reg
                    .get("users.user")
                    .ok_or_else(|| Error::internal("no user model"))?;
                let mut cols = indexmap::IndexMap::new();
                cols.insert(
                    "last_login".to_string(),
                    ironbox_core::Value::Text(ironbox_core::time::now()),
                );
                crud::update(&mut tx.ex(), um, u.id, &cols).await?;
                tx.commit().await?;
                return Ok((u.id, "local"));
            }
        }
    }
    if let Some(dir) = &st.login.ldap {
        return super::remote::ldap_login(st, dir, username, password)
            .await
            .map(|id| (id, "ldap"));
    }
    Err(LoginError::Refused(WRONG_PASSWORD.into()))
}

/// `POST /login/`.
pub async fn login_post(State(st): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let f = form(&body);
    let Ok(Some(s)) = current(&st, &headers).await else {
        return csrf_refused(&st.login);
    };
    if !csrf_ok(&s, &f, &headers) {
        return csrf_refused(&st.login);
    }
    let next = f.get("next").and_then(|n| safe_next(n)).unwrap_or_default();
    if !st.login.settings.local_form && !st.login.providers.is_empty() {
        return fail(
            &st,
            &headers,
            "Sign in with your organisation's identity provider.",
        )
        .await;
    }
    let username = f
        .get("username")
        .map(|u| u.trim().to_string())
        .unwrap_or_default();
    let password = f.get("password").cloned().unwrap_or_default();
    match password_login(&st, &username, &password).await {
        Ok((uid, backend)) => sign_in(&st, Some(&s), uid, backend, "", Map::new(), &next).await,
        Err(LoginError::Refused(msg)) => {
            tracing::info!(user.name = %username, "password sign-in refused");
            render_login(&st.login, &s, J::Array(Vec::new()), &next, &msg, &username)
        }
        Err(LoginError::Failed(e)) => server_error(&e),
    }
}

/// `GET /logout/`: a confirmation form (logging out changes state, so it is a POST).
pub async fn logout_page(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let s = match current(&st, &headers).await {
        Ok(Some(s)) if s.user_id.is_some() => s,
        Ok(_) => return redirect("/login/"),
        Err(e) => return server_error(&e),
    };
    let user = match user_ctx(&st, s.user_id.unwrap_or_default()).await {
        Ok(Some((_, u))) => u,
        Ok(None) => J::Null,
        Err(e) => return server_error(&e),
    };
    let mut ctx = base_ctx(&s.csrf, J::Array(Vec::new()), user);
    ctx.insert("title".into(), J::String("Log out".into()));
    ctx.insert("text".into(), J::String("Log out of Ironbox?".into()));
    ctx.insert("form_action".into(), J::String("/logout/".into()));
    ctx.insert("button".into(), J::String("Log out".into()));
    st.login.render("message.html", J::Object(ctx))
}

/// `POST /logout/`: ends the session and, for SSO sessions, the provider's session too.
pub async fn logout_post(State(st): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let f = form(&body);
    let s = match current(&st, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => return redirect("/login/"),
        Err(e) => return server_error(&e),
    };
    if !csrf_ok(&s, &f, &headers) {
        return csrf_refused(&st.login);
    }
    if let Err(e) = session::delete(&st.db, s.id).await {
        return server_error(&e);
    }
    tracing::info!(user.id = s.user_id.unwrap_or_default(), "signed out");
    if let Some(name) = s.backend.strip_prefix("sso:")
        && let Some(p) = st.login.provider(name)
    {
        let post = if p.settings.post_logout_redirect_uri.is_empty() {
            format!("{}/disconnect/{name}/", st.login.base_url(&headers))
        } else {
            p.settings.post_logout_redirect_uri.clone()
        };
        let hint = s.data.get("id_token").and_then(J::as_str);
        if let Some(url) = p.logout_url(hint, &post).await {
            return with_cookie(redirect(&url), st.login.cookie(None, false));
        }
    }
    signed_out(&st).await
}

async fn signed_out(st: &AppState) -> Response {
    let mut data = Map::new();
    data.insert(
        "messages".into(),
        json!([{"level": "info", "text": "You have been logged out."}]),
    );
    match session::create(&st.db, st.login.lifetimes(), None, "", "", data).await {
        Ok((_, key)) => with_cookie(
            redirect("/login/?logged_out=1"),
            st.login.cookie(Some(&key), false),
        ),
        Err(e) => server_error(&e),
    }
}

/// `GET /disconnect/<provider>/`: where the provider returns after logging out.
pub async fn disconnect_landing(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(_provider): Path<String>,
) -> Response {
    if let Ok(Some(s)) = current(&st, &headers).await
        && s.user_id.is_some()
        && let Err(e) = session::delete(&st.db, s.id).await
    {
        return server_error(&e);
    }
    signed_out(&st).await
}

/// `GET /oauth/login/<provider>/`: starts an SSO login (also OIDC third-party-initiated login
/// with `iss`, `login_hint`, `target_link_uri`).
pub async fn oauth_login(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(name): Path<String>,
    Query(q): Params,
) -> Response {
    let Some(p) = st.login.provider(&name).cloned() else {
        tracing::warn!(sso.provider = %name, "login with an unknown provider");
        return fail(&st, &headers, "That sign-in provider is not configured.").await;
    };
    if let Some(iss) = q.get("iss")
        && iss.trim().trim_end_matches('/') != p.issuer()
    {
        tracing::warn!(sso.provider = %name, sso.iss = %iss, "third-party-initiated login names an unknown issuer");
        return fail(
            &st,
            &headers,
            "The sign-in request came from an identity provider this Ironbox does not know.",
        )
        .await;
    }
    let next = match (q.get("target_link_uri"), q.get("next")) {
        (Some(t), _) => match local_target(&st.login, &headers, t) {
            Some(n) => n,
            None => {
                tracing::warn!(sso.provider = %name, target = %t, "target_link_uri is not local");
                return fail(
                    &st,
                    &headers,
                    "The sign-in request asked to continue to a site outside Ironbox.",
                )
                .await;
            }
        },
        (None, Some(n)) => safe_next(n).unwrap_or_default(),
        (None, None) => String::new(),
    };
    let (mut s, cookie) = match ensure(&st, &headers).await {
        Ok(x) => x,
        Err(e) => return server_error(&e),
    };
    if s.user_id.is_some() && q.contains_key("iss") {
        // Already signed in: the dashboard tile just opens Ironbox.
        return redirect(if next.is_empty() { "/" } else { &next });
    }
    let redirect_uri = format!("{}/oauth/complete/{name}/", st.login.base_url(&headers));
    let (url, pending) = match p
        .begin(&redirect_uri, q.get("login_hint").map(String::as_str))
        .await
    {
        Ok(x) => x,
        Err(e) => {
            tracing::warn!(sso.provider = %name, error = %e.detail, "single sign-on could not start");
            return fail(&st, &headers, &e.user).await;
        }
    };
    let now = ironbox_core::time::now_dt().unix_timestamp();
    let flows = s.data.entry("sso").or_insert_with(|| J::Object(Map::new()));
    if let J::Object(m) = flows {
        m.retain(|_, v| {
            v["created"]
                .as_i64()
                .is_some_and(|c| now - c < PENDING_MAX_AGE)
        });
        while m.len() >= PENDING_MAX {
            let oldest = m
                .iter()
                .min_by_key(|(_, v)| v["created"].as_i64().unwrap_or(0))
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => {
                    m.remove(&k);
                }
                None => break,
            }
        }
        m.insert(
            pending.state.clone(),
            json!({"provider": name, "nonce": pending.nonce, "verifier": pending.verifier,
                   "next": next, "created": now, "link": s.user_id.is_some()}),
        );
    }
    if let Err(e) = session::save_data(&st.db, &s).await {
        return server_error(&e);
    }
    let r = redirect(&url);
    match cookie {
        Some(c) => with_cookie(r, c),
        None => r,
    }
}

/// `GET /oauth/complete/<provider>/`: the callback.
pub async fn oauth_complete(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(name): Path<String>,
    Query(q): Params,
) -> Response {
    let Some(p) = st.login.provider(&name).cloned() else {
        return fail(&st, &headers, "That sign-in provider is not configured.").await;
    };
    let mut s = match current(&st, &headers).await {
        Ok(Some(s)) => s,
        Ok(None) => {
            tracing::warn!(sso.provider = %name, "callback without a session");
            return fail(
                &st,
                &headers,
                "Your sign-in attempt expired or your browser blocked cookies. Please try again.",
            )
            .await;
        }
        Err(e) => return server_error(&e),
    };
    let state = q.get("state").cloned().unwrap_or_default();
    // The pending entry is removed before anything else: a state is good for one callback.
    let entry = s
        .data
        .get_mut("sso")
        .and_then(J::as_object_mut)
        .and_then(|m| m.remove(&state));
    if let Err(e) = session::save_data(&st.db, &s).await {
        return server_error(&e);
    }
    if let Some(err) = q.get("error") {
        let desc = q.get("error_description").cloned().unwrap_or_default();
        tracing::warn!(sso.provider = %name, sso.error = %err, sso.error_description = %desc, "provider returned an error");
        let msg = if err == "access_denied" {
            "The identity provider did not let you sign in to Ironbox (access denied).".to_string()
        } else {
            format!("The identity provider could not sign you in ({err}).")
        };
        return fail(&st, &headers, &msg).await;
    }
    let Some(entry) = entry else {
        tracing::warn!(sso.provider = %name, "callback with an unknown or already used state");
        return fail(
            &st,
            &headers,
            "This sign-in attempt is unknown or was already used. Please start again.",
        )
        .await;
    };
    if entry["provider"].as_str() != Some(name.as_str()) {
        tracing::warn!(sso.provider = %name, "callback for a flow started with another provider");
        return fail(
            &st,
            &headers,
            "This sign-in attempt belongs to another provider. Please start again.",
        )
        .await;
    }
    let now = ironbox_core::time::now_dt().unix_timestamp();
    if entry["created"]
        .as_i64()
        .is_none_or(|c| now - c >= PENDING_MAX_AGE)
    {
        return fail(
            &st,
            &headers,
            "This sign-in attempt took too long. Please start again.",
        )
        .await;
    }
    let Some(code) = q.get("code").filter(|c| !c.is_empty()) else {
        return fail(
            &st,
            &headers,
            "The identity provider's answer had no authorization code.",
        )
        .await;
    };
    let pending = ironbox_sso::oidc::Pending {
        state,
        nonce: entry["nonce"].as_str().unwrap_or_default().to_string(),
        verifier: entry["verifier"].as_str().unwrap_or_default().to_string(),
    };
    let redirect_uri = format!("{}/oauth/complete/{name}/", st.login.base_url(&headers));
    let ident = match p.complete(&redirect_uri, code, &pending).await {
        Ok(i) => i,
        Err(e) => {
            tracing::warn!(sso.provider = %name, error = %e.detail, "single sign-on refused");
            return fail(&st, &headers, &e.user).await;
        }
    };
    let linking = if entry["link"].as_bool() == Some(true) {
        s.user_id
    } else {
        None
    };
    let uid = match pipeline::sso_login(&st, &name, &p.settings, &ident, linking).await {
        Ok(u) => u,
        Err(LoginError::Refused(m)) => {
            tracing::warn!(sso.provider = %name, sso.sub = %ident.uid, reason = %m, "single sign-on refused by the login pipeline");
            return fail(&st, &headers, &m).await;
        }
        Err(LoginError::Failed(e)) => {
            tracing::error!(sso.provider = %name, error = %e, "login pipeline failed");
            return fail(
                &st,
                &headers,
                "Sign-in failed because of a server error; it was logged.",
            )
            .await;
        }
    };
    let next = entry["next"].as_str().unwrap_or_default().to_string();
    if linking.is_some() {
        push_message(
            &mut s,
            "success",
            &format!(
                "{} is now linked to your account.",
                p.settings.label.clone()
            ),
        );
        if let Err(e) = session::save_data(&st.db, &s).await {
            return server_error(&e);
        }
        return redirect("/user/profile/");
    }
    let mut data = Map::new();
    if let Some(t) = &ident.id_token {
        data.insert("id_token".into(), J::String(t.clone()));
    }
    sign_in(
        &st,
        Some(&s),
        uid,
        &format!("sso:{name}"),
        ident.sid.as_deref().unwrap_or(""),
        data,
        &next,
    )
    .await
}

/// `POST /oauth/disconnect/<provider>/`: unlinks an identity from the signed-in user.
pub async fn oauth_disconnect(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(name): Path<String>,
    body: Bytes,
) -> Response {
    let f = form(&body);
    let mut s = match current(&st, &headers).await {
        Ok(Some(s)) if s.user_id.is_some() => s,
        Ok(_) => return redirect("/login/?next=/user/profile/"),
        Err(e) => return server_error(&e),
    };
    if !csrf_ok(&s, &f, &headers) {
        return csrf_refused(&st.login);
    }
    match pipeline::unlink(&st, s.user_id.unwrap_or_default(), &name).await {
        Ok(()) => push_message(&mut s, "success", "The identity was unlinked."),
        Err(LoginError::Refused(m)) => push_message(&mut s, "danger", &m),
        Err(LoginError::Failed(e)) => return server_error(&e),
    }
    if let Err(e) = session::save_data(&st.db, &s).await {
        return server_error(&e);
    }
    redirect("/user/profile/")
}

/// `POST /oauth/backchannel-logout/<provider>/`: OIDC back-channel logout.
pub async fn backchannel_logout(
    State(st): State<AppState>,
    Path(name): Path<String>,
    body: Bytes,
) -> Response {
    let bad = || {
        let mut r = (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": "invalid_request"})),
        )
            .into_response();
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    };
    let Some(p) = st.login.provider(&name).cloned() else {
        return bad();
    };
    let f = form(&body);
    let Some(token) = f.get("logout_token") else {
        return bad();
    };
    let (sub, sid) = match p.verify_logout_token(token).await {
        Ok(x) => x,
        Err(e) => {
            tracing::warn!(sso.provider = %name, error = %e.detail, "back-channel logout refused");
            return bad();
        }
    };
    let backend = format!("sso:{name}");
    let mut ended = 0;
    if let Some(sid) = &sid {
        match session::delete_by_provider_sid(&st.db, &backend, sid).await {
            Ok(n) => ended += n,
            Err(e) => return server_error(&e),
        }
    }
    if let Some(sub) = &sub {
        match pipeline::users_of_subject(&st, &name, sub).await {
            Ok(Some(uid)) => {
                let r = async {
                    let mut tx = st.db.begin().await?;
                    let n = session::delete_for_user(&mut tx.ex(), uid).await?;
                    tx.commit().await?;
                    Ok::<u64, Error>(n)
                }
                .await;
                match r {
                    Ok(n) => ended += n,
                    Err(e) => return server_error(&e),
                }
            }
            Ok(None) => {}
            Err(e) => return server_error(&e),
        }
    }
    tracing::info!(sso.provider = %name, sessions = ended, "back-channel logout");
    let mut r = StatusCode::OK.into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// Signed-in session, user row and template user, or a redirect to the login page.
pub(crate) async fn signed_in(
    st: &AppState,
    headers: &HeaderMap,
    here: &str,
) -> Result<(Session, ironbox_core::meta::Row, J), Response> {
    let s = match current(st, headers).await {
        Ok(Some(s)) if s.user_id.is_some() => s,
        Ok(_) => return Err(redirect(&format!("/login/?next={}", urlencode(here)))),
        Err(e) => return Err(server_error(&e)),
    };
    match user_ctx(st, s.user_id.unwrap_or_default()).await {
        Ok(Some((row, u))) => Ok((s, row, u)),
        Ok(None) => Err(redirect("/login/")),
        Err(e) => Err(server_error(&e)),
    }
}

/// `GET /`: the signed-in landing page.
pub async fn home(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let (mut s, _, user) = match signed_in(&st, &headers, "/").await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let messages = match take_messages(&st, &mut s).await {
        Ok(m) => m,
        Err(e) => return server_error(&e),
    };
    let backend = match s.backend.strip_prefix("sso:") {
        Some(n) => st
            .login
            .provider(n)
            .map(|p| p.settings.label.clone())
            .unwrap_or_else(|| n.to_string()),
        None if s.backend == "ldap" => "LDAP".into(),
        None if s.backend == "remote" => "your organisation's proxy".into(),
        None => String::new(),
    };
    let mut ctx = base_ctx(&s.csrf, messages, user);
    ctx.insert("backend".into(), J::String(backend));
    // The application menu and the dashboard counts, as far as the user may see them.
    if let Ok(p) = crate::ui::page(&st, &headers, "/").await {
        ctx.insert("nav".into(), crate::ui::nav(&st, &p.ctx.actor, "/"));
        ctx.insert(
            "theme".into(),
            p.prefs
                .pointer("/ui/theme")
                .cloned()
                .unwrap_or(J::String("auto".into())),
        );
        ctx.insert(
            "counts".into(),
            crate::ui::dashboard_counts(&st, &p.ctx).await,
        );
    }
    st.login.render("home.html", J::Object(ctx))
}

async fn profile_page(
    st: &AppState,
    mut s: Session,
    row: ironbox_core::meta::Row,
    user: J,
    new_token: Option<String>,
) -> Response {
    let r = async {
        let messages = take_messages(st, &mut s).await?;
        let gm = st
            .reg
            .get("users.group")
            .ok_or_else(|| Error::internal("no group model"))?;
        let tm = st
            .reg
            .get("users.token")
            .ok_or_else(|| Error::internal("no token model"))?;
        let mut conn = st.db.read().await?;
        let gids = crud::m2m_get(
            &mut conn.ex(),
            "users_user_groups",
            "user_id",
            "group_id",
            &[row.id],
        )
        .await?
        .remove(&row.id)
        .unwrap_or_default();
        let mut groups: Vec<String> = crud::get_many(&mut conn.ex(), gm, &gids)
            .await?
            .iter()
            .map(|g| g.text("name").to_string())
            .collect();
        groups.sort();
        let ids = pipeline::identities(&mut conn.ex(), row.id).await?;
        let tokens = crud::list(
            &mut conn.ex(),
            tm,
            Condition::all().add(Expr::col(Alias::new("user_id")).eq(row.id)),
            &[],
            Some(200),
            0,
        )
        .await?;
        Ok::<_, Error>((messages, groups, ids, tokens))
    }
    .await;
    let (messages, groups, ids, tokens) = match r {
        Ok(x) => x,
        Err(e) => return server_error(&e),
    };
    let label = |p: &str| {
        st.login
            .provider(p)
            .map(|x| {
                if x.settings.label.is_empty() {
                    x.name.clone()
                } else {
                    x.settings.label.clone()
                }
            })
            .unwrap_or_else(|| p.to_string())
    };
    let identities: Vec<J> = ids
        .iter()
        .map(|(p, uid, last)| json!({"provider": p, "label": label(p), "uid": uid, "last_login": last}))
        .collect();
    let linkable: Vec<J> = st
        .login
        .provider_list()
        .into_iter()
        .filter(|p| {
            !ids.iter()
                .any(|(n, _, _)| Some(n.as_str()) == p["name"].as_str())
        })
        .collect();
    let tokens: Vec<J> = tokens
        .iter()
        .map(|t| {
            json!({"id": t.id,
                   "key": t.get("key").as_str().map(str::to_string).unwrap_or_else(|| format!("v1 token #{}", t.id)),
                   "description": t.text("description"), "write_enabled": t.get("write_enabled").as_bool(),
                   "created": t.text("created"), "expires": t.get("expires").as_str(), "last_used": t.get("last_used").as_str()})
        })
        .collect();
    let mut ctx = base_ctx(&s.csrf, messages, user);
    ctx.insert("groups".into(), json!(groups));
    ctx.insert("identities".into(), J::Array(identities));
    ctx.insert("linkable".into(), J::Array(linkable));
    ctx.insert("tokens".into(), J::Array(tokens));
    ctx.insert(
        "new_token".into(),
        new_token.map(J::String).unwrap_or(J::Null),
    );
    st.login.render("profile.html", J::Object(ctx))
}

/// `GET /user/profile/`.
pub async fn profile(State(st): State<AppState>, headers: HeaderMap) -> Response {
    match signed_in(&st, &headers, "/user/profile/").await {
        Ok((s, row, user)) => profile_page(&st, s, row, user, None).await,
        Err(r) => r,
    }
}

/// `POST /user/tokens/`: creates a token and shows it once.
pub async fn token_create(State(st): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let f = form(&body);
    let (mut s, row, user) = match signed_in(&st, &headers, "/user/profile/").await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &f, &headers) {
        return csrf_refused(&st.login);
    }
    let expires = match f.get("expires").map(|e| e.trim()).filter(|e| !e.is_empty()) {
        Some(e) => match ironbox_core::time::parse(e) {
            Some(t) => Some(t),
            None => {
                push_message(&mut s, "danger", "The expiry date is not a date.");
                return profile_page(&st, s, row, user, None).await;
            }
        },
        None => None,
    };
    let nt = crate::tokens::NewToken {
        version: 2,
        description: f
            .get("description")
            .map(|d| d.chars().take(200).collect())
            .unwrap_or_default(),
        expires,
        enabled: true,
        write_enabled: f.contains_key("write_enabled"),
        allowed_ips: Vec::new(),
    };
    let r = async {
        let mut tx = st.db.begin().await?;
        let out = crate::tokens::issue(&mut tx.ex(), &st.reg, &st.cfg.peppers, row.id, &nt).await?;
        tx.commit().await?;
        Ok::<_, Error>(out)
    }
    .await;
    match r {
        Ok((_, Some(key), secret)) => {
            st.auth_cache.clear();
            profile_page(&st, s, row, user, Some(format!("nbt_{key}.{secret}"))).await
        }
        Ok((_, None, secret)) => profile_page(&st, s, row, user, Some(secret)).await,
        Err(Error::Invalid(fe)) => {
            push_message(
                &mut s,
                "danger",
                &serde_json::to_string(&fe).unwrap_or_default(),
            );
            profile_page(&st, s, row, user, None).await
        }
        Err(e) => server_error(&e),
    }
}

/// `POST /user/tokens/<id>/delete/`: revokes one of the user's tokens.
pub async fn token_delete(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let f = form(&body);
    let (mut s, row, _) = match signed_in(&st, &headers, "/user/profile/").await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if !csrf_ok(&s, &f, &headers) {
        return csrf_refused(&st.login);
    }
    let Ok(id) = id.parse::<i64>() else {
        return redirect("/user/profile/");
    };
    let q = Q::delete()
        .from_table(Alias::new("users_token"))
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .and_where(Expr::col(Alias::new("user_id")).eq(row.id))
        .to_owned();
    let r = async {
        let mut tx = st.db.begin().await?;
        let n = tx.ex().delete(&q).await?;
        tx.commit().await?;
        Ok::<_, Error>(n)
    }
    .await;
    match r {
        Ok(n) => {
            st.auth_cache.clear();
            push_message(
                &mut s,
                if n > 0 { "success" } else { "danger" },
                if n > 0 {
                    "The token was revoked."
                } else {
                    "No such token."
                },
            );
            if let Err(e) = session::save_data(&st.db, &s).await {
                return server_error(&e);
            }
            redirect("/user/profile/")
        }
        Err(e) => server_error(&e),
    }
}

/// `GET /static/ironbox.css`.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        super::CSS,
    )
        .into_response()
}
