//! API token secrets in NetBox 4.7's formats.
//!
//! v2: `nbt_<key>.<secret>`; only `HMAC-SHA256(pepper, secret)` is stored, with the pepper's id so
//! peppers can rotate. v1: a 40-character token from a NetBox migration, stored as SHA-256.

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::{Digest, Sha256};

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn random(n: usize) -> String {
    let mut rng = rand::rng();
    (0..n)
        .map(|_| ALNUM[rng.random_range(0..ALNUM.len())] as char)
        .collect()
}

/// A fresh v2 token: (key, secret).
pub fn generate() -> (String, String) {
    (random(12), random(40))
}

/// A fresh v1 token (40 hex characters).
pub fn generate_v1() -> String {
    let mut rng = rand::rng();
    (0..40)
        .map(|_| char::from_digit(rng.random_range(0..16), 16).unwrap_or('0'))
        .collect()
}

/// The stored digest of a v2 secret under a pepper.
pub fn digest(pepper: &str, secret: &str) -> String {
    #[expect(clippy::expect_used, reason = "HMAC accepts keys of any length")]
    let mut mac = Hmac::<Sha256>::new_from_slice(pepper.as_bytes()).expect("hmac key");
    mac.update(secret.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The stored digest of a v1 token.
pub fn digest_v1(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Constant-time comparison of two digests.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// What an Authorization header holds.
#[derive(Debug, PartialEq, Eq)]
pub enum Presented {
    /// `nbt_<key>.<secret>` (after `Bearer` or `Token`: NetBox 4.7 goes by the prefix).
    V2 { key: String, secret: String },
    /// A legacy token without the `nbt_` prefix.
    V1(String),
    /// Another scheme (Basic, …): the same as no credentials.
    NoCredentials,
    /// A Token/Bearer header NetBox cannot read, with its message.
    Malformed(&'static str),
}

/// NetBox's message for a header without exactly one value.
pub const MSG_FORM: &str = "Invalid authorization header: Must be in the form \"Bearer <key>.<token>\" or \"Token <token>\"";
/// NetBox's message for an `nbt_` value without a key separator.
pub const MSG_NO_KEY: &str = "Invalid authorization header: Could not parse key from v2 token. Did you mean to use 'Token' instead of 'Bearer'?";

/// Parses an Authorization header value.
pub fn parse_header(h: &str) -> Presented {
    let parts: Vec<&str> = h.split_whitespace().collect();
    let Some(scheme) = parts.first() else {
        return Presented::NoCredentials;
    };
    if !scheme.eq_ignore_ascii_case("bearer") && !scheme.eq_ignore_ascii_case("token") {
        return Presented::NoCredentials;
    }
    if parts.len() != 2 {
        return Presented::Malformed(MSG_FORM);
    }
    let value = parts[1];
    match value.strip_prefix("nbt_") {
        Some(rest) => match rest.split_once('.') {
            Some((k, s)) if !k.is_empty() && !s.is_empty() => Presented::V2 {
                key: k.to_string(),
                secret: s.to_string(),
            },
            _ => Presented::Malformed(MSG_NO_KEY),
        },
        None => Presented::V1(value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_parse_like_netbox() {
        assert_eq!(
            parse_header("Bearer nbt_abc.def"),
            Presented::V2 {
                key: "abc".into(),
                secret: "def".into()
            }
        );
        assert_eq!(
            parse_header("Token 0123456789abcdef0123456789abcdef01234567"),
            Presented::V1("0123456789abcdef0123456789abcdef01234567".into())
        );
        assert_eq!(
            parse_header("Token nbt_abc.def"),
            Presented::V2 {
                key: "abc".into(),
                secret: "def".into()
            }
        );
        assert_eq!(
            parse_header("Bearer nbt_abc"),
            Presented::Malformed(MSG_NO_KEY)
        );
        assert_eq!(parse_header("Bearer a b"), Presented::Malformed(MSG_FORM));
        assert_eq!(parse_header("Bearer"), Presented::Malformed(MSG_FORM));
        assert_eq!(parse_header("Basic Zm9v"), Presented::NoCredentials);
    }

    #[test]
    fn digests_depend_on_pepper() {
        let (_, s) = generate();
        assert_ne!(digest("p1", &s), digest("p2", &s));
        assert!(same(&digest("p1", &s), &digest("p1", &s)));
    }
}
