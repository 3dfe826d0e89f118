//! Ironbox's domain vocabulary: values, errors, IP keys and the model registry types.
//!
//! This crate owns no I/O. Everything above it (store, service, web) speaks these types; it must
//! not depend on a database driver or an HTTP framework.

pub mod error;
pub mod ip;
pub mod meta;
pub mod time;
pub mod tz;
pub mod value;

pub use error::{Error, FieldErrors, Result};
pub use meta::{Field, Kind, Model, OnDelete, Registry};
pub use value::Value;
