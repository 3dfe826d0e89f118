//! `/api/users/config/`: the caller's own preferences (NetBox's UserConfig), a JSON document
//! read with GET and deep-merged with PATCH. Nobody reads or writes another user's.

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::{AppState, api};
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ironbox_core::meta::ColType;
use ironbox_core::{Error, Result};
use ironbox_store::Ex;
use sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use serde_json::Value as J;

const TABLE: &str = "users_userconfig";

/// The user's preferences (an empty object when none are stored).
pub async fn load(ex: &mut Ex<'_>, user: i64) -> Result<J> {
    let q = Query::select()
        .column(Alias::new("data"))
        .from(Alias::new(TABLE))
        .and_where(Expr::col(Alias::new("user_id")).eq(user))
        .to_owned();
    let rows = ex.fetch(&q, &[ColType::Text]).await?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|r| r.into_iter().next())
        .and_then(|v| v.as_str().and_then(|s| serde_json::from_str(s).ok()))
        .unwrap_or_else(|| J::Object(Default::default())))
}

/// Merges `patch` into `base` the way NetBox's `deepmerge` does: objects merge key by key,
/// anything else replaces.
pub fn deep_merge(base: &mut J, patch: &J) {
    match (base, patch) {
        (J::Object(b), J::Object(p)) => {
            for (k, v) in p {
                match b.get_mut(k) {
                    Some(slot) if slot.is_object() && v.is_object() => deep_merge(slot, v),
                    _ => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (b, p) => *b = p.clone(),
    }
}

/// Deep-merges `patch` into a user's stored preferences in one transaction; returns the result.
pub async fn merge(st: &AppState, user: i64, patch: &J) -> Result<J> {
    let mut tx = st.db.begin().await?;
    let mut data = load(&mut tx.ex(), user).await?;
    deep_merge(&mut data, patch);
    let q = Query::insert()
        .into_table(Alias::new(TABLE))
        .columns([Alias::new("user_id"), Alias::new("data")])
        .values_panic([user.into(), data.to_string().into()])
        .on_conflict(
            OnConflict::column(Alias::new("user_id"))
                .update_column(Alias::new("data"))
                .to_owned(),
        )
        .to_owned();
    tx.ex().execute_insert(&q).await?;
    tx.commit().await?;
    Ok(data)
}

/// `GET` and `PATCH /api/users/config/`.
pub async fn config(
    method: Method,
    headers: HeaderMap,
    State(st): State<AppState>,
    axum::Extension(p): axum::Extension<Principal>,
    body: Bytes,
) -> ApiResult<Response> {
    if p.actor.user.is_none() {
        return Err(ApiError(Error::Unauthenticated(
            crate::auth::NO_CREDENTIALS.into(),
        )));
    }
    let resp = match method {
        Method::GET | Method::HEAD => {
            let mut conn = st.db.read().await?;
            Json(load(&mut conn.ex(), p.user_id).await?).into_response()
        }
        Method::PATCH => {
            api::check_media_type(&headers, &body)?;
            let patch = api::parse_body(&body)?;
            if !patch.is_object() {
                return Err(ApiError(Error::BadRequest(
                    "Expected a JSON object of preferences.".into(),
                )));
            }
            Json(merge(&st, p.user_id, &patch).await?).into_response()
        }
        Method::OPTIONS => StatusCode::OK.into_response(),
        _ => (
            StatusCode::METHOD_NOT_ALLOWED,
            Json(serde_json::json!({"detail": format!("Method \"{method}\" not allowed.")})),
        )
            .into_response(),
    };
    let mut resp = resp;
    resp.headers_mut().insert(
        header::ALLOW,
        HeaderValue::from_static("GET, PATCH, HEAD, OPTIONS"),
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::deep_merge;
    use serde_json::json;

    #[test]
    fn objects_merge_key_by_key_and_the_rest_replaces() {
        let mut a =
            json!({"tables": {"SiteTable": {"columns": ["name"]}}, "ui": {"theme": "light"}});
        deep_merge(
            &mut a,
            &json!({"tables": {"DeviceTable": {"columns": ["name", "site"]}}, "ui": {"theme": "dark"}}),
        );
        assert_eq!(
            a,
            json!({"tables": {"SiteTable": {"columns": ["name"]}, "DeviceTable": {"columns": ["name", "site"]}}, "ui": {"theme": "dark"}})
        );
    }
}
