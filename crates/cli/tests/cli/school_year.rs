//! `gatehouse-cli admin edit|disable|enable|delete|promote`, `list --class`, `reset-password
//! --class` and the import's `class` column (issue 15, DESIGN §5), with `--json`.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::*;

/// Creates a student in class `class` at S5521; their temporary password.
fn student(dir: &Path, login: &str, name: &str, level: &str, class: &str) -> String {
    let args =
        ["create", "--login", login, "--name", name, "--kind", "student", "--level", level, "--location", "S5521"];
    let mut args = args.to_vec();
    args.extend(["--class", class]);
    let (ok, v) = admin_json(dir, &args);
    assert!(ok, "{v}");
    assert_eq!(v["account"]["class"], class);
    v["temporary_password"].as_str().unwrap().to_owned()
}

fn logins(v: &Value) -> Vec<&str> {
    v["accounts"].as_array().unwrap().iter().map(|a| a["login"].as_str().unwrap()).collect()
}

#[test]
fn admin_edit_changes_the_level_and_class_and_list_finds_the_class_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    student(dir.path(), "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "3A");
    let (ok, v) = admin_json(
        dir.path(),
        &["edit", "--login", "ada_lim@students.edu.sg", "--level", "p4_6", "--class", "4A", "--name", "Ada Lim Hui"],
    );
    assert!(ok, "{v}");
    assert_eq!((&v["account"]["level"], &v["account"]["class"]), (&json!("p4_6"), &json!("4A")));
    assert_eq!(v["account"]["name"], "Ada Lim Hui");
    let (ok, v) = admin_json(dir.path(), &["list", "--class", "4a"]);
    assert!(ok, "{v}");
    assert_eq!(logins(&v), ["Ada_Lim@students.edu.sg"]);
    let (_, v) = admin_json(dir.path(), &["list", "--class", "3A"]);
    assert!(logins(&v).is_empty());
    let text = String::from_utf8(cli(dir.path(), &["admin", "show", "--login", "Ada_Lim@students.edu.sg"]).stdout);
    assert!(text.unwrap().contains("class:              4A"));
}

#[test]
fn admin_edit_refuses_a_bad_class_label_and_an_edit_without_a_change() {
    let dir = tempfile::tempdir().unwrap();
    student(dir.path(), "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "3A");
    let (ok, v) = admin_json(dir.path(), &["edit", "--login", "Ada_Lim@students.edu.sg", "--class", "3A; DROP"]);
    assert!(!ok);
    assert_eq!((&v["error"]["code"], &v["error"]["id"]), (&json!("invalid_input"), &json!("class-invalid")), "{v}");
    let (ok, v) = admin_json(dir.path(), &["edit", "--login", "Ada_Lim@students.edu.sg"]);
    assert!(!ok);
    assert_eq!(v["error"]["id"], "edit-nothing", "{v}");
}

#[test]
fn the_school_year_commands_on_an_unknown_login_say_not_found() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["edit", "--login", "Ghost@students.edu.sg", "--class", "4A"],
        vec!["disable", "--login", "Ghost@students.edu.sg"],
        vec!["enable", "--login", "Ghost@students.edu.sg"],
        vec!["delete", "--login", "Ghost@students.edu.sg"],
    ] {
        let (ok, v) = admin_json(dir.path(), &args);
        assert!(!ok, "{args:?}");
        assert_eq!(v["error"]["code"], "not_found", "{args:?}: {v}");
    }
}

#[test]
fn admin_disable_refuses_sign_in_with_account_disabled_and_admin_enable_lets_the_person_in_again() {
    let dir = tempfile::tempdir().unwrap();
    let temp = student(dir.path(), "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "3A");
    let (ok, v) = admin_json(dir.path(), &["disable", "--login", "Ada_Lim@students.edu.sg"]);
    assert!(ok, "{v}");
    assert_eq!((&v["account"]["state"], &v["account"]["disabled"]), (&json!("disabled"), &json!(true)));
    let mut s = Session::start(dir.path());
    let r = s.sign_in("Ada_Lim@students.edu.sg", &temp);
    assert_eq!((&r["screen"], &r["error"]["code"]), (&json!("sign_in"), &json!("account_disabled")), "{r}");
    let (ok, v) = admin_json(dir.path(), &["enable", "--login", "Ada_Lim@students.edu.sg"]);
    assert!(ok && v["account"]["disabled"] == json!(false), "{v}");
    assert_eq!(s.sign_in("Ada_Lim@students.edu.sg", &temp)["screen"], "set_questions");
}

#[test]
fn admin_delete_removes_the_account_and_the_audit_keeps_its_history() {
    let dir = tempfile::tempdir().unwrap();
    student(dir.path(), "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "3A");
    let (ok, v) = admin_json(dir.path(), &["delete", "--login", "Ada_Lim@students.edu.sg"]);
    assert!(ok, "{v}");
    assert_eq!((&v["deleted"], &v["account"]["login"]), (&json!(true), &json!("Ada_Lim@students.edu.sg")));
    let (ok, v) = admin_json(dir.path(), &["show", "--login", "Ada_Lim@students.edu.sg"]);
    assert!(!ok && v["error"]["code"] == "not_found", "{v}");
    let out = cli(dir.path(), &["admin", "audit", "--subject", "Ada_Lim@students.edu.sg", "--format", "json"]);
    let events: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = events["events"].as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
    assert_eq!(names, ["account_deleted", "account_created"], "{events}");
}

#[test]
fn admin_promote_previews_without_yes_and_applies_with_yes_refusing_a_changed_count() {
    let dir = tempfile::tempdir().unwrap();
    student(dir.path(), "Ada_Lim@students.edu.sg", "Ada Lim", "p1_3", "3A");
    student(dir.path(), "Ben_Koh@students.edu.sg", "Ben Koh", "p1_3", "3a");
    let promote = ["promote", "--class", "3A", "--to-level", "p4_6", "--next-class", "--location", "S5521"];
    let (ok, v) = admin_json(dir.path(), &promote);
    assert!(ok, "{v}");
    assert_eq!((&v["applied"], &v["count"]), (&json!(false), &json!(2)), "{v}");
    assert_eq!(v["accounts"][0]["to_class"], "4A");
    assert!(v["accounts"][0]["apps_gained"].as_array().unwrap().contains(&json!("Gmail")), "{v}");
    let (_, still) = admin_json(dir.path(), &["list", "--class", "3A"]);
    assert_eq!(logins(&still), ["Ada_Lim@students.edu.sg", "Ben_Koh@students.edu.sg"], "a preview changes nothing");

    let mut wrong = promote.to_vec();
    wrong.extend(["--yes", "--expect", "3"]);
    let (ok, v) = admin_json(dir.path(), &wrong);
    assert!(!ok);
    assert_eq!(v["error"]["id"], "promote-changed", "{v}");

    let mut apply = promote.to_vec();
    apply.extend(["--yes", "--expect", "2"]);
    let (ok, v) = admin_json(dir.path(), &apply);
    assert!(ok, "{v}");
    assert_eq!((&v["applied"], &v["count"]), (&json!(true), &json!(2)));
    let (_, v) = admin_json(dir.path(), &["list", "--level", "p4_6"]);
    let classes: Vec<&str> = v["accounts"].as_array().unwrap().iter().map(|a| a["class"].as_str().unwrap()).collect();
    assert_eq!(classes, ["4A", "4a"]);
    let preview = ["admin", "promote", "--class", "4A", "--to-class", "5A", "--dry-run"];
    let text = String::from_utf8(cli(dir.path(), &preview).stdout);
    assert!(text.unwrap().contains("Preview only: 2 students would change"));
    let out = cli(dir.path(), &["admin", "promote", "--class", "4A", "--to-class", "5A", "--dry-run", "--yes"]);
    assert!(!out.status.success(), "--dry-run and --yes contradict each other");
}

#[test]
fn admin_reset_password_of_a_class_prints_each_temporary_password_once() {
    let dir = tempfile::tempdir().unwrap();
    student(dir.path(), "Ada_Lim@students.edu.sg", "Ada Lim", "p4_6", "4A");
    student(dir.path(), "Ben_Koh@students.edu.sg", "Ben Koh", "p4_6", "4B");
    let (ok, v) = admin_json(dir.path(), &["reset-password", "--class", "4a"]);
    assert!(ok, "{v}");
    assert_eq!(logins(&v), ["Ada_Lim@students.edu.sg"]);
    let temp = v["accounts"][0]["temporary_password"].as_str().unwrap();
    assert_eq!(Session::start(dir.path()).sign_in("Ada_Lim@students.edu.sg", temp)["screen"], "set_questions");
}

#[test]
fn admin_import_reads_the_optional_class_column() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pupils.csv");
    std::fs::write(
        &file,
        "login,name,kind,level,location,class\n\
         Ada_Lim@students.edu.sg,Ada Lim,student,p1_3,S5521,3A\n\
         Ben_Koh@students.edu.sg,Ben Koh,student,p1_3,S5521,3A?\n",
    )
    .unwrap();
    let (ok, v) = admin_json(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(!ok, "one row is bad: exit code 2");
    assert_eq!(v["created_count"], 1);
    assert_eq!((&v["errors"][0]["line"], &v["errors"][0]["id"]), (&json!(3), &json!("class-invalid")), "{v}");
    let (_, v) = admin_json(dir.path(), &["list", "--class", "3A"]);
    assert_eq!(logins(&v), ["Ada_Lim@students.edu.sg"]);
}

/// Creates a student in class `class` of `level` at `location`.
fn student_at(dir: &Path, login: &str, level: &str, class: &str, location: &str) {
    let args = ["create", "--login", login, "--name", "Some One", "--kind", "student", "--level", level];
    let mut args = args.to_vec();
    args.extend(["--location", location, "--class", class]);
    let (ok, v) = admin_json(dir, &args);
    assert!(ok, "{v}");
}

fn classes(dir: &Path) -> Vec<String> {
    let (_, v) = admin_json(dir, &["list"]);
    let each = v["accounts"].as_array().unwrap().iter();
    each.map(|a| format!("{} {}", a["level"].as_str().unwrap_or("-"), a["class"].as_str().unwrap_or("-"))).collect()
}

#[test]
fn admin_promote_refuses_a_new_level_for_a_whole_level_and_says_to_name_the_class() {
    let dir = tempfile::tempdir().unwrap();
    student_at(dir.path(), "Ada_Lim@students.edu.sg", "p1_3", "1A", "S5521");
    student_at(dir.path(), "Ben_Koh@students.edu.sg", "p1_3", "3A", "S5521");
    let whole = ["promote", "--level", "p1_3", "--to-level", "p4_6", "--next-class", "--location", "S5521", "--yes"];
    let (ok, v) = admin_json(dir.path(), &whole);
    assert!(!ok);
    assert_eq!(v["error"]["id"], "promote-level-needs-class", "{v}");
    let mut said = vec!["admin"];
    said.extend(whole);
    let out = cli(dir.path(), &said);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--class 3A"), "{out:?}");
    assert_eq!(classes(dir.path()), ["p1_3 1A", "p1_3 3A"], "nobody moved");
}

#[test]
fn admin_promote_next_class_shows_the_last_year_as_leaving_and_a_second_run_moves_nobody() {
    let dir = tempfile::tempdir().unwrap();
    student_at(dir.path(), "Ada_Lim@students.edu.sg", "p4_6", "5A", "S5521");
    student_at(dir.path(), "Ben_Koh@students.edu.sg", "p4_6", "6A", "S5521");
    let promote = ["admin", "promote", "--level", "p4_6", "--next-class", "--location", "S5521"];
    let preview = String::from_utf8(cli(dir.path(), &promote).stdout).unwrap();
    assert!(
        preview.contains("last year of their level") && preview.contains("Ben_Koh@students.edu.sg (6A)"),
        "{preview}"
    );
    assert!(preview.contains("Preview only: 1 student would change"), "{preview}");
    let mut apply = promote[1..].to_vec();
    apply.extend(["--yes", "--expect", "1"]);
    let (ok, v) = admin_json(dir.path(), &apply);
    assert!(ok, "{v}");
    assert_eq!(classes(dir.path()), ["p4_6 6A", "p4_6 6A"], "no 7A");
    let mut again = promote.to_vec();
    again.push("--yes");
    let text = String::from_utf8(cli(dir.path(), &again).stdout).unwrap();
    assert!(text.contains("already moved to another class") && text.contains("Ada_Lim@students.edu.sg (6A)"), "{text}");
    assert_eq!(classes(dir.path()), ["p4_6 6A", "p4_6 6A"], "moved once");
}

#[test]
fn admin_reset_password_of_a_class_at_two_locations_needs_the_location_or_all_locations() {
    let dir = tempfile::tempdir().unwrap();
    student_at(dir.path(), "Ada_Lim@students.edu.sg", "p4_6", "4A", "S5521");
    student_at(dir.path(), "Ben_Koh@students.edu.sg", "p4_6", "4A", "S7000");
    let (ok, v) = admin_json(dir.path(), &["reset-password", "--class", "4A"]);
    assert!(!ok);
    assert_eq!(
        (&v["error"]["id"], &v["error"]["field"]),
        (&json!("students-location-needed"), &json!("location")),
        "{v}"
    );
    let (ok, v) = admin_json(dir.path(), &["promote", "--class", "4A", "--to-class", "5A", "--yes"]);
    assert!(!ok && v["error"]["id"] == "students-location-needed", "{v}");
    let (ok, v) = admin_json(dir.path(), &["reset-password", "--class", "4A", "--location", "S7000"]);
    assert!(ok, "{v}");
    assert_eq!(logins(&v), ["Ben_Koh@students.edu.sg"]);
    let (ok, v) = admin_json(dir.path(), &["reset-password", "--class", "4A", "--all-locations"]);
    assert!(ok, "{v}");
    assert_eq!(logins(&v).len(), 2);
}
