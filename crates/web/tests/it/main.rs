//! Integration tests of the HTTP surface over a real database: SQLite by default, PostgreSQL
//! (a schema per test) when `TEST_DATABASE_URL` is set.
#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot proceed should fail loudly"
)]

mod api;
mod concurrency;
mod connections;
mod login;
mod login_ldap;
mod login_support;
mod reference;
mod schema;
mod support;
mod ui;
