//! The `ironbox` binary: configuration, wiring and subcommands.

mod config;
mod netbox_names;

use anyhow::Context;
use clap::{Parser, Subcommand};
use config::{Config, Secret};
use ironbox_core::Value;
use ironbox_store::{Db, crud};
use ironbox_web::{AppState, WebConfig};
use sea_query::{Alias, Condition, Expr, ExprTrait};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// mimalloc instead of the C library's allocator: a request allocates many small, short-lived
/// values (rows, JSON, strings) on two or more threads, where glibc's malloc spent a quarter of
/// the time of an uncached read in the benchmarks.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "ironbox",
    version,
    about = "A network source of truth that speaks NetBox 4.7's REST API"
)]
struct Cli {
    /// Configuration file (default: ./ironbox.toml when present).
    #[arg(long, global = true, env = "IRONBOX_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Serve the API (applies migrations first unless disabled).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create a superuser (asks for missing values).
    Createsuperuser {
        /// Username.
        #[arg(long)]
        username: Option<String>,
        /// Email.
        #[arg(long)]
        email: Option<String>,
        /// Password (else read from IRONBOX_SUPERUSER_PASSWORD or asked).
        #[arg(long)]
        password: Option<String>,
        /// Do not prompt; fail if a value is missing.
        #[arg(long)]
        no_input: bool,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        cmd: TokenCmd,
    },
    /// Import data files.
    Import {
        #[command(subcommand)]
        cmd: ImportCmd,
    },
    /// Validate and print the configuration with secrets hidden.
    CheckConfig,
    /// Serve a trivial JSON handler on the same axum/tokio stack: the ceiling in bench/.
    #[command(hide = true)]
    BenchCeiling {
        /// Listen address.
        #[arg(long, default_value = "127.0.0.1:8099")]
        listen: String,
    },
    /// Print the schema SQL the registry implies (used to write migrations).
    #[command(hide = true)]
    SchemaSql {
        /// `sqlite` or `postgres`.
        backend: String,
    },
}

#[derive(Subcommand)]
enum ImportCmd {
    /// Device and module types in the community device-type library's YAML format (files or
    /// directories); one transaction per file, re-runs change nothing.
    DeviceTypes {
        /// YAML files or directories holding them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// YAML files under the given paths, sorted.
fn yaml_files(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            for e in entries {
                if e.is_dir() {
                    out.extend(yaml_files(&[e])?);
                } else if e.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                    out.push(e);
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

#[derive(Subcommand)]
enum TokenCmd {
    /// Create a token and print it once.
    Create {
        /// Owner's username.
        #[arg(long)]
        user: String,
        /// Refuse writes with this token.
        #[arg(long)]
        read_only: bool,
        /// Expiry (RFC 3339 or YYYY-MM-DD).
        #[arg(long)]
        expires: Option<String>,
        /// Description.
        #[arg(long, default_value = "")]
        description: String,
        /// Token format version (2, or 1 for legacy clients).
        #[arg(long, default_value_t = 2)]
        version: i64,
    },
}

fn init_logging(cfg: &Config) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("IRONBOX_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(&cfg.log.level));
    let b = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    if cfg.log.format == "json" {
        b.json().flatten_event(true).init();
    } else {
        b.init();
    }
}

async fn open(cfg: &Config) -> anyhow::Result<Db> {
    let url = &cfg.database.url.0;
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .map(|p| p.split('?').next().unwrap_or(p))
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    Db::connect(url, cfg.database.max_connections)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("connecting to {}", config::redact_url(url)))
}

/// Configured peppers plus the database-held default pepper (id 0) created on first use.
async fn peppers(cfg: &Config, db: &Db) -> anyhow::Result<Vec<(i64, String)>> {
    let mut out: Vec<(i64, String)> = cfg
        .auth
        .token_peppers
        .iter()
        .filter_map(|(k, v)| Some((k.parse().ok()?, v.0.clone())))
        .collect();
    let mut tx = db.begin().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let q = sea_query::Query::select()
        .column(Alias::new("value"))
        .from(Alias::new("ironbox_setting"))
        .and_where(Expr::col(Alias::new("key")).eq("token_pepper_0"))
        .to_owned();
    let rows = tx
        .ex()
        .fetch(&q, &[ironbox_core::meta::ColType::Text])
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let p0 = match rows.first().and_then(|r| r[0].as_str()) {
        Some(p) => p.to_string(),
        None => {
            let p: String = ironbox_auth::token::generate().1 + &ironbox_auth::token::generate().1;
            let ins = sea_query::Query::insert()
                .into_table(Alias::new("ironbox_setting"))
                .columns([Alias::new("key"), Alias::new("value")])
                .values_panic([Expr::val("token_pepper_0"), Expr::val(p.clone())])
                .returning_col(Alias::new("id"))
                .to_owned();
            tx.ex()
                .insert(&ins)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            p
        }
    };
    tx.commit().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    out.push((0, p0));
    Ok(out)
}

async fn ensure_admin(db: &Db, reg: &ironbox_core::Registry) -> anyhow::Result<()> {
    let um = reg.get("users.user").context("user model")?;
    let mut tx = db.begin().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let n = crud::count(&mut tx.ex(), um, Condition::all())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if n == 0 {
        let (pw, generated) = match std::env::var("IRONBOX_ADMIN_PASSWORD") {
            Ok(p) if !p.is_empty() => (p, false),
            _ => (ironbox_auth::token::generate().1[..20].to_string(), true),
        };
        insert_user(&mut tx, um, "admin", "", &pw, true).await?;
        tx.commit().await.map_err(|e| anyhow::anyhow!("{e}"))?;
        if generated {
            println!(
                "Created superuser 'admin' with password: {pw}\n(shown once; change it or set IRONBOX_ADMIN_PASSWORD before the first start)"
            );
        } else {
            println!("Created superuser 'admin' (password from IRONBOX_ADMIN_PASSWORD)");
        }
    } else {
        tx.commit().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    Ok(())
}

async fn insert_user(
    tx: &mut ironbox_store::Tx,
    um: &ironbox_core::Model,
    username: &str,
    email: &str,
    pw: &str,
    superuser: bool,
) -> anyhow::Result<i64> {
    let mut cols = indexmap::IndexMap::new();
    cols.insert("username".to_string(), Value::Text(username.into()));
    cols.insert(
        "password".to_string(),
        Value::Text(ironbox_auth::password::hash(pw).map_err(|e| anyhow::anyhow!(e))?),
    );
    cols.insert("first_name".to_string(), Value::Text(String::new()));
    cols.insert("last_name".to_string(), Value::Text(String::new()));
    cols.insert("email".to_string(), Value::Text(email.into()));
    cols.insert("is_active".to_string(), Value::Bool(true));
    cols.insert("is_superuser".to_string(), Value::Bool(superuser));
    cols.insert(
        "date_joined".to_string(),
        Value::Text(ironbox_core::time::now()),
    );
    crud::insert(&mut tx.ex(), um, &cols)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}

fn prompt(label: &str) -> anyhow::Result<String> {
    print!("{label}: ");
    std::io::stdout().flush()?;
    let mut s = String::new();
    std::io::stdin().read_line(&mut s)?;
    Ok(s.trim().to_string())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutdown requested: finishing in-flight requests");
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let cfg = Config::load(cli.config.as_deref())?;
    let reg = Arc::new(ironbox_models::registry());
    match cli.cmd {
        Cmd::CheckConfig => {
            ironbox_web::login::Login::new(cfg.login_settings()?)
                .map_err(|e| anyhow::anyhow!("invalid sign-in configuration: {e}"))?;
            println!("{}", cfg.redacted());
            println!("configuration OK");
            return Ok(());
        }
        Cmd::BenchCeiling { listen } => {
            let app = axum::Router::new().route(
                "/ping",
                axum::routing::get(|| async { axum::Json(serde_json::json!({"ok": true})) }),
            );
            let listener = tokio::net::TcpListener::bind(&listen).await?;
            axum::serve(listener, app)
                .with_graceful_shutdown(shutdown_signal())
                .await?;
            return Ok(());
        }
        Cmd::SchemaSql { backend } => {
            let b = if backend == "postgres" {
                ironbox_store::Backend::Postgres
            } else {
                ironbox_store::Backend::Sqlite
            };
            print!("{}", ironbox_store::schema::ddl(&reg, b));
            return Ok(());
        }
        _ => {}
    }
    init_logging(&cfg);
    let db = open(&cfg).await?;
    match cli.cmd {
        Cmd::Migrate => {
            ironbox_store::migrate::run(&db)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("migrations applied");
        }
        Cmd::Serve => {
            if cfg.database.migrate_on_start {
                ironbox_store::migrate::run(&db)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
            }
            ensure_admin(&db, &reg).await?;
            let peppers = peppers(&cfg, &db).await?;
            let handle = metrics_exporter_prometheus::PrometheusBuilder::new()
                .install_recorder()
                .context("installing metrics recorder")?;
            let st = AppState {
                db: db.clone(),
                reg: reg.clone(),
                cfg: Arc::new(WebConfig {
                    peppers,
                    default_page_size: cfg.api.paginate_count,
                    max_page_size: cfg.api.max_page_size,
                    policy: Arc::new(cfg.policy()),
                }),
                metrics: Some(Arc::new(move || handle.render())),
                auth_cache: Arc::default(),
                search_samples: std::sync::Arc::default(),
                response_cache: Arc::new(ironbox_web::cache::ResponseCache::new(
                    usize::try_from(cfg.api.response_cache_mb.saturating_mul(1024 * 1024))
                        .unwrap_or(usize::MAX),
                )),
                login: Arc::new(
                    ironbox_web::login::Login::new(cfg.login_settings()?)
                        .map_err(|e| anyhow::anyhow!("invalid sign-in configuration: {e}"))?,
                ),
            };
            let app = ironbox_web::router(st);
            let listener = tokio::net::TcpListener::bind(&cfg.server.listen)
                .await
                .with_context(|| format!("binding {}", cfg.server.listen))?;
            tracing::info!(listen = %cfg.server.listen, database = %config::redact_url(&cfg.database.url.0), "ironbox serving");
            // On SIGTERM/Ctrl-C stop accepting, let in-flight requests finish (each is one
            // transaction, so nothing is half-written), and give up after the grace period.
            let (tx_stop, rx_stop) = tokio::sync::watch::channel(false);
            let server = axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async move {
                let mut rx = rx_stop;
                let _ = rx.wait_for(|v| *v).await;
            });
            let mut server = std::pin::pin!(server.into_future());
            tokio::select! {
                r = &mut server => r?,
                _ = shutdown_signal() => {
                    let _ = tx_stop.send(true);
                    let grace = std::time::Duration::from_secs(cfg.server.shutdown_grace_seconds);
                    match tokio::time::timeout(grace, &mut server).await {
                        Ok(r) => r?,
                        Err(_) => tracing::warn!(grace_seconds = cfg.server.shutdown_grace_seconds, "requests still running after the grace period; exiting"),
                    }
                }
            }
            db.close().await;
            tracing::info!("stopped");
        }
        Cmd::Createsuperuser {
            username,
            email,
            password,
            no_input,
        } => {
            ironbox_store::migrate::run(&db)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let username = match username {
                Some(u) => u,
                None if no_input => anyhow::bail!("--username is required with --no-input"),
                None => prompt("Username")?,
            };
            let email = match email {
                Some(e) => e,
                None if no_input => String::new(),
                None => prompt("Email address")?,
            };
            let password =
                match password.or_else(|| std::env::var("IRONBOX_SUPERUSER_PASSWORD").ok()) {
                    Some(p) => p,
                    None if no_input => anyhow::bail!(
                        "a password is required (--password or IRONBOX_SUPERUSER_PASSWORD)"
                    ),
                    None => {
                        let a = prompt("Password")?;
                        let b = prompt("Password (again)")?;
                        anyhow::ensure!(a == b, "passwords do not match");
                        a
                    }
                };
            anyhow::ensure!(
                !username.is_empty() && username.len() <= 150,
                "username must be 1 to 150 characters"
            );
            anyhow::ensure!(
                password.len() >= 8,
                "password must be at least 8 characters"
            );
            let um = reg.get("users.user").context("user model")?;
            let mut tx = db.begin().await.map_err(|e| anyhow::anyhow!("{e}"))?;
            let exists = crud::count(
                &mut tx.ex(),
                um,
                Condition::all().add(Expr::col(Alias::new("username")).eq(username.clone())),
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            anyhow::ensure!(exists == 0, "user {username} already exists");
            insert_user(&mut tx, um, &username, &email, &password, true).await?;
            tx.commit().await.map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("Superuser {username} created.");
        }
        Cmd::Token {
            cmd:
                TokenCmd::Create {
                    user,
                    read_only,
                    expires,
                    description,
                    version,
                },
        } => {
            ironbox_store::migrate::run(&db)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let peppers = peppers(&cfg, &db).await?;
            let um = reg.get("users.user").context("user model")?;
            let mut tx = db.begin().await.map_err(|e| anyhow::anyhow!("{e}"))?;
            let u = crud::list(
                &mut tx.ex(),
                um,
                Condition::all().add(Expr::col(Alias::new("username")).eq(user.clone())),
                &[],
                Some(1),
                0,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
            let u = u
                .into_iter()
                .next()
                .with_context(|| format!("no user named {user}"))?;
            let expires = match expires {
                Some(e) => Some(
                    ironbox_core::time::parse(&e)
                        .with_context(|| format!("cannot parse expiry {e}"))?,
                ),
                None => None,
            };
            anyhow::ensure!(version == 1 || version == 2, "--version must be 1 or 2");
            let nt = ironbox_web::tokens::NewToken {
                version,
                description,
                expires,
                enabled: true,
                write_enabled: !read_only,
                allowed_ips: Vec::new(),
            };
            let (_, key, secret) =
                ironbox_web::tokens::issue(&mut tx.ex(), &reg, &peppers, u.id, &nt)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            tx.commit().await.map_err(|e| anyhow::anyhow!("{e}"))?;
            eprintln!("Token created for {user}; it is shown only once:");
            match key {
                Some(k) => println!("nbt_{k}.{secret}"),
                None => println!("{secret}"),
            }
        }
        Cmd::Import {
            cmd: ImportCmd::DeviceTypes { paths },
        } => {
            ironbox_store::migrate::run(&db)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let ctx = ironbox_service::Ctx {
                reg: reg.clone(),
                base: String::new(),
                user: None,
                request_id: format!("import-{}", ironbox_core::time::now()),
                actor: ironbox_service::authz::Actor::system(),
            };
            let mut failed = 0;
            for file in yaml_files(&paths)? {
                let text = match std::fs::read_to_string(&file) {
                    Ok(t) => t,
                    Err(e) => {
                        eprintln!("{}: {e}", file.display());
                        failed += 1;
                        continue;
                    }
                };
                let mut tx = db.begin().await.map_err(|e| anyhow::anyhow!("{e}"))?;
                match ironbox_service::library::import(&mut tx.ex(), &ctx, &text).await {
                    Ok(r) => {
                        tx.commit().await.map_err(|e| anyhow::anyhow!("{e}"))?;
                        println!(
                            "{}: {} {} {} ({} templates created, {} unchanged)",
                            file.display(),
                            if r.created { "created" } else { "updated" },
                            r.kind,
                            r.name,
                            r.templates_created,
                            r.templates_kept
                        );
                    }
                    Err(e) => {
                        tx.rollback().await.ok();
                        eprintln!("{}: {e}", file.display());
                        failed += 1;
                    }
                }
            }
            anyhow::ensure!(failed == 0, "{failed} file(s) could not be imported");
        }
        Cmd::CheckConfig | Cmd::SchemaSql { .. } | Cmd::BenchCeiling { .. } => {}
    }
    let _ = Secret::default();
    Ok(())
}
