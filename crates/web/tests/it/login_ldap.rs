//! LDAP sign-in against a real OpenLDAP: `slapd` started on a loopback port with a temporary
//! configuration and a seeded directory. Without Debian's `slapd` these tests fail (they never
//! skip): `apt-get install -y slapd ldap-utils`.

use crate::login_support::{PEER, enc, send};
use crate::support::TestApp;
use http::StatusCode;
use ironbox_web::login::{Login, LoginSettings};
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};

const SEED: &str = "dn: dc=example,dc=com
objectClass: dcObject
objectClass: organization
o: Example
dc: example

dn: ou=people,dc=example,dc=com
objectClass: organizationalUnit
ou: people

dn: ou=groups,dc=example,dc=com
objectClass: organizationalUnit
ou: groups

dn: uid=lena,ou=people,dc=example,dc=com
objectClass: inetOrgPerson
uid: lena
cn: Lena Berg
givenName: Lena
sn: Berg
mail: lena@example.com
userPassword: lena-pass

dn: uid=omar,ou=people,dc=example,dc=com
objectClass: inetOrgPerson
uid: omar
cn: Omar Haddad
givenName: Omar
sn: Haddad
mail: omar@example.com
userPassword: omar-pass

dn: uid=root1,ou=people,dc=example,dc=com
objectClass: inetOrgPerson
uid: root1
cn: Root One
givenName: Root
sn: One
mail: root1@example.com
userPassword: root1-pass

dn: cn=ironbox-users,ou=groups,dc=example,dc=com
objectClass: groupOfNames
cn: ironbox-users
member: uid=lena,ou=people,dc=example,dc=com
member: uid=root1,ou=people,dc=example,dc=com

dn: cn=netops,ou=groups,dc=example,dc=com
objectClass: groupOfNames
cn: netops
member: uid=lena,ou=people,dc=example,dc=com

dn: cn=ib-admins,ou=groups,dc=example,dc=com
objectClass: groupOfNames
cn: ib-admins
member: uid=root1,ou=people,dc=example,dc=com
";

/// A running slapd; killed on drop.
struct Slapd {
    child: Child,
    url: String,
    _dir: std::path::PathBuf,
}

impl Drop for Slapd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn start_slapd() -> Slapd {
    for bin in ["/usr/sbin/slapd", "/usr/sbin/slapadd"] {
        assert!(
            std::path::Path::new(bin).exists(),
            "{bin} is missing: apt-get install -y slapd ldap-utils"
        );
    }
    let dir = std::env::temp_dir().join(format!(
        "ironbox-slapd-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(dir.join("db")).unwrap();
    let conf = format!(
        "include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {d}/slapd.pid
argsfile {d}/slapd.args
database mdb
maxsize 10485760
suffix \"dc=example,dc=com\"
rootdn \"cn=admin,dc=example,dc=com\"
rootpw admin-pass
directory {d}/db
access to attrs=userPassword by anonymous auth by * none
access to * by * read
",
        d = dir.display()
    );
    std::fs::write(dir.join("slapd.conf"), conf).unwrap();
    std::fs::write(dir.join("seed.ldif"), SEED).unwrap();
    let out = Command::new("/usr/sbin/slapadd")
        .arg("-f")
        .arg(dir.join("slapd.conf"))
        .arg("-l")
        .arg(dir.join("seed.ldif"))
        .output()
        .expect("run slapadd");
    assert!(
        out.status.success(),
        "slapadd: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("ldap://127.0.0.1:{port}");
    let child = Command::new("/usr/sbin/slapd")
        .arg("-f")
        .arg(dir.join("slapd.conf"))
        .arg("-h")
        .arg(format!("{url}/"))
        .arg("-d")
        .arg("0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start slapd");
    let s = Slapd {
        child,
        url,
        _dir: dir,
    };
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return s;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("slapd did not start on port {port}");
}

fn settings(url: &str, direct: bool) -> LoginSettings {
    let mut s = LoginSettings::default();
    let l = &mut s.ldap;
    l.url = url.to_string();
    if direct {
        l.user_dn_template = "uid=%(user)s,ou=people,dc=example,dc=com".into();
    } else {
        l.bind_dn = "cn=admin,dc=example,dc=com".into();
        l.bind_password = ironbox_sso::Secret("admin-pass".into());
        l.user_search_base = "ou=people,dc=example,dc=com".into();
    }
    l.group_search_base = "ou=groups,dc=example,dc=com".into();
    l.require_group = "cn=ironbox-users,ou=groups,dc=example,dc=com".into();
    l.superuser_group = "ib-admins".into();
    l.mirror_groups = false;
    l.group_map = BTreeMap::from([
        ("netops".to_string(), vec!["Network Operations".to_string()]),
        (
            "ironbox-users".to_string(),
            vec!["Directory Users".to_string()],
        ),
    ]);
    s
}

async fn form_login(app: &TestApp, user: &str, pw: &str) -> crate::login_support::Resp {
    let page = send(app, "GET", "/login/", None, None, &[], PEER).await;
    let form = format!(
        "csrfmiddlewaretoken={}&username={user}&password={}",
        page.csrf(),
        enc(pw)
    );
    send(
        app,
        "POST",
        "/login/",
        Some(&page.session()),
        Some(&form),
        &[],
        PEER,
    )
    .await
}

async fn user_groups(app: &TestApp, name: &str) -> (Vec<String>, serde_json::Value) {
    let u = app.get(&format!("/api/users/users/?username={name}")).await;
    let mut g: Vec<String> = u["results"][0]["groups"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|g| g["name"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    g.sort();
    (g, u["results"][0].clone())
}

#[tokio::test]
async fn ldap_search_then_bind_login_maps_groups_superuser_and_required_group() {
    let slapd = start_slapd().await;
    let app = TestApp::with_login(Login::new(settings(&slapd.url, false)).unwrap()).await;

    let r = form_login(&app, "lena", "lena-pass").await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let (groups, u) = user_groups(&app, "lena").await;
    assert_eq!(groups, vec!["Directory Users", "Network Operations"]);
    assert_eq!(u["email"], "lena@example.com");
    assert_eq!(u["first_name"], "Lena");
    let page = send(
        &app,
        "GET",
        "/user/profile/",
        Some(&r.session()),
        None,
        &[],
        PEER,
    )
    .await;
    assert!(page.body.contains("id=\"superuser\">no<"));

    let r = form_login(&app, "lena", "not-her-password").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("Please enter a correct username and password")
    );

    let r = form_login(&app, "ghost", "whatever").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("Please enter a correct username and password")
    );

    // Not in the required group: refused, and no account appears.
    let r = form_login(&app, "omar", "omar-pass").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("not allowed to sign in"), "{}", r.body);
    assert_eq!(app.count("/api/users/users/?username=omar").await, 0);

    let r = form_login(&app, "root1", "root1-pass").await;
    assert_eq!(r.status, StatusCode::FOUND);
    let page = send(
        &app,
        "GET",
        "/user/profile/",
        Some(&r.session()),
        None,
        &[],
        PEER,
    )
    .await;
    assert!(page.body.contains("id=\"superuser\">yes<"));
}

#[tokio::test]
async fn ldap_direct_bind_by_dn_template_and_losing_the_required_group_switches_the_user_off() {
    let slapd = start_slapd().await;
    let mut s = settings(&slapd.url, true);
    let app = TestApp::with_login(Login::new(s.clone()).unwrap()).await;
    let r = form_login(&app, "lena", "lena-pass").await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let session = r.session();
    let (_, u) = user_groups(&app, "lena").await;
    let uid = u["id"].as_i64().unwrap();
    let tok = app.token_for(uid, true, 2).await;

    // The directory now requires a group lena is not in: her next login switches her off.
    s.ldap.require_group = "ib-admins".into();
    s.ldap.group_cache_seconds = 0;
    let app2 = TestApp {
        router: ironbox_web::router(ironbox_web::AppState {
            db: app.db.clone(),
            reg: app.reg.clone(),
            cfg: std::sync::Arc::new(ironbox_web::WebConfig {
                peppers: vec![(1, crate::support::PEPPER.to_string())],
                ..ironbox_web::WebConfig::default()
            }),
            metrics: None,
            auth_cache: std::sync::Arc::default(),
            search_samples: std::sync::Arc::default(),
            response_cache: std::sync::Arc::default(),
            login: std::sync::Arc::new(Login::new(s).unwrap()),
        }),
        db: app.db.clone(),
        reg: app.reg.clone(),
        token: app.token.clone(),
        cleanup: None,
        response_cache: std::sync::Arc::default(),
        url: app.url.clone(),
    };
    let r = form_login(&app2, "lena", "lena-pass").await;
    assert!(r.body.contains("not allowed to sign in"));
    let (_, u) = user_groups(&app, "lena").await;
    assert_eq!(u["is_active"], false);
    let page = send(
        &app,
        "GET",
        "/user/profile/",
        Some(&session),
        None,
        &[],
        PEER,
    )
    .await;
    assert_eq!(page.status, StatusCode::FOUND, "the session ended");
    let (st, _) = app
        .call_as(Some(&tok), "GET", "/api/tenancy/tenants/", None)
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "the token ended");
}
