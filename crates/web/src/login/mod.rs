//! Browser sign-in: the login page, sessions, single sign-on (OIDC/OAuth2), LDAP and
//! authenticating-proxy headers, plus the signed-in landing and profile pages.
//!
//! Pages are server-rendered minijinja templates (`crates/web/templates/`) that work without
//! JavaScript. Protocol work lives in `ironbox-sso`; this module keeps sessions, CSRF, redirects
//! and the login pipeline. It never answers bad input with a 500: every failed sign-in goes
//! back to `/login/` with a message and a log line.

pub mod pages;
pub mod pipeline;
pub mod remote;
pub mod session;

use crate::AppState;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ironbox_sso::ldap::Directory;
use ironbox_sso::oidc::Provider;
use ironbox_sso::{LdapSettings, ProviderSettings};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::Arc;

/// Name of the session cookie (Django's, so proxies configured for NetBox keep working).
pub const COOKIE: &str = "sessionid";

/// When the session cookie carries `Secure`.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum CookieSecure {
    /// When `public_url` is https.
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never (plain-HTTP development only).
    Never,
}

/// Authenticating-proxy settings (NetBox's `REMOTE_AUTH_*`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RemoteAuthSettings {
    /// Honour the user header.
    pub enabled: bool,
    /// Header naming the user (`Remote-User`; NetBox's `HTTP_REMOTE_USER` spelling is accepted).
    pub header: String,
    /// Create users the proxy names for the first time.
    pub auto_create_user: bool,
    /// Groups every such user is put in.
    pub default_groups: Vec<String>,
    /// Take groups from `group_header`.
    pub group_sync_enabled: bool,
    /// Header listing the user's groups.
    pub group_header: String,
    /// Separator in the group header.
    pub group_separator: String,
    /// Groups whose members are superusers.
    pub superuser_groups: Vec<String>,
    /// Usernames that are superusers.
    pub superusers: Vec<String>,
    /// Addresses or networks of the proxies whose headers are believed; others are ignored.
    pub trusted_proxies: Vec<String>,
}

impl Default for RemoteAuthSettings {
    fn default() -> Self {
        RemoteAuthSettings {
            enabled: false,
            header: "Remote-User".into(),
            auto_create_user: false,
            default_groups: Vec::new(),
            group_sync_enabled: false,
            group_header: "Remote-User-Group".into(),
            group_separator: "|".into(),
            superuser_groups: Vec::new(),
            superusers: Vec::new(),
            trusted_proxies: Vec::new(),
        }
    }
}

/// Sign-in settings (`[login]`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoginSettings {
    /// The URL people reach Ironbox at (`https://ironbox.example.net`); redirect URIs are built
    /// from it. Empty: taken from the request's Host header.
    pub public_url: String,
    /// Show the username/password form.
    pub local_form: bool,
    /// With the form hidden and one provider, go straight to it.
    pub auto_redirect: bool,
    /// A session ends after this many seconds without a request.
    pub session_idle_seconds: u64,
    /// A session ends this many seconds after sign-in.
    pub session_max_seconds: u64,
    /// `auto`, `always` or `never`.
    pub cookie_secure: CookieSecure,
    /// Single sign-on providers by URL name.
    pub providers: BTreeMap<String, ProviderSettings>,
    /// LDAP (enabled when `url` is set).
    pub ldap: LdapSettings,
    /// Authenticating proxy headers.
    pub remote_auth: RemoteAuthSettings,
}

impl Default for LoginSettings {
    fn default() -> Self {
        LoginSettings {
            public_url: String::new(),
            local_form: true,
            auto_redirect: false,
            session_idle_seconds: 8 * 3600,
            session_max_seconds: 14 * 24 * 3600,
            cookie_secure: CookieSecure::Auto,
            providers: BTreeMap::new(),
            ldap: LdapSettings::default(),
            remote_auth: RemoteAuthSettings::default(),
        }
    }
}

/// Sign-in state shared by the handlers: settings, providers, directory, templates.
pub struct Login {
    /// Settings.
    pub settings: LoginSettings,
    /// Providers in name order.
    pub providers: Vec<Arc<Provider>>,
    /// The LDAP directory, when configured.
    pub ldap: Option<Directory>,
    templates: minijinja::Environment<'static>,
}

impl Default for Login {
    fn default() -> Self {
        Login {
            settings: LoginSettings::default(),
            providers: Vec::new(),
            ldap: None,
            templates: templates(),
        }
    }
}

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("login.html", include_str!("../../templates/login.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("profile.html", include_str!("../../templates/profile.html")),
    ("message.html", include_str!("../../templates/message.html")),
    (
        "ui/macros.html",
        include_str!("../../templates/ui/macros.html"),
    ),
    (
        "ui/status.html",
        include_str!("../../templates/ui/status.html"),
    ),
    ("ui/list.html", include_str!("../../templates/ui/list.html")),
    (
        "ui/detail.html",
        include_str!("../../templates/ui/detail.html"),
    ),
    ("ui/form.html", include_str!("../../templates/ui/form.html")),
    (
        "ui/delete.html",
        include_str!("../../templates/ui/delete.html"),
    ),
    (
        "ui/bulk_delete.html",
        include_str!("../../templates/ui/bulk_delete.html"),
    ),
    (
        "ui/bulk_edit.html",
        include_str!("../../templates/ui/bulk_edit.html"),
    ),
    (
        "ui/changelog.html",
        include_str!("../../templates/ui/changelog.html"),
    ),
    (
        "ui/search.html",
        include_str!("../../templates/ui/search.html"),
    ),
    (
        "ui/trace.html",
        include_str!("../../templates/ui/trace.html"),
    ),
    (
        "ui/prefix_ips.html",
        include_str!("../../templates/ui/prefix_ips.html"),
    ),
    (
        "ui/import.html",
        include_str!("../../templates/ui/import.html"),
    ),
    (
        "ui/object_head.html",
        include_str!("../../templates/ui/object_head.html"),
    ),
    (
        "ui/components.html",
        include_str!("../../templates/ui/components.html"),
    ),
];

/// The stylesheet served at `/static/ironbox.css`.
pub const CSS: &str = include_str!("../../static/ironbox.css");

/// HTML escaping of `& < > " '` only: URLs keep their slashes (minijinja's default escapes
/// `/` too, which is valid but makes every link unreadable in the page source).
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if matches!(state.auto_escape(), minijinja::AutoEscape::None)
        || value.is_safe()
        || value.is_none()
        || value.is_undefined()
    {
        return minijinja::escape_formatter(out, state, value);
    }
    let s = value.to_string();
    let mut esc = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => esc.push_str("&amp;"),
            '<' => esc.push_str("&lt;"),
            '>' => esc.push_str("&gt;"),
            '"' => esc.push_str("&quot;"),
            '\'' => esc.push_str("&#39;"),
            c => esc.push(c),
        }
    }
    out.write_str(&esc)
        .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()))
}

fn templates() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_formatter(html_formatter);
    for (name, src) in TEMPLATES {
        if let Err(e) = env.add_template(name, src) {
            tracing::error!(template = name, error = %e, "template does not compile");
        }
    }
    env
}

impl Login {
    /// Builds providers and the directory client from settings.
    pub fn new(settings: LoginSettings) -> std::result::Result<Login, String> {
        let mut providers = Vec::new();
        for (name, ps) in &settings.providers {
            if name.is_empty()
                || !name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(format!(
                    "login.providers: {name:?} is not a valid provider name (letters, digits, - and _)"
                ));
            }
            let p = Provider::new(name, ps.clone()).map_err(|e| e.detail)?;
            providers.push(Arc::new(p));
        }
        let ldap = if settings.ldap.url.is_empty() {
            None
        } else {
            Some(Directory::new(settings.ldap.clone()).map_err(|e| e.detail)?)
        };
        for p in &settings.remote_auth.trusted_proxies {
            if ironbox_core::ip::IpNet::parse(p).is_none() {
                return Err(format!(
                    "login.remote_auth.trusted_proxies: {p:?} is not an address or network"
                ));
            }
        }
        Ok(Login {
            settings,
            providers,
            ldap,
            templates: templates(),
        })
    }

    /// A provider by URL name.
    pub fn provider(&self, name: &str) -> Option<&Arc<Provider>> {
        self.providers.iter().find(|p| p.name == name)
    }

    /// Session lifetimes.
    pub fn lifetimes(&self) -> session::Lifetimes {
        session::Lifetimes {
            idle: self.settings.session_idle_seconds.max(60),
            max: self.settings.session_max_seconds.max(60),
        }
    }

    fn secure_cookie(&self) -> bool {
        match self.settings.cookie_secure {
            CookieSecure::Always => true,
            CookieSecure::Never => false,
            CookieSecure::Auto => self.settings.public_url.starts_with("https://"),
        }
    }

    /// The `Set-Cookie` value for a session key (`None` clears the cookie).
    pub fn cookie(&self, key: Option<&str>, persistent: bool) -> HeaderValue {
        let secure = if self.secure_cookie() { "; Secure" } else { "" };
        let v = match key {
            Some(k) if persistent => format!(
                "{COOKIE}={k}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
                self.lifetimes().max
            ),
            Some(k) => format!("{COOKIE}={k}; Path=/; HttpOnly; SameSite=Lax{secure}"),
            None => format!("{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{secure}"),
        };
        HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The origin redirect URIs are built on.
    pub fn base_url(&self, headers: &HeaderMap) -> String {
        if !self.settings.public_url.is_empty() {
            return self.settings.public_url.trim_end_matches('/').to_string();
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| {
                !h.is_empty()
                    && h.chars().all(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')
                    })
            })
            .unwrap_or("localhost");
        let scheme = if self.secure_cookie() {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{host}")
    }

    /// Renders a template; a template bug is logged and answered with a plain 500.
    pub fn render(&self, name: &str, ctx: J) -> Response {
        let out = self
            .templates
            .get_template(name)
            .and_then(|t| t.render(minijinja::value::Serde(&ctx)));
        match out {
            Ok(html) => {
                let mut r = html.into_response();
                let h = r.headers_mut();
                h.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                );
                h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
                h.insert("X-Frame-Options", HeaderValue::from_static("DENY"));
                h.insert(
                    "Content-Security-Policy",
                    HeaderValue::from_static(
                        "default-src 'self'; img-src 'self' https: data:; frame-ancestors 'none'",
                    ),
                );
                r
            }
            Err(e) => {
                tracing::error!(template = name, error = %e, "template failed to render");
                (StatusCode::INTERNAL_SERVER_ERROR, "Internal server error").into_response()
            }
        }
    }

    /// Providers as the login page lists them.
    pub fn provider_list(&self) -> Vec<J> {
        self.providers
            .iter()
            .map(|p| {
                let label = if p.settings.label.is_empty() {
                    p.name.clone()
                } else {
                    p.settings.label.clone()
                };
                json!({"name": p.name, "label": label, "icon": p.settings.icon})
            })
            .collect()
    }
}

/// The session key the request's cookie carries.
pub fn cookie_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// A `next=` target limited to local paths (`/…`, never `//host` or `/\host`).
pub fn safe_next(raw: &str) -> Option<String> {
    let ok = raw.starts_with('/')
        && !raw.starts_with("//")
        && !raw.contains('\\')
        && !raw.chars().any(|c| c.is_control())
        && raw.len() <= 2000;
    ok.then(|| raw.to_string())
}

/// A `target_link_uri` is accepted when it is a local path or a URL on our own origin.
pub fn local_target(login: &Login, headers: &HeaderMap, raw: &str) -> Option<String> {
    if let Some(p) = safe_next(raw) {
        return Some(p);
    }
    let base = login.base_url(headers);
    let rest = raw.strip_prefix(&base)?;
    if rest.is_empty() {
        return Some("/".into());
    }
    safe_next(rest)
}

/// The peer address of the connection.
pub fn peer(req_ext: &axum::http::Extensions) -> Option<IpAddr> {
    req_ext
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// The sign-in routes.
pub fn routes(st: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(pages::home))
        .route("/login/", get(pages::login_page).post(pages::login_post))
        .route("/logout/", get(pages::logout_page).post(pages::logout_post))
        .route("/user/profile/", get(pages::profile))
        .route("/user/tokens/", post(pages::token_create))
        .route("/user/tokens/{id}/delete/", post(pages::token_delete))
        .route("/oauth/login/{provider}/", get(pages::oauth_login))
        .route("/oauth/complete/{provider}/", get(pages::oauth_complete))
        .route(
            "/oauth/disconnect/{provider}/",
            post(pages::oauth_disconnect),
        )
        .route(
            "/oauth/backchannel-logout/{provider}/",
            post(pages::backchannel_logout),
        )
        .route("/disconnect/{provider}/", get(pages::disconnect_landing))
        .route("/static/ironbox.css", get(pages::stylesheet))
        .layer(axum::middleware::from_fn_with_state(st, remote::middleware))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_limited_to_local_paths() {
        assert_eq!(safe_next("/api/").as_deref(), Some("/api/"));
        assert_eq!(safe_next("//evil.example/"), None);
        assert_eq!(safe_next("/\\evil.example/"), None);
        assert_eq!(safe_next("https://evil.example/"), None);
        assert_eq!(safe_next("javascript:alert(1)"), None);
        assert_eq!(safe_next("/ok\r\nSet-Cookie: x"), None);
    }

    #[test]
    fn every_template_renders() {
        let login = Login::default();
        let user = json!({"display": "Jane", "username": "jane", "first_name": "J", "last_name": "D", "email": "j@x", "is_superuser": false});
        // The application pages (ui/…) need their own context; the HTTP tests in tests/it/ui.rs
        // render every one of them for every model.
        for (name, _) in TEMPLATES.iter().filter(|(n, _)| !n.starts_with("ui/")) {
            let r = login.render(
                name,
                json!({"user": user, "csrf": "t", "messages": [{"level": "info", "text": "hi"}],
                       "providers": [{"name": "okta", "label": "Okta", "icon": ""}], "local_form": true,
                       "groups": ["a"], "identities": [], "tokens": [], "title": "T", "text": "x", "version": "0"}),
            );
            assert_eq!(r.status(), StatusCode::OK, "{name}");
        }
    }
}
