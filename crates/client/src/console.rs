//! The administrators' console on the school's `gatehouse-server` (issue 14 §1): the sign-in
//! (`POST /v1/console/sessions`, password and a tested authenticator's code), the console's
//! operations (`POST /v1/console/requests`, `gatehouse_core::console_ops` as JSON), the sign-out,
//! and a thin kiosk's exit (`POST /v1/console/kiosk-exit`). An import file larger than one request
//! may hold is sent in parts, and its answers are put back together with the file's own line
//! numbers.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use gatehouse_core::config::ServerConfig;
use gatehouse_core::console::AdminIdentity;
use gatehouse_core::console_ops::{self, MAX_IMPORT_ROWS};
use gatehouse_core::types::SecretString;
use reqwest::Method;
use serde::Serialize;
use serde_json::{json, Value};
use zeroize::Zeroizing;

use crate::endpoint::Endpoint;
use crate::error::{Error, Reply};

/// How an import file is cut into requests: rows per part (the server takes at most
/// [`MAX_IMPORT_ROWS`]) and bytes per part (below the server's default `max_request_bytes` of
/// 64 KiB, with room for the JSON around it).
#[derive(Debug, Clone, Copy)]
pub struct PartLimits {
    pub rows: usize,
    pub bytes: usize,
}

impl Default for PartLimits {
    fn default() -> Self {
        Self { rows: MAX_IMPORT_ROWS, bytes: 48 * 1024 }
    }
}

pub struct RemoteConsole {
    server: Endpoint,
    /// The console session's bearer token, while signed in.
    token: Option<Zeroizing<String>>,
    /// The token of a sign-in with a security key waiting for the key's answer.
    key_pending: Option<Zeroizing<String>>,
    /// How import files are cut (the tests make the parts small).
    pub parts: PartLimits,
}

#[derive(Serialize)]
struct Credentials<'a> {
    login: &'a str,
    password: &'a str,
    code: &'a str,
}

#[derive(Serialize)]
struct KeyCredentials<'a> {
    login: &'a str,
    password: &'a str,
    kiosk_exit: bool,
}

impl Credentials<'_> {
    fn body(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl RemoteConsole {
    /// The console of `server.url` (nothing is sent yet); `dir` is the directory `server.ca_file`
    /// is relative to, `device` this machine's credential if it has one.
    pub fn new(server: &ServerConfig, dir: &Path, device: Option<Zeroizing<String>>) -> Result<Self, Error> {
        Ok(Self {
            server: Endpoint::new(server, dir, device)?,
            token: None,
            key_pending: None,
            parts: PartLimits::default(),
        })
    }

    /// Signs an administrator in; the server's refusal (wrong password or code, not an
    /// administrator, locked) is an [`Error::Refused`] with the sign-in's own code and text.
    pub fn sign_in(&mut self, login: &str, password: &SecretString, code: &str) -> Result<AdminIdentity, Error> {
        self.sign_out();
        let body = Credentials { login, password: password.expose(), code }.body();
        let reply = Reply::read(self.server.post_json("/v1/console/sessions", None, body).send()?)?;
        if reply.status != 201 {
            return Err(refusal(reply));
        }
        let value = reply.value();
        let token = value["token"].as_str().ok_or_else(|| not_the_server(&reply))?;
        let identity = serde_json::from_value(value["administrator"].clone()).map_err(|_| not_the_server(&reply))?;
        self.token = Some(Zeroizing::new(token.to_owned()));
        Ok(identity)
    }

    /// A thin kiosk's exit: `Ok` with the administrator's login when the server accepts their
    /// password and code for closing this kiosk (audited there as "kiosk exit").
    pub fn kiosk_exit(&self, login: &str, password: &SecretString, code: &str) -> Result<String, Error> {
        let body = Credentials { login, password: password.expose(), code }.body();
        let reply = Reply::read(self.server.post_json("/v1/console/kiosk-exit", None, body).send()?)?;
        match reply.value()["administrator"].as_str() {
            Some(login) if reply.status == 200 => Ok(login.to_owned()),
            _ => Err(refusal(reply)),
        }
    }

    /// The first half of an administrator's sign-in with a security key, for the console or
    /// (`kiosk_exit`) for closing this kiosk: the server checks the password and answers with
    /// the ceremony to run with the key (`{"origin", "options"}`); the token for the second half
    /// is kept here.
    pub fn start_key_sign_in(
        &mut self,
        login: &str,
        password: &SecretString,
        kiosk_exit: bool,
    ) -> Result<Value, Error> {
        self.key_pending = None;
        let body = KeyCredentials { login, password: password.expose(), kiosk_exit };
        let body = serde_json::to_string(&body).unwrap_or_default();
        let reply = Reply::read(self.server.post_json("/v1/console/key-sign-in", None, body).send()?)?;
        if reply.status != 201 {
            return Err(refusal(reply));
        }
        let value = reply.value();
        let token = value["token"].as_str().ok_or_else(|| not_the_server(&reply))?;
        if !value["ceremony"].is_object() {
            return Err(not_the_server(&reply));
        }
        self.key_pending = Some(Zeroizing::new(token.to_owned()));
        Ok(value["ceremony"].clone())
    }

    /// The second half for the console: the key's answer; signed in as the administrator, or the
    /// server's refusal.
    pub fn finish_key_sign_in(&mut self, credential: &Value) -> Result<AdminIdentity, Error> {
        self.sign_out();
        let reply = self.finish_key(credential, 201)?;
        let value = reply.value();
        let token = value["token"].as_str().ok_or_else(|| not_the_server(&reply))?;
        let identity = serde_json::from_value(value["administrator"].clone()).map_err(|_| not_the_server(&reply))?;
        self.token = Some(Zeroizing::new(token.to_owned()));
        Ok(identity)
    }

    /// The second half for a thin kiosk's exit: `Ok` with the administrator's login.
    pub fn finish_key_kiosk_exit(&mut self, credential: &Value) -> Result<String, Error> {
        let reply = self.finish_key(credential, 200)?;
        reply.value()["administrator"].as_str().map(str::to_owned).ok_or_else(|| not_the_server(&reply))
    }

    /// Sends the key's answer with the first half's token (used once, whatever the answer).
    fn finish_key(&mut self, credential: &Value, expected: u16) -> Result<Reply, Error> {
        let token = self.key_pending.take().ok_or_else(|| Error::Refused(not_signed_in()))?;
        let body = json!({ "credential": credential }).to_string();
        let reply = Reply::read(self.server.post_json("/v1/console/key-sign-in/finish", Some(&token), body).send()?)?;
        if reply.status != expected {
            return Err(refusal(reply));
        }
        Ok(reply)
    }

    pub fn signed_in(&self) -> bool {
        self.token.is_some()
    }

    /// Runs one console operation (`{"op": …, …}`); its answer, or the server's refusal. An
    /// ended session (idle 15 minutes, the account changed) signs this console out. One that
    /// issues temporary passwords (an import, a class's reset) is waited for however long it
    /// takes: the server finishes it once begun, and gives up on no answer of it either.
    pub fn request(&mut self, op: &Value) -> Result<Value, Error> {
        let token = self.token.clone().ok_or_else(|| Error::Refused(not_signed_in()))?;
        let (path, body) = ("/v1/console/requests", op.to_string());
        let request = if console_ops::must_finish(op) {
            self.server.post_json_waiting(path, Some(&token), body)
        } else {
            self.server.post_json(path, Some(&token), body)
        };
        let reply = Reply::read(request.send()?)?;
        if reply.status == 200 {
            return Ok(reply.value());
        }
        if reply.status == 401 {
            self.token = None;
        }
        Err(refusal(reply))
    }

    /// Signs out on the server. Best effort: an unreachable server ends the session by idle time.
    pub fn sign_out(&mut self) {
        if let Some(token) = self.token.take() {
            if let Err(e) = self.server.request(Method::DELETE, "/v1/console/session", Some(&token)).send() {
                tracing::warn!(server = %self.server.base(), error = %Error::from(e), "the console session could not be ended on the server");
            }
        }
    }

    /// Checks an import file without writing anything, in parts: `{"rows", "good", "errors"}`
    /// with the file's line numbers.
    pub fn import_check(&mut self, csv: &str) -> Result<Value, Error> {
        let (mut rows, mut good, mut errors) = (0, 0, Vec::new());
        for part in split_csv(csv, self.parts) {
            let answer = self.request(&json!({ "op": "import_check", "csv": part.text }))?;
            rows += count(&answer["rows"]);
            good += count(&answer["good"]);
            errors.extend(part.file_lines(&answer["errors"]));
        }
        Ok(json!({ "rows": rows, "good": good, "errors": errors }))
    }

    /// Imports a file in parts, calling `progress(rows done, rows)` after each, and stopping
    /// between parts when `cancel` is set, or when a part fails after others made accounts (the
    /// rest is then one row error, so the temporary passwords already issued are not lost): `{"rows", "created", "errors", "seconds", "issued",
    /// "cancelled"}` with the file's line numbers, and `"slips_pdf"` when it took one part (the
    /// slips of several parts are the caller's to put in one file).
    pub fn import(
        &mut self,
        csv: &str,
        mut progress: impl FnMut(usize, usize),
        cancel: &AtomicBool,
    ) -> Result<Value, Error> {
        let parts = split_csv(csv, self.parts);
        let total: usize = parts.iter().map(|p| p.records).sum();
        let (mut done, mut rows, mut seconds) = (0, 0, 0.0);
        let (mut errors, mut issued, mut slips) = (Vec::new(), Vec::new(), Vec::new());
        let mut cancelled = false;
        for part in &parts {
            if cancel.load(Ordering::SeqCst) {
                cancelled = true;
                break;
            }
            let mut answer = match self.request(&json!({ "op": "import", "csv": part.text })) {
                Ok(answer) => answer,
                // Nothing was made yet: the import failed as a whole.
                Err(e) if done == 0 => return Err(e),
                // Earlier parts made accounts: their temporary passwords must still reach the
                // administrator, so the rest is reported as not imported, from its first line.
                Err(e) => {
                    let reason = format!(
                        "This row and those after it were not imported: {}",
                        e.body()["message"].as_str().unwrap_or_default()
                    );
                    let line = part.starts.first().map_or(0, |&(_, file)| file);
                    errors.push(json!({ "line": line, "login": null, "reason": reason, "id": IMPORT_STOPPED }));
                    cancelled = true;
                    break;
                }
            };
            rows += count(&answer["rows"]);
            seconds += answer["seconds"].as_f64().unwrap_or_default();
            errors.extend(part.file_lines(&answer["errors"]));
            if let Value::Array(more) = answer["issued"].take() {
                issued.extend(more);
            }
            slips.push(answer["slips_pdf"].take());
            done += part.records;
            progress(done, total);
        }
        let slips_pdf = match slips.as_slice() {
            [one] => one.clone(),
            _ => Value::Null,
        };
        Ok(json!({
            "rows": rows, "created": issued.len(), "errors": errors, "seconds": seconds,
            "issued": issued, "cancelled": cancelled, "slips_pdf": slips_pdf,
        }))
    }
}

impl Drop for RemoteConsole {
    fn drop(&mut self) {
        self.sign_out();
    }
}

/// The id of the row error that says where an import sent in parts stopped.
pub const IMPORT_STOPPED: &str = "import-stopped";

fn count(v: &Value) -> usize {
    v.as_u64().unwrap_or_default() as usize
}

/// A non-2xx answer: the server's error body, or a failure of the transport if it has none.
fn refusal(reply: Reply) -> Error {
    if reply.code().is_empty() {
        return not_the_server(&reply);
    }
    Error::Refused(reply)
}

fn not_the_server(reply: &Reply) -> Error {
    Error::Unreachable(format!("the console's answer ({}) is not the server's", reply.status))
}

/// The answer a console request gets before anyone signed in (as the server says it).
fn not_signed_in() -> Reply {
    let body = gatehouse_core::ErrorBody::of("session_ended", gatehouse_core::error::transport::session_ended());
    Reply { status: 401, text: json!({ "error": body }).to_string() }
}

/// One part of an import file: its header and some of its records, and where each record
/// starts in the part and in the file (a quoted field may hold line breaks).
#[derive(Debug)]
struct Part {
    text: String,
    records: usize,
    /// (line in the part, line in the file) where each record starts, in order.
    starts: Vec<(u64, u64)>,
}

impl Part {
    /// The row errors of this part's answer, each `line` made the file's.
    fn file_lines(&self, errors: &Value) -> Vec<Value> {
        let mut out = errors.as_array().cloned().unwrap_or_default();
        for error in &mut out {
            if let Some(line) = error["line"].as_u64() {
                if let Some(&(part, file)) = self.starts.iter().rev().find(|(p, _)| *p <= line) {
                    error["line"] = json!(file + (line - part));
                }
            }
        }
        out
    }
}

/// The records of a CSV text: each with its text (line break included) — a line break inside
/// a quoted field does not end one.
fn records(csv: &str) -> Vec<&str> {
    let (mut out, mut start, mut quoted) = (Vec::new(), 0, false);
    for (i, c) in csv.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                out.push(&csv[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < csv.len() {
        out.push(&csv[start..]);
    }
    out
}

/// Cuts `csv` into parts of at most `limits` records and bytes, each starting with the header
/// (a file with only a header, or nothing, is one part as it is: the server says what is wrong).
fn split_csv(csv: &str, limits: PartLimits) -> Vec<Part> {
    let all = records(csv);
    let Some((header, body)) = all.split_first() else {
        return vec![Part { text: csv.to_owned(), records: 0, starts: Vec::new() }];
    };
    let mut header = (*header).to_owned();
    if !header.ends_with('\n') {
        header.push('\n');
    }
    let lines = |s: &str| s.matches('\n').count() as u64;
    let header_lines = lines(&header);
    let new_part = || Part { text: header.clone(), records: 0, starts: Vec::new() };
    let mut parts = Vec::new();
    let mut part = new_part();
    let mut file_line = header_lines + 1;
    for record in body {
        let full =
            part.records >= limits.rows.max(1) || (part.records > 0 && part.text.len() + record.len() > limits.bytes);
        if full {
            parts.push(std::mem::replace(&mut part, new_part()));
        }
        let part_line = lines(&part.text) + 1;
        part.starts.push((part_line, file_line));
        part.text.push_str(record);
        if !record.ends_with('\n') {
            part.text.push('\n');
        }
        part.records += 1;
        file_line += lines(record).max(1);
    }
    parts.push(part);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "login,name,kind,level,location\n\
        a@students.edu.sg,A,student,p4_6,DEMO01\n\
        b@students.edu.sg,\"B\nwith a line break\",student,p4_6,DEMO01\n\
        c@students.edu.sg,C,student,p4_6,DEMO01\n\
        d@students.edu.sg,D,student,p4_6,DEMO01";

    #[test]
    fn an_import_file_is_cut_into_parts_that_each_start_with_the_header() {
        let parts = split_csv(FILE, PartLimits { rows: 2, bytes: 1 << 20 });
        assert_eq!(parts.len(), 2);
        assert_eq!(parts.iter().map(|p| p.records).collect::<Vec<_>>(), [2, 2]);
        for p in &parts {
            assert!(p.text.starts_with("login,name,kind,level,location\n"), "{}", p.text);
        }
        assert!(parts[0].text.contains("\"B\nwith a line break\""), "a quoted line break stays in its record");
        assert!(parts[1].text.ends_with("d@students.edu.sg,D,student,p4_6,DEMO01\n"));
        // Put back together, the records are the file's.
        let rejoined: String = parts.iter().map(|p| p.text.split_once('\n').unwrap().1).collect();
        assert_eq!(rejoined, FILE.split_once('\n').unwrap().1.to_owned() + "\n");
    }

    #[test]
    fn a_row_error_in_a_later_part_names_the_line_of_the_file() {
        let parts = split_csv(FILE, PartLimits { rows: 2, bytes: 1 << 20 });
        // Line 3 of the second part is its second record, `d`: line 6 of the file (the quoted
        // line break makes `b` two lines long).
        let mapped = parts[1].file_lines(&json!([{ "line": 3, "login": "d@students.edu.sg" }]));
        assert_eq!(mapped[0]["line"], 6);
        let mapped = parts[0].file_lines(&json!([{ "line": 3 }, { "line": 4 }]));
        assert_eq!((mapped[0]["line"].as_u64(), mapped[1]["line"].as_u64()), (Some(3), Some(4)));
        let mapped = parts[1].file_lines(&json!([{ "line": 2 }]));
        assert_eq!(mapped[0]["line"], 5);
    }

    #[test]
    fn a_part_never_grows_past_its_byte_limit_unless_one_record_alone_does() {
        let parts = split_csv(FILE, PartLimits { rows: 100, bytes: 90 });
        assert!(parts.len() >= 3, "{parts:?}");
        assert!(parts.iter().all(|p| p.records >= 1));
        assert_eq!(parts.iter().map(|p| p.records).sum::<usize>(), 4);
    }

    #[test]
    fn a_file_of_only_a_header_or_nothing_is_sent_as_it_is() {
        let parts = split_csv("login,name\n", PartLimits::default());
        assert_eq!((parts.len(), parts[0].records, parts[0].text.as_str()), (1, 0, "login,name\n"));
        assert_eq!(split_csv("", PartLimits::default())[0].text, "");
    }
}
