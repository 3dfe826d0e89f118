//! The web interface: server-rendered pages at NetBox's URLs, generated from the same model
//! registry as the API and checked by the same authorization component.
//!
//! Every page is plain HTML that works without JavaScript; `ui.js` adds type-ahead pickers,
//! select-all and the theme switch. Pages live where NetBox keeps them (`/dcim/sites/`,
//! `/dcim/sites/7/`, `/dcim/sites/add/`, `/dcim/sites/7/edit/` …), so the API's `display_url`
//! values and old bookmarks lead here.

pub mod cells;
pub mod components;
pub mod detail;
pub mod form;
pub mod import;
pub mod list;
pub mod permission;
pub mod search;
pub mod trace;

use crate::AppState;
use crate::login::pages::{redirect, server_error, signed_in, take_messages};
use crate::login::session::Session;
use axum::Router;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use ironbox_core::meta::Model;
use ironbox_service::Ctx;
use ironbox_service::authz::Actor;
use serde_json::{Map, Value as J, json};
use std::sync::Arc;

/// The script served at `/static/ui.js`.
pub const JS: &str = include_str!("../../static/ui.js");

/// The menu, grouped like NetBox's: (group, [(model key, label override)]).
const MENU: &[(&str, &[&str])] = &[
    (
        "Organization",
        &[
            "dcim.site",
            "dcim.region",
            "dcim.sitegroup",
            "dcim.location",
            "tenancy.tenant",
            "tenancy.tenantgroup",
            "tenancy.contact",
            "tenancy.contactgroup",
            "tenancy.contactrole",
        ],
    ),
    (
        "Racks",
        &[
            "dcim.rack",
            "dcim.rackrole",
            "dcim.racktype",
            "dcim.rackreservation",
        ],
    ),
    (
        "Devices",
        &[
            "dcim.device",
            "dcim.module",
            "dcim.devicerole",
            "dcim.platform",
            "dcim.virtualchassis",
            "dcim.virtualdevicecontext",
            "dcim.devicetype",
            "dcim.moduletype",
            "dcim.manufacturer",
            "dcim.inventoryitemrole",
        ],
    ),
    (
        "Connections",
        &[
            "dcim.cable",
            "dcim.interface",
            "dcim.frontport",
            "dcim.rearport",
            "dcim.consoleport",
            "dcim.consoleserverport",
            "dcim.powerport",
            "dcim.poweroutlet",
            "dcim.modulebay",
            "dcim.devicebay",
            "dcim.inventoryitem",
            "dcim.macaddress",
        ],
    ),
    (
        "IPAM",
        &[
            "ipam.ipaddress",
            "ipam.iprange",
            "ipam.prefix",
            "ipam.role",
            "ipam.aggregate",
            "ipam.rir",
            "ipam.asn",
            "ipam.asnrange",
            "ipam.vrf",
            "ipam.routetarget",
            "ipam.vlan",
            "ipam.vlangroup",
            "ipam.vlantranslationpolicy",
            "ipam.fhrpgroup",
            "ipam.service",
        ],
    ),
    ("Power", &["dcim.powerpanel", "dcim.powerfeed"]),
    ("Customization", &["extras.tag"]),
    (
        "Admin",
        &[
            "users.user",
            "users.group",
            "users.objectpermission",
            "users.owner",
            "users.ownergroup",
            "users.token",
            "core.objectchange",
        ],
    ),
];

/// A signed-in page request: the session, the template user, and what the user may do.
pub struct Page {
    /// The browser session.
    pub session: Session,
    /// The user as templates see it.
    pub user: J,
    /// The service context (actor, base URL, request id).
    pub ctx: Ctx,
    /// Flash messages taken out of the session.
    pub messages: J,
    /// The user's preferences (`/api/users/config/`).
    pub prefs: J,
}

impl Page {
    /// The base template context: user, CSRF token, messages, menu, theme.
    pub fn base(&self, st: &AppState, here: &str) -> Map<String, J> {
        let mut m = crate::login::pages::base_ctx(
            &self.session.csrf,
            self.messages.clone(),
            self.user.clone(),
        );
        m.insert("nav".into(), nav(st, &self.ctx.actor, here));
        m.insert(
            "theme".into(),
            self.prefs
                .pointer("/ui/theme")
                .cloned()
                .unwrap_or(J::String("auto".into())),
        );
        m.insert("here".into(), J::String(here.to_string()));
        m
    }
}

/// Loads the signed-in page context, or answers with a redirect to the login page.
pub async fn page(st: &AppState, headers: &HeaderMap, here: &str) -> Result<Page, Response> {
    let (mut session, row, user) = signed_in(st, headers, here).await?;
    let messages = take_messages(st, &mut session)
        .await
        .map_err(|e| server_error(&e))?;
    let superuser = row.get("is_superuser").as_bool();
    let (actor, prefs) = {
        let mut conn = st.db.read().await.map_err(|e| server_error(&e))?;
        let actor = Actor::load(
            &mut conn.ex(),
            &st.reg,
            st.cfg.policy.clone(),
            row.id,
            superuser,
        )
        .await
        .map_err(|e| server_error(&e))?;
        let prefs = crate::userconfig::load(&mut conn.ex(), row.id)
            .await
            .map_err(|e| server_error(&e))?;
        (actor, prefs)
    };
    let ctx = Ctx {
        reg: st.reg.clone(),
        base: String::new(),
        user: Some((row.id, row.text("username").to_string())),
        request_id: headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .unwrap_or_else(|| format!("ui-{}", ironbox_core::time::now())),
        actor,
    };
    Ok(Page {
        session,
        user,
        ctx,
        messages,
        prefs,
    })
}

/// A signed-in page about a model: 404 for an unknown model (or a read-only one when
/// `writable`), 403 when the user may not `action` its objects.
pub async fn model_page<'s>(
    st: &'s AppState,
    headers: &HeaderMap,
    here: &str,
    (app, name): (&str, &str),
    action: &str,
    writable: bool,
) -> Result<(Page, &'s Model), Response> {
    let p = page(st, headers, here).await?;
    let Some(m) = model_at(st, app, name).filter(|m| m.writable || !writable) else {
        return Err(no_such_page(st, &p));
    };
    if !p.ctx.actor.may(m, action) {
        return Err(denied(st, &p));
    }
    Ok((p, m))
}

/// [`model_page`] for a submitted form: also checks its CSRF token and returns its fields.
pub async fn model_form<'s>(
    st: &'s AppState,
    headers: &HeaderMap,
    here: &str,
    model: (&str, &str),
    action: &str,
    body: &axum::body::Bytes,
) -> Result<(Page, &'s Model, Vec<(String, String)>), Response> {
    let (p, m) = model_page(st, headers, here, model, action, action != "view").await?;
    let form: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let map: std::collections::HashMap<String, String> = form.iter().cloned().collect();
    if !crate::login::pages::csrf_ok(&p.session, &map, headers) {
        return Err(crate::login::pages::csrf_refused(&st.login));
    }
    Ok((p, m, form))
}

/// The menu as templates see it, with only what the user may view.
pub fn nav(st: &AppState, actor: &Arc<Actor>, here: &str) -> J {
    let groups: Vec<J> = MENU
        .iter()
        .filter_map(|(group, keys)| {
            let items: Vec<J> = keys
                .iter()
                .filter_map(|k| st.reg.get(k))
                .filter(|m| actor.may(m, "view"))
                .map(|m| {
                    let url = format!("/{}/", m.ui);
                    json!({
                        "label": capfirst(m.verbose_plural),
                        "url": url,
                        "active": here.starts_with(&url),
                        "add": (m.writable && actor.may(m, "add")).then(|| format!("/{}/add/", m.ui)),
                    })
                })
                .collect();
            (!items.is_empty()).then(|| {
                let active = items.iter().any(|i| i["active"] == J::Bool(true));
                json!({"label": group, "items": items, "active": active})
            })
        })
        .collect();
    J::Array(groups)
}

/// The dashboard's object counts: the main models the user may view.
pub async fn dashboard_counts(st: &AppState, ctx: &Ctx) -> J {
    const MAIN: &[&str] = &[
        "dcim.site",
        "dcim.rack",
        "dcim.device",
        "dcim.cable",
        "ipam.prefix",
        "ipam.ipaddress",
        "ipam.vlan",
        "tenancy.tenant",
    ];
    let mut out = Vec::new();
    let Ok(mut conn) = st.db.read().await else {
        return J::Array(out);
    };
    let mut ex = conn.ex();
    for key in MAIN {
        let Some(m) = st.reg.get(key) else { continue };
        let Ok(scope) = ironbox_service::authz::restrict(ctx, m, "view", ex.backend()) else {
            continue;
        };
        let cond = scope.map_or_else(sea_query::Condition::all, |s| {
            sea_query::Condition::all().add(s)
        });
        let Ok(n) = ironbox_store::crud::count(&mut ex, m, cond).await else {
            continue;
        };
        out.push(json!({
            "label": capfirst(m.verbose_plural),
            "count": n,
            "href": format!("/{}/", m.ui),
            "add": (ctx.actor.may(m, "add")).then(|| format!("/{}/add/", m.ui)),
        }));
    }
    J::Array(out)
}

/// The model whose pages live under `/{app}/{name}/`.
pub fn model_at<'a>(st: &'a AppState, app: &str, name: &str) -> Option<&'a Model> {
    let path = format!("{app}/{name}");
    st.reg.all().iter().find(|m| m.ui == path)
}

/// "ip addresses" → "IP addresses", "sites" → "Sites".
pub fn capfirst(s: &str) -> String {
    let fixed = s
        .replace("ip ", "IP ")
        .replace(" ip", " IP")
        .replace("vlan", "VLAN")
        .replace("vrf", "VRF")
        .replace("asn", "ASN")
        .replace("rir", "RIR")
        .replace("fhrp", "FHRP")
        .replace("mac ", "MAC ")
        .replace("api ", "API ");
    let mut c = fixed.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A page with a status, a title and a message (403, 404 …).
pub fn status_page(
    st: &AppState,
    p: &Page,
    status: StatusCode,
    title: &str,
    text: &str,
) -> Response {
    let mut ctx = p.base(st, "");
    ctx.insert("title".into(), J::String(title.into()));
    ctx.insert("text".into(), J::String(text.into()));
    let mut r = st.login.render("ui/status.html", J::Object(ctx));
    *r.status_mut() = status;
    r
}

/// The 403 page for an action the user may not take.
pub fn denied(st: &AppState, p: &Page) -> Response {
    status_page(
        st,
        p,
        StatusCode::FORBIDDEN,
        "Access denied",
        ironbox_service::authz::DENIED,
    )
}

/// The 404 page for a URL that names no page.
pub fn no_such_page(st: &AppState, p: &Page) -> Response {
    status_page(
        st,
        p,
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is no such page.",
    )
}

/// Maps a domain error to a page.
pub fn error_page(st: &AppState, p: &Page, e: &ironbox_core::Error) -> Response {
    use ironbox_core::Error as E;
    match e {
        E::Forbidden(m) | E::Unauthenticated(m) => {
            status_page(st, p, StatusCode::FORBIDDEN, "Access denied", m)
        }
        E::NotFound { .. } | E::NoRoute => status_page(
            st,
            p,
            StatusCode::NOT_FOUND,
            "Page not found",
            "The requested object does not exist, or you do not have permission to view it.",
        ),
        E::BadRequest(m) | E::Conflict(m) => {
            status_page(st, p, StatusCode::BAD_REQUEST, "Request refused", m)
        }
        other => server_error(other),
    }
}

/// Stores a flash message for the next page.
pub async fn flash(st: &AppState, p: &mut Page, level: &str, text: &str) {
    crate::login::pages::push_message(&mut p.session, level, text);
    if let Err(e) = crate::login::session::save_data(&st.db, &p.session).await {
        tracing::warn!(error = %e, "could not store a message");
    }
}

/// `/static/ui.js`.
pub async fn script() -> Response {
    let mut r = JS.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

/// The icon: a rack in the brand colour.
pub async fn favicon() -> Response {
    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="6" y="2" width="20" height="28" rx="3" fill="#12263f"/><rect x="9" y="6" width="14" height="4" rx="1" fill="#6ea8ff"/><rect x="9" y="13" width="14" height="4" rx="1" fill="#6ea8ff"/><rect x="9" y="20" width="14" height="4" rx="1" fill="#32d583"/></svg>"##;
    let mut r = SVG.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    r
}

/// 303 to `to` after a successful form.
pub fn see_other(to: &str) -> Response {
    let mut r = redirect(to);
    *r.status_mut() = StatusCode::SEE_OTHER;
    r
}

/// The page routes; the device component tabs are named by the registry's component models.
pub fn routes(reg: &ironbox_core::Registry) -> Router<AppState> {
    let mut r = Router::new();
    for m in components::models(reg) {
        r = r.route(
            &format!("/dcim/devices/{{id}}/{}/", components::slug(m)),
            get(components::device_tab),
        );
    }
    r.route("/static/ui.js", get(script))
        .route("/static/favicon.svg", get(favicon))
        .route("/favicon.ico", get(favicon))
        .route("/search/", get(search::search))
        .route("/{app}/{model}/", get(list::list))
        .route(
            "/{app}/{model}/add/",
            get(form::add_page).post(form::add_post),
        )
        .route(
            "/{app}/{model}/import/",
            get(import::import_page)
                .post(import::import_post)
                .layer(axum::extract::DefaultBodyLimit::max(17 * 1024 * 1024)),
        )
        .route(
            "/{app}/{model}/columns/",
            axum::routing::post(list::save_columns),
        )
        .route("/{app}/{model}/edit/", axum::routing::post(list::bulk_edit))
        .route(
            "/{app}/{model}/delete/",
            axum::routing::post(list::bulk_delete),
        )
        .route("/{app}/{model}/{id}/", get(detail::detail))
        .route(
            "/{app}/{model}/{id}/edit/",
            get(form::edit_page).post(form::edit_post),
        )
        .route(
            "/{app}/{model}/{id}/delete/",
            get(form::delete_page).post(form::delete_post),
        )
        .route("/{app}/{model}/{id}/changelog/", get(detail::changelog))
        .route("/ipam/prefixes/{id}/ip-addresses/", get(detail::prefix_ips))
        .route("/dcim/{model}/{id}/trace/", get(trace::trace))
}
