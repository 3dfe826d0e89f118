//! Browser sign-in over the real router and database: the login form, sessions, CSRF, `next=`,
//! the API's session cookie, proxy headers from trusted and untrusted peers, and switching a
//! user off.

use crate::login_support::{PEER, enc, send};
use crate::support::TestApp;
use axum::body::Body;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use ironbox_web::login::{Login, LoginSettings};
use serde_json::json;
use tower::ServiceExt;

/// Signs in with the login form; returns the signed-in session key.
async fn password_login(app: &TestApp, user: &str, pw: &str) -> String {
    let page = send(app, "GET", "/login/", None, None, &[], PEER).await;
    let anon = page.session();
    let form = format!(
        "csrfmiddlewaretoken={}&username={user}&password={}&next=%2Fuser%2Fprofile%2F",
        page.csrf(),
        enc(pw)
    );
    let r = send(app, "POST", "/login/", Some(&anon), Some(&form), &[], PEER).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert_eq!(r.location(), "/user/profile/");
    r.session()
}

#[tokio::test]
async fn password_login_rotates_the_session_and_sets_safe_cookie_flags() {
    let app = TestApp::new().await;
    app.user("jane", false).await;
    let page = send(&app, "GET", "/login/", None, None, &[], PEER).await;
    assert_eq!(page.status, StatusCode::OK);
    let cookie = page.cookie().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let anon = page.session();
    // Wrong password: the form again, with NetBox's message, and no sign-in.
    let bad = format!(
        "csrfmiddlewaretoken={}&username=jane&password=nope",
        page.csrf()
    );
    let r = send(&app, "POST", "/login/", Some(&anon), Some(&bad), &[], PEER).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("Please enter a correct username and password")
    );
    let signed = password_login(&app, "jane", "password123").await;
    assert_ne!(signed, anon, "the session key changes at sign-in");
    let home = send(
        &app,
        "GET",
        "/user/profile/",
        Some(&signed),
        None,
        &[],
        PEER,
    )
    .await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains(">jane<"));
    // The pre-login key is dead.
    let old = send(&app, "GET", "/user/profile/", Some(&anon), None, &[], PEER).await;
    assert_eq!(old.status, StatusCode::FOUND);
    assert!(old.location().starts_with("/login/"));
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::new().await;
    app.user("jane", false).await;
    let page = send(&app, "GET", "/login/", None, None, &[], PEER).await;
    let anon = page.session();
    let r = send(
        &app,
        "POST",
        "/login/",
        Some(&anon),
        Some("username=jane&password=password123"),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("CSRF verification failed"));
    let r = send(
        &app,
        "POST",
        "/login/",
        Some(&anon),
        Some("csrfmiddlewaretoken=guess&username=jane&password=password123"),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let signed = password_login(&app, "jane", "password123").await;
    let r = send(&app, "POST", "/logout/", Some(&signed), Some(""), &[], PEER).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "logout needs the token too"
    );
    let r = send(
        &app,
        "POST",
        "/user/tokens/",
        Some(&signed),
        Some("description=x"),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn next_only_goes_to_local_paths() {
    let app = TestApp::new().await;
    app.user("jane", false).await;
    for evil in [
        "https://evil.example/",
        "//evil.example/x",
        "/\\evil.example",
    ] {
        let page = send(&app, "GET", "/login/", None, None, &[], PEER).await;
        let form = format!(
            "csrfmiddlewaretoken={}&username=jane&password=password123&next={}",
            page.csrf(),
            enc(evil)
        );
        let r = send(
            &app,
            "POST",
            "/login/",
            Some(&page.session()),
            Some(&form),
            &[],
            PEER,
        )
        .await;
        assert_eq!(r.status, StatusCode::FOUND);
        assert_eq!(r.location(), "/", "next={evil}");
    }
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::new().await;
    let jane = app.user("jane", false).await;
    app.grant(jane, &["tenancy.tenant"], &["view", "add"], json!(null))
        .await;
    let s = password_login(&app, "jane", "password123").await;
    let page = send(&app, "GET", "/user/profile/", Some(&s), None, &[], PEER).await;
    let r = send(
        &app,
        "POST",
        "/logout/",
        Some(&s),
        Some(&format!("csrfmiddlewaretoken={}", page.csrf())),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(r.location().starts_with("/login/"));
    let after = send(&app, "GET", "/user/profile/", Some(&s), None, &[], PEER).await;
    assert_eq!(after.status, StatusCode::FOUND);
}

#[tokio::test]
async fn the_api_accepts_the_session_cookie_and_needs_csrf_for_writes() {
    let app = TestApp::new().await;
    let jane = app.user("jane", false).await;
    app.grant(jane, &["tenancy.tenant"], &["view", "add"], json!(null))
        .await;
    let s = password_login(&app, "jane", "password123").await;
    let r = send(
        &app,
        "GET",
        "/api/tenancy/tenants/",
        Some(&s),
        None,
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let body = r#"{"name":"T","slug":"t"}"#;
    let post = |h: Vec<(&'static str, String)>| {
        let app = &app;
        let s = s.clone();
        async move {
            let mut b = Request::builder()
                .method("POST")
                .uri("/api/tenancy/tenants/")
                .header("host", "testserver")
                .header("cookie", format!("sessionid={s}"))
                .header("content-type", "application/json");
            for (k, v) in h {
                b = b.header(k, v);
            }
            let resp = app
                .router
                .clone()
                .oneshot(b.body(Body::from(body)).unwrap())
                .await
                .unwrap();
            let st = resp.status();
            let bytes = resp.into_body().collect().await.unwrap().to_bytes();
            (st, String::from_utf8_lossy(&bytes).to_string())
        }
    };
    let (st, b) = post(vec![]).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert!(b.contains("CSRF Failed: CSRF token missing."), "{b}");
    let (st, _) = post(vec![("x-csrftoken", "wrong".into())]).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let page = send(&app, "GET", "/user/profile/", Some(&s), None, &[], PEER).await;
    let (st, b) = post(vec![("x-csrftoken", page.csrf())]).await;
    assert_eq!(st, StatusCode::CREATED, "{b}");
}

#[tokio::test]
async fn a_user_switched_off_loses_sessions_and_tokens_at_once() {
    let app = TestApp::new().await;
    let uid = app.user("jane", false).await;
    app.grant(uid, &["tenancy.tenant"], &["view"], json!(null))
        .await;
    let tok = app.token_for(uid, true, 2).await;
    let s = password_login(&app, "jane", "password123").await;
    let (st, _) = app
        .call_as(Some(&tok), "GET", "/api/tenancy/tenants/", None)
        .await;
    assert_eq!(st, StatusCode::OK);
    let (st, b) = app
        .call(
            "PATCH",
            &format!("/api/users/users/{uid}/"),
            Some(serde_json::json!({"is_active": false})),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{b}");
    let (st, _) = app
        .call_as(Some(&tok), "GET", "/api/tenancy/tenants/", None)
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let r = send(&app, "GET", "/user/profile/", Some(&s), None, &[], PEER).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let r = send(
        &app,
        "GET",
        "/api/tenancy/tenants/",
        Some(&s),
        None,
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn profile_creates_and_revokes_api_tokens() {
    let app = TestApp::new().await;
    let jane = app.user("jane", false).await;
    app.grant(jane, &["tenancy.tenant"], &["view", "add"], json!(null))
        .await;
    let s = password_login(&app, "jane", "password123").await;
    let page = send(&app, "GET", "/user/profile/", Some(&s), None, &[], PEER).await;
    let form = format!(
        "csrfmiddlewaretoken={}&description=laptop&write_enabled=on",
        page.csrf()
    );
    let r = send(
        &app,
        "POST",
        "/user/tokens/",
        Some(&s),
        Some(&form),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let i = r.body.find("id=\"new-token\">").unwrap() + 15;
    let token = r.body[i..].split('<').next().unwrap().to_string();
    assert!(token.starts_with("nbt_"));
    let auth = format!("Bearer {token}");
    let (st, _) = app
        .call_as(Some(&auth), "GET", "/api/tenancy/tenants/", None)
        .await;
    assert_eq!(st, StatusCode::OK);
    let list = app.get("/api/users/tokens/?description=laptop").await;
    let id = list["results"][0]["id"].as_i64().unwrap();
    let form = format!("csrfmiddlewaretoken={}", page.csrf());
    let r = send(
        &app,
        "POST",
        &format!("/user/tokens/{id}/delete/"),
        Some(&s),
        Some(&form),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let (st, _) = app
        .call_as(Some(&auth), "GET", "/api/tenancy/tenants/", None)
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
}

fn remote_app_settings() -> LoginSettings {
    let mut s = LoginSettings::default();
    s.remote_auth.enabled = true;
    s.remote_auth.header = "HTTP_REMOTE_USER".into();
    s.remote_auth.auto_create_user = true;
    s.remote_auth.group_sync_enabled = true;
    s.remote_auth.group_header = "HTTP_REMOTE_USER_GROUP".into();
    s.remote_auth.superuser_groups = vec!["admins".into()];
    s.remote_auth.default_groups = vec!["staff".into()];
    s.remote_auth.trusted_proxies = vec!["127.0.0.1/32".into(), "::1/128".into()];
    s
}

async fn groups_of(app: &TestApp, username: &str) -> (Vec<String>, serde_json::Value) {
    let u = app
        .get(&format!("/api/users/users/?username={username}"))
        .await;
    let mut g: Vec<String> = u["results"][0]["groups"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|g| g["name"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default();
    g.sort();
    (g, u)
}

#[tokio::test]
async fn proxy_headers_sign_in_only_from_trusted_proxies() {
    let app = TestApp::with_login(Login::new(remote_app_settings()).unwrap()).await;
    let h = [
        ("remote-user", "zed"),
        ("remote-user-group", "admins|netops"),
    ];
    // From an untrusted address the header means nothing.
    let r = send(
        &app,
        "GET",
        "/user/profile/",
        None,
        None,
        &h,
        "10.9.8.7:5000",
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(r.location().starts_with("/login/"));
    assert_eq!(app.count("/api/users/users/?username=zed").await, 0);
    // From the proxy it signs the user in, creating them with the asserted groups.
    let r = send(&app, "GET", "/user/profile/", None, None, &h, PEER).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location(), "/user/profile/");
    let s = r.session();
    let page = send(&app, "GET", "/user/profile/", Some(&s), None, &h, PEER).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(">zed<"));
    let (g, _) = groups_of(&app, "zed").await;
    assert_eq!(g, vec!["admins", "netops", "staff"]);
    assert!(page.body.contains("id=\"superuser\">yes<"));
    // The same session key from an untrusted address with another user's header changes nothing.
    let r = send(
        &app,
        "GET",
        "/user/profile/",
        None,
        None,
        &[("remote-user", "admin")],
        "192.0.2.1:1",
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(r.location().starts_with("/login/"));
    // Groups follow the header at the next sign-in.
    let h2 = [("remote-user", "zed"), ("remote-user-group", "netops")];
    let r = send(&app, "GET", "/", None, None, &h2, PEER).await;
    assert_eq!(r.status, StatusCode::FOUND);
    let (g, _) = groups_of(&app, "zed").await;
    assert_eq!(g, vec!["netops", "staff"]);
}

#[tokio::test]
async fn proxy_headers_do_not_create_users_unless_allowed() {
    let mut s = remote_app_settings();
    s.remote_auth.auto_create_user = false;
    let app = TestApp::with_login(Login::new(s).unwrap()).await;
    let r = send(
        &app,
        "GET",
        "/",
        None,
        None,
        &[("remote-user", "nobody")],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("not created automatically"));
}

#[tokio::test]
async fn unknown_providers_and_stray_callbacks_go_back_to_the_login_page() {
    let app = TestApp::new().await;
    let r = send(&app, "GET", "/oauth/login/nope/", None, None, &[], PEER).await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location(), "/login/");
    let s = r.session();
    let page = send(&app, "GET", "/login/", Some(&s), None, &[], PEER).await;
    assert!(
        page.body
            .contains("That sign-in provider is not configured.")
    );
    let r = send(
        &app,
        "GET",
        "/oauth/complete/nope/?code=x&state=y",
        None,
        None,
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let r = send(
        &app,
        "POST",
        "/oauth/backchannel-logout/nope/",
        None,
        Some("logout_token=x.y.z"),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn with_the_form_hidden_a_sole_provider_is_entered_directly() {
    let mut s = LoginSettings {
        local_form: false,
        auto_redirect: true,
        ..LoginSettings::default()
    };
    s.providers.insert(
        "corp".into(),
        ironbox_sso::ProviderSettings {
            issuer: "https://idp.example.net".into(),
            client_id: "ironbox".into(),
            ..ironbox_sso::ProviderSettings::default()
        },
    );
    let app = TestApp::with_login(Login::new(s).unwrap()).await;
    let r = send(
        &app,
        "GET",
        "/login/?next=/user/profile/",
        None,
        None,
        &[],
        PEER,
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location(), "/oauth/login/corp/?next=%2Fuser%2Fprofile%2F");
    // The password form is refused too, not just hidden.
    let page = send(
        &app,
        "GET",
        "/login/?logged_out=1",
        Some(&r.session()),
        None,
        &[],
        PEER,
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("name=\"password\""));
    let form = format!(
        "csrfmiddlewaretoken={}&username=admin&password=password123",
        page.csrf()
    );
    let r2 = send(
        &app,
        "POST",
        "/login/",
        Some(&r.session()),
        Some(&form),
        &[],
        PEER,
    )
    .await;
    assert_eq!(r2.status, StatusCode::FOUND);
    assert_eq!(r2.location(), "/login/");
}
