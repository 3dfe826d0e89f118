//! NetBox's behaviour over the generic engine: rendering objects as NetBox JSON, validating and
//! writing them, the change log, and per-model rules (IPAM validation, allocation).
//!
//! Surfaces (REST, UI, GraphQL) call into this crate; it never sees HTTP types.

pub mod alloc;
pub mod authz;
pub mod dcim;
pub mod hooks;
pub mod library;
pub mod render;
pub mod write;

use ironbox_core::meta::Registry;
use std::sync::Arc;

/// Who is acting and where links point; one per request.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The model registry.
    pub reg: Arc<Registry>,
    /// Absolute base of URLs in bodies (`http://host:port`), from the request.
    pub base: String,
    /// Acting user id and name (None for system actions).
    pub user: Option<(i64, String)>,
    /// The request id shared by every change this request writes.
    pub request_id: String,
    /// What the actor may do ([`authz::Actor::system`] for the system's own writes).
    pub actor: Arc<authz::Actor>,
}

impl Ctx {
    /// The API URL of an object.
    pub fn api_url(&self, api: &str, id: i64) -> String {
        format!("{}/api/{}/{}/", self.base, api, id)
    }
}
