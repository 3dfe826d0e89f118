//! NetBox's sign-in setting names (`SOCIAL_AUTH_OKTA_OPENIDCONNECT_*`, `REMOTE_AUTH_*`), so a
//! NetBox admin can carry them over unchanged: accepted at the top of the configuration file and
//! as environment variables of exactly those names, and turned into `[login]` settings here.

use crate::config::Config;
use ironbox_sso::ProviderSettings;
use ironbox_web::login::LoginSettings;
use serde::{Deserialize, Serialize};

/// The environment variables read under their NetBox names.
pub const NAMES: &[&str] = &[
    "REMOTE_AUTH_BACKEND",
    "SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY",
    "SOCIAL_AUTH_OKTA_OPENIDCONNECT_SECRET",
    "SOCIAL_AUTH_OKTA_OPENIDCONNECT_API_URL",
    "REMOTE_AUTH_DEFAULT_GROUPS",
    "REMOTE_AUTH_ENABLED",
    "REMOTE_AUTH_HEADER",
    "REMOTE_AUTH_AUTO_CREATE_USER",
    "REMOTE_AUTH_GROUP_SYNC_ENABLED",
    "REMOTE_AUTH_GROUP_HEADER",
    "REMOTE_AUTH_GROUP_SEPARATOR",
    "REMOTE_AUTH_SUPERUSER_GROUPS",
    "REMOTE_AUTH_SUPERUSERS",
    "LOGIN_REQUIRED",
    "EXEMPT_VIEW_PERMISSIONS",
];

/// The provider name NetBox's Okta backend uses in its URLs.
pub const OKTA: &str = "okta-openidconnect";

/// A list setting given as a list or as one comma-separated string (as environment variables are).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Names(pub Vec<String>);

impl<'de> Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            One(String),
            Many(Vec<String>),
        }
        Ok(Names(match Raw::deserialize(d)? {
            Raw::One(s) => s
                .trim_matches(|c| c == '[' || c == ']' || c == '(' || c == ')')
                .split(',')
                .map(|x| x.trim().trim_matches(|c| c == '\'' || c == '"').to_string())
                .filter(|x| !x.is_empty())
                .collect(),
            Raw::Many(v) => v,
        }))
    }
}

impl Config {
    /// The `[login]` settings with NetBox's names applied on top.
    pub fn login_settings(&self) -> anyhow::Result<LoginSettings> {
        let mut out = self.login.clone();
        let backends = self.remote_auth_backend.clone().unwrap_or_default().0;
        let okta_backend = backends
            .iter()
            .any(|b| b.to_ascii_lowercase().contains("okta"));
        let default_groups = self
            .remote_auth_default_groups
            .clone()
            .unwrap_or_default()
            .0;
        if okta_backend || self.okta_key.is_some() {
            let key = self.okta_key.clone().unwrap_or_default();
            let secret = self.okta_secret.clone().unwrap_or_default();
            let api = self.okta_api_url.clone().unwrap_or_default();
            anyhow::ensure!(
                !key.is_empty() && !api.is_empty(),
                "Okta sign-in needs SOCIAL_AUTH_OKTA_OPENIDCONNECT_KEY and SOCIAL_AUTH_OKTA_OPENIDCONNECT_API_URL"
            );
            if !out.providers.contains_key(OKTA) {
                let mut ps = ProviderSettings::okta(&key, &secret.0, &api);
                ps.default_groups = default_groups.clone();
                out.providers.insert(OKTA.to_string(), ps);
            }
        }
        let ra = &mut out.remote_auth;
        if backends.iter().any(|b| b.ends_with("RemoteUserBackend")) {
            ra.enabled = true;
        }
        if let Some(v) = self.remote_auth_enabled {
            ra.enabled = v;
        }
        if let Some(v) = &self.remote_auth_header {
            ra.header = v.clone();
        }
        if let Some(v) = self.remote_auth_auto_create_user {
            ra.auto_create_user = v;
        }
        if self.remote_auth_default_groups.is_some() {
            ra.default_groups = default_groups;
        }
        if let Some(v) = self.remote_auth_group_sync_enabled {
            ra.group_sync_enabled = v;
        }
        if let Some(v) = &self.remote_auth_group_header {
            ra.group_header = v.clone();
        }
        if let Some(v) = &self.remote_auth_group_separator {
            ra.group_separator = v.clone();
        }
        if let Some(v) = &self.remote_auth_superuser_groups {
            ra.superuser_groups = v.0.clone();
        }
        if let Some(v) = &self.remote_auth_superusers {
            ra.superusers = v.0.clone();
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn okta_comes_from_the_three_netbox_settings() {
        let cfg = Config {
            remote_auth_backend: Some(Names(vec![
                "social_core.backends.okta_openidconnect.OktaOpenIdConnect".into(),
            ])),
            okta_key: Some("0oa1".into()),
            okta_secret: Some(ironbox_sso::Secret("s3cret".into())),
            okta_api_url: Some("https://acme.okta.com/oauth2/default/".into()),
            ..Config::default()
        };
        let l = cfg.login_settings().unwrap();
        let p = &l.providers[OKTA];
        assert_eq!(p.issuer, "https://acme.okta.com/oauth2/default");
        assert_eq!(p.client_id, "0oa1");
        assert!(!cfg.redacted().contains("s3cret"));
    }

    #[test]
    fn list_settings_accept_comma_separated_strings() {
        let n: Names = serde_json::from_str("\"netops, ops\"").unwrap();
        assert_eq!(n.0, vec!["netops", "ops"]);
        let n: Names = serde_json::from_str("[\"a\"]").unwrap();
        assert_eq!(n.0, vec!["a"]);
    }
}
