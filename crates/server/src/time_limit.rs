//! The request timeout, and the console operations that outlast it (issue: an import or a class
//! reset cut off by the timeout went on, and nobody saw its temporary passwords).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Marks a request whose work, once begun, must run to its end and be answered (a console
/// operation that issues temporary passwords, `ConsoleRequest::must_finish`): cut off by the
/// request timeout, it would go on without anyone seeing its passwords.
#[derive(Clone, Default)]
pub struct MustFinish(Arc<AtomicBool>);

impl MustFinish {
    /// Called by the handler just before such work begins (its body has been read by then).
    pub fn begin(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Answers 408 to a request not answered within `[server] request_timeout_seconds`, reading its
/// body included — unless its handler has begun work that must finish ([`MustFinish`]), which is
/// then waited for. (The handler marks it in the same poll that starts the work, so the work of
/// a request answered 408 has not begun.)
pub async fn time_limit(State(timeout): State<Duration>, mut request: Request, next: Next) -> Response {
    let must_finish = MustFinish::default();
    request.extensions_mut().insert(must_finish.clone());
    let answer = next.run(request);
    tokio::pin!(answer);
    tokio::select! {
        answer = &mut answer => answer,
        () = tokio::time::sleep(timeout) => {
            if must_finish.0.load(Ordering::SeqCst) {
                answer.await
            } else {
                StatusCode::REQUEST_TIMEOUT.into_response()
            }
        }
    }
}
