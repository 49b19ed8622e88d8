//! The load generator: an HTTPS client of the wizard contract on reqwest and rustls (ring, as the
//! server), a closed loop of N clients, an open loop at a fixed arrival rate, and percentiles.
//!
//! Every answer is checked: a refused or unexpected response stops the benchmark with the
//! request, the status and the body, so a figure is never made of errors.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::task::JoinSet;

use crate::seed::PASSWORD;

/// One server's wizard contract over HTTPS; cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct Http {
    client: reqwest::Client,
    base: Arc<str>,
}

impl Http {
    /// A client of the server at `base`, speaking as the registered machine `device` (every
    /// request carries its `Gatehouse-Device` credential, checked by the server as in a school).
    pub fn new(tls: rustls::ClientConfig, base: &str, device: &str) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("gatehouse-device", reqwest::header::HeaderValue::from_str(device).expect("a header value"));
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .tls_backend_preconfigured(tls)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("an HTTPS client");
        Self { client, base: base.into() }
    }

    /// `POST /v1/sessions`: the new session's token.
    pub async fn new_session(&self) -> String {
        let r = self.client.post(format!("{}/v1/sessions", self.base)).send().await.expect("POST /v1/sessions");
        let status = r.status().as_u16();
        let body: Value = r.json().await.expect("a JSON body");
        assert_eq!(status, 201, "POST /v1/sessions answered {status}: {body}");
        body["token"].as_str().expect("a token").to_owned()
    }

    /// `POST /v1/session/actions` with `action`, which must answer 200 on `screen`.
    pub async fn expect(&self, token: &str, action: &Value, screen: &str) -> Value {
        self.attempt(token, action, screen).await.unwrap_or_else(|refused| panic!("{refused}"))
    }

    /// The same, with a refusal or an unexpected screen as an error that says what came back.
    pub async fn attempt(&self, token: &str, action: &Value, screen: &str) -> Result<Value, String> {
        let r = self
            .client
            .post(format!("{}/v1/session/actions", self.base))
            .bearer_auth(token)
            .json(action)
            .send()
            .await
            .expect("POST /v1/session/actions");
        let status = r.status().as_u16();
        let body: Value = r.json().await.expect("a JSON body");
        // The action is not echoed: it may hold a password or a code.
        let name = action["action"].as_str().unwrap_or("?");
        if status == 200 && body["screen"] == screen && body["error"].is_null() {
            Ok(body)
        } else {
            Err(format!("{name} answered {status} where {screen} was expected: {body}"))
        }
    }

    /// A sign-in with the right password, on a session that shows the sign-in screen.
    pub async fn sign_in(&self, token: &str, login: &str) {
        self.try_sign_in(token, login).await.unwrap_or_else(|refused| panic!("{refused}"));
    }

    pub async fn try_sign_in(&self, token: &str, login: &str) -> Result<(), String> {
        let action = json!({ "action": "sign_in", "login": login, "password": PASSWORD });
        self.attempt(token, &action, "applications").await.map(drop)
    }
}

/// `clients` tasks each repeating `op(client, iteration)` until `warm + measure` has passed.
/// Returns the latency of every operation that completed inside the measured window (after the
/// warm-up, before the end); operations still under way at the end are not counted.
pub async fn closed_loop<F, Fut>(clients: usize, warm: Duration, measure: Duration, op: F) -> Vec<Duration>
where
    F: Fn(usize, usize) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let start = Instant::now();
    let (from, until) = (start + warm, start + warm + measure);
    let mut tasks = JoinSet::new();
    for client in 0..clients {
        let op = op.clone();
        tasks.spawn(async move {
            let mut latencies = Vec::new();
            let mut iteration = 0;
            while Instant::now() < until {
                let t = Instant::now();
                op(client, iteration).await;
                let done = Instant::now();
                if done >= from && done <= until {
                    latencies.push(done - t);
                }
                iteration += 1;
            }
            latencies
        });
    }
    let mut all = Vec::new();
    while let Some(done) = tasks.join_next().await {
        all.extend(done.expect("a client task failed"));
    }
    all
}

/// An open loop: arrival `k` at `k / rate` seconds from the start, each running `op(k)` in a task
/// of its own whether or not earlier ones have finished (a slow server does not slow the
/// arrivals, so queueing shows in the latencies). Latency counts from the scheduled arrival
/// to the end of `op`; arrivals scheduled during the warm-up are not counted. A server that
/// falls behind an open loop sees its queue grow without bound, so a refusal (say, a database
/// connection waited for too long) is a result here, not a reason to stop: each answer comes
/// back with `op`'s verdict, the refusal's text when there was one.
pub async fn open_loop<F, Fut>(
    rate: f64,
    warm: Duration,
    measure: Duration,
    op: F,
) -> Vec<(Duration, Result<(), String>)>
where
    F: Fn(usize) -> Fut,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let arrivals = arrivals(rate, warm + measure);
    let start = tokio::time::Instant::now();
    let mut tasks = JoinSet::new();
    for k in 0..arrivals {
        let at = start + Duration::from_secs_f64(k as f64 / rate);
        tokio::time::sleep_until(at).await;
        let work = op(k);
        let counted = at >= start + warm;
        tasks.spawn(async move {
            let verdict = work.await;
            counted.then(|| (at.elapsed(), verdict))
        });
    }
    let mut all = Vec::new();
    while let Some(done) = tasks.join_next().await {
        all.extend(done.expect("an arrival's task failed"));
    }
    all
}

/// How many arrivals an open loop of `rate` per second makes in `time`.
pub fn arrivals(rate: f64, time: Duration) -> usize {
    (rate * time.as_secs_f64()).ceil() as usize
}

/// Runs `op(i)` for `i` in `0..count`, at most `clients` at once.
pub async fn batch<F, Fut, T>(clients: usize, count: usize, op: F) -> Vec<T>
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = T> + Send,
    T: Send + 'static,
{
    let mut tasks = JoinSet::new();
    for client in 0..clients.min(count) {
        let op = op.clone();
        tasks.spawn(async move {
            let mut out = Vec::new();
            for i in (client..count).step_by(clients) {
                out.push((i, op(i).await));
            }
            out
        });
    }
    let mut all = Vec::with_capacity(count);
    while let Some(done) = tasks.join_next().await {
        all.extend(done.expect("a client task failed"));
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, t)| t).collect()
}

/// Latency percentiles in milliseconds (nearest rank).
#[derive(Clone, Copy, Debug)]
pub struct Percentiles {
    pub count: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Percentiles {
    pub fn of(latencies: &[Duration]) -> Self {
        let mut ms: Vec<f64> = latencies.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_unstable_by(f64::total_cmp);
        let rank = |p: f64| {
            if ms.is_empty() {
                return f64::NAN;
            }
            let i = ((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1;
            ms[i]
        };
        Self { count: ms.len(), p50_ms: rank(0.50), p99_ms: rank(0.99), max_ms: rank(1.0) }
    }
}
