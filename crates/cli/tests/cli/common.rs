//! Fixtures: a temporary data directory and a `gatehouse-cli session` process driven line by line.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};

use serde_json::Value;

pub const TEMP: &str = "Sunrise-Harbor-42";
pub const PASSWORD: &str = "Blue-Otter-Lantern-7";
pub const NEW_PASSWORD: &str = "Tulip-Harbor-4827";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_gatehouse-cli")
}

/// A fresh data directory holding the demo school.
pub fn demo_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path(), &["--demo", "demo"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

/// Runs `gatehouse-cli --data-dir DIR ARGS…` to completion.
pub fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(bin()).arg("--data-dir").arg(dir).args(args).env_remove("GATEHOUSE_DATA_DIR").output().unwrap()
}

/// Runs an admin command with `--json` and parses its one JSON object.
pub fn admin_json(dir: &Path, args: &[&str]) -> (bool, Value) {
    let mut full = vec!["admin"];
    full.extend_from_slice(args);
    full.push("--json");
    let out = cli(dir, &full);
    let text = String::from_utf8(out.stdout).unwrap();
    let value = serde_json::from_str(text.trim()).unwrap_or_else(|e| panic!("not one JSON object ({e}): {text:?}"));
    (out.status.success(), value)
}

pub struct Session {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Session {
    pub fn start(dir: &Path) -> Self {
        Self::start_with(dir, &[])
    }

    /// Starts `gatehouse-cli --data-dir DIR session ARGS…`.
    pub fn start_with(dir: &Path, args: &[&str]) -> Self {
        let mut child = Command::new(bin())
            .arg("--data-dir")
            .arg(dir)
            .arg("session")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        Self { child, stdin, stdout }
    }

    /// Sends raw bytes as one line and reads one response line.
    pub fn send_raw(&mut self, bytes: &[u8]) -> Value {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.write_all(b"\n").unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        assert!(line.ends_with('\n'), "one response line per request, got {line:?}");
        serde_json::from_str(&line).unwrap()
    }

    pub fn send(&mut self, request: Value) -> Value {
        self.send_raw(request.to_string().as_bytes())
    }

    /// Sends one request; `None` once the process has gone (killed, or its pipe closed).
    pub fn try_send(&mut self, request: &Value) -> Option<Value> {
        writeln!(self.stdin, "{request}").and_then(|_| self.stdin.flush()).ok()?;
        let mut line = String::new();
        self.stdout.read_line(&mut line).ok()?;
        serde_json::from_str(&line).ok()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits for the process to end (after it was killed).
    pub fn wait(&mut self) {
        self.child.wait().unwrap();
    }

    /// Sends and asserts the screen and the absence of an error.
    pub fn expect(&mut self, request: Value, screen: &str) -> Value {
        let r = self.send(request.clone());
        assert_eq!(r["screen"], screen, "after {request}: {r}");
        assert!(r["error"].is_null(), "after {request}: {r}");
        r
    }

    pub fn sign_in(&mut self, login: &str, password: &str) -> Value {
        self.send(serde_json::json!({"action": "sign_in", "login": login, "password": password}))
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn act(name: &str) -> Value {
    serde_json::json!({ "action": name })
}

/// The demo answers by question text.
pub fn demo_answer(question: &str) -> &'static str {
    match question {
        "What is your favourite colour?" => "yellow",
        "What is your favourite animal?" => "hamster",
        "What is your favourite book?" => "The Good Earth",
        other => panic!("unexpected question {other}"),
    }
}

/// Answers the questions shown on an `sspr_questions` screen with the demo answers.
pub fn answers_for(screen: &Value) -> Value {
    let answers: Vec<&str> =
        screen["questions"].as_array().unwrap().iter().map(|q| demo_answer(q.as_str().unwrap())).collect();
    serde_json::json!({ "action": "sspr_answer", "answers": answers })
}

pub fn change_password(new: &str) -> Value {
    serde_json::json!({ "action": "change_password", "new_password": new, "confirm_password": new })
}
