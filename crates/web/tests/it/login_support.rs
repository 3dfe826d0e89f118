//! Helpers for the sign-in tests: form posts with a session cookie from a given peer address.

use crate::support::TestApp;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use std::net::SocketAddr;
use tower::ServiceExt;

pub struct Resp {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("sessionid="))
            .map(|v| v.to_string())
    }
    pub fn session(&self) -> String {
        let c = self.cookie().expect("a session cookie");
        c.split(';')
            .next()
            .unwrap()
            .trim_start_matches("sessionid=")
            .to_string()
    }
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    pub fn csrf(&self) -> String {
        let i = self.body.find(CSRF_META).expect("csrf meta tag") + CSRF_META.len();
        self.body[i..].split('"').next().unwrap().to_string()
    }
}

pub async fn send(
    app: &TestApp,
    method: &str,
    path: &str,
    session: Option<&str>,
    form: Option<&str>,
    headers: &[(&str, &str)],
    peer: &str,
) -> Resp {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "testserver");
    if let Some(s) = session {
        b = b.header("cookie", format!("sessionid={s}"));
    }
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let mut req = match form {
        Some(f) => b
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(f.to_string())),
        None => b.body(Body::empty()),
    }
    .unwrap();
    let addr: SocketAddr = peer.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(addr));
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body =
        String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes()).to_string();
    Resp {
        status,
        headers,
        body,
    }
}

const CSRF_META: &str = "name=\"csrf-token\" content=\"";

pub const PEER: &str = "127.0.0.1:40000";

pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
