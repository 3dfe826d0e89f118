//! LDAP sign-in: service-account search then user bind, or a direct bind by DN template;
//! StartTLS/LDAPS with an optional CA file; attributes and group memberships of the user.
//!
//! Returns what the directory says about a user; deciding what that means for the Ironbox
//! account (groups, superuser, required group) is the caller's. Passwords are never logged.

use crate::{LdapSettings, Result, SsoError};
use ldap3::{LdapConnAsync, LdapConnSettings, Scope, SearchEntry, ldap_escape};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

const WRONG: &str =
    "Please enter a correct username and password. Note that both fields may be case-sensitive.";
const DOWN: &str = "The directory service could not be reached. Please try again later.";

/// What the directory says about a user who proved their password.
#[derive(Debug, Clone, Default)]
pub struct LdapUser {
    /// The user's DN.
    pub dn: String,
    /// Mapped user fields (`first_name`, `last_name`, `email`) from `attr_map`.
    pub fields: BTreeMap<String, String>,
    /// Group DNs the user belongs to.
    pub groups: Vec<String>,
}

impl LdapUser {
    /// Whether the user is in a group given by DN or by cn (case-insensitive).
    pub fn in_group(&self, name: &str) -> bool {
        !name.is_empty() && self.groups.iter().any(|g| group_matches(g, name))
    }
}

/// Whether a group DN is the group called `name` (a DN, or the value of its first RDN).
pub fn group_matches(dn: &str, name: &str) -> bool {
    dn.eq_ignore_ascii_case(name) || first_rdn_value(dn).eq_ignore_ascii_case(name)
}

/// `cn=netops,ou=groups,dc=x` → `netops`.
pub fn first_rdn_value(dn: &str) -> &str {
    dn.split(',')
        .next()
        .and_then(|r| r.split_once('='))
        .map(|(_, v)| v.trim())
        .unwrap_or(dn)
}

/// An LDAP directory with a short cache of group lookups.
pub struct Directory {
    /// Settings.
    pub settings: LdapSettings,
    tls: Option<Arc<rustls::ClientConfig>>,
    groups: std::sync::Mutex<HashMap<String, (Vec<String>, Instant)>>,
}

fn down(e: impl std::fmt::Display) -> SsoError {
    SsoError::new(DOWN, format!("ldap: {e}"))
}

impl Directory {
    /// A directory client; reads the CA file now so a bad path fails at startup.
    pub fn new(settings: LdapSettings) -> Result<Directory> {
        if settings.url.is_empty() {
            return Err(SsoError::new(DOWN, "ldap: url is required"));
        }
        if settings.bind_dn.is_empty() && settings.user_dn_template.is_empty() {
            return Err(SsoError::new(
                DOWN,
                "ldap: set bind_dn (search then bind) or user_dn_template (direct bind)",
            ));
        }
        let tls = if settings.ca_file.is_empty() {
            None
        } else {
            use rustls::pki_types::CertificateDer;
            use rustls::pki_types::pem::PemObject;
            let mut roots = rustls::RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(&settings.ca_file)
                .map_err(|e| down(format!("ca_file {}: {e}", settings.ca_file)))?;
            for c in certs {
                let c = c.map_err(|e| down(format!("ca_file {}: {e}", settings.ca_file)))?;
                roots
                    .add(c)
                    .map_err(|e| down(format!("ca_file {}: {e}", settings.ca_file)))?;
            }
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let cfg = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(down)?
                .with_root_certificates(roots)
                .with_no_client_auth();
            Some(Arc::new(cfg))
        };
        Ok(Directory {
            settings,
            tls,
            groups: std::sync::Mutex::new(HashMap::new()),
        })
    }

    async fn connect(&self) -> Result<ldap3::Ldap> {
        let mut cs = LdapConnSettings::new()
            .set_conn_timeout(Duration::from_secs(self.settings.timeout_seconds.max(1)))
            .set_starttls(self.settings.start_tls);
        if let Some(cfg) = &self.tls {
            cs = cs.set_config(cfg.clone());
        }
        let (conn, ldap) = LdapConnAsync::with_settings(cs, &self.settings.url)
            .await
            .map_err(down)?;
        ldap3::drive!(conn);
        Ok(ldap)
    }

    /// Checks a username and password; `Ok(None)` means wrong credentials or no such user.
    pub async fn authenticate(&self, username: &str, password: &str) -> Result<Option<LdapUser>> {
        // An empty password would be an anonymous ("unauthenticated") bind that succeeds.
        if username.is_empty() || password.is_empty() {
            return Ok(None);
        }
        let s = &self.settings;
        let timeout = Duration::from_secs(s.timeout_seconds.max(1));
        let mut ldap = self.connect().await?;
        ldap.with_timeout(timeout);
        let attrs: Vec<String> = s
            .attr_map
            .keys()
            .cloned()
            .chain(s.use_member_of.then(|| "memberOf".to_string()))
            .collect();
        let (dn, entry) = if s.bind_dn.is_empty() {
            let dn = s
                .user_dn_template
                .replace("%(user)s", &ldap3::dn_escape(username));
            let ok = ldap
                .simple_bind(&dn, password)
                .await
                .map_err(down)?
                .success()
                .is_ok();
            if !ok {
                let _ = ldap.unbind().await;
                return Ok(None);
            }
            let (rs, _) = ldap
                .search(&dn, Scope::Base, "(objectClass=*)", attrs.clone())
                .await
                .map_err(down)?
                .success()
                .map_err(down)?;
            let entry = rs.into_iter().next().map(SearchEntry::construct);
            (dn, entry)
        } else {
            ldap.simple_bind(&s.bind_dn, &s.bind_password.0)
                .await
                .map_err(down)?
                .success()
                .map_err(|e| down(format!("service account bind failed: {e}")))?;
            let filter = s
                .user_search_filter
                .replace("%(user)s", &ldap_escape(username));
            let (rs, _) = ldap
                .search(&s.user_search_base, Scope::Subtree, &filter, attrs.clone())
                .await
                .map_err(down)?
                .success()
                .map_err(down)?;
            if rs.len() != 1 {
                let _ = ldap.unbind().await;
                return Ok(None);
            }
            let entry = rs.into_iter().next().map(SearchEntry::construct);
            let Some(entry) = entry else {
                return Ok(None);
            };
            let ok = ldap
                .simple_bind(&entry.dn, password)
                .await
                .map_err(down)?
                .success()
                .is_ok();
            if !ok {
                let _ = ldap.unbind().await;
                return Ok(None);
            }
            // Group searches run as the service account again.
            ldap.simple_bind(&s.bind_dn, &s.bind_password.0)
                .await
                .map_err(down)?
                .success()
                .map_err(down)?;
            (entry.dn.clone(), Some(entry))
        };
        let mut user = LdapUser {
            dn: dn.clone(),
            ..LdapUser::default()
        };
        if let Some(e) = &entry {
            for (attr, field) in &s.attr_map {
                if let Some(v) = e.attrs.get(attr).and_then(|v| v.first()) {
                    user.fields.insert(field.clone(), v.clone());
                }
            }
        }
        user.groups = match self.cached_groups(&dn) {
            Some(g) => g,
            None => {
                let mut groups: Vec<String> = Vec::new();
                if s.use_member_of
                    && let Some(e) = &entry
                {
                    for (k, v) in &e.attrs {
                        if k.eq_ignore_ascii_case("memberOf") {
                            groups.extend(v.iter().cloned());
                        }
                    }
                }
                if !s.group_search_base.is_empty() {
                    let filter = s.group_search_filter.replace("%(dn)s", &ldap_escape(&dn));
                    let (rs, _) = ldap
                        .search(&s.group_search_base, Scope::Subtree, &filter, vec!["cn"])
                        .await
                        .map_err(down)?
                        .success()
                        .map_err(down)?;
                    for r in rs {
                        groups.push(SearchEntry::construct(r).dn);
                    }
                }
                groups.sort_by_key(|g| g.to_ascii_lowercase());
                groups.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
                self.cache_groups(&dn, &groups);
                groups
            }
        };
        let _ = ldap.unbind().await;
        Ok(Some(user))
    }

    fn cached_groups(&self, dn: &str) -> Option<Vec<String>> {
        let ttl = Duration::from_secs(self.settings.group_cache_seconds);
        let map = self.groups.lock().ok()?;
        map.get(&dn.to_ascii_lowercase())
            .filter(|(_, at)| at.elapsed() < ttl)
            .map(|(g, _)| g.clone())
    }

    fn cache_groups(&self, dn: &str, groups: &[String]) {
        if self.settings.group_cache_seconds == 0 {
            return;
        }
        if let Ok(mut map) = self.groups.lock() {
            if map.len() > 10_000 {
                map.clear();
            }
            map.insert(dn.to_ascii_lowercase(), (groups.to_vec(), Instant::now()));
        }
    }

    /// The message for wrong credentials (the same as for local accounts).
    pub fn wrong_credentials() -> &'static str {
        WRONG
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_match_by_dn_or_cn() {
        assert!(group_matches("cn=NetOps,ou=groups,dc=x", "netops"));
        assert!(group_matches(
            "cn=netops,ou=groups,dc=x",
            "CN=netops,ou=groups,dc=x"
        ));
        assert!(!group_matches("cn=netops,ou=groups,dc=x", "ops"));
    }
}
