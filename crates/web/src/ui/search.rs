//! Global search: the API's `q` filter on every model the user may view, results grouped by
//! type, each group linking to its full filtered list.

use super::cells;
use super::{capfirst, page};
use crate::AppState;
use crate::api::query_pairs;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use ironbox_service::render::{Mode, Selection, render};
use ironbox_store::{crud, filter};
use serde_json::{Value as J, json};

/// Results shown per type; the group links to the rest.
const PER_TYPE: u64 = 10;

/// `GET /search/?q=`.
pub async fn search(uri: Uri, headers: HeaderMap, State(st): State<AppState>) -> Response {
    let here = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let p = match page(&st, &headers, &here).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let q = query_pairs(&uri)
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let mut groups = Vec::new();
    let mut total = 0i64;
    if !q.is_empty() {
        let run = async {
            let mut conn = st.db.read().await?;
            let mut ex = conn.ex();
            for m in st.reg.all() {
                if m.ui.is_empty()
                    || m.search.is_empty()
                    || !p.ctx.actor.may(m, "view")
                    || m.key() == "users.token"
                {
                    continue;
                }
                let mut cond =
                    filter::compile(&st.reg, m, &[("q".to_string(), q.clone())], ex.backend())?;
                if let Some(s) = ironbox_service::authz::restrict(&p.ctx, m, "view", ex.backend())?
                {
                    cond = cond.add(s);
                }
                let rows = crud::list(&mut ex, m, cond.clone(), &[], Some(PER_TYPE), 0).await?;
                if rows.is_empty() {
                    continue;
                }
                let n = if (rows.len() as u64) < PER_TYPE {
                    rows.len() as i64
                } else {
                    crud::count(&mut ex, m, cond).await?
                };
                total += n;
                let sel = Selection {
                    only: Some(
                        ["id", "url", "display", "display_url", "description"]
                            .iter()
                            .map(|s| s.to_string())
                            .collect(),
                    ),
                    omit: Default::default(),
                };
                let objs = render(&mut ex, &p.ctx, m, &rows, Mode::Full, &sel).await?;
                groups.push(json!({
                    "label": capfirst(m.verbose_plural),
                    "count": n,
                    "more": format!("/{}/?q={}", m.ui, form_urlencoded::byte_serialize(q.as_bytes()).collect::<String>()),
                    "results": objs.iter().map(|o| json!({"display": o["display"], "href": cells::object_href(o), "description": o.get("description").cloned().unwrap_or(J::Null)})).collect::<Vec<_>>(),
                }));
            }
            Ok::<_, ironbox_core::Error>(())
        };
        if let Err(e) = run.await {
            return super::error_page(&st, &p, &e);
        }
    }
    let mut ctx = p.base(&st, &here);
    ctx.insert(
        "title".into(),
        J::String(if q.is_empty() {
            "Search".into()
        } else {
            format!("Search: {q}")
        }),
    );
    ctx.insert("q".into(), J::String(q));
    ctx.insert("groups".into(), J::Array(groups));
    ctx.insert("total".into(), json!(total));
    st.login.render("ui/search.html", J::Object(ctx))
}
