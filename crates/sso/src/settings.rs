//! Provider and directory settings as they appear in the configuration file.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A secret whose Debug and serialised forms never show the value.
///
/// Serialising prints `********` for a set secret, so printing a configuration (`check-config`)
/// cannot leak it; an empty secret stays empty so defaults round-trip.
#[derive(Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(pub String);

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(if self.0.is_empty() { "" } else { "********" })
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

/// How a provider is spoken to.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    /// OpenID Connect with discovery, signed ID tokens and nonce.
    #[default]
    Oidc,
    /// Plain OAuth2: authorization code + PKCE, identity from a userinfo URL.
    Oauth2,
}

/// One single sign-on provider (`[sso.providers.<name>]`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ProviderSettings {
    /// `oidc` (default) or `oauth2`.
    pub kind: ProviderKind,
    /// Button text on the login page.
    pub label: String,
    /// Icon URL or local path shown on the button (optional).
    pub icon: String,
    /// OIDC issuer (`https://idp.example.net/realms/x`); discovery is `<issuer>/.well-known/openid-configuration`.
    pub issuer: String,
    /// Discovery document URL when it is not under the issuer (optional).
    pub discovery_url: String,
    /// Client id.
    pub client_id: String,
    /// Client secret.
    pub client_secret: Secret,
    /// Scopes besides `openid`.
    pub scopes: Vec<String>,
    /// OAuth2 authorization endpoint (kind `oauth2`).
    pub authorize_url: String,
    /// OAuth2 token endpoint (kind `oauth2`).
    pub token_url: String,
    /// Userinfo endpoint (kind `oauth2`; OIDC takes it from discovery).
    pub userinfo_url: String,
    /// Ask the userinfo endpoint for more claims after an OIDC login.
    pub fetch_userinfo: bool,
    /// The claim naming the user uniquely and for ever (`sub`; OAuth2 providers often use `id`).
    pub uid_claim: String,
    /// Claim the username comes from.
    pub username_claim: String,
    /// Claim the email comes from.
    pub email_claim: String,
    /// Link a first login to the existing user with the same (verified) email.
    pub associate_by_email: bool,
    /// Only associate by email when the provider says the email is verified (`email_verified`).
    pub require_verified_email: bool,
    /// Create unknown users; when off they are refused.
    pub auto_create: bool,
    /// User fields never overwritten from claims (`first_name`, `last_name`, `email`).
    pub protected_fields: Vec<String>,
    /// Groups every user of this provider is put in (NetBox `REMOTE_AUTH_DEFAULT_GROUPS`).
    pub default_groups: Vec<String>,
    /// Claim holding the user's IdP groups.
    pub groups_claim: String,
    /// IdP group → Ironbox group(s).
    pub group_map: BTreeMap<String, Vec<String>>,
    /// Take IdP groups as Ironbox groups of the same name (besides `group_map`).
    pub mirror_groups: bool,
    /// IdP groups whose members are superusers (others lose superuser at login).
    pub superuser_groups: Vec<String>,
    /// Create mapped Ironbox groups that do not exist yet.
    pub create_groups: bool,
    /// Remove the user from mapped groups the IdP no longer asserts.
    pub remove_unasserted_groups: bool,
    /// Send the browser to the provider's `end_session_endpoint` on logout.
    pub end_session: bool,
    /// Where the provider returns after logout (default `<public url>/disconnect/<name>/`).
    pub post_logout_redirect_uri: String,
    /// Clock leeway for `exp`/`iat`, in seconds.
    pub leeway_seconds: u64,
    /// Allow plain-HTTP endpoints that are not on loopback (never in production).
    pub allow_insecure_http: bool,
}

impl Default for ProviderSettings {
    fn default() -> Self {
        ProviderSettings {
            kind: ProviderKind::Oidc,
            label: String::new(),
            icon: String::new(),
            issuer: String::new(),
            discovery_url: String::new(),
            client_id: String::new(),
            client_secret: Secret::default(),
            scopes: vec!["email".into(), "profile".into(), "groups".into()],
            authorize_url: String::new(),
            token_url: String::new(),
            userinfo_url: String::new(),
            fetch_userinfo: true,
            uid_claim: "sub".into(),
            username_claim: "preferred_username".into(),
            email_claim: "email".into(),
            associate_by_email: true,
            require_verified_email: true,
            auto_create: true,
            protected_fields: Vec::new(),
            default_groups: Vec::new(),
            groups_claim: "groups".into(),
            group_map: BTreeMap::new(),
            mirror_groups: false,
            superuser_groups: Vec::new(),
            create_groups: false,
            remove_unasserted_groups: true,
            end_session: true,
            post_logout_redirect_uri: String::new(),
            leeway_seconds: 60,
            allow_insecure_http: false,
        }
    }
}

impl ProviderSettings {
    /// Settings for Okta from NetBox's three `SOCIAL_AUTH_OKTA_OPENIDCONNECT_*` values.
    ///
    /// `api_url` is `https://<domain>/oauth2/` for the org authorization server (issuer at the
    /// domain root) or `https://<domain>/oauth2/<id>/` for a custom one (issuer under that path).
    pub fn okta(key: &str, secret: &str, api_url: &str) -> ProviderSettings {
        ProviderSettings {
            label: "Okta".into(),
            issuer: okta_issuer(api_url),
            client_id: key.into(),
            client_secret: Secret(secret.into()),
            ..ProviderSettings::default()
        }
    }
}

/// The issuer an Okta API URL stands for.
pub fn okta_issuer(api_url: &str) -> String {
    let trimmed = api_url.trim().trim_end_matches('/');
    match trimmed.strip_suffix("/oauth2") {
        // Org authorization server: issuer is the domain root.
        Some(root) => root.to_string(),
        // Custom authorization server (`/oauth2/<id>`) or anything else: the URL is the issuer.
        None => trimmed.to_string(),
    }
}

/// The LDAP directory (`[ldap]`).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LdapSettings {
    /// `ldap://host:389` or `ldaps://host:636`.
    pub url: String,
    /// Upgrade `ldap://` with StartTLS.
    pub start_tls: bool,
    /// PEM file of the CA that signed the server certificate (else the system roots).
    pub ca_file: String,
    /// Service account DN for search-then-bind (empty: bind directly with `user_dn_template`).
    pub bind_dn: String,
    /// Service account password.
    pub bind_password: Secret,
    /// Base DN of the user search.
    pub user_search_base: String,
    /// Filter with `%(user)s` for the escaped username (NetBox/django-auth-ldap spelling).
    pub user_search_filter: String,
    /// Direct-bind DN template, e.g. `uid=%(user)s,ou=people,dc=example,dc=com`.
    pub user_dn_template: String,
    /// LDAP attribute → user field (`first_name`, `last_name`, `email`).
    pub attr_map: BTreeMap<String, String>,
    /// Base DN of the group search (groupOfNames / groupOfUniqueNames with `member`).
    pub group_search_base: String,
    /// Group filter; `%(dn)s` is the user's DN.
    pub group_search_filter: String,
    /// Also read the user's `memberOf` attribute.
    pub use_member_of: bool,
    /// Group DN or cn → Ironbox group names (empty: groups are mirrored by cn).
    pub group_map: BTreeMap<String, Vec<String>>,
    /// Mirror every LDAP group by its cn into Ironbox groups.
    pub mirror_groups: bool,
    /// Members of this group (DN or cn) are superusers.
    pub superuser_group: String,
    /// Only members of this group (DN or cn) may sign in.
    pub require_group: String,
    /// Create unknown users at first login.
    pub auto_create: bool,
    /// Create mapped Ironbox groups that do not exist yet.
    pub create_groups: bool,
    /// Seconds a user's group lookup is reused.
    pub group_cache_seconds: u64,
    /// Network timeout in seconds.
    pub timeout_seconds: u64,
}

impl Default for LdapSettings {
    fn default() -> Self {
        LdapSettings {
            url: String::new(),
            start_tls: false,
            ca_file: String::new(),
            bind_dn: String::new(),
            bind_password: Secret::default(),
            user_search_base: String::new(),
            user_search_filter: "(uid=%(user)s)".into(),
            user_dn_template: String::new(),
            attr_map: BTreeMap::from([
                ("givenName".to_string(), "first_name".to_string()),
                ("sn".to_string(), "last_name".to_string()),
                ("mail".to_string(), "email".to_string()),
            ]),
            group_search_base: String::new(),
            group_search_filter: "(|(&(objectClass=groupOfNames)(member=%(dn)s))(&(objectClass=groupOfUniqueNames)(uniqueMember=%(dn)s)))".into(),
            use_member_of: false,
            group_map: BTreeMap::new(),
            mirror_groups: true,
            superuser_group: String::new(),
            require_group: String::new(),
            auto_create: true,
            create_groups: true,
            group_cache_seconds: 60,
            timeout_seconds: 10,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn okta_org_server_issuer_is_the_domain_root() {
        assert_eq!(
            okta_issuer("https://acme.okta.com/oauth2/"),
            "https://acme.okta.com"
        );
        assert_eq!(
            okta_issuer("https://acme.okta.com/oauth2"),
            "https://acme.okta.com"
        );
    }

    #[test]
    fn okta_custom_server_issuer_keeps_its_path() {
        assert_eq!(
            okta_issuer("https://acme.okta.com/oauth2/default/"),
            "https://acme.okta.com/oauth2/default"
        );
        assert_eq!(
            okta_issuer("https://acme.okta.com/oauth2/aus1x2y3/"),
            "https://acme.okta.com/oauth2/aus1x2y3"
        );
    }

    #[test]
    fn secrets_never_print() {
        let s = Secret("hunter2".into());
        assert_eq!(format!("{s:?}"), "\"********\"");
        assert_eq!(
            serde_json::to_string(&s).unwrap_or_default(),
            "\"********\""
        );
        assert_eq!(
            serde_json::to_string(&Secret::default()).unwrap_or_default(),
            "\"\""
        );
    }
}
