//! Registered machines on the HTTP surface (issue 14 §2): `POST /v1/devices` exchanges an
//! enrolment code for the machine's credential; every session request names its machine with
//! the `Gatehouse-Device` header, which is checked before the session is touched; the per-device
//! rate limit keys on it.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use gatehouse_core::devices::{self, DeviceCheck};
use gatehouse_core::store::Device;
use gatehouse_core::Error;
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::GovernorError;
use zeroize::Zeroizing;

use crate::api::{blocking, ApiError, App};

/// The header that carries a machine's credential.
pub const HEADER: &str = "gatehouse-device";

/// The machine a request comes from, once its credential is checked: `None` only when the
/// server lets unregistered machines in (`[server] require_device = false`) and none was sent.
pub type Caller = Option<Device>;

/// Checks the request's device credential (one indexed read).
pub async fn caller(app: &Arc<App>, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let Some(value) = headers.get(HEADER) else {
        return if app.require_device { Err(ApiError::DeviceUnknown) } else { Ok(None) };
    };
    let credential = Zeroizing::new(value.to_str().map_err(|_| ApiError::DeviceUnknown)?.trim().to_owned());
    let app2 = Arc::clone(app);
    match blocking(move || devices::check(app2.sessions.engine(), &credential)).await? {
        DeviceCheck::Registered(device) => Ok(Some(device)),
        DeviceCheck::Revoked(device) => {
            tracing::warn!(device = device.name, "a revoked device was refused");
            app.metrics.device_refused("revoked");
            Err(ApiError::DeviceRevoked)
        }
        DeviceCheck::Unknown => {
            app.metrics.device_refused("unknown");
            Err(ApiError::DeviceUnknown)
        }
    }
}

/// Runs `f` with the engine's audit records naming the caller's device as the machine, or for a
/// request without one (`require_device = false`), its peer's address ([`peer_machine`]).
pub fn as_caller<T>(caller: &Caller, peer: IpAddr, f: impl FnOnce() -> T) -> T {
    match caller {
        Some(device) => gatehouse_core::audit::on_machine(&device.name, f),
        None => gatehouse_core::audit::on_machine(&peer_machine("address", peer), f),
    }
}

/// Runs `f` with the engine's audit records naming the browser at `peer` as the machine.
pub fn as_browser<T>(peer: IpAddr, f: impl FnOnce() -> T) -> T {
    gatehouse_core::audit::on_machine(&peer_machine("browser", peer), f)
}

/// The machine a request that names no registered device goes by: `what` and its peer's
/// address, e.g. `browser 203.0.113.5`. What the engine limits per machine (self-service
/// reset's searches an hour) then counts per address, not once for every such client of the
/// server, and the audit log says where a request came from. An IPv6 peer goes by its /64 (one
/// client commonly holds all of it), an IPv4-mapped one by its IPv4 address. Device names hold
/// no space (`devices::enrol`), so no registered machine can take one of these names.
pub fn peer_machine(what: &str, peer: IpAddr) -> String {
    match network_of(peer) {
        IpAddr::V4(v4) => format!("{what} {v4}"),
        IpAddr::V6(prefix) => format!("{what} {prefix}/64"),
    }
}

/// The network a peer's address stands for: an IPv4 address (also one written as IPv6,
/// `::ffff:a.b.c.d`), or an IPv6 address's /64 — one host is given a whole /64 and may use any
/// address in it, so counting each address apart would give it a fresh allowance at will.
pub fn network_of(peer: IpAddr) -> IpAddr {
    match peer.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => IpAddr::V6(std::net::Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
    }
}

/// The per-address rate limit's key: the peer's network ([`network_of`]).
#[derive(Debug, Clone, Copy)]
pub struct NetworkKeyExtractor;

impl KeyExtractor for NetworkKeyExtractor {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<Self::Key, GovernorError> {
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| network_of(c.0.ip()))
            .ok_or(GovernorError::UnableToExtractKey)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Registration {
    code: String,
    name: String,
    #[serde(default)]
    kiosk: bool,
}

/// `POST /v1/devices` `{"code", "name", "kiosk"}`: 201 `{"device": {"id", "name", "kiosk"},
/// "credential"}`. The credential is shown only in this answer.
pub async fn register(State(app): State<Arc<App>>, body: Bytes) -> Result<Response, ApiError> {
    let request: Registration = serde_json::from_slice(&body).map_err(|_| ApiError::BadRequest)?;
    let app2 = Arc::clone(&app);
    let enrolled = blocking(move || {
        let engine = app2.sessions.engine();
        match devices::enrol(engine, &request.code, &request.name, request.kiosk) {
            Ok(done) => Ok(Ok(done)),
            Err(e @ (Error::Refused(_) | Error::Invalid { .. })) => Ok(Err(e)),
            Err(e) => Err(e),
        }
    })
    .await?;
    match enrolled {
        Ok((device, credential)) => {
            tracing::info!(device = device.name, kiosk = device.kiosk, "device registered");
            let body = json!({
                "device": { "id": device.id, "name": device.name, "kiosk": device.kiosk },
                "credential": credential.reveal(),
            });
            Ok((StatusCode::CREATED, Json(body)).into_response())
        }
        Err(refusal) => Err(ApiError::Refused(refusal)),
    }
}

/// The per-device rate limit's key: a registered machine's credential, hashed (the limiter's
/// map never holds a credential), or the peer's address for a request without one — or with a
/// value that names no registered, unrevoked machine: a client making one up for each request
/// would otherwise have a fresh allowance each time ([`verify_device_key`] tells them apart).
#[derive(Debug, Clone, Copy)]
pub struct DeviceKeyExtractor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeviceKey {
    Device([u8; 16]),
    Peer(IpAddr),
}

/// A request's `Gatehouse-Device` names a registered, unrevoked machine: its key.
#[derive(Debug, Clone, Copy)]
struct VerifiedDevice([u8; 16]);

fn device_key(value: &[u8]) -> [u8; 16] {
    let digest = Sha256::digest(value);
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}

/// How long a machine found registered is taken as such by the rate limit without asking the
/// store again (whether it may act is checked at every request by [`caller`]).
const KNOWN_FOR: Duration = Duration::from_secs(60);
/// At most this many machines remembered (a school's are far fewer).
const KNOWN_AT_MOST: usize = 100_000;

/// The machines found registered lately, by key, and when.
pub struct DeviceKeys {
    app: Arc<App>,
    known: Mutex<HashMap<[u8; 16], Instant>>,
}

impl DeviceKeys {
    pub fn new(app: Arc<App>) -> Arc<Self> {
        Arc::new(Self { app, known: Mutex::new(HashMap::new()) })
    }

    fn known(&self) -> std::sync::MutexGuard<'_, HashMap<[u8; 16], Instant>> {
        self.known.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether `credential` names a registered, unrevoked machine (remembered for a minute).
    async fn registered(&self, key: [u8; 16], credential: &str) -> bool {
        let now = Instant::now();
        if self.known().get(&key).is_some_and(|at| now.duration_since(*at) < KNOWN_FOR) {
            return true;
        }
        let (app, credential) = (Arc::clone(&self.app), Zeroizing::new(credential.trim().to_owned()));
        let found = blocking(move || devices::check(app.sessions.engine(), &credential)).await;
        if !matches!(found, Ok(DeviceCheck::Registered(_))) {
            return false;
        }
        let mut known = self.known();
        if known.len() >= KNOWN_AT_MOST {
            known.retain(|_, at| now.duration_since(*at) < KNOWN_FOR);
        }
        if known.len() < KNOWN_AT_MOST {
            known.insert(key, now);
        }
        true
    }
}

/// In front of the per-device rate limit: marks a request whose `Gatehouse-Device` names a
/// registered, unrevoked machine, so the limit keys on that machine; any other is limited by
/// its peer's address (a store that cannot be read just now makes no machine known).
pub async fn verify_device_key(
    State(keys): State<Arc<DeviceKeys>>,
    mut request: Request<Body>,
    next: Next,
) -> Response {
    let sent =
        request.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(|v| (device_key(v.as_bytes()), v.to_owned()));
    if let Some((key, credential)) = sent {
        let credential = Zeroizing::new(credential);
        if keys.registered(key, &credential).await {
            request.extensions_mut().insert(VerifiedDevice(key));
        }
    }
    next.run(request).await
}

impl KeyExtractor for DeviceKeyExtractor {
    type Key = DeviceKey;

    fn extract<T>(&self, req: &Request<T>) -> Result<Self::Key, GovernorError> {
        if let Some(VerifiedDevice(key)) = req.extensions().get::<VerifiedDevice>() {
            return Ok(DeviceKey::Device(*key));
        }
        req.extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| DeviceKey::Peer(network_of(c.0.ip())))
            .ok_or(GovernorError::UnableToExtractKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_machine_without_a_device_goes_by_its_ipv4_address_or_its_ipv6_slash_64() {
        let named = |ip: &str| peer_machine("browser", ip.parse().unwrap());
        assert_eq!(named("203.0.113.5"), "browser 203.0.113.5");
        assert_eq!(named("::ffff:203.0.113.5"), "browser 203.0.113.5");
        assert_eq!(named("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "browser 2001:db8:1:2::/64");
        assert_eq!(named("2001:db8:1:2::9"), named("2001:db8:1:2:ffff::1"));
        assert_ne!(named("2001:db8:1:2::9"), named("2001:db8:1:3::9"));
        assert_eq!(peer_machine("address", "::1".parse().unwrap()), "address ::/64");
    }

    #[test]
    fn the_rate_limits_count_an_ipv6_hosts_slash_64_as_one_and_a_mapped_ipv4_address_as_itself() {
        let key = |ip: &str| {
            let mut request = Request::new(());
            request.extensions_mut().insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 443)));
            (NetworkKeyExtractor.extract(&request).unwrap(), DeviceKeyExtractor.extract(&request).unwrap())
        };
        assert_eq!(key("2001:db8:1:2::1"), key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
        assert_eq!(key("::ffff:203.0.113.5"), key("203.0.113.5"));
        assert_ne!(key("203.0.113.5"), key("203.0.113.6"));
    }
}
