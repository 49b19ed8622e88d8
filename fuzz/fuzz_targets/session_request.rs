//! Wizard requests as the CLI and the desktop shell receive them (DESIGN §4): `parse_request` on
//! any text must answer with an action or an error, never panic. Each line of the input is also
//! applied in turn to one fresh `Session`, and every response must serialise.
//!
//! Actions that hash with Argon2 on an empty store (`sign_in`, `sspr_answer`: a dummy hash for an
//! unknown login, ~12 ms each) are parsed but not applied, or the target would run at a few
//! dozen inputs a second. Without sign-in the session reaches sign_in, sspr_search,
//! sspr_questions, signed_out and error, which still exercises `LoginId::parse`, the plausible
//! questions for an unknown login and the refusal of actions on the wrong screen.
#![no_main]

use std::sync::{Arc, Mutex};

use gatehouse_core::wizard::parse_request;
use gatehouse_core::{Action, Engine, Session};
use libfuzzer_sys::fuzz_target;

#[path = "../common.rs"]
mod common;

/// Lines applied per input: enough for forgot_password → sspr_search → cancel → … walks.
const MAX_LINES: usize = 16;
/// `sspr_search` appends to the audit log; a fresh database every so often keeps memory flat.
/// Nothing the applied actions write changes what later inputs do (no failure is counted without
/// `sign_in` or `sspr_answer`), so a crash replays from its input alone.
const INPUTS_PER_ENGINE: u32 = 10_000;

static ENGINE: Mutex<Option<(u32, Arc<Engine>)>> = Mutex::new(None);

fn shared_engine() -> Arc<Engine> {
    let mut slot = ENGINE.lock().unwrap_or_else(|p| p.into_inner());
    match slot.as_mut() {
        Some((used, engine)) if *used < INPUTS_PER_ENGINE => {
            *used += 1;
            Arc::clone(engine)
        }
        Some(_) => {
            let engine = common::engine();
            *slot = Some((1, Arc::clone(&engine)));
            engine
        }
        None => {
            // The first time, also open and drop one engine, so that this input already covers
            // what a later replacement runs (opening, migrating, closing); otherwise the first
            // replacement looks like new coverage and an arbitrary input joins the corpus.
            drop(common::engine());
            let engine = common::engine();
            *slot = Some((1, Arc::clone(&engine)));
            engine
        }
    }
}

fn hashes(action: &Action) -> bool {
    matches!(action, Action::SignIn { .. } | Action::SsprAnswer { .. })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // The whole input as one request (a pretty-printed JSON object spans lines).
    let _ = parse_request(text);
    // libFuzzer's first call (an empty input) is not measured: build the engine on a real one.
    if text.is_empty() {
        return;
    }

    let mut session = Session::new(shared_engine());
    for line in text.lines().take(MAX_LINES) {
        let response = match parse_request(line) {
            Ok(action) if hashes(&action) => continue,
            Ok(action) => session.apply(action),
            Err(_) => session.apply_json(line),
        };
        serde_json::to_string(&response).expect("every response serialises");
    }
});
