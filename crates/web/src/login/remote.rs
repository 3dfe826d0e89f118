//! Logins that arrive with their proof: authenticating-proxy headers (NetBox's
//! `REMOTE_AUTH_*`, believed only from trusted proxy addresses) and LDAP binds.

use super::pipeline::{self, LoginError, Profile};
use super::{RemoteAuthSettings, cookie_key, session};
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ironbox_core::Error;
use ironbox_sso::ldap::{Directory, first_rdn_value, group_matches};
use std::collections::BTreeSet;
use std::net::IpAddr;

/// NetBox names headers the WSGI way (`HTTP_REMOTE_USER`); HTTP calls it `Remote-User`.
pub fn header_name(setting: &str) -> String {
    match setting.strip_prefix("HTTP_") {
        Some(rest) => rest.replace('_', "-"),
        None => setting.to_string(),
    }
}

/// Whether a peer is one of the trusted proxies.
pub fn trusted(rs: &RemoteAuthSettings, peer: Option<IpAddr>) -> bool {
    let Some(p) = peer.and_then(|p| ironbox_core::ip::IpNet::parse(&p.to_string())) else {
        return false;
    };
    rs.trusted_proxies
        .iter()
        .any(|n| ironbox_core::ip::IpNet::parse(n).is_some_and(|n| n.network().contains(&p)))
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(header_name(name).as_str())
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Middleware on the page routes: signs in the user a trusted proxy names.
pub async fn middleware(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let rs = &st.login.settings.remote_auth;
    if !rs.enabled || req.method() != Method::GET {
        return next.run(req).await;
    }
    let Some(username) = header(req.headers(), &rs.header) else {
        return next.run(req).await;
    };
    let peer = super::peer(req.extensions());
    if !trusted(rs, peer) {
        tracing::warn!(peer = ?peer, user.name = %username, "remote user header from an untrusted address ignored");
        return next.run(req).await;
    }
    let current = match cookie_key(req.headers()) {
        Some(k) => session::load(&st.db, st.login.lifetimes(), &k)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    if let Some(s) = &current
        && s.backend == "remote"
        && s.data.get("remote_user").and_then(|v| v.as_str()) == Some(username.as_str())
    {
        return next.run(req).await;
    }
    let groups = header(req.headers(), &rs.group_header).unwrap_or_default();
    match remote_login(&st, rs, &username, &groups).await {
        Ok(uid) => {
            if let Some(s) = &current {
                let _ = session::delete(&st.db, s.id).await;
            }
            let mut data = serde_json::Map::new();
            data.insert(
                "remote_user".into(),
                serde_json::Value::String(username.clone()),
            );
            match session::create(&st.db, st.login.lifetimes(), Some(uid), "remote", "", data).await
            {
                Ok((_, key)) => {
                    tracing::info!(user.name = %username, "signed in by the authenticating proxy");
                    let to = req
                        .uri()
                        .path_and_query()
                        .map(|p| p.as_str().to_string())
                        .unwrap_or_else(|| "/".into());
                    let mut r = StatusCode::FOUND.into_response();
                    if let Ok(v) = HeaderValue::from_str(&to) {
                        r.headers_mut().insert(header::LOCATION, v);
                    }
                    r.headers_mut()
                        .append(header::SET_COOKIE, st.login.cookie(Some(&key), true));
                    r
                }
                Err(e) => {
                    tracing::error!(error = %e, "session could not be created");
                    (StatusCode::INTERNAL_SERVER_ERROR, "Internal server error").into_response()
                }
            }
        }
        Err(LoginError::Refused(m)) => {
            tracing::warn!(user.name = %username, reason = %m, "proxy-named user refused");
            let mut r = st.login.render(
                "message.html",
                serde_json::json!({"title": "Access denied", "text": m, "messages": [], "version": env!("CARGO_PKG_VERSION")}),
            );
            *r.status_mut() = StatusCode::FORBIDDEN;
            r
        }
        Err(LoginError::Failed(e)) => {
            tracing::error!(error = %e, "proxy login failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal server error").into_response()
        }
    }
}

/// Signs in the user a trusted proxy named.
pub async fn remote_login(
    st: &AppState,
    rs: &RemoteAuthSettings,
    username: &str,
    group_header: &str,
) -> Result<i64, LoginError> {
    let name = pipeline::clean_username(username);
    if name.is_empty() {
        return Err(LoginError::Refused(
            "The proxy named no usable user.".into(),
        ));
    }
    let mut tx = st.db.begin().await?;
    let existing = pipeline::user_by_username(&mut tx.ex(), st, &name).await?;
    let um = st
        .reg
        .get("users.user")
        .ok_or_else(|| Error::internal("no user model"))?;
    let user = match existing {
        Some(u) => u,
        None if rs.auto_create_user => {
            let id = pipeline::create_user(&mut tx.ex(), st, &name).await?;
            ironbox_store::crud::get(&mut tx.ex(), um, id)
                .await?
                .ok_or_else(|| Error::internal("created user vanished"))?
        }
        None => {
            return Err(LoginError::Refused(
                "You have no Ironbox account, and accounts are not created automatically.".into(),
            ));
        }
    };
    if !user.get("is_active").as_bool() {
        return Err(LoginError::Refused(
            "Your Ironbox account is disabled.".into(),
        ));
    }
    let asserted: Vec<String> = if rs.group_sync_enabled {
        group_header
            .split(rs.group_separator.as_str())
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    let mut groups: BTreeSet<String> = rs.default_groups.iter().cloned().collect();
    groups.extend(asserted.iter().cloned());
    let named_su = rs.superusers.iter().any(|s| s == &name);
    let superuser = if rs.group_sync_enabled {
        Some(named_su || asserted.iter().any(|g| rs.superuser_groups.contains(g)))
    } else if named_su {
        Some(true)
    } else {
        None
    };
    let profile = Profile {
        groups,
        managed_all: rs.group_sync_enabled,
        superuser,
        create_groups: rs.group_sync_enabled,
        ..Profile::default()
    };
    pipeline::apply_profile(&mut tx.ex(), st, &user, &profile).await?;
    tx.commit().await?;
    st.auth_cache.clear();
    Ok(user.id)
}

/// Signs in with an LDAP bind; maps groups, superuser and the required group.
pub async fn ldap_login(
    st: &AppState,
    dir: &Directory,
    username: &str,
    password: &str,
) -> Result<i64, LoginError> {
    let s = &dir.settings;
    let lu = match dir.authenticate(username, password).await {
        Ok(Some(u)) => u,
        Ok(None) => return Err(LoginError::Refused(Directory::wrong_credentials().into())),
        Err(e) => {
            tracing::warn!(error = %e.detail, "LDAP sign-in failed");
            return Err(LoginError::Refused(e.user));
        }
    };
    let name = pipeline::clean_username(username);
    let mut tx = st.db.begin().await?;
    let existing = pipeline::user_by_username(&mut tx.ex(), st, &name).await?;
    if !s.require_group.is_empty() && !lu.in_group(&s.require_group) {
        if let Some(u) = &existing
            && u.get("is_active").as_bool()
        {
            // The directory no longer lets this person in: the account and its credentials end.
            pipeline::deactivate(&mut tx.ex(), st, u.id).await?;
            tx.commit().await?;
            tracing::info!(user.name = %name, "user switched off: no longer in the required LDAP group");
        }
        return Err(LoginError::Refused(
            "Your directory account is not allowed to sign in to Ironbox.".into(),
        ));
    }
    let um = st
        .reg
        .get("users.user")
        .ok_or_else(|| Error::internal("no user model"))?;
    let user = match existing {
        Some(u) => u,
        None if s.auto_create => {
            let id = pipeline::create_user(&mut tx.ex(), st, &name).await?;
            ironbox_store::crud::get(&mut tx.ex(), um, id)
                .await?
                .ok_or_else(|| Error::internal("created user vanished"))?
        }
        None => {
            return Err(LoginError::Refused(
                "You have no Ironbox account, and accounts are not created automatically.".into(),
            ));
        }
    };
    if !user.get("is_active").as_bool() {
        return Err(LoginError::Refused(
            "Your Ironbox account is disabled.".into(),
        ));
    }
    let mut groups = BTreeSet::new();
    let mut managed: BTreeSet<String> = s.group_map.values().flatten().cloned().collect();
    for dn in &lu.groups {
        for (k, targets) in &s.group_map {
            if group_matches(dn, k) {
                groups.extend(targets.iter().cloned());
            }
        }
        if s.mirror_groups {
            let cn = first_rdn_value(dn).to_string();
            managed.insert(cn.clone());
            groups.insert(cn);
        }
    }
    let profile = Profile {
        fields: ["first_name", "last_name", "email"]
            .into_iter()
            .map(|f| (f, lu.fields.get(f).cloned().unwrap_or_default()))
            .collect(),
        protected: Vec::new(),
        groups,
        managed,
        managed_all: false,
        superuser: (!s.superuser_group.is_empty()).then(|| lu.in_group(&s.superuser_group)),
        create_groups: s.create_groups,
    };
    pipeline::apply_profile(&mut tx.ex(), st, &user, &profile).await?;
    tx.commit().await?;
    st.auth_cache.clear();
    Ok(user.id)
}
