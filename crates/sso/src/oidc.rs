//! OpenID Connect and OAuth2 relying party: discovery, authorization URL with PKCE, code
//! exchange, ID token verification, userinfo, logout URLs and back-channel logout tokens.
//!
//! Verification of ID tokens is `openidconnect`'s (signature against the JWKS, `iss`, `aud`,
//! `azp`, `exp`, `nonce`), with the signing algorithms limited to asymmetric ones (no `none`, no
//! HMAC — an HMAC "signed" with the public key is the classic forgery) plus our `iat`, leeway and
//! `at_hash` checks. The JWKS is cached and fetched again once when a token names an unknown
//! key id. This module does not know about users or sessions.

use crate::{Identity, ProviderKind, ProviderSettings, Result, SsoError, url_allowed};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreJsonWebKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
    CoreProviderMetadata,
};
use openidconnect::{
    AccessTokenHash, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    JsonWebKey, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    RequestTokenError, Scope, SignatureVerificationError, TokenResponse,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

/// How long a discovery document is reused before it is fetched again.
const DISCOVERY_TTL: Duration = Duration::from_secs(3600);
/// The JWKS is fetched again at most this often (unknown `kid`s cannot make us hammer the IdP).
const JWKS_MIN_REFRESH: Duration = Duration::from_secs(5);
/// The back-channel logout event name.
const BACKCHANNEL_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

const UNREACHABLE: &str = "The sign-in service could not be reached. Please try again later.";
const REFUSED: &str = "The sign-in could not be verified, so you were not signed in.";

/// What the browser's session must remember between the redirect to the provider and the
/// callback; each value is used once.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    /// The `state` parameter.
    pub state: String,
    /// The `nonce` expected in the ID token (empty for OAuth2).
    pub nonce: String,
    /// The PKCE code verifier.
    pub verifier: String,
}

#[derive(Clone)]
struct Discovered {
    metadata: CoreProviderMetadata,
    raw: Map<String, Value>,
    at: Instant,
    jwks_at: Instant,
}

/// One configured provider and its cached discovery document and keys.
pub struct Provider {
    /// The name in URLs (`okta-openidconnect`).
    pub name: String,
    /// Its settings.
    pub settings: ProviderSettings,
    http: reqwest::Client,
    cache: tokio::sync::Mutex<Option<Discovered>>,
}

fn asymmetric(alg: &CoreJwsSigningAlgorithm) -> bool {
    use CoreJwsSigningAlgorithm as A;
    matches!(
        alg,
        A::RsaSsaPkcs1V15Sha256
            | A::RsaSsaPkcs1V15Sha384
            | A::RsaSsaPkcs1V15Sha512
            | A::EcdsaP256Sha256
            | A::EcdsaP384Sha384
            | A::EcdsaP521Sha512
            | A::RsaSsaPssSha256
            | A::RsaSsaPssSha384
            | A::RsaSsaPssSha512
            | A::EdDsa
    )
}

fn trim_issuer(s: &str) -> &str {
    s.trim().trim_end_matches('/')
}

fn payload(jwt: &str) -> Result<Map<String, Value>> {
    let mid = jwt
        .split('.')
        .nth(1)
        .ok_or_else(|| SsoError::new(REFUSED, "token is not a JWS"))?;
    let bytes = URL_SAFE_NO_PAD
        .decode(mid.trim_end_matches('='))
        .map_err(|e| SsoError::new(REFUSED, format!("token payload is not base64url: {e}")))?;
    serde_json::from_slice(&bytes)
        .map_err(|e| SsoError::new(REFUSED, format!("token payload is not a JSON object: {e}")))
}

fn now_secs() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// Explains a claims failure to the person and the log.
fn claims_error(e: &ClaimsVerificationError) -> SsoError {
    let user = match e {
        ClaimsVerificationError::Expired(_) => {
            "The sign-in answer from the identity provider has expired. Please try again."
        }
        ClaimsVerificationError::InvalidIssuer(_) => {
            "The sign-in answer came from an unexpected issuer, so you were not signed in."
        }
        ClaimsVerificationError::InvalidAudience(_) => {
            "The sign-in answer was meant for another application, so you were not signed in."
        }
        ClaimsVerificationError::InvalidNonce(_) => {
            "The sign-in answer does not belong to this sign-in attempt. Please try again."
        }
        ClaimsVerificationError::SignatureVerification(_) => {
            "The sign-in answer's signature is not valid, so you were not signed in."
        }
        _ => REFUSED,
    };
    SsoError::new(user, format!("ID token refused: {e}"))
}

impl Provider {
    /// A provider from its settings; nothing is fetched until first use.
    pub fn new(name: &str, settings: ProviderSettings) -> Result<Provider> {
        let bad = |what: &str| {
            SsoError::new(
                "Single sign-on is misconfigured.",
                format!("provider {name}: {what}"),
            )
        };
        match settings.kind {
            ProviderKind::Oidc if settings.issuer.trim().is_empty() => {
                return Err(bad("an issuer is required"));
            }
            ProviderKind::Oauth2
                if settings.authorize_url.is_empty()
                    || settings.token_url.is_empty()
                    || settings.userinfo_url.is_empty() =>
            {
                return Err(bad(
                    "authorize_url, token_url and userinfo_url are required for kind oauth2",
                ));
            }
            _ => {}
        }
        if settings.client_id.is_empty() {
            return Err(bad("a client id is required"));
        }
        Ok(Provider {
            name: name.to_string(),
            settings,
            http: crate::http_client()?,
            cache: tokio::sync::Mutex::new(None),
        })
    }

    /// The configured issuer, without a trailing slash.
    pub fn issuer(&self) -> &str {
        trim_issuer(&self.settings.issuer)
    }

    fn checked_url(&self, raw: &str) -> Result<url::Url> {
        let u = url::Url::parse(raw).map_err(|e| {
            SsoError::new(
                UNREACHABLE,
                format!("provider {}: bad URL {raw}: {e}", self.name),
            )
        })?;
        if !url_allowed(&u, self.settings.allow_insecure_http) {
            return Err(SsoError::new(
                UNREACHABLE,
                format!(
                    "provider {}: refusing to call {raw} (HTTPS required outside loopback)",
                    self.name
                ),
            ));
        }
        Ok(u)
    }

    async fn get_json(&self, raw: &str, bearer: Option<&str>) -> Result<Value> {
        let u = self.checked_url(raw)?;
        let mut req = self.http.get(u).header("accept", "application/json");
        if let Some(b) = bearer {
            req = req.bearer_auth(b);
        }
        let resp = req.send().await.map_err(|e| {
            SsoError::new(
                UNREACHABLE,
                format!("provider {}: GET {raw}: {e}", self.name),
            )
        })?;
        let status = resp.status();
        if !status.is_success() {
            return Err(SsoError::new(
                UNREACHABLE,
                format!("provider {}: GET {raw} answered {status}", self.name),
            ));
        }
        resp.json().await.map_err(|e| {
            SsoError::new(
                UNREACHABLE,
                format!("provider {}: GET {raw}: not JSON: {e}", self.name),
            )
        })
    }

    async fn fetch_jwks(&self, md: &CoreProviderMetadata) -> Result<CoreJsonWebKeySet> {
        let v = self.get_json(md.jwks_uri().as_str(), None).await?;
        serde_json::from_value(v).map_err(|e| {
            SsoError::new(
                UNREACHABLE,
                format!("provider {}: JWKS does not parse: {e}", self.name),
            )
        })
    }

    async fn discover(&self) -> Result<Discovered> {
        let url = if self.settings.discovery_url.is_empty() {
            format!("{}/.well-known/openid-configuration", self.issuer())
        } else {
            self.settings.discovery_url.clone()
        };
        let v = self.get_json(&url, None).await?;
        let raw = v.as_object().cloned().unwrap_or_default();
        let said = raw.get("issuer").and_then(Value::as_str).unwrap_or("");
        if trim_issuer(said) != self.issuer() {
            return Err(SsoError::new(
                "Single sign-on is misconfigured.",
                format!(
                    "provider {}: discovery at {url} names issuer {said:?}, configured {:?}",
                    self.name,
                    self.issuer()
                ),
            ));
        }
        let mut metadata: CoreProviderMetadata = serde_json::from_value(v).map_err(|e| {
            SsoError::new(
                UNREACHABLE,
                format!(
                    "provider {}: discovery document does not parse: {e}",
                    self.name
                ),
            )
        })?;
        self.checked_url(metadata.jwks_uri().as_str())?;
        self.checked_url(metadata.authorization_endpoint().as_str())?;
        let jwks = self.fetch_jwks(&metadata).await?;
        metadata = metadata.set_jwks(jwks);
        let now = Instant::now();
        Ok(Discovered {
            metadata,
            raw,
            at: now,
            jwks_at: now,
        })
    }

    async fn discovered(&self) -> Result<Discovered> {
        let mut g = self.cache.lock().await;
        if let Some(d) = g.as_ref()
            && d.at.elapsed() < DISCOVERY_TTL
        {
            return Ok(d.clone());
        }
        let d = self.discover().await?;
        *g = Some(d.clone());
        Ok(d)
    }

    /// Fetches the JWKS again (a token named a key we do not have); false when it was fetched
    /// too recently to try again.
    async fn refresh_keys(&self) -> Result<Option<Discovered>> {
        let mut g = self.cache.lock().await;
        let Some(d) = g.as_mut() else {
            return Ok(None);
        };
        if d.jwks_at.elapsed() < JWKS_MIN_REFRESH {
            return Ok(None);
        }
        let jwks = self.fetch_jwks(&d.metadata).await?;
        tracing::info!(sso.provider = %self.name, "signing keys fetched again for an unknown key id");
        d.metadata = d.metadata.clone().set_jwks(jwks);
        d.jwks_at = Instant::now();
        Ok(Some(d.clone()))
    }

    fn scopes(&self) -> Vec<Scope> {
        self.settings
            .scopes
            .iter()
            .filter(|s| s.as_str() != "openid")
            .map(|s| Scope::new(s.clone()))
            .collect()
    }

    /// The provider URL to send the browser to, and what the session must keep for the callback.
    pub async fn begin(
        &self,
        redirect_uri: &str,
        login_hint: Option<&str>,
    ) -> Result<(String, Pending)> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        match self.settings.kind {
            ProviderKind::Oidc => {
                let d = self.discovered().await?;
                let client = CoreClient::from_provider_metadata(
                    d.metadata,
                    ClientId::new(self.settings.client_id.clone()),
                    Some(ClientSecret::new(self.settings.client_secret.0.clone())),
                )
                .set_redirect_uri(self.redirect(redirect_uri)?);
                let mut req = client
                    .authorize_url(
                        CoreAuthenticationFlow::AuthorizationCode,
                        CsrfToken::new_random,
                        Nonce::new_random,
                    )
                    .add_scopes(self.scopes())
                    .set_pkce_challenge(challenge);
                if let Some(h) = login_hint.filter(|h| !h.is_empty()) {
                    req = req.add_extra_param("login_hint", h.to_string());
                }
                let (url, state, nonce) = req.url();
                Ok((
                    url.to_string(),
                    Pending {
                        state: state.secret().clone(),
                        nonce: nonce.secret().clone(),
                        verifier: verifier.secret().clone(),
                    },
                ))
            }
            ProviderKind::Oauth2 => {
                let mut u = self.checked_url(&self.settings.authorize_url)?;
                let state = CsrfToken::new_random().secret().clone();
                let scope = self.settings.scopes.join(" ");
                {
                    let mut q = u.query_pairs_mut();
                    q.append_pair("response_type", "code")
                        .append_pair("client_id", &self.settings.client_id)
                        .append_pair("redirect_uri", redirect_uri)
                        .append_pair("state", &state)
                        .append_pair("code_challenge", challenge.as_str())
                        .append_pair("code_challenge_method", "S256");
                    if !scope.is_empty() {
                        q.append_pair("scope", &scope);
                    }
                    if let Some(h) = login_hint.filter(|h| !h.is_empty()) {
                        q.append_pair("login_hint", h);
                    }
                }
                Ok((
                    u.to_string(),
                    Pending {
                        state,
                        nonce: String::new(),
                        verifier: verifier.secret().clone(),
                    },
                ))
            }
        }
    }

    fn redirect(&self, redirect_uri: &str) -> Result<RedirectUrl> {
        RedirectUrl::new(redirect_uri.to_string()).map_err(|e| {
            SsoError::new(
                "Single sign-on is misconfigured.",
                format!("provider {}: redirect URI {redirect_uri}: {e}", self.name),
            )
        })
    }

    /// Exchanges the authorization code and verifies what comes back.
    pub async fn complete(
        &self,
        redirect_uri: &str,
        code: &str,
        pending: &Pending,
    ) -> Result<Identity> {
        match self.settings.kind {
            ProviderKind::Oidc => self.complete_oidc(redirect_uri, code, pending).await,
            ProviderKind::Oauth2 => self.complete_oauth2(redirect_uri, code, pending).await,
        }
    }

    fn token_error<RE: std::error::Error + 'static>(
        &self,
        e: RequestTokenError<
            RE,
            openidconnect::StandardErrorResponse<openidconnect::core::CoreErrorResponseType>,
        >,
    ) -> SsoError {
        match e {
            RequestTokenError::ServerResponse(r) => SsoError::new(
                "The identity provider did not accept this sign-in (the link may have been used already or expired). Please try again.",
                format!(
                    "provider {}: token endpoint refused the code: {r}",
                    self.name
                ),
            ),
            other => SsoError::new(
                UNREACHABLE,
                format!("provider {}: token request failed: {other}", self.name),
            ),
        }
    }

    async fn complete_oidc(
        &self,
        redirect_uri: &str,
        code: &str,
        pending: &Pending,
    ) -> Result<Identity> {
        let mut d = self.discovered().await?;
        let client = CoreClient::from_provider_metadata(
            d.metadata.clone(),
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.0.clone())),
        )
        .set_redirect_uri(self.redirect(redirect_uri)?);
        let tok = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| SsoError::new(UNREACHABLE, format!("provider {}: {e}", self.name)))?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier.clone()))
            .request_async(&self.http)
            .await
            .map_err(|e| self.token_error(e))?;
        let id_token = tok.id_token().ok_or_else(|| {
            SsoError::new(
                REFUSED,
                format!("provider {}: token response has no id_token", self.name),
            )
        })?;
        let nonce = Nonce::new(pending.nonce.clone());
        let leeway = i64::try_from(self.settings.leeway_seconds).unwrap_or(60);
        let mut refreshed = false;
        loop {
            let client = CoreClient::from_provider_metadata(
                d.metadata.clone(),
                ClientId::new(self.settings.client_id.clone()),
                Some(ClientSecret::new(self.settings.client_secret.0.clone())),
            );
            let advertised = d
                .metadata
                .id_token_signing_alg_values_supported()
                .iter()
                .filter(|a| asymmetric(a))
                .cloned()
                .collect::<Vec<_>>();
            let verifier = client
                .id_token_verifier()
                .set_allowed_algs(advertised)
                .set_time_fn(move || chrono::Utc::now() - chrono::Duration::seconds(leeway))
                .set_issue_time_verifier_fn(move |iat| {
                    if iat > chrono::Utc::now() + chrono::Duration::seconds(leeway) {
                        Err(format!("issued in the future ({iat})"))
                    } else {
                        Ok(())
                    }
                });
            match id_token.claims(&verifier, &nonce) {
                Ok(claims) => {
                    if let Some(expected) = claims.access_token_hash() {
                        let alg = id_token.signing_alg().map_err(|e| {
                            SsoError::new(REFUSED, format!("provider {}: {e}", self.name))
                        })?;
                        let key = id_token.signing_key(&verifier).map_err(|e| {
                            SsoError::new(REFUSED, format!("provider {}: {e}", self.name))
                        })?;
                        let actual = AccessTokenHash::from_token(tok.access_token(), alg, key)
                            .map_err(|e| {
                                SsoError::new(REFUSED, format!("provider {}: {e}", self.name))
                            })?;
                        if actual != *expected {
                            return Err(SsoError::new(
                                REFUSED,
                                format!(
                                    "provider {}: at_hash does not match the access token",
                                    self.name
                                ),
                            ));
                        }
                    }
                    break;
                }
                Err(ClaimsVerificationError::SignatureVerification(
                    SignatureVerificationError::NoMatchingKey,
                )) if !refreshed => {
                    refreshed = true;
                    match self.refresh_keys().await? {
                        Some(nd) => d = nd,
                        None => {
                            return Err(claims_error(
                                &ClaimsVerificationError::SignatureVerification(
                                    SignatureVerificationError::NoMatchingKey,
                                ),
                            ));
                        }
                    }
                }
                Err(e) => return Err(claims_error(&e)),
            }
        }
        let raw = id_token.to_string();
        let mut claims = payload(&raw)?;
        let sub = claims
            .get("sub")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if self.settings.fetch_userinfo
            && let Some(ep) = d.raw.get("userinfo_endpoint").and_then(Value::as_str)
        {
            let info = self.get_json(ep, Some(tok.access_token().secret())).await?;
            let info = info.as_object().cloned().unwrap_or_default();
            let info_sub = info.get("sub").and_then(Value::as_str).unwrap_or_default();
            if info_sub != sub {
                return Err(SsoError::new(
                    REFUSED,
                    format!(
                        "provider {}: userinfo sub {info_sub:?} differs from ID token sub {sub:?}",
                        self.name
                    ),
                ));
            }
            for (k, v) in info {
                if !matches!(k.as_str(), "iss" | "aud" | "sub" | "exp" | "iat" | "nonce") {
                    claims.insert(k, v);
                }
            }
        }
        let uid = if self.settings.uid_claim == "sub" {
            sub
        } else {
            claim_text(&claims, &self.settings.uid_claim)
        };
        if uid.is_empty() {
            return Err(SsoError::new(
                REFUSED,
                format!(
                    "provider {}: no {} claim",
                    self.name, self.settings.uid_claim
                ),
            ));
        }
        let sid = claims
            .get("sid")
            .and_then(Value::as_str)
            .map(str::to_string);
        Ok(Identity {
            uid,
            claims,
            id_token: Some(raw),
            sid,
        })
    }

    async fn complete_oauth2(
        &self,
        redirect_uri: &str,
        code: &str,
        pending: &Pending,
    ) -> Result<Identity> {
        let u = self.checked_url(&self.settings.token_url)?;
        let body = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "authorization_code")
            .append_pair("code", code)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("code_verifier", &pending.verifier)
            .append_pair("client_id", &self.settings.client_id)
            .append_pair("client_secret", &self.settings.client_secret.0)
            .finish();
        let resp = self
            .http
            .post(u)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| {
                SsoError::new(
                    UNREACHABLE,
                    format!("provider {}: token request: {e}", self.name),
                )
            })?;
        let status = resp.status();
        let v: Value = resp.json().await.unwrap_or(Value::Null);
        let Some(access) = v
            .get("access_token")
            .and_then(Value::as_str)
            .filter(|_| status.is_success())
        else {
            return Err(SsoError::new(
                "The identity provider did not accept this sign-in (the link may have been used already or expired). Please try again.",
                format!(
                    "provider {}: token endpoint answered {status}: {}",
                    self.name,
                    v.get("error").cloned().unwrap_or(Value::Null)
                ),
            ));
        };
        let info = self
            .get_json(&self.settings.userinfo_url, Some(access))
            .await?;
        let claims = info.as_object().cloned().unwrap_or_default();
        let uid = claim_text(&claims, &self.settings.uid_claim);
        if uid.is_empty() {
            return Err(SsoError::new(
                REFUSED,
                format!(
                    "provider {}: userinfo has no {} claim",
                    self.name, self.settings.uid_claim
                ),
            ));
        }
        Ok(Identity {
            uid,
            claims,
            id_token: None,
            sid: None,
        })
    }

    /// The provider's logout URL (RP-initiated logout), when it has one and it is enabled.
    pub async fn logout_url(
        &self,
        id_token_hint: Option<&str>,
        post_logout_redirect_uri: &str,
    ) -> Option<String> {
        if !self.settings.end_session || self.settings.kind != ProviderKind::Oidc {
            return None;
        }
        let d = match self.discovered().await {
            Ok(d) => d,
            Err(e) => {
                tracing::warn!(sso.provider = %self.name, error = %e.detail, "no logout at the identity provider");
                return None;
            }
        };
        let ep = d.raw.get("end_session_endpoint").and_then(Value::as_str)?;
        let mut u = self.checked_url(ep).ok()?;
        {
            let mut q = u.query_pairs_mut();
            if let Some(h) = id_token_hint {
                q.append_pair("id_token_hint", h);
            }
            q.append_pair("client_id", &self.settings.client_id);
            q.append_pair("post_logout_redirect_uri", post_logout_redirect_uri);
        }
        Some(u.to_string())
    }

    /// Verifies an OIDC back-channel logout token; returns its `sub` and `sid`.
    pub async fn verify_logout_token(
        &self,
        token: &str,
    ) -> Result<(Option<String>, Option<String>)> {
        let bad = |why: String| {
            SsoError::new(
                REFUSED,
                format!("provider {}: logout token: {why}", self.name),
            )
        };
        let mut parts = token.split('.');
        let (Some(h), Some(p), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad("not a compact JWS".into()));
        };
        let header: Map<String, Value> = URL_SAFE_NO_PAD
            .decode(h)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or_else(|| bad("header does not parse".into()))?;
        let alg: CoreJwsSigningAlgorithm = header
            .get("alg")
            .cloned()
            .and_then(|a| serde_json::from_value(a).ok())
            .ok_or_else(|| bad("unknown alg".into()))?;
        if !asymmetric(&alg) {
            return Err(bad(format!("alg {alg:?} refused")));
        }
        let kid = header
            .get("kid")
            .and_then(Value::as_str)
            .map(str::to_string);
        let sig = URL_SAFE_NO_PAD
            .decode(s)
            .map_err(|_| bad("signature is not base64url".into()))?;
        let message = format!("{h}.{p}");
        let mut d = self.discovered().await?;
        let mut refreshed = false;
        loop {
            let keys: Vec<&CoreJsonWebKey> = d
                .metadata
                .jwks()
                .keys()
                .iter()
                .filter(|k| match (&kid, k.key_id()) {
                    (Some(want), Some(have)) => have.as_str() == want,
                    (None, _) => true,
                    (Some(_), None) => false,
                })
                .collect();
            if keys.is_empty() && !refreshed {
                refreshed = true;
                if let Some(nd) = self.refresh_keys().await? {
                    d = nd;
                    continue;
                }
            }
            if !keys
                .iter()
                .any(|k| k.verify_signature(&alg, message.as_bytes(), &sig).is_ok())
            {
                return Err(bad("signature does not verify".into()));
            }
            break;
        }
        let claims = payload(token)?;
        let iss = claims.get("iss").and_then(Value::as_str).unwrap_or("");
        if trim_issuer(iss) != self.issuer() {
            return Err(bad(format!("iss {iss:?}")));
        }
        let aud_ok = match claims.get("aud") {
            Some(Value::String(a)) => *a == self.settings.client_id,
            Some(Value::Array(a)) => a
                .iter()
                .any(|x| x.as_str() == Some(&self.settings.client_id)),
            _ => false,
        };
        if !aud_ok {
            return Err(bad("aud does not name this client".into()));
        }
        let leeway = i64::try_from(self.settings.leeway_seconds).unwrap_or(60);
        let now = now_secs();
        let iat = claims.get("iat").and_then(Value::as_i64).unwrap_or(0);
        if iat > now + leeway || iat < now - 600 - leeway {
            return Err(bad(format!("iat {iat} out of range")));
        }
        if let Some(exp) = claims.get("exp").and_then(Value::as_i64)
            && exp + leeway < now
        {
            return Err(bad("expired".into()));
        }
        if claims.contains_key("nonce") {
            return Err(bad("a logout token must not carry a nonce".into()));
        }
        let has_event = claims
            .get("events")
            .and_then(Value::as_object)
            .is_some_and(|e| e.contains_key(BACKCHANNEL_EVENT));
        if !has_event {
            return Err(bad("no back-channel logout event".into()));
        }
        let sub = claims
            .get("sub")
            .and_then(Value::as_str)
            .map(str::to_string);
        let sid = claims
            .get("sid")
            .and_then(Value::as_str)
            .map(str::to_string);
        if sub.is_none() && sid.is_none() {
            return Err(bad("neither sub nor sid".into()));
        }
        Ok((sub, sid))
    }
}

fn claim_text(claims: &Map<String, Value>, name: &str) -> String {
    match claims.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}
