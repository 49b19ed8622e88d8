//! One scripted scenario over every area of [`Store`], for any backend: it returns what each call
//! answered, one line per call, so two backends given the same calls can be compared line by
//! line (the PostgreSQL tests compare against SQLite).

use super::*;
use crate::audit::{AuditQuery, AuditRecord, Event, Outcome};
use crate::clock::Timestamp;
use crate::error::Error;
use crate::hashing::PasswordHashString;
use crate::otp::{OtpAlgorithm, OtpParams};
use crate::types::{
    AccountId, AccountKind, ClassLabel, EmailAddress, FullName, Level, Location, LoginId, Role, TransferId,
};

pub(crate) const T0: Timestamp = 1_767_225_600; // 2026-01-01T00:00:00Z

pub(crate) fn record(at: Timestamp, actor: &str, subject: &str, event: Event, outcome: Outcome) -> AuditRecord {
    AuditRecord {
        at,
        actor: actor.into(),
        subject: subject.into(),
        event,
        outcome,
        machine: "kiosk-1".into(),
        detail: format!("{} by {actor}", event.as_str()),
    }
}

pub(crate) fn new_account(login: &str, kind: AccountKind, location: &str, roles: Vec<Role>) -> NewAccount {
    NewAccount {
        login: LoginId::from_trusted(login.into()),
        name: FullName::from_trusted(login.split('@').next().unwrap_or(login).replace('_', " ")),
        kind,
        level: (kind == AccountKind::Student).then_some(Level::P1_3),
        location: Location::from_trusted(location.into()),
        work_email: None,
        generic: false,
        roles,
        password_hash: PasswordHashString::from_stored(format!("$argon2id$v=19$m=19456,t=2,p=1$hash-of-{login}")),
        temporary_until: None,
        terms_accepted_at: None,
        class: None,
    }
}

fn show<T: std::fmt::Debug>(r: Result<T, Error>) -> String {
    match r {
        Ok(v) => format!("{v:?}"),
        Err(e) => format!("error {}: {e}", e.code()),
    }
}

fn show_account(a: &Option<Account>) -> String {
    match a {
        None => "no account".into(),
        Some(a) => format!(
            "{a:?} hash={} previous={:?}",
            a.password_hash.as_str(),
            a.previous_hash.as_ref().map(PasswordHashString::as_str)
        ),
    }
}

fn show_authenticators(list: &[Authenticator]) -> String {
    list.iter()
        .map(|a| {
            format!(
                "{a:?} account={:?} secret={:?} params={:?} hotp={:?} last_step={:?} created={} by {} model={:?}",
                a.account, a.secret_sealed, a.params, a.hotp_counter, a.last_step, a.created_at, a.created_by, a.model
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn show_tokens(list: &[HardwareToken]) -> String {
    list.iter()
        .map(|t| {
            format!(
                "{} secret={:?} hotp={} params={:?} counter={} imported={} bound={:?} failed={}",
                t.serial, t.secret_sealed, t.hotp, t.params, t.counter, t.imported_at, t.bound_to, t.failed_codes
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn token(serial: &str, hotp: bool) -> HardwareToken {
    HardwareToken {
        serial: serial.into(),
        secret_sealed: vec![1, 2, 3, serial.len() as u8],
        hotp,
        params: OtpParams { algorithm: OtpAlgorithm::Sha256, digits: 8, period: 60 },
        counter: if hotp { 3 } else { 0 },
        imported_at: T0,
        bound_to: None,
        failed_codes: 0,
    }
}

/// Runs the scenario on a fresh, empty store and returns one line per call.
pub(crate) fn scenario(s: &dyn Store) -> Vec<String> {
    let mut out = Vec::new();
    let mut log = |label: &str, line: String| out.push(format!("{label}: {line}"));
    let rec = |at: Timestamp, event: Event| record(at, "admin:root", "chloe_ng@students.edu.sg", event, Outcome::Ok);

    // Meta.
    log("meta unset", show(s.meta("data_key")));
    log("meta init", show(s.meta_init("data_key", b"first")));
    log("meta init again keeps", show(s.meta_init("data_key", b"second")));
    let secret = s.install_secret().expect("install secret");
    log("install secret stable", show(s.install_secret().map(|again| again == secret)));

    // Accounts.
    let mut ben = new_account("Ben_Tan@schools.gov.sg", AccountKind::SchoolStaff, "SCHOOL-A", vec![Role::La]);
    ben.work_email = Some(EmailAddress::from_trusted("ben.tan@schools.gov.sg".into()));
    let mut eve = new_account("Eve_Ong@moe.gov.sg", AccountKind::HqStaff, "SCHOOL-B", vec![Role::Ao, Role::Sa]);
    eve.generic = true;
    eve.temporary_until = Some(T0 + 3600);
    eve.terms_accepted_at = Some(T0 - 10);
    let batch = vec![
        new_account("Chloe_Ng@students.edu.sg", AccountKind::Student, "SCHOOL-A", vec![]),
        ben,
        new_account("Dan_Lee@students.edu.sg", AccountKind::Student, "SCHOOL-B", vec![]),
        eve,
        new_account("100%_sure@students.edu.sg", AccountKind::Student, "SCHOOL-A", vec![]),
    ];
    let audit: Vec<AuditRecord> =
        batch.iter().map(|a| record(T0, "admin:root", a.login.as_str(), Event::AccountCreated, Outcome::Ok)).collect();
    let ids = s.create_accounts(&batch, &audit).expect("create accounts");
    log("created", format!("{ids:?}"));
    let (chloe, ben, dan) = (ids[0], ids[1], ids[2]);
    let chloe_login = LoginId::from_trusted("CHLOE_NG@Students.edu.sg".into());
    log("by login, other case", show_account(&s.account_by_login(&chloe_login).unwrap()));
    log("by id", show_account(&s.account(ids[3]).unwrap()));
    log("unknown id", show_account(&s.account(AccountId(9999)).unwrap()));
    let filters = [
        AccountFilter::default(),
        AccountFilter { text: Some("LEE".into()), ..Default::default() },
        AccountFilter { text: Some("n_l".into()), ..Default::default() },
        AccountFilter { text: Some("0%_".into()), ..Default::default() },
        AccountFilter { text: Some("ben tan".into()), ..Default::default() },
        AccountFilter { kind: Some(AccountKind::Student), limit: 2, ..Default::default() },
        AccountFilter {
            level: Some(Level::P1_3),
            location: Some(Location::from_trusted("SCHOOL-B".into())),
            ..Default::default()
        },
        AccountFilter { locked: Some(true), ..Default::default() },
    ];
    for f in &filters {
        let found = s.list_accounts(f).unwrap().iter().map(|a| a.login.to_string()).collect::<Vec<_>>();
        log(&format!("list {f:?}"), format!("{found:?}"));
    }
    log("count", show(s.count_accounts()));

    // Lockout counters.
    for i in 0..4 {
        let wrong = record(
            T0 + i,
            "chloe_ng@students.edu.sg",
            "chloe_ng@students.edu.sg",
            Event::SignInFailed,
            Outcome::Failed,
        );
        let lock = record(T0 + i, "chloe_ng@students.edu.sg", "chloe_ng@students.edu.sg", Event::Lockout, Outcome::Ok);
        log("password failure", show(s.record_password_failure(chloe, 3, T0 + i, wrong, lock)));
    }
    log(
        "locked list",
        format!("{:?}", s.list_accounts(&AccountFilter { locked: Some(true), ..Default::default() }).unwrap().len()),
    );
    log("sign-in while locked", show(s.record_sign_in(chloe, T0 + 5, rec(T0 + 5, Event::SignIn))));
    log("unlock", show(s.unlock(chloe, rec(T0 + 6, Event::Unlock))));
    log("sign-in", show(s.record_sign_in(chloe, T0 + 7, rec(T0 + 7, Event::SignIn))));
    log("sign-in unknown id", show(s.record_sign_in(AccountId(9999), T0, rec(T0, Event::SignIn))));
    let wrong = rec(T0, Event::SignInFailed);
    log("failure unknown id", show(s.record_password_failure(AccountId(9999), 3, T0, wrong.clone(), wrong)));
    log("after", show_account(&s.account(chloe).unwrap()));
    for i in 0..5 {
        log("unknown failure", show(s.record_unknown_failure("ghost", FailureKind::Password, 3, T0 + i, T0 - 100)));
    }
    log("unknown failure, answers", show(s.record_unknown_failure("ghost", FailureKind::Answer, 3, T0, T0 - 100)));
    log("unknown failures in window", show(s.unknown_failures("ghost", FailureKind::Password, T0)));
    log("unknown failures after window", show(s.unknown_failures("ghost", FailureKind::Password, T0 + 100)));
    log(
        "unknown failure after lock lifted",
        show(s.record_unknown_failure("ghost", FailureKind::Password, 3, T0 + 900, T0 + 800)),
    );
    log("unknown failures, other key", show(s.unknown_failures("nobody", FailureKind::Password, 0)));

    // Passwords, terms, email.
    let temp = PasswordChange {
        hash: PasswordHashString::from_stored("temp-hash".into()),
        temporary_until: Some(T0 + 86400),
        at: T0 + 10,
        was_at: None,
    };
    log("temporary password", show(s.set_password(dan, &temp, rec(T0 + 10, Event::PasswordReset))));
    let own = PasswordChange {
        hash: PasswordHashString::from_stored("own-hash".into()),
        temporary_until: None,
        at: T0 + 11,
        was_at: None,
    };
    log("own password", show(s.set_password(dan, &own, rec(T0 + 11, Event::PasswordChanged))));
    let next = PasswordChange {
        hash: PasswordHashString::from_stored("next-hash".into()),
        temporary_until: None,
        at: T0 + 12,
        was_at: None,
    };
    log("next password", show(s.set_password(dan, &next, rec(T0 + 12, Event::PasswordChanged))));
    log("password of unknown id", show(s.set_password(AccountId(9999), &next, rec(T0, Event::PasswordChanged))));
    log("after passwords", show_account(&s.account(dan).unwrap()));
    log("terms", show(s.accept_terms(dan, T0 + 13, rec(T0 + 13, Event::TermsAccepted))));
    log("terms again", show(s.accept_terms(dan, T0 + 14, rec(T0 + 14, Event::TermsAccepted))));
    let email = EmailAddress::from_trusted("dan@example.org".into());
    log("work email", show(s.set_work_email(dan, Some(&email), rec(T0 + 15, Event::AccountUpdated))));
    log("after email", show_account(&s.account(dan).unwrap()));
    log("work email cleared", show(s.set_work_email(ben, None, rec(T0 + 15, Event::AccountUpdated))));
    log("work email of unknown id", show(s.set_work_email(AccountId(9999), None, rec(T0, Event::AccountUpdated))));

    // Answers and self-service reset.
    let answers: Vec<StoredAnswer> = ["q3", "q1", "q7"]
        .iter()
        .map(|q| StoredAnswer {
            question_id: (*q).into(),
            hash: PasswordHashString::from_stored(format!("answer-{q}")),
        })
        .collect();
    log("census before", show(s.question_census()));
    log("set answers", show(s.set_answers(chloe, &answers, rec(T0 + 20, Event::QuestionsSet))));
    log("set answers again", show(s.set_answers(chloe, &answers[1..], rec(T0 + 20, Event::QuestionsSet))));
    log("set answers again", show(s.set_answers(chloe, &answers, rec(T0 + 20, Event::QuestionsSet))));
    log("set answers, dan", show(s.set_answers(dan, &answers[..2], rec(T0 + 20, Event::QuestionsSet))));
    let shown =
        s.answers(chloe).unwrap().iter().map(|a| format!("{}={}", a.question_id, a.hash.as_str())).collect::<Vec<_>>();
    log("answers", format!("{shown:?}"));
    // A try taken and given back leaves the count as it was; the third of three is refused.
    log("answer try", show(s.take_try(chloe, Tries::Answers, 2)));
    log("answer try given back", show(s.give_back_try(chloe, Tries::Answers)));
    for i in 0..3 {
        let taken = s.take_try(chloe, Tries::Answers, 2);
        let go_on = matches!(taken, Ok(true));
        log("answer try", show(taken));
        if go_on {
            let block = rec(T0 + 21 + i, Event::SsprBlocked);
            let wrong = rec(T0 + 21 + i, Event::SsprAnswers);
            log("answer failure", show(s.record_answer_failure(chloe, 2, wrong, block)));
        }
    }
    log("blocked", show_account(&s.account(chloe).unwrap()));
    log("clear answer failures, blocked", show(s.clear_answer_failures(chloe, rec(T0 + 25, Event::AccountUpdated))));
    log("answer try, blocked", show(s.take_try(chloe, Tries::Answers, 9)));
    log("clear answer failures, dan", show(s.clear_answer_failures(dan, rec(T0 + 25, Event::AccountUpdated))));
    log("census", show(s.question_census()));
    for from in [i64::MIN, chloe.0 - 1, chloe.0, chloe.0 + 1, dan.0, dan.0 + 1, i64::MAX] {
        log("question set from", show(s.question_set_from(from)));
    }
    log("clear answers", show(s.clear_answers(dan, rec(T0 + 26, Event::QuestionsCleared))));
    log("clear answers of unknown id", show(s.clear_answers(AccountId(9999), rec(T0, Event::QuestionsCleared))));
    log("census after", show(s.question_census()));
    log("decoy unset", show(s.sspr_decoy(b"mac-1")));
    log("decoy put", show(s.put_sspr_decoy(b"mac-1", &["q2".into(), "q4".into(), "q9".into()], T0)));
    log("decoy put again keeps", show(s.put_sspr_decoy(b"mac-1", &["q5".into(), "q6".into(), "q8".into()], T0 + 1)));
    log("decoy", show(s.sspr_decoy(b"mac-1")));
    for (i, machine) in ["kiosk-1", "kiosk-1", "kiosk-1", "kiosk-2"].iter().enumerate() {
        let search = AuditRecord {
            machine: (*machine).into(),
            ..record(T0 + 30 + i as i64, "-", "ghost", Event::SsprSearch, Outcome::Ok)
        };
        log("sspr search", show(s.record_sspr_search(T0, 2, search)));
    }

    // Hardware token stock.
    let stock = [token("T-200", false), token("T-100", true), token("t-050", false)];
    log("import", show(s.import_hardware_tokens(&stock, rec(T0 + 40, Event::TokensImported))));
    log(
        "import duplicate",
        show(s.import_hardware_tokens(
            &[token("T-300", false), token("T-100", false)],
            rec(T0 + 40, Event::TokensImported),
        )),
    );
    log("stock", show_tokens(&s.hardware_tokens().unwrap()));
    for _ in 0..3 {
        log("token try", show(s.spend_token_try("T-200", 2)));
    }
    log("token try, unknown serial", show(s.spend_token_try("nope", 2)));
    log("free token", show(s.free_hardware_token("T-200", rec(T0 + 41, Event::TokenFreed))));
    log("free unknown token", show(s.free_hardware_token("nope", rec(T0 + 41, Event::TokenFreed))));
    log("counter", show(s.set_hardware_counter("T-100", 9)));
    log("one token", show_tokens(&s.hardware_token("T-100").unwrap().into_iter().collect::<Vec<_>>()));
    log("no token", show(s.hardware_token("nope").map(|t| t.is_some())));

    // Authenticators and codes.
    let soft = NewAuthenticator {
        kind: AuthenticatorKind::SoftToken,
        comment: "phone".into(),
        secret_sealed: vec![9, 8, 7],
        params: OtpParams::default(),
        serial: None,
        hotp_counter: None,
        created_by: "chloe_ng@students.edu.sg".into(),
        model: None,
    };
    let hard = NewAuthenticator {
        kind: AuthenticatorKind::HardToken,
        comment: "key fob".into(),
        secret_sealed: vec![1, 2, 3, 5],
        params: stock[1].params,
        serial: Some("T-100".into()),
        hotp_counter: Some(9),
        created_by: "admin:root".into(),
        model: None,
    };
    let soft_id = s.add_authenticator(chloe, &soft, T0 + 50, rec(T0 + 50, Event::TokenEnrolled)).unwrap();
    let hard_id = s.add_authenticator(ben, &hard, T0 + 51, rec(T0 + 51, Event::TokenEnrolled)).unwrap();
    log("enrolled", format!("{soft_id} {hard_id}"));
    log("serial enrolled twice", show(s.add_authenticator(chloe, &hard, T0 + 52, rec(T0 + 52, Event::TokenEnrolled))));
    log("bound", show_tokens(&s.hardware_tokens().unwrap()));
    log("totp step", show(s.use_totp_step(soft_id, 100, T0 + 53, false, rec(T0 + 53, Event::TotpVerified))));
    log("totp step replay", show(s.use_totp_step(soft_id, 100, T0 + 54, false, rec(T0 + 54, Event::TotpVerified))));
    log("totp older step", show(s.use_totp_step(soft_id, 99, T0 + 54, false, rec(T0 + 54, Event::TotpVerified))));
    log("totp next step, test", show(s.use_totp_step(soft_id, 101, T0 + 55, true, rec(T0 + 55, Event::TokenTested))));
    log("hotp", show(s.use_hotp_counter(hard_id, 11, T0 + 56, true, rec(T0 + 56, Event::TokenTested))));
    log("hotp counter moved", show(s.use_hotp_counter(hard_id, 11, T0 + 57, false, rec(T0 + 57, Event::TotpVerified))));
    let key = NewAuthenticator {
        kind: AuthenticatorKind::SecurityKey,
        comment: "blue key".into(),
        secret_sealed: vec![4, 4, 4],
        params: OtpParams::default(),
        serial: None,
        hotp_counter: None,
        created_by: "chloe_ng@students.edu.sg".into(),
        model: Some("YubiKey 5 NFC".into()),
    };
    let key_id = s.add_authenticator(chloe, &key, T0 + 58, rec(T0 + 58, Event::TokenEnrolled)).unwrap();
    let used = |at: Timestamp| rec(at, Event::SecurityKeyUsed);
    log("key used", show(s.use_security_key(key_id, &[4, 4, 4], &[5, 5, 5], 7, T0 + 59, true, used(T0 + 59))));
    log(
        "key used from a stale seal",
        show(s.use_security_key(key_id, &[4, 4, 4], &[6, 6, 6], 8, T0 + 59, false, used(T0 + 59))),
    );
    log(
        "a code's authenticator is no key",
        show(s.use_security_key(soft_id, &[9, 8, 7], &[1], 1, T0 + 59, false, used(T0 + 59))),
    );
    log("authenticators", show_authenticators(&s.authenticators(chloe).unwrap()));
    log("authenticators, ben", show_authenticators(&s.authenticators(ben).unwrap()));
    for i in 0..4 {
        let taken = s.take_try(dan, Tries::Codes, 3);
        let go_on = matches!(taken, Ok(true));
        log("code try", show(taken));
        if go_on {
            let lock = rec(T0 + 60 + i, Event::Lockout);
            let wrong = rec(T0 + 60 + i, Event::TotpVerified);
            log("code failure", show(s.record_totp_failure(dan, 3, T0 + 60 + i, wrong, lock)));
        }
    }
    log("clear code failures", show(s.clear_totp_failures(dan)));
    log("after codes", show_account(&s.account(dan).unwrap()));
    log("email otp unset", show(s.email_otp(ben)));
    log("email otp", show(s.put_email_otp(ben, b"mac-a", T0 + 600, 2, rec(T0 + 70, Event::OtpSent))));
    log("email otp again", show(s.put_email_otp(ben, b"mac-b", T0 + 700, 2, rec(T0 + 71, Event::OtpSent))));
    log("email otp of unknown id", show(s.put_email_otp(AccountId(9999), b"x", T0, 2, rec(T0, Event::OtpSent))));
    log("email otp read", show(s.email_otp(ben)));
    for _ in 0..3 {
        log("email otp try", show(s.spend_email_otp_try(ben)));
    }
    log("email otp consumed", show(s.consume_email_otp(ben, rec(T0 + 72, Event::OtpVerified))));
    log("email otp gone", show(s.email_otp(ben)));
    log("email otp try, none", show(s.spend_email_otp_try(ben)));
    let codes: Vec<RecoveryCode> = (1..=3u8)
        .map(|n| RecoveryCode {
            number: u32::from(n),
            salt: vec![n; 16],
            hash: vec![n + 10; 32],
            created_at: T0 + 73,
            used_at: None,
        })
        .collect();
    let issued = rec(T0 + 73, Event::RecoveryCodesIssued);
    log("recovery codes unset", show(s.recovery_codes(chloe)));
    log("recovery codes", show(s.replace_recovery_codes(chloe, &codes, issued.clone())));
    log("recovery codes read back", show(s.recovery_codes(chloe).map(|read| read == codes)));
    let used = |at: Timestamp| rec(at, Event::RecoveryCodeUsed);
    let (h1, h2) = (&codes[0].hash, &codes[1].hash);
    log("recovery code of another set", show(s.use_recovery_code(chloe, 2, h1, T0 + 74, used(T0 + 74))));
    log("recovery code used", show(s.use_recovery_code(chloe, 2, h2, T0 + 74, used(T0 + 74))));
    log("recovery code used again", show(s.use_recovery_code(chloe, 2, h2, T0 + 75, used(T0 + 75))));
    log("recovery code not in the set", show(s.use_recovery_code(chloe, 7, h2, T0 + 75, used(T0 + 75))));
    log("recovery code of another account", show(s.use_recovery_code(ben, 1, h1, T0 + 75, used(T0 + 75))));
    log("recovery codes after use", show(s.recovery_codes(chloe)));
    log("recovery codes replaced", show(s.replace_recovery_codes(chloe, &codes[..1], issued)));
    log("recovery codes, new set", show(s.recovery_codes(chloe)));
    log(
        "delete other's authenticator",
        show(s.delete_authenticator(chloe, hard_id, rec(T0 + 80, Event::TokenDeleted))),
    );
    log("delete authenticator", show(s.delete_authenticator(ben, hard_id, rec(T0 + 80, Event::TokenDeleted))));
    log("freed", show_tokens(&s.hardware_tokens().unwrap()));
    log("delete all", show(s.delete_authenticators(chloe, rec(T0 + 81, Event::TokenDeleted))));
    log("recovery codes cancelled with them", show(s.recovery_codes(chloe)));
    log("delete all again", show(s.delete_authenticators(chloe, rec(T0 + 81, Event::TokenDeleted))));

    // Transfers.
    let (a, b) = (Location::from_trusted("SCHOOL-A".into()), Location::from_trusted("SCHOOL-B".into()));
    let ask = |account: AccountId, from: &Location, to: &Location, at: Timestamp| NewTransfer {
        account,
        from_location: from.clone(),
        to_location: to.clone(),
        requested_by: "ben_tan@schools.gov.sg".into(),
        requested_at: at,
    };
    let first = s.create_transfer(&ask(chloe, &a, &b, T0 + 90), rec(T0 + 90, Event::TransferRequested));
    log("transfer", format!("{:?}", first.as_ref().map(|t| t.0).map_err(|e| e.code())));
    log(
        "transfer pending",
        show(s.create_transfer(&ask(chloe, &a, &b, T0 + 91), rec(T0 + 91, Event::TransferRequested))),
    );
    log("transfer moved", show(s.create_transfer(&ask(dan, &a, &b, T0 + 91), rec(T0 + 91, Event::TransferRequested))));
    log(
        "transfer unknown",
        show(s.create_transfer(&ask(AccountId(9999), &a, &b, T0), rec(T0, Event::TransferRequested))),
    );
    let second = s.create_transfer(&ask(dan, &b, &a, T0 + 92), rec(T0 + 92, Event::TransferRequested)).unwrap();
    log("pending", show(s.pending_transfers(None)));
    log("pending to B", show(s.pending_transfers(Some(&b))));
    log("pending to C", show(s.pending_transfers(Some(&Location::from_trusted("SCHOOL-C".into())))));
    let first = first.unwrap();
    log(
        "approve",
        show(s.decide_transfer(
            first,
            TransferDecision::Approved,
            "eve_ong@moe.gov.sg",
            T0 + 93,
            rec(T0 + 93, Event::TransferDecided),
        )),
    );
    log(
        "approve again",
        show(s.decide_transfer(
            first,
            TransferDecision::Rejected,
            "eve_ong@moe.gov.sg",
            T0 + 94,
            rec(T0 + 94, Event::TransferDecided),
        )),
    );
    log(
        "reject",
        show(s.decide_transfer(
            second,
            TransferDecision::Rejected,
            "eve_ong@moe.gov.sg",
            T0 + 95,
            rec(T0 + 95, Event::TransferDecided),
        )),
    );
    log(
        "decide unknown",
        show(s.decide_transfer(TransferId(9999), TransferDecision::Rejected, "x", T0, rec(T0, Event::TransferDecided))),
    );
    log("transfer read", show(s.transfer(first)));
    log("transfer unknown read", show(s.transfer(TransferId(9999))));
    log("moved", show_account(&s.account(chloe).unwrap()));
    // The audit log.
    log(
        "append",
        show(s.append_audit(&record(
            T0 + 99,
            "someone",
            "Dan_Lee@Students.edu.sg",
            Event::AccountViewed,
            Outcome::Refused,
        ))),
    );
    let queries = [
        AuditQuery::default(),
        AuditQuery { limit: 5, offset: 3, ..Default::default() },
        AuditQuery { since: Some(T0 + 20), until: Some(T0 + 30), ..Default::default() },
        AuditQuery { subject: Some("DAN_LEE@students.EDU.sg".into()), ..Default::default() },
        AuditQuery {
            actor: Some("chloe_ng@students.edu.sg".into()),
            outcome: Some("refused".into()),
            ..Default::default()
        },
        AuditQuery { event: Some("sspr_search".into()), ..Default::default() },
    ];
    let visibility = [
        AuditVisibility { actor: "someone".into(), location: a.clone(), kinds: vec![] },
        // An actor with an account: their own actions since it was made.
        AuditVisibility { actor: "chloe_ng@students.edu.sg".into(), location: b.clone(), kinds: vec![] },
        AuditVisibility { actor: "someone".into(), location: a.clone(), kinds: vec![AccountKind::Student] },
        AuditVisibility {
            actor: "nobody".into(),
            location: b.clone(),
            kinds: vec![AccountKind::Student, AccountKind::HqStaff],
        },
    ];
    for q in &queries {
        log(&format!("audit {q:?}"), show(s.audit(q)));
        for v in &visibility {
            log(&format!("audit {q:?} visible to {v:?}"), show(s.audit_visible(q, v)));
        }
    }

    // A login ID taken, in another case: the whole batch is refused.
    let again = [
        new_account("Fay_Goh@students.edu.sg", AccountKind::Student, "SCHOOL-A", vec![]),
        new_account("ben_tan@SCHOOLS.gov.sg", AccountKind::SchoolStaff, "SCHOOL-A", vec![]),
    ];
    log("login taken", show(s.create_accounts(&again, &[rec(T0 + 100, Event::AccountCreated)])));
    let twice = [
        new_account("Gus_Lim@students.edu.sg", AccountKind::Student, "SCHOOL-A", vec![]),
        new_account("GUS_LIM@students.edu.sg", AccountKind::Student, "SCHOOL-A", vec![]),
    ];
    log("login twice in a batch", show(s.create_accounts(&twice, &[rec(T0 + 100, Event::AccountCreated)])));
    log("count after", show(s.count_accounts()));
    log("audit size after", show(s.audit(&AuditQuery::default()).map(|l| l.len())));

    // Sessions: created at version 1, expired at their expiry, saved only from the version read.
    let (one, two) = (TokenHash([1; 32]), TokenHash([2; 32]));
    log("session missing", show(s.session(&one, T0)));
    log("session create", show(s.create_session(&one, SessionKind::Person, None, b"sealed-1", T0, T0 + 900)));
    log("session create kiosk", show(s.create_session(&two, SessionKind::Kiosk, None, b"k", T0, T0 + 90)));
    log("session create again", show(s.create_session(&one, SessionKind::Person, None, b"x", T0, T0 + 900)));
    log("session read", show(s.session(&one, T0 + 10)));
    log("session save", show(s.save_session(&one, 1, b"sealed-2", T0 + 20, T0 + 920)));
    log("session save stale version", show(s.save_session(&one, 1, b"lost", T0 + 21, T0 + 921)));
    log("session after saves", show(s.session(&one, T0 + 30)));
    log("kiosk session at its expiry", show(s.session(&two, T0 + 90)));
    log("session purge", show(s.purge_expired_sessions(T0 + 100)));
    log("kiosk session saved after purge", show(s.save_session(&two, 1, b"gone", T0 + 101, T0 + 191)));
    log("session delete", show(s.delete_session(&one)));
    log("session delete again", show(s.delete_session(&one)));
    log("session after delete", show(s.session(&one, T0 + 30)));

    // Devices: an enrolment code good for two machines until T0 + 3600; a name taken spends
    // nothing; a revoked device is still found (so it can be told it was revoked).
    let code = NewEnrolmentCode {
        code_hash: [7; 32],
        uses: 2,
        expires_at: T0 + 3600,
        created_by: "admin:root".into(),
        kiosk: true,
    };
    let dev = |at| record(at, "device", "lab1-kiosk01", Event::DeviceRegistered, Outcome::Ok);
    log("code add", show(s.add_enrolment_code(&code, T0, &dev(T0))));
    // Without the id: PostgreSQL spends a sequence number on an insert refused for its name.
    type Shown = Option<(String, bool, Timestamp, String, Option<Timestamp>)>;
    let shown = |d: Result<Option<Device>, Error>| -> Result<Shown, Error> {
        d.map(|d| d.map(|d| (d.name, d.kiosk, d.created_at, d.enrolled_by, d.revoked_at)))
    };
    let enrol = |name: &'static str, code_hash: &'static SecretHash, credential: &'static SecretHash, at| {
        shown(s.enrol_device(&NewDevice { code_hash, name, kiosk: true, credential_hash: credential }, at, &dev(at)))
    };
    let laptop = NewDevice { code_hash: &[7; 32], name: "staff-laptop-1", kiosk: false, credential_hash: &[9; 32] };
    log("enrol a laptop with a kiosks' code", show(shown(s.enrol_device(&laptop, T0 + 1, &dev(T0 + 1)))));
    log("enrol one", show(enrol("lab1-kiosk01", &[7; 32], &[1; 32], T0 + 1)));
    log("enrol name taken", show(enrol("LAB1-KIOSK01", &[7; 32], &[2; 32], T0 + 2)));
    log("enrol wrong code", show(enrol("lab1-kiosk02", &[8; 32], &[2; 32], T0 + 3)));
    log("enrol expired", show(enrol("lab1-kiosk02", &[7; 32], &[2; 32], T0 + 3600)));
    log("enrol two", show(enrol("lab1-kiosk02", &[7; 32], &[2; 32], T0 + 4)));
    log("enrol used up", show(enrol("lab1-kiosk03", &[7; 32], &[3; 32], T0 + 5)));
    log("device by credential", show(shown(s.device_by_credential(&[2; 32]))));
    log("device unknown credential", show(shown(s.device_by_credential(&[3; 32]))));
    log("device revoke", show(shown(s.revoke_device("Lab1-Kiosk02", T0 + 6, &dev(T0 + 6)))));
    log("device revoke again", show(shown(s.revoke_device("lab1-kiosk02", T0 + 7, &dev(T0 + 7)))));
    log("device revoke unknown", show(shown(s.revoke_device("lab9", T0 + 7, &dev(T0 + 7)))));
    log("devices", show(s.list_devices().map(|l| l.into_iter().map(|d| d.name).collect::<Vec<_>>())));
    let kiosk = s.device_by_credential(&[1; 32]).ok().flatten().map(|d| d.id);
    log("session of a device", show(s.create_session(&one, SessionKind::Kiosk, kiosk, b"d", T0 + 8, T0 + 98)));
    log("session of a device read", show(s.session(&one, T0 + 9).map(|s| s.map(|s| s.device))));
    let revoked = s.revoke_device("lab1-kiosk01", T0 + 10, &dev(T0 + 10)).map(|d| d.is_some());
    log("device revoke with a session", show(revoked));
    log("session of a revoked device", show(s.session(&one, T0 + 11).map(|s| s.is_some())));

    // The school year: a class on creation, edits and a promotion in one transaction (all or
    // none), the class filter in any case, disable and enable, delete (the audit stays).
    let mut hana = new_account("Hana_Yeo@students.edu.sg", AccountKind::Student, "SCHOOL-A", vec![]);
    hana.class = Some(ClassLabel::from_trusted("3A".into()));
    let hana_rec = record(T0 + 200, "admin:root", "hana_yeo@students.edu.sg", Event::AccountCreated, Outcome::Ok);
    let hana = s.create_accounts(&[hana], &[hana_rec]).expect("create Hana")[0];
    let by_class = |class: &str| {
        let f = AccountFilter { class: Some(ClassLabel::from_trusted(class.into())), ..Default::default() };
        show(s.list_accounts(&f).map(|l| l.into_iter().map(|a| a.login.to_string()).collect::<Vec<_>>()))
    };
    log("list class 3a", by_class("3a"));
    let promoted = |id, class: &str| ProfileChange {
        id,
        name: FullName::from_trusted("Hana Yeo".into()),
        level: Some(Level::P4_6),
        location: Location::from_trusted("SCHOOL-A".into()),
        class: Some(ClassLabel::from_trusted(class.into())),
        was_at: Location::from_trusted("SCHOOL-A".into()),
    };
    let year = |at| record(at, "admin:root", "hana_yeo@students.edu.sg", Event::AccountUpdated, Outcome::Ok);
    let missing = [promoted(hana, "4A"), promoted(AccountId(9999), "4A")];
    log("promote with an unknown id", show(s.update_profiles(&missing, &[year(T0 + 201)])));
    log("after the refused promotion", by_class("3A"));
    log("promote", show(s.update_profiles(&[promoted(hana, "4A")], &[year(T0 + 202), year(T0 + 202)])));
    // Without the id: PostgreSQL spent sequence numbers on the refused inserts above.
    let profile = |a: Account| (a.login, a.name, a.level, a.location, a.class, a.disabled);
    log("promoted", show(s.account(hana).map(|a| a.map(profile))));
    log("list class 4A", by_class("4A"));
    // Judged while at SCHOOL-B (a transfer approved since has moved it): not written back.
    let judged_elsewhere = ProfileChange { was_at: Location::from_trusted("SCHOOL-B".into()), ..promoted(hana, "5A") };
    log("promote an account moved meanwhile", show(s.update_profiles(&[judged_elsewhere], &[year(T0 + 202)])));
    log("list class 5A", by_class("5A"));
    let reset = |was_at: &str| PasswordChange {
        hash: PasswordHashString::from_stored("reset-hash".into()),
        temporary_until: Some(T0 + 86400),
        at: T0 + 202,
        was_at: Some(Location::from_trusted(was_at.into())),
    };
    let reset_rec = || record(T0 + 202, "admin:root", "hana_yeo@students.edu.sg", Event::PasswordReset, Outcome::Ok);
    log("reset an account moved meanwhile", show(s.set_passwords(&[(hana, reset("SCHOOL-B"))], &[reset_rec()])));
    log("reset where it is", show(s.set_passwords(&[(hana, reset("SCHOOL-A"))], &[reset_rec()])));
    log("disable", show(s.set_disabled(hana, true, year(T0 + 203))));
    log("disabled", show(s.account(hana).map(|a| a.map(|a| a.disabled))));
    log("enable", show(s.set_disabled(hana, false, year(T0 + 204))));
    log("enabled", show(s.account(hana).map(|a| a.map(|a| a.disabled))));
    log("disable unknown id", show(s.set_disabled(AccountId(9999), true, year(T0 + 204))));
    let answers =
        [StoredAnswer { question_id: "pet".into(), hash: PasswordHashString::from_stored("answer-hash".into()) }];
    log("answers before delete", show(s.set_answers(hana, &answers, year(T0 + 205))));
    let gone = record(T0 + 206, "admin:root", "hana_yeo@students.edu.sg", Event::AccountDeleted, Outcome::Ok);
    log("delete", show(s.delete_account(hana, gone.clone())));
    log("deleted", show_account(&s.account(hana).unwrap()));
    log("answers after delete", show(s.answers(hana).map(|a| a.len())));
    log("delete again", format!("{:?}", s.delete_account(hana, gone).map_err(|e| e.code())));
    let history = AuditQuery { subject: Some("hana_yeo@students.edu.sg".into()), ..Default::default() };
    log("history after delete", show(s.audit(&history).map(|l| l.iter().map(|e| e.event.clone()).collect::<Vec<_>>())));
    // The newest account's id, deleted, is never given again (an app's `sub`).
    log("highest id given kept", show(s.highest_account_id().map(|h| h >= hana.0)));
    let again = new_account("Hana_Yeo@students.edu.sg", AccountKind::Student, "SCHOOL-A", vec![]);
    let made = s.create_accounts(
        &[again],
        &[record(T0 + 207, "admin:root", "hana_yeo@students.edu.sg", Event::AccountCreated, Outcome::Ok)],
    );
    log("made again after the newest", show(made.map(|ids| ids[0].0 > hana.0)));

    // An HOTP token back in the stock keeps the counter its holder reached, however it goes back.
    let holders = [
        new_account("Ivy_Koh@schools.gov.sg", AccountKind::SchoolStaff, "SCHOOL-A", vec![]),
        new_account("Jon_Lim@schools.gov.sg", AccountKind::SchoolStaff, "SCHOOL-A", vec![]),
    ];
    let made = record(T0 + 300, "admin:root", "ivy_koh@schools.gov.sg", Event::AccountCreated, Outcome::Ok);
    let ids = s.create_accounts(&holders, &[made.clone(), made]).expect("create token holders");
    let (ivy, jon) = (ids[0], ids[1]);
    let fobs = [token("H-1", true), token("H-2", true), token("H-3", true), token("H-4", true)];
    log("import hotp fobs", show(s.import_hardware_tokens(&fobs, rec(T0 + 300, Event::TokensImported))));
    let fob = |serial: &str, next: u64| NewAuthenticator {
        serial: Some(serial.into()),
        hotp_counter: Some(next),
        secret_sealed: vec![7, serial.len() as u8],
        ..hard.clone()
    };
    let stock = |serial: &str| show(s.hardware_token(serial).map(|t| t.map(|t| (t.counter, t.bound_to.is_some()))));
    // Enrolled at the stock's counter (3), then the code checked at enrolment and the sign-ins.
    let h1 = s.add_authenticator(ivy, &fob("H-1", 3), T0 + 301, rec(T0 + 301, Event::TokenEnrolled)).unwrap();
    log("hotp enrolment code", show(s.use_hotp_counter(h1, 4, T0 + 301, true, rec(T0 + 301, Event::TokenTested))));
    log("hotp stock after enrolment", stock("H-1"));
    log("hotp sign-ins", show(s.use_hotp_counter(h1, 155, T0 + 302, false, rec(T0 + 302, Event::TotpVerified))));
    log("hotp stock after sign-ins", stock("H-1"));
    log("hotp unbind", show(s.delete_authenticator(ivy, h1, rec(T0 + 303, Event::TokenDeleted))));
    log("hotp stock after unbind", stock("H-1"));
    // Authenticators ahead of their stock (bound before the stock followed them): each way of
    // freeing a token writes the counter back, and none moves it back.
    let h2 = s.add_authenticator(ivy, &fob("H-2", 60), T0 + 304, rec(T0 + 304, Event::TokenEnrolled)).unwrap();
    log("hotp delete one", show(s.delete_authenticator(ivy, h2, rec(T0 + 305, Event::TokenDeleted))));
    log("hotp stock after deleting one", stock("H-2"));
    s.add_authenticator(ivy, &fob("H-3", 70), T0 + 306, rec(T0 + 306, Event::TokenEnrolled)).unwrap();
    s.add_authenticator(ivy, &fob("H-1", 100), T0 + 306, rec(T0 + 306, Event::TokenEnrolled)).unwrap();
    log("hotp delete all", show(s.delete_authenticators(ivy, rec(T0 + 307, Event::TokenDeleted))));
    log("hotp stock after deleting all", format!("{} {}", stock("H-3"), stock("H-1")));
    s.add_authenticator(jon, &fob("H-4", 80), T0 + 308, rec(T0 + 308, Event::TokenEnrolled)).unwrap();
    let gone = record(T0 + 309, "admin:root", "jon_lim@schools.gov.sg", Event::AccountDeleted, Outcome::Ok);
    log("hotp holder deleted", show(s.delete_account(jon, gone)));
    log("hotp stock after deleting its holder", stock("H-4"));
    log("hotp stock counter set back", show(s.set_hardware_counter("H-4", 5)));
    log("hotp stock after setting it back", stock("H-4"));
    check_hotp_stock(&out);
    out
}

/// What the scenario's HOTP fobs must answer once back in the stock, on every backend.
const HOTP_STOCK: &[&str] = &[
    "hotp stock after enrolment: Some((4, true))",
    "hotp stock after sign-ins: Some((155, true))",
    "hotp stock after unbind: Some((155, false))",
    "hotp stock after deleting one: Some((60, false))",
    "hotp delete all: 2",
    "hotp stock after deleting all: Some((70, false)) Some((155, false))",
    "hotp holder deleted: ()",
    "hotp stock after deleting its holder: Some((80, false))",
    "hotp stock after setting it back: Some((80, false))",
];

/// Panics unless the scenario's HOTP fobs kept the counters their holders reached.
fn check_hotp_stock(out: &[String]) {
    let missing: Vec<_> = HOTP_STOCK.iter().filter(|want| !out.iter().any(|l| l == *want)).collect();
    let seen: Vec<_> = out.iter().filter(|l| l.starts_with("hotp ")).collect();
    assert!(missing.is_empty(), "an HOTP token back in the stock lost its counter: {missing:?} in {seen:#?}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_hotp_token_back_in_the_stock_keeps_the_counter_its_holder_reached_on_sqlite() {
        // The scenario checks it on every backend (`check_hotp_stock`); PostgreSQL's run too.
        let out = scenario(&SqliteStore::open(std::path::Path::new(":memory:")).unwrap());
        for want in HOTP_STOCK {
            assert!(out.iter().any(|l| l == want), "{want}: {out:#?}");
        }
    }

    #[test]
    fn the_scenario_runs_on_sqlite_and_answers_the_same_twice() {
        let one = scenario(&SqliteStore::open(std::path::Path::new(":memory:")).unwrap());
        let two = scenario(&SqliteStore::open(std::path::Path::new(":memory:")).unwrap());
        assert_eq!(one, two);
        assert!(one.iter().any(|l| l.starts_with("login taken: error conflict")), "{one:#?}");
        for expected in ["highest id given kept: true", "made again after the newest: true", "list class 5A: []"] {
            assert!(one.iter().any(|l| l == expected), "{expected}: {one:#?}");
        }
        for refused in
            ["promote an account moved meanwhile: error refused", "reset an account moved meanwhile: error refused"]
        {
            assert!(one.iter().any(|l| l.starts_with(refused)), "{refused}: {one:#?}");
        }
        assert!(one.iter().any(|l| l == "reset where it is: ()"), "{one:#?}");
        for expected in [
            "session missing: None",
            "session save: 2",
            "session save stale version: error session_changed",
            "kiosk session at its expiry: None",
            "session purge: 1",
            "kiosk session saved after purge: error session_changed",
            "session delete: true",
            "session delete again: false",
        ] {
            assert!(one.iter().any(|l| l.starts_with(expected)), "{expected}: {one:#?}");
        }
        for expected in [
            "enrol one: Some((\"lab1-kiosk01\", true, 1767225601, \"admin:root\", None))",
            "enrol name taken: error conflict",
            "enrol wrong code: None",
            "enrol expired: None",
            "enrol two: Some((\"lab1-kiosk02\", true, 1767225604, \"admin:root\", None))",
            "enrol used up: None",
            "device unknown credential: None",
            "device revoke: Some((\"lab1-kiosk02\", true, 1767225604, \"admin:root\", Some(1767225606)))",
            "device revoke again: Some((\"lab1-kiosk02\", true, 1767225604, \"admin:root\", Some(1767225606)))",
            "devices: [\"lab1-kiosk01\", \"lab1-kiosk02\"]",
            "device revoke unknown: None",
            "session of a device read: Some(Some(DeviceId(1)))",
            "device revoke with a session: true",
            "session of a revoked device: false",
            "device by credential: Some((\"lab1-kiosk02\"",
        ] {
            assert!(one.iter().any(|l| l.starts_with(expected)), "{expected}: {one:#?}");
        }
        for expected in [
            "list class 3a: [\"Hana_Yeo@students.edu.sg\"]",
            "promote with an unknown id: error not_found",
            "after the refused promotion: [\"Hana_Yeo@students.edu.sg\"]",
            "promote: ()",
            "list class 4A: [\"Hana_Yeo@students.edu.sg\"]",
            "disabled: Some(true)",
            "enabled: Some(false)",
            "disable unknown id: error not_found",
            "deleted: no account",
            "answers after delete: 0",
            "delete again: Err(\"not_found\")",
            "history after delete: [\"account_deleted\", \"account_updated\", \"account_updated\", \"account_updated\", \"password_reset\", \"account_updated\", \"account_updated\", \"account_created\"]",
        ] {
            assert!(one.iter().any(|l| l.starts_with(expected)), "{expected}: {one:#?}");
        }
        let promoted = one.iter().find(|l| l.starts_with("promoted:")).unwrap();
        assert!(promoted.contains("Some(P4_6)") && promoted.contains("Some(ClassLabel(\"4A\"))"), "{promoted}");
        let after = one.iter().find(|l| l.starts_with("session after saves")).unwrap();
        assert!(after.contains("version: 2") && after.contains("last_used_at: 1767225620"), "{after}");
    }
}
