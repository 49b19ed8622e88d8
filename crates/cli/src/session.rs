//! `gatehouse-cli session`: one JSON request per line on stdin, one JSON response per line on
//! stdout (DESIGN §4). A malformed line — bad JSON, invalid UTF-8, a line over 1 MiB — gets an
//! error response on the current screen and the session goes on.

use std::io::{BufRead, Read, Write};
use std::path::Path;
use std::sync::Arc;

use gatehouse_core::files;
use gatehouse_core::wizard::codes;
use gatehouse_core::{Engine, Error, ErrorBody, Response, Session};

/// Longest request line read; longer lines are refused (and skipped) without being buffered.
const MAX_LINE: u64 = 1 << 20;

pub fn run(engine: Arc<Engine>, qr: Option<&Path>) -> Result<(), Error> {
    let mut session = Session::new(engine);
    // The QR code holds the authenticator's secret: owner-only like the data directory while
    // `add_soft_token` shows it, removed once the screen is left and when the session ends —
    // by Ctrl-C, a closed terminal or `kill` too.
    let mut written = false;
    let removal = qr.and_then(crate::signals::Removal::of);
    let armed = |on: bool| removal.iter().for_each(|r| r.armed(on));
    let result = lines(|line| {
        let response = match line {
            Line::Request(request) => session.apply_json(request),
            Line::Refused(message) => refuse(&session, message),
        };
        if let Some(path) = qr {
            match session.qr_png() {
                Some(png) => {
                    armed(true);
                    files::create(path)
                        .and_then(|mut f| f.write_all(&png))
                        .map_err(|e| Error::Io(format!("cannot write {}: {e}", path.display())))?;
                    written = true;
                }
                None if written => {
                    remove_qr(path)?;
                    armed(false);
                    written = false;
                }
                None => {}
            }
        }
        serde_json::to_string(&response).map_err(|e| Error::Internal(e.to_string()))
    });
    if let (Some(path), true) = (qr, written) {
        remove_qr(path)?;
    }
    result
}

fn remove_qr(path: &Path) -> Result<(), Error> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(Error::Io(format!("cannot remove {} (it holds a secret): {e}", path.display())))
        }
        _ => Ok(()),
    }
}

/// One line of standard input: a request (trimmed, not empty), or one refused before it is read
/// as JSON (the sentence says why).
pub enum Line<'a> {
    Request(&'a str),
    Refused(&'static str),
}

/// Reads standard input line by line and writes `answer`'s JSON text for each as one line;
/// returns at the end of input or when the reader of standard output goes away.
pub fn lines(mut answer: impl FnMut(Line<'_>) -> Result<String, Error>) -> Result<(), Error> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let io = |e: std::io::Error| Error::Io(format!("standard input/output: {e}"));
    let mut buf = Vec::with_capacity(4096);
    loop {
        buf.clear();
        let n = (&mut input).take(MAX_LINE + 1).read_until(b'\n', &mut buf).map_err(io)?;
        if n == 0 {
            return Ok(());
        }
        let line = if buf.len() as u64 > MAX_LINE && buf.last() != Some(&b'\n') {
            skip_rest_of_line(&mut input).map_err(io)?;
            Line::Refused("The request line is longer than 1 MiB.")
        } else {
            match std::str::from_utf8(&buf) {
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => Line::Request(line.trim()),
                Err(_) => Line::Refused("The request is not valid UTF-8."),
            }
        };
        let mut text = answer(line)?;
        text.push('\n');
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            // The reader went away (broken pipe): the session is over.
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(());
            }
            return Err(io(e));
        }
    }
}

fn refuse(session: &Session, message: &str) -> Response {
    let mut r = session.current();
    r.error = Some(refusal(message));
    r
}

/// The error of a line refused before it is read as JSON.
pub fn refusal(message: &str) -> ErrorBody {
    ErrorBody::new(codes::BAD_REQUEST, message)
}

fn skip_rest_of_line(input: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            input.consume(i + 1);
            return Ok(());
        }
        let len = buf.len();
        input.consume(len);
    }
}
