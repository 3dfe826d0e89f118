//! Password hashes: Argon2id for new hashes; Django's `pbkdf2_sha256$…` (users migrated from
//! NetBox) still verify and are flagged for rehashing.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use subtle::ConstantTimeEq;

/// Hashes a password with Argon2id.
pub fn hash(pw: &str) -> Result<String, String> {
    let bytes: [u8; 16] = rand::random();
    let salt = SaltString::encode_b64(&bytes).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(pw.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Outcome of a verification.
#[derive(Debug, PartialEq, Eq)]
pub enum Verified {
    /// Wrong password or unusable hash.
    No,
    /// Correct, hash is current.
    Yes,
    /// Correct, but the hash should be replaced by a fresh Argon2id hash.
    YesRehash,
}

/// Verifies a password against a stored hash of either format.
pub fn verify(pw: &str, stored: &str) -> Verified {
    if let Some(rest) = stored.strip_prefix("pbkdf2_sha256$") {
        let mut parts = rest.splitn(3, '$');
        let (Some(iter), Some(salt), Some(hash)) = (parts.next(), parts.next(), parts.next())
        else {
            return Verified::No;
        };
        let Ok(iter) = iter.parse::<u32>() else {
            return Verified::No;
        };
        let Ok(expected) = base64::engine::general_purpose::STANDARD.decode(hash) else {
            return Verified::No;
        };
        let mut out = vec![0u8; expected.len().max(32)];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(pw.as_bytes(), salt.as_bytes(), iter, &mut out);
        out.truncate(expected.len());
        return if bool::from(out.ct_eq(&expected)) {
            Verified::YesRehash
        } else {
            Verified::No
        };
    }
    match PasswordHash::new(stored) {
        Ok(h) if Argon2::default().verify_password(pw.as_bytes(), &h).is_ok() => Verified::Yes,
        _ => Verified::No,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2_round_trip() {
        let h = hash("s3cret").unwrap();
        assert_eq!(verify("s3cret", &h), Verified::Yes);
        assert_eq!(verify("wrong", &h), Verified::No);
    }

    #[test]
    fn django_pbkdf2_hashes_verify_and_ask_for_rehash() {
        // Django's make_password("admin", salt="abcdefghijklmnop", hasher PBKDF2 1000 iterations).
        let salt = "abcdefghijklmnop";
        let mut out = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(b"admin", salt.as_bytes(), 1000, &mut out);
        let stored = format!(
            "pbkdf2_sha256$1000${salt}${}",
            base64::engine::general_purpose::STANDARD.encode(out)
        );
        assert_eq!(verify("admin", &stored), Verified::YesRehash);
        assert_eq!(verify("nope", &stored), Verified::No);
        assert_eq!(verify("admin", "pbkdf2_sha256$x$y$z"), Verified::No);
    }
}
