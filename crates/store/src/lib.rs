//! Storage: database handles, the single SQL executor, schema, filters and generic CRUD.
//!
//! Every statement that reaches sqlx passes through [`exec`]; everything else builds sea-query
//! statements from the model registry. This crate knows nothing about HTTP.

pub mod constraint;
pub mod crud;
pub mod db;
pub mod exec;
pub mod filter;
pub mod migrate;
pub mod schema;
pub mod search;

pub use db::{Backend, Db, Tx};
pub use exec::Ex;
