//! The shell on Tauri's mock runtime: the real command table, state and main window, driven
//! through the IPC layer as the front-end drives it, with no window system.

use std::time::Instant;

use clap::Parser;
use gatehouse_app::{build_app, create_main, AppState, Args};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

fn invoke(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(webview, request).map(|r| r.deserialize::<Value>().unwrap())
}

#[test]
fn the_wizard_and_console_commands_answer_through_the_shell_on_the_mock_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let args = Args::parse_from(["gatehouse", "--data-dir", dir.path().to_str().unwrap(), "--demo"]);
    let state = AppState::open(&args, Instant::now()).expect("the demo school opens");
    let app = build_app(mock_builder(), state, mock_context(noop_assets())).expect("the app builds");
    // The setup opens it when the event loop starts; the mock runtime has no loop to start.
    let main = create_main(app.handle()).expect("the main window opens");

    let first = invoke(&main, "current_screen", json!({})).unwrap();
    assert_eq!(first["screen"], "sign_in", "{first}");
    let wrong =
        json!({"request": {"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": "Not-Hers-123"}});
    let r = invoke(&main, "wizard", wrong).unwrap();
    assert_eq!((r["screen"].as_str(), r["error"]["code"].as_str()), (Some("sign_in"), Some("login_failed")), "{r}");
    assert_eq!(r["error"]["id"], "login-failed", "the error carries its message id: {r}");
    let right = json!({"request": {"action": "sign_in", "login": "Chloe_Ng@students.edu.sg", "password": "Blue-Otter-Lantern-7"}});
    assert_eq!(invoke(&main, "wizard", right).unwrap()["screen"], "applications");

    // An administrator's wrong code is refused with the core's error object, by message id.
    let sign_in = json!({"login": "Irene_Tan@schools.gov.sg", "password": "Blue-Otter-Lantern-7", "code": "000000"});
    let refused = invoke(&main, "admin_sign_in", sign_in).unwrap_err();
    assert_eq!(refused["code"], "admin_sign_in_failed", "{refused}");
    assert!(refused["id"].as_str().is_some_and(|id| !id.is_empty()), "{refused}");

    // The console's commands refuse without an administrator signed in, with the core's shape.
    let refused = invoke(&main, "console_whoami", json!({})).unwrap_err();
    assert_eq!(refused["code"], "not_signed_in", "{refused}");
    assert!(refused["message"].as_str().is_some_and(|m| !m.is_empty()), "{refused}");
}
