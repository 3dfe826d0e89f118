//! The domain error and NetBox-shaped field errors. Surfaces map these to their own bodies.

use indexmap::IndexMap;
use serde::Serialize;

/// An ordered map of field name to messages; `__all__` holds the rest (NetBox 4.7's key).
#[derive(Debug, Default, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub IndexMap<String, Vec<String>>);

impl FieldErrors {
    /// An empty error map.
    pub fn new() -> Self {
        Self::default()
    }
    /// A map with one message for one field.
    pub fn one(field: &str, msg: impl Into<String>) -> Self {
        let mut e = Self::new();
        e.add(field, msg);
        e
    }
    /// Adds a message to a field.
    pub fn add(&mut self, field: &str, msg: impl Into<String>) {
        self.0
            .entry(field.to_string())
            .or_default()
            .push(msg.into());
    }
    /// True when no field has a message.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// True when the field already has a message.
    pub fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }
    /// Turns a non-empty map into `Err(Error::Invalid)`.
    pub fn into_result(self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self))
        }
    }
}

/// Everything that can go wrong in a request, independent of the surface that reports it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No object of this model matches (NetBox: "No Prefix matches the given query.").
    #[error("No {model} matches the given query.")]
    NotFound { model: String },
    /// No such API endpoint (404 `{"detail": "Not found."}`).
    #[error("Not found.")]
    NoRoute,
    /// Field validation failed (400 with a field map).
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// One entry per item of a request that takes a list; valid items have empty maps
    /// (400 with a list, like DRF's list serializers on allocation endpoints).
    #[error("invalid list input")]
    InvalidList(Vec<FieldErrors>),
    /// A 400 whose whole body is given (NetBox 4.7's bulk error documents, list-shaped errors).
    #[error("invalid input")]
    InvalidBody(serde_json::Value),
    /// A request-level problem (400 with `{"detail": ...}`).
    #[error("{0}")]
    BadRequest(String),
    /// The request body is not JSON (415).
    #[error("Unsupported media type \"{0}\" in request.")]
    UnsupportedMediaType(String),
    /// Missing or bad credentials (NetBox answers 403 with a detail).
    #[error("{0}")]
    Unauthenticated(String),
    /// Authenticated but not allowed.
    #[error("{0}")]
    Forbidden(String),
    /// A 403 whose whole body is given (a bulk request with objects outside the permissions).
    #[error("forbidden")]
    ForbiddenBody(serde_json::Value),
    /// The object changed since the client read it (If-Match).
    #[error("precondition failed")]
    PreconditionFailed,
    /// A conflict such as a protected relation on delete (409 like NetBox).
    #[error("{0}")]
    Conflict(String),
    /// Something broke inside; the message is logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result with the domain error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An internal error from anything displayable (logged, never shown to clients).
    pub fn internal(e: impl std::fmt::Display) -> Self {
        Error::Internal(e.to_string())
    }
    /// A field error for one field.
    pub fn field(field: &str, msg: impl Into<String>) -> Self {
        Error::Invalid(FieldErrors::one(field, msg))
    }
}
