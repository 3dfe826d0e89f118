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
    /// `Bearer nbt_<key>.<secret>`.
    V2 { key: String, secret: String },
    /// `Token <40 chars>`.
    V1(String),
    /// Malformed v2 (NetBox: "Invalid v2 token").
    BadV2,
    /// Anything else.
    Malformed,
}

/// Parses an Authorization header value.
pub fn parse_header(h: &str) -> Presented {
    let h = h.trim();
    let (scheme, rest) = h.split_once(' ').unwrap_or((h, ""));
    let rest = rest.trim();
    match scheme.to_ascii_lowercase().as_str() {
        "bearer" | "token" if rest.starts_with("nbt_") => {
            match rest["nbt_".len()..].split_once('.') {
                Some((k, s)) if !k.is_empty() && !s.is_empty() => Presented::V2 {
                    key: k.to_string(),
                    secret: s.to_string(),
                },
                _ => Presented::BadV2,
            }
        }
        "token" if !rest.is_empty() => Presented::V1(rest.to_string()),
        "bearer" => Presented::BadV2,
        _ => Presented::Malformed,
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
        assert_eq!(parse_header("Bearer nbt_abc"), Presented::BadV2);
        assert_eq!(parse_header("Basic Zm9v"), Presented::Malformed);
    }

    #[test]
    fn digests_depend_on_pepper() {
        let (_, s) = generate();
        assert_ne!(digest("p1", &s), digest("p2", &s));
        assert!(same(&digest("p1", &s), &digest("p1", &s)));
    }
}
