//! Credentials: password hashing and API token secrets.
//!
//! Sessions and single sign-on build on this crate later; it must not know about HTTP.

pub mod password;
pub mod token;
