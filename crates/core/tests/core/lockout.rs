//! Lockout after wrong passwords (student guide troubleshooting D and E): the count, the locked
//! screen, unknown login IDs treated alike, unlock by an administrator or after a configured time.

use serde_json::{json, Value};

use crate::common::*;

fn wrong(d: &mut Driver, login: &str) -> Value {
    d.sign_in(login, WRONG_PASSWORD)
}

#[test]
fn four_wrong_passwords_stay_on_sign_in_and_the_fifth_locks_the_account() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for i in 1..=4 {
        let r = wrong(&mut d, &chloe.login);
        assert_eq!((screen(&r), code(&r)), ("sign_in", Some("login_failed")), "attempt {i}: {r}");
        assert!(r["error"]["message"].as_str().unwrap().starts_with("Login failed"));
        assert_eq!(env.account(&chloe.login).failed_passwords, i);
    }
    let r = wrong(&mut d, &chloe.login);
    assert_eq!(screen(&r), "account_locked", "{r}");
    assert!(r["message"].as_str().unwrap().contains("locked"));
    assert!(env.account(&chloe.login).is_locked());
    let view = env.admin().show(&chloe.login).unwrap();
    assert_eq!((view.state, view.locked), ("locked", true));

    // The right password does not get past a lock.
    d.expect(json!({"action": "continue"}), "sign_in");
    let r = d.sign_in(&chloe.login, &chloe.password);
    assert_eq!(screen(&r), "account_locked", "{r}");

    let names = env.event_names(&chloe.login);
    assert_eq!(names.iter().filter(|n| *n == "sign_in_failed").count(), 6, "{names:?}");
    assert_eq!(names.iter().filter(|n| *n == "lockout").count(), 1, "{names:?}");
    let refused = env.events(&chloe.login).pop().unwrap();
    assert_eq!((refused.event.as_str(), refused.outcome.as_str()), ("sign_in_failed", "refused"));
    env.assert_audit_free_of(&[WRONG_PASSWORD, &chloe.password]);
}

#[test]
fn wrong_passwords_on_a_locked_account_neither_count_nor_lock_it_again() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..5 {
        wrong(&mut d, &chloe.login);
    }
    let locked_at = env.account(&chloe.login).locked_at;
    env.advance(MINUTE);
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&wrong(&mut d, &chloe.login)), "account_locked");
    let a = env.account(&chloe.login);
    assert_eq!((a.failed_passwords, a.locked_at), (5, locked_at));
}

#[test]
fn a_correct_sign_in_resets_the_count_of_wrong_passwords() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..4 {
        assert_eq!(code(&wrong(&mut d, &chloe.login)), Some("login_failed"));
    }
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "applications");
    d.expect(json!({"action": "sign_out"}), "signed_out");
    for _ in 0..4 {
        assert_eq!(code(&wrong(&mut d, &chloe.login)), Some("login_failed"));
    }
    assert!(!env.account(&chloe.login).is_locked());
    assert_eq!(screen(&wrong(&mut d, &chloe.login)), "account_locked");
}

#[test]
fn unknown_login_ids_lock_after_five_failures_with_exactly_the_same_screens() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    for ghost in ["Nobody_Here@students.edu.sg", "not-even-a-login-id"] {
        let mut known = env.session();
        let mut unknown = env.session();
        for i in 1..=6 {
            let k = wrong(&mut known, &chloe.login);
            let u = wrong(&mut unknown, ghost);
            assert_eq!(k, u, "attempt {i} tells {ghost} from a real account");
            let expected = if i < 5 { "sign_in" } else { "account_locked" };
            assert_eq!(screen(&u), expected, "attempt {i}: {u}");
            if i >= 5 {
                known.expect(json!({"action": "continue"}), "sign_in");
                unknown.expect(json!({"action": "continue"}), "sign_in");
            }
        }
        env.admin().unlock(&chloe.login).unwrap();
    }
    // Failures against unknown IDs are audited under the ID as typed (lower-cased).
    let ghost = env.events("nobody_here@students.edu.sg");
    assert_eq!(ghost.len(), 6);
    assert!(ghost.iter().all(|e| e.event == "sign_in_failed" && e.outcome == "failed"));
}

#[test]
fn an_administrator_unlock_lets_the_person_in_again() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..5 {
        wrong(&mut d, &chloe.login);
    }
    let view = env.admin().unlock(&chloe.login).unwrap();
    assert!(!view.locked);
    assert_eq!(view.failed_passwords, 0);
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "applications");
    let unlock = env.events(&chloe.login).into_iter().find(|e| e.event == "unlock").expect("unlock audited");
    assert_eq!(unlock.actor, "admin:test");
    // A full count again before the next lock.
    d.expect(json!({"action": "sign_out"}), "signed_out");
    for _ in 0..4 {
        assert_eq!(code(&wrong(&mut d, &chloe.login)), Some("login_failed"));
    }
}

#[test]
fn an_automatic_unlock_lifts_the_lock_after_the_configured_minutes_and_not_before() {
    let env = Env::with_toml("[lockout]\nauto_unlock_minutes = 30\n");
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..5 {
        wrong(&mut d, &chloe.login);
    }
    assert_eq!(d.screen(), "account_locked");
    d.expect(json!({"action": "continue"}), "sign_in");
    env.advance(30 * MINUTE - 1);
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "account_locked");
    d.expect(json!({"action": "continue"}), "sign_in");
    env.advance(1);
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "applications");
    let unlock = env.events(&chloe.login).into_iter().find(|e| e.event == "unlock").expect("unlock audited");
    assert_eq!((unlock.actor.as_str(), unlock.detail.as_str()), ("system", "lock expired"));
}

#[test]
fn without_automatic_unlock_a_lock_lasts_until_someone_lifts_it() {
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..5 {
        wrong(&mut d, &chloe.login);
    }
    env.advance(30 * DAY);
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(&chloe.login, &chloe.password)), "account_locked");
}

#[test]
fn an_expired_lock_no_longer_offers_the_unlock_choice_in_self_service() {
    let env = Env::with_toml("[lockout]\nauto_unlock_minutes = 15\n");
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..5 {
        wrong(&mut d, &chloe.login);
    }
    env.advance(15 * MINUTE);
    d.expect(json!({"action": "forgot_password"}), "sspr_search");
    let shown = d.expect(json!({"action": "sspr_search", "login": chloe.login}), "sspr_questions");
    d.expect(json!({"action": "sspr_answer", "answers": Driver::answers_for(&shown)}), "change_password");
}

#[test]
fn the_lockout_threshold_is_configurable() {
    let env = Env::with_toml("[lockout]\npassword_threshold = 3\n");
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    let mut ghost = env.session();
    for _ in 0..2 {
        assert_eq!(code(&wrong(&mut d, &chloe.login)), Some("login_failed"));
        assert_eq!(code(&wrong(&mut ghost, "Nobody_Here@students.edu.sg")), Some("login_failed"));
    }
    assert_eq!(screen(&wrong(&mut d, &chloe.login)), "account_locked");
    assert_eq!(screen(&wrong(&mut ghost, "Nobody_Here@students.edu.sg")), "account_locked");
    let lockout = env.events(&chloe.login).into_iter().find(|e| e.event == "lockout").unwrap();
    assert!(lockout.detail.contains('3'), "{lockout:?}");
}

#[test]
fn the_temporary_password_locks_like_any_other() {
    let env = Env::new();
    let ada = env.new_student("Ada_Lim@students.edu.sg", "Ada Lim", "p4_6");
    let mut d = env.session();
    for _ in 0..5 {
        wrong(&mut d, &ada.login);
    }
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(&ada.login, &ada.password)), "account_locked");
    // An SA's reset unlocks and the new temporary password works.
    let issued = env.admin().reset_password(&ada.login).unwrap();
    d.expect(json!({"action": "continue"}), "sign_in");
    assert_eq!(screen(&d.sign_in(&ada.login, issued.temporary_password.expose())), "set_questions");
}

/// With automatic unlock configured, a lock on an ID that does not exist must lift when a real
/// account's would, or waiting would tell the two apart (DESIGN §2).
#[test]
fn with_automatic_unlock_an_unknown_ids_lock_lifts_when_a_known_ones_does() {
    let env = Env::with_toml("[lockout]\nauto_unlock_minutes = 30\n");
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let ghost = "Nobody_Here@students.edu.sg";
    let mut known = env.session();
    let mut unknown = env.session();
    let both = |known: &mut Driver, unknown: &mut Driver, what: &str| {
        let k = wrong(known, &chloe.login);
        let u = wrong(unknown, ghost);
        assert_eq!(k, u, "{what}: a known and an unknown ID differ");
        for d in [known, unknown] {
            if d.screen() == "account_locked" {
                d.expect(json!({"action": "continue"}), "sign_in");
            }
        }
        screen(&k).to_owned()
    };
    // Failures spread out before the lock still count.
    for _ in 0..4 {
        assert_eq!(both(&mut known, &mut unknown, "before the lock"), "sign_in");
    }
    env.advance(2 * 60 * MINUTE);
    assert_eq!(both(&mut known, &mut unknown, "the fifth failure, two hours later"), "account_locked");
    // Trying while locked does not extend the lock.
    env.advance(20 * MINUTE);
    assert_eq!(both(&mut known, &mut unknown, "while locked"), "account_locked");
    env.advance(10 * MINUTE);
    assert_eq!(both(&mut known, &mut unknown, "when the lock has lifted"), "sign_in");
}

#[test]
fn two_kiosks_racing_past_the_threshold_count_no_more_than_it_and_the_later_sign_in_is_refused() {
    use gatehouse_core::audit::{Event, Outcome};
    let env = Env::new();
    let chloe = env.active_student("Chloe_Ng@students.edu.sg", "Chloe Ng", "p1_3");
    let mut d = env.session();
    for _ in 0..4 {
        wrong(&mut d, &chloe.login);
    }
    // Two kiosks each checked a wrong password while the count was 4; both now write it. The
    // first locks; the second finds the count full: not counted, answered locked, logged refused.
    let (id, e) = (env.account_id(&chloe.login), &env.engine);
    let fail = || {
        e.store().record_password_failure(
            id,
            5,
            e.now(),
            e.record(&chloe.login, &chloe.login, Event::SignInFailed, Outcome::Failed, "wrong password"),
            e.record("system", &chloe.login, Event::Lockout, Outcome::Ok, "5 consecutive wrong passwords"),
        )
    };
    let first = fail().unwrap();
    assert!(first.newly_locked && first.locked);
    let second = fail().unwrap();
    assert!(!second.newly_locked && second.locked);
    assert_eq!(env.account(&chloe.login).failed_passwords, 5, "no more than the threshold is counted");
    let last = env.events(&chloe.login).pop().unwrap();
    assert_eq!((last.outcome.as_str(), last.detail.as_str()), ("refused", "wrong password; already locked"));
    // A third kiosk had checked the right password before the lock: its sign-in is not recorded.
    let signed_in = e
        .store()
        .record_sign_in(id, e.now(), e.record(&chloe.login, &chloe.login, Event::SignIn, Outcome::Ok, ""))
        .unwrap();
    assert!(!signed_in, "no sign-in on an account locked meanwhile");
    assert!(env.account(&chloe.login).last_sign_in.is_none());
    let last = env.events(&chloe.login).pop().unwrap();
    assert_eq!((last.event.as_str(), last.outcome.as_str()), ("sign_in_failed", "refused"));
}
