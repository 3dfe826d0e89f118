//! Single sign-on protocols: OpenID Connect / OAuth2 relying party and LDAP binds.
//!
//! This crate owns the heavy protocol dependencies (`openidconnect`, `reqwest`, `ldap3`) so that
//! the rest of the workspace compiles without them. It speaks to identity providers and returns
//! verified identities (a subject and its claims); it never touches the database or HTTP
//! sessions — matching identities to users is the web layer's login pipeline.

pub mod ldap;
pub mod oidc;
mod settings;

pub use settings::{LdapSettings, ProviderKind, ProviderSettings, Secret};

/// A failed sign-in: a sentence for the person at the browser and the details for the log.
#[derive(Debug, Clone)]
pub struct SsoError {
    /// Shown on the login page.
    pub user: String,
    /// Logged, never shown (may name endpoints and claims, never secrets).
    pub detail: String,
}

impl SsoError {
    /// A failure with a message for the user and one for the log.
    pub fn new(user: impl Into<String>, detail: impl Into<String>) -> SsoError {
        SsoError {
            user: user.into(),
            detail: detail.into(),
        }
    }
}

impl std::fmt::Display for SsoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.user, self.detail)
    }
}

impl std::error::Error for SsoError {}

/// Result of this crate.
pub type Result<T> = std::result::Result<T, SsoError>;

/// A verified identity from a provider.
#[derive(Debug, Clone)]
pub struct Identity {
    /// The provider's stable subject identifier (`sub`, or the OAuth2 uid claim).
    pub uid: String,
    /// Every claim of the verified ID token, merged with the userinfo answer.
    pub claims: serde_json::Map<String, serde_json::Value>,
    /// The raw ID token, kept as `id_token_hint` for logout.
    pub id_token: Option<String>,
    /// The session id (`sid`) the provider put in the ID token, for back-channel logout.
    pub sid: Option<String>,
}

impl Identity {
    /// A claim as text (strings as-is, numbers and booleans printed); empty when absent.
    pub fn text(&self, claim: &str) -> String {
        match self.claims.get(claim) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(v) => v.to_string(),
        }
    }

    /// A claim as a list of strings (a single string counts as a one-element list).
    pub fn list(&self, claim: &str) -> Vec<String> {
        match self.claims.get(claim) {
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            Some(serde_json::Value::String(s)) if !s.is_empty() => vec![s.clone()],
            _ => Vec::new(),
        }
    }

    /// Whether a boolean claim is true (also accepts the string `"true"`, as some IdPs send).
    pub fn flag(&self, claim: &str) -> bool {
        match self.claims.get(claim) {
            Some(serde_json::Value::Bool(b)) => *b,
            Some(serde_json::Value::String(s)) => s.eq_ignore_ascii_case("true"),
            _ => false,
        }
    }
}

/// Whether a URL may be fetched: HTTPS always, plain HTTP only to loopback hosts or when the
/// provider explicitly allows it.
pub fn url_allowed(url: &url::Url, allow_http: bool) -> bool {
    match url.scheme() {
        "https" => true,
        "http" => allow_http || is_loopback(url),
        _ => false,
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// The HTTP client for provider calls: no redirects followed (a redirect from a token or key
/// endpoint is an error, not an invitation), short timeouts.
pub fn http_client() -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(std::time::Duration::from_secs(5))
        .timeout(std::time::Duration::from_secs(15))
        .user_agent(concat!("ironbox/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| SsoError::new("Single sign-on is not available.", e.to_string()))
}
