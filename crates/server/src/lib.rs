//! `gatehouse-server`: one school's Gatehouse engine on PostgreSQL, serving the wizard contract of
//! DESIGN §4 over HTTPS to every machine of the school (DESIGN §7). The request and response
//! bodies are exactly those of `gatehouse-cli session`; a session's state lives in the database,
//! sealed, so any server process continues any session.
//!
//! The engine and the database driver are synchronous: every call into them runs on tokio's
//! blocking pool, never on a runtime worker.

mod api;
mod console;
mod devices;
mod handoff;
mod http;
mod metrics;
mod oidc;
mod once;
mod pages;
mod saml;
mod sessions;
mod time_limit;
mod token;
mod web;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use axum_server::tls_rustls::RustlsConfig;
use clap::Parser;
use gatehouse_core::config::{Config, ServerConfig};
use gatehouse_core::types::SecretString;
use gatehouse_core::{Engine, Error};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use zeroize::Zeroizing;

/// How often expired sessions are removed (and idle addresses leave the rate limiter).
const PURGE_EVERY: Duration = Duration::from_secs(60);

/// The Gatehouse server: the wizard over HTTPS, sessions in the database.
#[derive(Debug, Parser)]
#[command(name = "gatehouse-server", version)]
struct Args {
    /// The configuration file (gatehouse.toml with a [server] section).
    #[arg(long)]
    config: PathBuf,
    /// Where the SQLite file (when [storage] url is empty), the outbox and the default key file
    /// live [default: the configuration file's directory]
    #[arg(long)]
    data_dir: Option<PathBuf>,
}

/// What the server runs with, read and checked before anything listens.
struct Settings {
    config: Config,
    data_dir: PathBuf,
    certificate: PathBuf,
    private_key: PathBuf,
    metrics_token: Option<SecretString>,
    /// The browser sign-in page, when `[server] web_root` names one.
    web: Option<web::Web>,
    /// The OpenID Connect provider, when `[oidc]` registers apps.
    oidc: Option<oidc::Oidc>,
    /// The SAML identity provider, when `[saml]` registers apps.
    saml: Option<saml::Saml>,
}

impl Settings {
    fn load(args: &Args) -> Result<Self, Error> {
        if !args.config.is_file() {
            return Err(Error::Config(format!("{} is not a file", args.config.display())));
        }
        let config = Config::load(&args.config)?;
        let base = args.config.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let data_dir = args.data_dir.clone().unwrap_or_else(|| base.to_owned());
        let path = |key: &str, value: &str| {
            if value.trim().is_empty() {
                return Err(Error::Config(format!("server.{key} must name a PEM file")));
            }
            Ok(base.join(value.trim()))
        };
        let certificate = path("certificate", &config.server.certificate)?;
        let private_key = path("private_key", &config.server.private_key)?;
        let metrics_token = match config.server.metrics_token_file.trim() {
            "" => None,
            file => Some(metrics_token(&base.join(file))?),
        };
        let web = web::Web::load(&config, base, &data_dir)?;
        let oidc = oidc::Oidc::load(&config, base)?;
        let saml = saml::Saml::load(&config, base)?;
        Ok(Self { config, data_dir, certificate, private_key, metrics_token, web, oidc, saml })
    }
}

/// The bearer token `/metrics` asks for, read from `server.metrics_token_file` into memory that
/// is wiped (surrounding white space and a final newline are not part of it).
fn metrics_token(file: &Path) -> Result<SecretString, Error> {
    let bad = |why: String| Error::Config(format!("server.metrics_token_file {}: {why}", file.display()));
    let text = Zeroizing::new(std::fs::read_to_string(file).map_err(|e| bad(format!("cannot be read: {e}")))?);
    let token = text.trim();
    if token.chars().count() < 16 || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("must hold one token of 16 or more characters without spaces".into()));
    }
    Ok(SecretString::from(token))
}

/// TLS by rustls with the ring provider: TLS 1.2 and 1.3, HTTP/1.1.
fn tls(settings: &Settings) -> Result<RustlsConfig, Error> {
    let unreadable = |what: &str, path: &Path, e: &dyn std::fmt::Display| {
        Error::Config(format!("server.{what} {}: {e}", path.display()))
    };
    let chain = CertificateDer::pem_file_iter(&settings.certificate)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .map_err(|e| unreadable("certificate", &settings.certificate, &e))?;
    if chain.is_empty() {
        return Err(unreadable("certificate", &settings.certificate, &"no certificate in the file"));
    }
    let key = PrivateKeyDer::from_pem_file(&settings.private_key)
        .map_err(|e| unreadable("private_key", &settings.private_key, &e))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_no_client_auth().with_single_cert(chain, key))
        .map_err(|e| Error::Config(format!("the server's certificate and key: {e}")))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(RustlsConfig::from_config(Arc::new(config)))
}

/// Runs the server until SIGINT or SIGTERM; the exit code says whether it started.
pub fn main() -> ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    match start(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gatehouse-server: {e}");
            ExitCode::FAILURE
        }
    }
}

fn start(args: &Args) -> Result<(), Error> {
    let settings = Settings::load(args)?;
    let listen: SocketAddr =
        settings.config.server.listen.parse().map_err(|_| Error::Config("server.listen".into()))?;
    let tls = tls(&settings)?;
    // Opened before the runtime starts: the synchronous driver must not run on a runtime worker.
    let server = settings.config.server.clone();
    let metrics_token = settings.metrics_token;
    let web = settings.web.map(Arc::new);
    let sso = http::SingleSignOn {
        oidc: settings.oidc.map(Arc::new),
        saml: settings.saml.map(Arc::new),
        stylesheet: pages::stylesheet(&settings.config),
    };
    let engine = Engine::open_with(settings.config, &settings.data_dir)?;
    // Sessions are sealed with the data key: without it, stop now with the fix rather than fail
    // every request.
    engine.vault()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(serve(engine, server, metrics_token, (web, sso), listen, tls))
}

async fn serve(
    engine: Arc<Engine>,
    server: ServerConfig,
    metrics_token: Option<SecretString>,
    (web, sso): (Option<Arc<web::Web>>, http::SingleSignOn),
    listen: SocketAddr,
    tls: RustlsConfig,
) -> Result<(), Error> {
    let app = Arc::new(api::App {
        sessions: sessions::Sessions::new(engine, &server),
        metrics: metrics::Metrics::new(),
        metrics_token,
        max_request_bytes: server.max_request_bytes as usize,
        require_device: server.require_device,
        signed_out: sso.oidc.clone().map(|oidc| -> api::SignedOut {
            Arc::new(move |app, session, account, except| {
                Box::pin(oidc::signed_out(Arc::clone(&oidc), app, (session, account), except))
            })
        }),
    });
    let (router, limiter) = http::router(Arc::clone(&app), &server, web, sso);
    let handle = axum_server::Handle::new();
    tokio::spawn(housekeeping(Arc::clone(&app), limiter));
    tokio::spawn(shutdown_on_signal(handle.clone()));
    let announce = handle.clone();
    tokio::spawn(async move {
        if let Some(addr) = announce.listening().await {
            tracing::info!(%addr, "listening");
            // One line on standard output for scripts and tests: where to connect.
            println!("gatehouse-server listening on https://{addr}");
        }
    });
    let timeout = Duration::from_secs(u64::from(server.request_timeout_seconds));
    let mut serving = axum_server::bind_rustls(listen, tls)
        .handle(handle)
        // HTTP/1.1 only, as TLS offers (ALPN): an HTTP/2 preface is not taken up instead.
        .http1_only()
        // A connection that sends no complete request in time is closed (slow headers)...
        .first_request_timeout(timeout);
    // ...and so is one kept alive that does not send the whole head of its next request within
    // the same time from when the last answer went out: idle or dribbling connections cannot
    // pile up until the server runs out of them.
    serving.http_builder().http1().header_read_timeout(Some(timeout));
    serving
        .serve(router.into_make_service_with_connect_info::<SocketAddr>())
        .await
        .map_err(|e| Error::Config(format!("cannot serve on {listen}: {e}")))
}

/// Every minute: expired sessions out of the store, idle addresses out of the rate limiter.
async fn housekeeping(app: Arc<api::App>, forget_idle_addresses: http::Limiter) {
    let mut every = tokio::time::interval(PURGE_EVERY);
    loop {
        every.tick().await;
        let purge = Arc::clone(&app);
        match tokio::task::spawn_blocking(move || purge.sessions.purge()).await {
            Ok(Ok(0)) => {}
            Ok(Ok(n)) => tracing::info!(sessions = n, "expired sessions removed"),
            Ok(Err(e)) => tracing::warn!(error = %e, "could not remove expired sessions"),
            Err(e) => tracing::warn!(error = %e, "the session purge task failed"),
        }
        forget_idle_addresses();
    }
}

async fn shutdown_on_signal(handle: axum_server::Handle<SocketAddr>) {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
    tracing::info!("shutting down: finishing the requests under way");
    handle.graceful_shutdown(Some(Duration::from_secs(10)));
}
