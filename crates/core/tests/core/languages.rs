//! The person's language (issue 16): chosen on the sign-in screen and remembered once the
//! password is right, changed later with `set_language`, refused as anything but the four; the
//! wire and the audit log stay language-free.

use serde_json::json;

use gatehouse_core::text::Language;

use crate::common::*;

const CHLOE: &str = "Chloe_Ng@students.edu.sg";

#[test]
fn the_language_chosen_at_sign_in_is_remembered_only_once_the_password_is_right() {
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    assert_eq!(env.account(CHLOE).language, None, "nobody has chosen yet");
    let mut d = env.session();
    let r = d.send(json!({"action": "sign_in", "login": CHLOE, "password": "Not-Her-Password-1", "language": "ta"}));
    assert_eq!(code(&r), Some("login_failed"), "{r}");
    assert_eq!(env.account(CHLOE).language, None, "a wrong password changes nothing");
    let r = d.send(json!({"action": "sign_in", "login": CHLOE, "password": chloe.password, "language": "ta"}));
    assert_eq!(screen(&r), "applications", "{r}");
    assert_eq!(env.account(CHLOE).language, Some(Language::Tamil));
    // Without a language, the remembered one stays.
    d.expect(json!({"action": "sign_out"}), "signed_out");
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(CHLOE, &chloe.password)), "applications");
    assert_eq!(env.account(CHLOE).language, Some(Language::Tamil));
}

#[test]
fn a_signed_in_person_changes_their_language_on_any_screen_and_the_screen_stays() {
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    let mut d = env.session();
    // Before anyone signs in there is nobody to remember it for: the screen answers unchanged.
    let r = d.send(json!({"action": "set_language", "language": "ms"}));
    assert_eq!((screen(&r), code(&r)), ("sign_in", None), "{r}");
    d.sign_in(CHLOE, &chloe.password);
    d.expect(json!({"action": "change_my_password"}), "change_password");
    let r = d.send(json!({"action": "set_language", "language": "zh-Hans"}));
    assert_eq!((screen(&r), code(&r)), ("change_password", None), "{r}");
    assert_eq!(env.account(CHLOE).language, Some(Language::Chinese));
    let r = d.send(json!({"action": "set_language", "language": "ms"}));
    assert_eq!((screen(&r), code(&r)), ("change_password", None), "{r}");
    assert_eq!(env.account(CHLOE).language, Some(Language::Malay));
    // The audit log stays language-free: a preference is not an event.
    assert!(!env.event_names(CHLOE).iter().any(|e| e.contains("language")), "{:?}", env.event_names(CHLOE));
}

#[test]
fn a_language_other_than_the_four_is_a_bad_request_and_changes_nothing() {
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    let mut d = env.session();
    d.sign_in(CHLOE, &chloe.password);
    for bad in [json!("fr"), json!("zh-Hant"), json!(""), json!(7), json!(null)] {
        let r = d.send(json!({"action": "set_language", "language": bad}));
        assert_eq!((screen(&r), code(&r)), ("applications", Some("bad_request")), "{bad}: {r}");
    }
    let r = d.send(json!({"action": "sign_in", "login": CHLOE, "password": chloe.password, "language": "klingon"}));
    assert_eq!(code(&r), Some("bad_request"), "{r}");
    assert_eq!(env.account(CHLOE).language, None);
}

#[test]
fn the_wire_carries_message_ids_beside_english_whatever_the_persons_language() {
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    let mut d = env.session();
    let r = d.send(json!({"action": "sign_in", "login": CHLOE, "password": "Wrong-Wrong-2026", "language": "ta"}));
    // The front-end shows `id` with `args` in the person's language; `message` is English.
    assert_eq!(r["error"]["id"], "login-failed", "{r}");
    assert!(r["error"]["message"].as_str().unwrap().is_ascii(), "{r}");
    d.send(json!({"action": "sign_in", "login": CHLOE, "password": chloe.password, "language": "ta"}));
    assert_eq!(env.account(CHLOE).language, Some(Language::Tamil));
    let r = d.send(json!({"action": "sign_out"}));
    assert_eq!(r["message_text"]["id"], "signed-out", "{r}");
    assert!(r["message"].as_str().unwrap().is_ascii(), "{r}");
}

#[test]
fn a_reset_slip_is_printed_in_the_language_the_person_chose() {
    use gatehouse_core::slips;
    use gatehouse_core::text::Text;
    let env = Env::new();
    let chloe = env.active_student(CHLOE, "Chloe Ng", "p1_3");
    env.active_student("Ben_Tan@students.edu.sg", "Ben Tan", "p4_6");
    let mut d = env.session();
    d.send(json!({"action": "sign_in", "login": CHLOE, "password": chloe.password, "language": "ta"}));
    let admin = env.admin();
    let one = admin.reset_password(CHLOE).unwrap();
    assert_eq!(one.language, Some(Language::Tamil));
    let default = env.engine.config().locale.language();
    assert_eq!(slips::language_for(std::slice::from_ref(&one), default), Language::Tamil);
    let both = admin.reset_passwords(&[CHLOE.to_owned(), "Ben_Tan@students.edu.sg".to_owned()]).unwrap();
    assert_eq!(slips::language_for(&both, default), Language::English, "Ben never chose: the school's language");
    // The slip itself, read back: Tamil captions around her name and password.
    let pdf = slips::render_pdf(
        &env.engine.config().branding,
        std::slice::from_ref(&one),
        env.engine.now(),
        env.engine.zone(),
        slips::language_for(std::slice::from_ref(&one), default),
    )
    .unwrap();
    let file = env.dir().join("slip.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&file).arg("-").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&Text::new("slip-password").format(Language::Tamil)), "{text}");
    assert!(text.contains(one.temporary_password.expose()) && text.contains("Chloe Ng"), "{text}");
}
