//! Prometheus metrics for the people who run the server: requests by route and status, request
//! latency, sign-ins by outcome, machines refused, single sign-on steps by app and outcome. The `prometheus` crate (the Prometheus client of the TiKV
//! project) with a registry of our own: no global state, no protobuf, text exposition only.

use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry, TextEncoder};

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    sign_ins: IntCounterVec,
    devices_refused: IntCounterVec,
    single_sign_ons: IntCounterVec,
}

/// Seconds; one Argon2id hash is about 15 ms here, so a sign-in lands near the low buckets and
/// a queue behind many sign-ins in the high ones.
const LATENCY_BUCKETS: &[f64] = &[0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

impl Metrics {
    pub fn new() -> Self {
        let registry = Registry::new_custom(Some("gatehouse".into()), None).expect("a valid prefix");
        let requests = IntCounterVec::new(
            Opts::new("http_requests_total", "HTTP requests answered, by route and status"),
            &["route", "status"],
        )
        .expect("valid metric");
        let latency = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to answer a request, by route")
                .buckets(LATENCY_BUCKETS.to_vec()),
            &["route"],
        )
        .expect("valid metric");
        let sign_ins = IntCounterVec::new(
            Opts::new("sign_ins_total", "Sign-in attempts, by outcome (ok or the error's stable code)"),
            &["outcome"],
        )
        .expect("valid metric");
        let devices_refused = IntCounterVec::new(
            Opts::new("devices_refused_total", "Requests refused for their machine, by reason (unknown, revoked)"),
            &["reason"],
        )
        .expect("valid metric");
        let single_sign_ons = IntCounterVec::new(
            Opts::new(
                "single_sign_ons_total",
                "OpenID Connect steps by app and outcome (code, consent_asked, consent_required, access_denied, tokens, invalid_grant, invalid_client; a back-channel logout: logout_ok, logout_refused, logout_unreachable)",
            ),
            &["app", "outcome"],
        )
        .expect("valid metric");
        registry.register(Box::new(single_sign_ons.clone())).expect("registered once");
        registry.register(Box::new(devices_refused.clone())).expect("registered once");
        registry.register(Box::new(requests.clone())).expect("registered once");
        registry.register(Box::new(latency.clone())).expect("registered once");
        registry.register(Box::new(sign_ins.clone())).expect("registered once");
        Self { registry, requests, latency, sign_ins, devices_refused, single_sign_ons }
    }

    pub fn request(&self, route: &str, status: u16, seconds: f64) {
        self.requests.with_label_values(&[route, &status.to_string()]).inc();
        self.latency.with_label_values(&[route]).observe(seconds);
    }

    pub fn sign_in(&self, outcome: &str) {
        self.sign_ins.with_label_values(&[outcome]).inc();
    }

    /// `app` is a registered client's id (a bounded set: unknown ones are never counted).
    pub fn single_sign_on(&self, app: &str, outcome: &str) {
        self.single_sign_ons.with_label_values(&[app, outcome]).inc();
    }

    pub fn device_refused(&self, reason: &str) {
        self.devices_refused.with_label_values(&[reason]).inc();
    }

    /// The text exposition format (version 0.0.4).
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        TextEncoder::new().encode(&self.registry.gather(), &mut out).expect("text encoding does not fail");
        String::from_utf8(out).expect("the text format is UTF-8")
    }
}
