//! Domain errors as NetBox-shaped HTTP responses.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ironbox_core::Error;
use serde_json::json;

/// The real cause of a 500, carried to the logging middleware, never to the client.
#[derive(Clone, Debug)]
pub struct InternalError(pub String);

/// Wraps the domain error for axum.
#[derive(Debug)]
pub struct ApiError(pub Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        ApiError(e)
    }
}

/// Result for handlers.
pub type ApiResult<T> = Result<T, ApiError>;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self.0 {
            Error::NotFound { model } => (
                StatusCode::NOT_FOUND,
                json!({"detail": format!("No {model} matches the given query.")}),
            ),
            Error::UnsupportedMediaType(ct) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                json!({"detail": format!("Unsupported media type \"{ct}\" in request.")}),
            ),
            Error::NoRoute => (StatusCode::NOT_FOUND, json!({"detail": "Not found."})),
            Error::Invalid(fe) => (StatusCode::BAD_REQUEST, json!(fe)),
            Error::InvalidList(list) => (StatusCode::BAD_REQUEST, json!(list)),
            Error::InvalidBody(body) => (StatusCode::BAD_REQUEST, body),
            Error::ForbiddenBody(body) => (StatusCode::FORBIDDEN, body),
            Error::BadRequest(d) => (StatusCode::BAD_REQUEST, json!({"detail": d})),
            Error::Unauthenticated(d) | Error::Forbidden(d) => {
                (StatusCode::FORBIDDEN, json!({"detail": d}))
            }
            Error::PreconditionFailed => (
                StatusCode::PRECONDITION_FAILED,
                json!({"detail": "The object has been modified since it was read (If-Match did not match its ETag)."}),
            ),
            Error::Conflict(d) => (StatusCode::CONFLICT, json!({"detail": d})),
            Error::Internal(msg) => {
                let mut r = (StatusCode::INTERNAL_SERVER_ERROR, Json(json!({"error": "Internal server error", "exception": "", "netbox_version": "4.7.3", "python_version": ""}))).into_response();
                r.extensions_mut().insert(InternalError(msg));
                return r;
            }
        };
        (status, Json(body)).into_response()
    }
}
