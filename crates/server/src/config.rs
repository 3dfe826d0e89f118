//! Configuration: built-in defaults, then `ironbox.toml` (or `--config`), then `IRONBOX_*`
//! environment variables (`IRONBOX_DATABASE__URL`, `IRONBOX_SERVER__LISTEN`, …).

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// A secret whose Debug and Display never show the value.
#[derive(Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(transparent)]
pub struct Secret(pub String);

/// `[permissions]`: the settings NetBox calls LOGIN_REQUIRED, EXEMPT_VIEW_PERMISSIONS and
/// DEFAULT_PERMISSIONS.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Permissions {
    /// Refuse anonymous requests (when false, anonymous callers may read exempt models).
    pub login_required: bool,
    /// Models every signed-in user may view (`["*"]` for all but users and permissions).
    pub exempt_view_permissions: Vec<String>,
    /// Permissions every signed-in user has: `"users.view_token" = [{ user = "$user" }]`.
    /// Replaces the built-in defaults (each user manages their own API tokens) when given.
    pub default_permissions: Option<BTreeMap<String, Vec<serde_json::Value>>>,
}

impl Default for Permissions {
    fn default() -> Self {
        Permissions {
            login_required: true,
            exempt_view_permissions: Vec::new(),
            default_permissions: None,
        }
    }
}

impl Config {
    /// The permission policy, with NetBox's setting names applied on top of `[permissions]`.
    pub fn policy(&self) -> ironbox_service::authz::Policy {
        let mut p = ironbox_service::authz::Policy::default();
        let s = &self.permissions;
        p.login_required = self.login_required.unwrap_or(s.login_required);
        p.exempt_view = match &self.exempt_view_permissions {
            Some(n) => n.0.clone(),
            None => s.exempt_view_permissions.clone(),
        };
        if let Some(d) = &s.default_permissions {
            p.default_permissions = d.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        }
        p
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "\"********\""
        })
    }
}

/// The whole configuration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
#[derive(Default)]
pub struct Config {
    /// HTTP server.
    pub server: Server,
    /// Database.
    pub database: Database,
    /// Credentials.
    pub auth: Auth,
    /// Logging.
    pub log: Log,
    /// API pagination.
    pub api: Api,
    /// Browser sign-in: sessions, SSO providers, LDAP, proxy headers.
    pub login: ironbox_web::login::LoginSettings,
    /// Who may do what without an object permission.
    pub permissions: Permissions,
    /// NetBox `LOGIN_REQUIRED`.
    #[serde(
        rename = "login_required",
        alias = "LOGIN_REQUIRED",
        skip_serializing_if = "Option::is_none"
    )]
    pub login_required: Option<bool>,
    /// NetBox `EXEMPT_VIEW_PERMISSIONS` (model names such as `dcim.site`, or `*`).
    #[serde(
        rename = "exempt_view_permissions",
        alias = "EXEMPT_VIEW_PERMISSIONS",
        skip_serializing_if = "Option::is_none"
    )]
    pub exempt_view_permissions: Option<Names>,
    // NetBox's setting names, accepted as written in NetBox's configuration file or as plain
    // environment variables; `netbox_names` turns them into `login` settings.
    /// NetBox `REMOTE_AUTH_BACKEND` (one name or a list).
    #[serde(
        rename = "remote_auth_backend",
        alias = "REMOTE_AUTH_BACKEND",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_backend: Option<Names>,
    /// NetBox `SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY` (client id).
    #[serde(
        rename = "social_auth_okta_openidconnect_key",
        alias = "SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY",
        skip_serializing_if = "Option::is_none"
    )]
    pub okta_key: Option<String>,
    /// NetBox `SOCIAL_AUTH_OKTA_OPENIDCONNECT_SECRET` (client secret).
    #[serde(
        rename = "social_auth_okta_openidconnect_secret",
        alias = "SOCIAL_AUTH_OKTA_OPENIDCONNECT_SECRET",
        skip_serializing_if = "Option::is_none"
    )]
    pub okta_secret: Option<ironbox_sso::Secret>,
    /// NetBox `SOCIAL_AUTH_OKTA_OPENIDCONNECT_API_URL`.
    #[serde(
        rename = "social_auth_okta_openidconnect_api_url",
        alias = "SOCIAL_AUTH_OKTA_OPENIDCONNECT_API_URL",
        skip_serializing_if = "Option::is_none"
    )]
    pub okta_api_url: Option<String>,
    /// NetBox `REMOTE_AUTH_DEFAULT_GROUPS`.
    #[serde(
        rename = "remote_auth_default_groups",
        alias = "REMOTE_AUTH_DEFAULT_GROUPS",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_default_groups: Option<Names>,
    /// NetBox `REMOTE_AUTH_ENABLED`.
    #[serde(
        rename = "remote_auth_enabled",
        alias = "REMOTE_AUTH_ENABLED",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_enabled: Option<bool>,
    /// NetBox `REMOTE_AUTH_HEADER` (`HTTP_REMOTE_USER`).
    #[serde(
        rename = "remote_auth_header",
        alias = "REMOTE_AUTH_HEADER",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_header: Option<String>,
    /// NetBox `REMOTE_AUTH_AUTO_CREATE_USER`.
    #[serde(
        rename = "remote_auth_auto_create_user",
        alias = "REMOTE_AUTH_AUTO_CREATE_USER",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_auto_create_user: Option<bool>,
    /// NetBox `REMOTE_AUTH_GROUP_SYNC_ENABLED`.
    #[serde(
        rename = "remote_auth_group_sync_enabled",
        alias = "REMOTE_AUTH_GROUP_SYNC_ENABLED",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_group_sync_enabled: Option<bool>,
    /// NetBox `REMOTE_AUTH_GROUP_HEADER`.
    #[serde(
        rename = "remote_auth_group_header",
        alias = "REMOTE_AUTH_GROUP_HEADER",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_group_header: Option<String>,
    /// NetBox `REMOTE_AUTH_GROUP_SEPARATOR`.
    #[serde(
        rename = "remote_auth_group_separator",
        alias = "REMOTE_AUTH_GROUP_SEPARATOR",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_group_separator: Option<String>,
    /// NetBox `REMOTE_AUTH_SUPERUSER_GROUPS`.
    #[serde(
        rename = "remote_auth_superuser_groups",
        alias = "REMOTE_AUTH_SUPERUSER_GROUPS",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_superuser_groups: Option<Names>,
    /// NetBox `REMOTE_AUTH_SUPERUSERS`.
    #[serde(
        rename = "remote_auth_superusers",
        alias = "REMOTE_AUTH_SUPERUSERS",
        skip_serializing_if = "Option::is_none"
    )]
    pub remote_auth_superusers: Option<Names>,
}

pub use crate::netbox_names::Names;

/// HTTP server settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Server {
    /// Listen address.
    pub listen: String,
    /// Seconds to let in-flight requests finish after SIGTERM.
    pub shutdown_grace_seconds: u64,
}

/// Database settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Database {
    /// `sqlite://path?mode=rwc` or `postgres://user:pass@host/db`.
    pub url: Secret,
    /// Pool size.
    pub max_connections: u32,
    /// Apply migrations on start.
    pub migrate_on_start: bool,
}

/// Credential settings.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct Auth {
    /// API token peppers by id (NetBox's `API_TOKEN_PEPPERS`); the highest id signs new tokens.
    pub token_peppers: BTreeMap<String, Secret>,
}

/// Logging settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Log {
    /// `text` or `json`.
    pub format: String,
    /// A tracing filter (`info`, `ironbox=debug,sqlx=warn`).
    pub level: String,
}

/// API settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Api {
    /// Default page size (NetBox `PAGINATE_COUNT`).
    pub paginate_count: u64,
    /// Largest page (NetBox `MAX_PAGE_SIZE`).
    pub max_page_size: u64,
    /// Memory for reusing answers of REST reads until the next write, in MiB; 0 turns it off.
    pub response_cache_mb: u64,
}

impl Default for Server {
    fn default() -> Self {
        Server {
            listen: "127.0.0.1:8080".into(),
            shutdown_grace_seconds: 30,
        }
    }
}
impl Default for Database {
    fn default() -> Self {
        Database {
            url: Secret("sqlite://data/ironbox.db?mode=rwc".into()),
            max_connections: 16,
            migrate_on_start: true,
        }
    }
}
impl Default for Log {
    fn default() -> Self {
        Log {
            format: "text".into(),
            level: "info,sqlx=warn".into(),
        }
    }
}
impl Default for Api {
    fn default() -> Self {
        Api {
            paginate_count: 50,
            max_page_size: 1000,
            response_cache_mb: 128,
        }
    }
}

impl Config {
    /// Loads configuration; `path` defaults to `ironbox.toml` when present.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Config> {
        let mut fig = Figment::from(Serialized::defaults(Config::default()));
        match path {
            Some(p) => {
                anyhow::ensure!(
                    p.exists(),
                    "configuration file {} does not exist",
                    p.display()
                );
                fig = fig.merge(Toml::file(p));
            }
            None => fig = fig.merge(Toml::file("ironbox.toml")),
        }
        fig = fig.merge(
            Env::prefixed("IRONBOX_")
                // Only IRONBOX_<SECTION>__<KEY> is configuration; IRONBOX_ADMIN_PASSWORD,
                // IRONBOX_LOG, IRONBOX_CONFIG and tools' own IRONBOX_* variables are not.
                .filter(|k| k.as_str().contains("__"))
                .split("__"),
        );
        // NetBox's own setting names, as plain environment variables of those exact names.
        fig = fig.merge(Env::raw().lowercase(false).only(crate::netbox_names::NAMES));
        let mut cfg: Config = fig
            .extract()
            .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
        if let Ok(url) = std::env::var("DATABASE_URL")
            && std::env::var("IRONBOX_DATABASE__URL").is_err()
        {
            cfg.database.url = Secret(url);
        }
        for (id, p) in &cfg.auth.token_peppers {
            anyhow::ensure!(
                id.parse::<i64>().is_ok_and(|i| (1..=32767).contains(&i)),
                "auth.token_peppers: id {id} must be an integer between 1 and 32767"
            );
            anyhow::ensure!(
                p.0.len() >= 50,
                "auth.token_peppers.{id}: a pepper must be at least 50 characters long"
            );
        }
        Ok(cfg)
    }

    /// The configuration with secrets replaced, for `check-config`.
    pub fn redacted(&self) -> String {
        let mut c = self.clone();
        c.database.url = Secret(redact_url(&self.database.url.0));
        for v in c.auth.token_peppers.values_mut() {
            *v = Secret("********".into());
        }
        toml_like(&c)
    }
}

fn toml_like(c: &Config) -> String {
    serde_json::to_string_pretty(&serde_json::to_value(c).unwrap_or_default()).unwrap_or_default()
}

/// Hides the password of a database URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}://{user}:********@{}", &url[..s], &url[at + 1..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_passwords_are_redacted() {
        assert_eq!(
            redact_url("postgres://nb:hunter2@db/nb"),
            "postgres://nb:********@db/nb"
        );
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
        assert_eq!(format!("{:?}", Secret("hunter2".into())), "\"********\"");
    }
}
