//! The SQLite schema: versioned migrations, applied in order on open.

/// Schema migrations, applied in order; `PRAGMA user_version` records how many ran.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: accounts, answers, unknown-login failures, append-only audit, meta.
    r#"
    CREATE TABLE accounts (
        id                  INTEGER PRIMARY KEY,
        login               TEXT NOT NULL,
        login_key           TEXT NOT NULL UNIQUE,
        name                TEXT NOT NULL,
        kind                TEXT NOT NULL CHECK (kind IN ('student', 'school_staff', 'hq_staff')),
        level               TEXT CHECK (level IN ('p1_3', 'p4_6', 'secondary', 'jc_mi')),
        location            TEXT NOT NULL,
        work_email          TEXT,
        generic             INTEGER NOT NULL DEFAULT 0,
        roles               TEXT NOT NULL DEFAULT '',
        password_hash       TEXT NOT NULL,
        previous_hash       TEXT,
        temporary_until     INTEGER,
        failed_passwords    INTEGER NOT NULL DEFAULT 0,
        locked_at           INTEGER,
        failed_answers      INTEGER NOT NULL DEFAULT 0,
        sspr_blocked        INTEGER NOT NULL DEFAULT 0,
        terms_accepted_at   INTEGER,
        last_sign_in        INTEGER,
        password_changed_at INTEGER NOT NULL,
        created_at          INTEGER NOT NULL
    );
    CREATE INDEX accounts_by_location ON accounts (location, kind, level);

    CREATE TABLE answers (
        account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        question_id TEXT NOT NULL,
        hash        TEXT NOT NULL,
        PRIMARY KEY (account_id, position)
    );

    CREATE TABLE login_failures (
        key        TEXT NOT NULL,
        kind       TEXT NOT NULL,
        failures   INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (key, kind)
    );
    CREATE INDEX login_failures_by_age ON login_failures (updated_at);

    CREATE TABLE audit (
        id      INTEGER PRIMARY KEY,
        at      INTEGER NOT NULL,
        actor   TEXT NOT NULL,
        subject TEXT NOT NULL,
        event   TEXT NOT NULL,
        outcome TEXT NOT NULL,
        machine TEXT NOT NULL,
        detail  TEXT NOT NULL
    );
    CREATE INDEX audit_by_time ON audit (at);
    CREATE INDEX audit_by_subject ON audit (subject, at);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

    CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    "#,
    // 2: two-factor authentication: authenticators (secrets sealed by the vault), hardware token
    // stock, email OTPs (keyed MACs only), TOTP failure counter.
    r#"
    ALTER TABLE accounts ADD COLUMN failed_totp INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE accounts ADD COLUMN otp_sequence INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE authenticators (
        id            INTEGER PRIMARY KEY,
        account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('soft_token', 'hard_token')),
        comment       TEXT NOT NULL,
        secret_sealed BLOB NOT NULL,
        algorithm     TEXT NOT NULL,
        digits        INTEGER NOT NULL,
        period        INTEGER NOT NULL,
        serial        TEXT,
        hotp_counter  INTEGER,
        last_step     INTEGER,
        tested_at     INTEGER,
        created_at    INTEGER NOT NULL,
        created_by    TEXT NOT NULL
    );
    CREATE INDEX authenticators_by_account ON authenticators (account_id);

    CREATE TABLE hardware_tokens (
        serial        TEXT PRIMARY KEY,
        secret_sealed BLOB NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('totp', 'hotp')),
        algorithm     TEXT NOT NULL,
        digits        INTEGER NOT NULL,
        period        INTEGER NOT NULL,
        counter       INTEGER NOT NULL DEFAULT 0,
        imported_at   INTEGER NOT NULL
    );

    CREATE TABLE email_otps (
        account_id INTEGER PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        sequence   INTEGER NOT NULL,
        code_mac   BLOB NOT NULL,
        expires_at INTEGER NOT NULL,
        tries_left INTEGER NOT NULL
    );
    "#,
    // 3: location transfers: an LA requests, the AO of the target location decides (once).
    r#"
    CREATE TABLE transfers (
        id            INTEGER PRIMARY KEY,
        account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        from_location TEXT NOT NULL,
        to_location   TEXT NOT NULL,
        requested_by  TEXT NOT NULL,
        requested_at  INTEGER NOT NULL,
        decided_by    TEXT,
        decided_at    INTEGER,
        decision      TEXT CHECK (decision IN ('approved', 'rejected')),
        CHECK (from_location <> to_location),
        CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL))
    );
    CREATE UNIQUE INDEX transfers_one_pending ON transfers (account_id) WHERE decision IS NULL;
    CREATE INDEX transfers_pending_by_target ON transfers (to_location) WHERE decision IS NULL;
    CREATE TRIGGER transfers_decided_once BEFORE UPDATE ON transfers WHEN OLD.decision IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a decided transfer request is final'); END;
    "#,
    // v4: wrong codes typed while enrolling a free hardware token (a serial locks after a few);
    // the questions shown for login IDs without an account, fixed at their first search.
    r#"
    ALTER TABLE hardware_tokens ADD COLUMN failed_codes INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE sspr_decoys (
        key_mac    BLOB PRIMARY KEY,
        questions  TEXT NOT NULL,
        created_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX audit_by_event ON audit (event, at);
    "#,
    // v5: wizard sessions a server holds between requests: SHA-256 of the token (never the
    // token), the sealed state, and a version each save must name (no lost update).
    r#"
    CREATE TABLE sessions (
        token_hash   BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
        kind         TEXT NOT NULL CHECK (kind IN ('person', 'kiosk')),
        sealed       BLOB NOT NULL,
        version      INTEGER NOT NULL,
        created_at   INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    "#,
    // v6: registered machines (issue 14 §2): enrolment codes and device credentials, each kept
    // as SHA-256 only; a session remembers the device that opened it, and may be a console's.
    r#"
    CREATE TABLE enrolment_codes (
        code_hash  BLOB PRIMARY KEY CHECK (length(code_hash) = 32),
        uses_left  INTEGER NOT NULL CHECK (uses_left >= 0),
        expires_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        created_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE devices (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL,
        kiosk           INTEGER NOT NULL CHECK (kiosk IN (0, 1)),
        credential_hash BLOB NOT NULL UNIQUE CHECK (length(credential_hash) = 32),
        created_at      INTEGER NOT NULL,
        enrolled_by     TEXT NOT NULL,
        revoked_at      INTEGER
    );
    CREATE UNIQUE INDEX devices_by_name ON devices (lower(name));
    -- A session may be a console's (an administrator signed in on a registered machine) and
    -- remembers its machine: SQLite changes a CHECK only by copying the table.
    CREATE TABLE sessions_v6 (
        token_hash   BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
        kind         TEXT NOT NULL CHECK (kind IN ('person', 'kiosk', 'console')),
        sealed       BLOB NOT NULL,
        version      INTEGER NOT NULL,
        created_at   INTEGER NOT NULL,
        last_used_at INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        device_id    INTEGER REFERENCES devices (id)
    ) WITHOUT ROWID;
    INSERT INTO sessions_v6 (token_hash, kind, sealed, version, created_at, last_used_at, expires_at)
        SELECT token_hash, kind, sealed, version, created_at, last_used_at, expires_at FROM sessions;
    DROP TABLE sessions;
    ALTER TABLE sessions_v6 RENAME TO sessions;
    CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    "#,
    // v7: the school year (issue 15): a student's class, and accounts an administrator disabled
    // (the guides' "inactive account").
    r#"
    ALTER TABLE accounts ADD COLUMN class TEXT;
    ALTER TABLE accounts ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
    CREATE INDEX accounts_by_class ON accounts (location, lower(class));
    "#,
    // v8: the language a person chose (issue 16): `en`, `zh-Hans`, `ms` or `ta`.
    r#"
    ALTER TABLE accounts ADD COLUMN language TEXT;
    "#,
    // v9: recovery codes (issue 17 §2): a salted SHA-256 of each code, never the code; a used
    // code keeps its row (with when) so the count left and the audit agree.
    r#"
    CREATE TABLE recovery_codes (
        account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        number     INTEGER NOT NULL CHECK (number BETWEEN 1 AND 100),
        salt       BLOB NOT NULL,
        hash       BLOB NOT NULL,
        created_at INTEGER NOT NULL,
        used_at    INTEGER,
        PRIMARY KEY (account_id, number)
    );
    "#,
    // v10: FIDO2 security keys (issue 17 §1) are authenticators of a third kind, with the model
    // the enrolling machine named. SQLite cannot change a CHECK constraint: the table is copied.
    r#"
    CREATE TABLE authenticators_v10 (
        id            INTEGER PRIMARY KEY,
        account_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('soft_token', 'hard_token', 'security_key')),
        comment       TEXT NOT NULL,
        secret_sealed BLOB NOT NULL,
        algorithm     TEXT NOT NULL,
        digits        INTEGER NOT NULL,
        period        INTEGER NOT NULL,
        serial        TEXT,
        hotp_counter  INTEGER,
        last_step     INTEGER,
        tested_at     INTEGER,
        created_at    INTEGER NOT NULL,
        created_by    TEXT NOT NULL,
        model         TEXT
    );
    INSERT INTO authenticators_v10 (id, account_id, kind, comment, secret_sealed, algorithm, digits, period,
        serial, hotp_counter, last_step, tested_at, created_at, created_by)
        SELECT id, account_id, kind, comment, secret_sealed, algorithm, digits, period, serial, hotp_counter,
            last_step, tested_at, created_at, created_by FROM authenticators;
    DROP TABLE authenticators;
    ALTER TABLE authenticators_v10 RENAME TO authenticators;
    CREATE INDEX authenticators_by_account ON authenticators (account_id);
    "#,
    // v11: an enrolment code is for kiosks or for other machines, chosen by whoever issues it —
    // not by the machine that registers with it. Codes issued before register other machines.
    r#"
    ALTER TABLE enrolment_codes ADD COLUMN kiosk INTEGER NOT NULL DEFAULT 0 CHECK (kiosk IN (0, 1));
    "#,
    // v12: an account's id is never given again. SQLite gives a new row the highest id there
    // plus one, so deleting the newest account handed its id — an app's `sub`, what a session
    // or a sealed code names — to the next one made. The highest id ever given is kept here
    // (moved by every insert, whoever sets the id) and new accounts are numbered after it.
    // (A table of `INTEGER PRIMARY KEY AUTOINCREMENT` would need `accounts` copied, with the
    // tables that refer to it.)
    r#"
    CREATE TABLE account_ids (
        only    INTEGER PRIMARY KEY CHECK (only = 1),
        highest INTEGER NOT NULL
    );
    INSERT INTO account_ids (only, highest) SELECT 1, coalesce(max(id), 0) FROM accounts;
    CREATE TRIGGER account_ids_move_on AFTER INSERT ON accounts BEGIN
        UPDATE account_ids SET highest = max(highest, NEW.id);
    END;
    "#,
    // v13: the second-factor codes and answer sets being checked right now, each of which took
    // its try before its check (`AccountStore::take_try`): with the failures counted, never more
    // than the threshold. Kept apart from the failures, so that a check still under way is
    // neither a wrong answer (for the lock) nor wiped by a right one.
    r#"
    ALTER TABLE accounts ADD COLUMN pending_totp INTEGER NOT NULL DEFAULT 0 CHECK (pending_totp >= 0);
    ALTER TABLE accounts ADD COLUMN pending_answers INTEGER NOT NULL DEFAULT 0 CHECK (pending_answers >= 0);
    CREATE INDEX accounts_with_checks_under_way ON accounts (id) WHERE pending_totp > 0 OR pending_answers > 0;
    "#,
];
