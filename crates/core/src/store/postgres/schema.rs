//! The PostgreSQL schema: versioned migrations, applied in order at connect under an advisory
//! lock. The tables are SQLite's (`sqlite/schema.rs`: its first four versions folded into one,
//! then one migration per later version): the same columns with BIGINT times and counters,
//! BOOLEAN flags and BYTEA blobs.

use super::*;

/// The key of the transaction-level advisory lock that serialises migrations ("gatehous").
const MIGRATION_LOCK: i64 = 0x6761_7465_686f_7573;

/// Schema migrations, applied in order; `gatehouse_schema.version` records how many ran.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: everything SQLite has at its version 4.
    r#"
    -- SQLite's lower(): ASCII letters only, whatever the database's locale, so a search or an
    -- audit filter matches here exactly what it matches in the embedded file.
    CREATE FUNCTION gatehouse_ascii_lower(t TEXT) RETURNS TEXT
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT translate(t, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') $$;

    CREATE TABLE accounts (
        id                  BIGSERIAL PRIMARY KEY,
        login               TEXT NOT NULL,
        -- The login ID in ASCII lower case (LoginId::key): unique, so logins differ by more
        -- than case. Byte order, as SQLite sorts.
        login_key           TEXT COLLATE "C" NOT NULL UNIQUE,
        name                TEXT NOT NULL,
        kind                TEXT NOT NULL CHECK (kind IN ('student', 'school_staff', 'hq_staff')),
        level               TEXT CHECK (level IN ('p1_3', 'p4_6', 'secondary', 'jc_mi')),
        location            TEXT NOT NULL,
        work_email          TEXT,
        generic             BOOLEAN NOT NULL DEFAULT FALSE,
        roles               TEXT NOT NULL DEFAULT '',
        password_hash       TEXT NOT NULL,
        previous_hash       TEXT,
        temporary_until     BIGINT,
        failed_passwords    BIGINT NOT NULL DEFAULT 0 CHECK (failed_passwords >= 0),
        locked_at           BIGINT,
        failed_answers      BIGINT NOT NULL DEFAULT 0 CHECK (failed_answers >= 0),
        sspr_blocked        BOOLEAN NOT NULL DEFAULT FALSE,
        terms_accepted_at   BIGINT,
        last_sign_in        BIGINT,
        password_changed_at BIGINT NOT NULL,
        created_at          BIGINT NOT NULL,
        failed_totp         BIGINT NOT NULL DEFAULT 0 CHECK (failed_totp >= 0),
        otp_sequence        BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX accounts_by_location ON accounts (location, kind, level);

    CREATE TABLE answers (
        account_id  BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        position    BIGINT NOT NULL,
        question_id TEXT NOT NULL,
        hash        TEXT NOT NULL,
        PRIMARY KEY (account_id, position)
    );

    CREATE TABLE login_failures (
        key        TEXT NOT NULL,
        kind       TEXT NOT NULL,
        failures   BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (key, kind)
    );
    CREATE INDEX login_failures_by_age ON login_failures (updated_at);

    CREATE TABLE audit (
        id      BIGSERIAL PRIMARY KEY,
        at      BIGINT NOT NULL,
        actor   TEXT NOT NULL,
        subject TEXT NOT NULL,
        event   TEXT NOT NULL,
        outcome TEXT NOT NULL,
        machine TEXT NOT NULL,
        detail  TEXT NOT NULL
    );
    CREATE INDEX audit_by_time ON audit (at);
    CREATE INDEX audit_by_subject ON audit (gatehouse_ascii_lower(subject), at);
    CREATE INDEX audit_by_event ON audit (event, at);

    -- Append-only, enforced by the database for every client, not only by this code: rows can
    -- be added, never changed, removed or truncated away.
    CREATE FUNCTION gatehouse_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    CREATE TRIGGER audit_no_update_or_delete BEFORE UPDATE OR DELETE ON audit
        FOR EACH ROW EXECUTE FUNCTION gatehouse_audit_append_only();
    CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
        FOR EACH STATEMENT EXECUTE FUNCTION gatehouse_audit_append_only();

    CREATE TABLE meta (key TEXT PRIMARY KEY, value BYTEA NOT NULL);

    CREATE TABLE authenticators (
        id            BIGSERIAL PRIMARY KEY,
        account_id    BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind          TEXT NOT NULL CHECK (kind IN ('soft_token', 'hard_token')),
        comment       TEXT NOT NULL,
        secret_sealed BYTEA NOT NULL,
        algorithm     TEXT NOT NULL,
        digits        BIGINT NOT NULL,
        period        BIGINT NOT NULL,
        serial        TEXT,
        hotp_counter  BIGINT,
        last_step     BIGINT,
        tested_at     BIGINT,
        created_at    BIGINT NOT NULL,
        created_by    TEXT NOT NULL
    );
    CREATE INDEX authenticators_by_account ON authenticators (account_id);
    -- A hardware token is enrolled on one account at a time, also when two kiosks enrol it at
    -- once (SQLite's check-then-insert is serialised by its file lock).
    CREATE UNIQUE INDEX authenticators_one_per_serial ON authenticators (serial) WHERE serial IS NOT NULL;

    CREATE TABLE hardware_tokens (
        serial        TEXT COLLATE "C" PRIMARY KEY,
        secret_sealed BYTEA NOT NULL,
        kind          TEXT NOT NULL CHECK (kind IN ('totp', 'hotp')),
        algorithm     TEXT NOT NULL,
        digits        BIGINT NOT NULL,
        period        BIGINT NOT NULL,
        counter       BIGINT NOT NULL DEFAULT 0,
        imported_at   BIGINT NOT NULL,
        failed_codes  BIGINT NOT NULL DEFAULT 0
    );

    CREATE TABLE email_otps (
        account_id BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        sequence   BIGINT NOT NULL,
        code_mac   BYTEA NOT NULL,
        expires_at BIGINT NOT NULL,
        tries_left BIGINT NOT NULL
    );

    CREATE TABLE transfers (
        id            BIGSERIAL PRIMARY KEY,
        account_id    BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        from_location TEXT NOT NULL,
        to_location   TEXT NOT NULL,
        requested_by  TEXT NOT NULL,
        requested_at  BIGINT NOT NULL,
        decided_by    TEXT,
        decided_at    BIGINT,
        decision      TEXT CHECK (decision IN ('approved', 'rejected')),
        CHECK (from_location <> to_location),
        CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL))
    );
    CREATE UNIQUE INDEX transfers_one_pending ON transfers (account_id) WHERE decision IS NULL;
    CREATE INDEX transfers_pending_by_target ON transfers (to_location) WHERE decision IS NULL;
    CREATE FUNCTION gatehouse_transfer_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'a decided transfer request is final';
    END
    $$;
    CREATE TRIGGER transfers_decided_once BEFORE UPDATE ON transfers
        FOR EACH ROW WHEN (OLD.decision IS NOT NULL) EXECUTE FUNCTION gatehouse_transfer_decided_once();

    CREATE TABLE sspr_decoys (
        key_mac    BYTEA PRIMARY KEY,
        questions  TEXT NOT NULL,
        created_at BIGINT NOT NULL
    );
    "#,
    // 2: wizard sessions a server holds between requests (SQLite's version 5): SHA-256 of the
    // token (never the token), the sealed state, and a version each save must name.
    r#"
    CREATE TABLE sessions (
        token_hash   BYTEA PRIMARY KEY CHECK (length(token_hash) = 32),
        kind         TEXT NOT NULL CHECK (kind IN ('person', 'kiosk')),
        sealed       BYTEA NOT NULL,
        version      BIGINT NOT NULL,
        created_at   BIGINT NOT NULL,
        last_used_at BIGINT NOT NULL,
        expires_at   BIGINT NOT NULL
    );
    CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    "#,
    // 3: registered machines (issue 14 §2; SQLite's version 6): enrolment codes and device
    // credentials, each kept as SHA-256 only; a session remembers the device that opened it,
    // and may be a console's.
    r#"
    CREATE TABLE enrolment_codes (
        code_hash  BYTEA PRIMARY KEY CHECK (length(code_hash) = 32),
        uses_left  INTEGER NOT NULL CHECK (uses_left >= 0),
        expires_at BIGINT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL
    );
    CREATE TABLE devices (
        id              BIGSERIAL PRIMARY KEY,
        name            TEXT NOT NULL,
        kiosk           BOOLEAN NOT NULL,
        credential_hash BYTEA NOT NULL UNIQUE CHECK (length(credential_hash) = 32),
        created_at      BIGINT NOT NULL,
        enrolled_by     TEXT NOT NULL,
        revoked_at      BIGINT
    );
    CREATE UNIQUE INDEX devices_by_name ON devices (lower(name));
    ALTER TABLE sessions ADD COLUMN device_id BIGINT REFERENCES devices (id);
    ALTER TABLE sessions DROP CONSTRAINT sessions_kind_check;
    ALTER TABLE sessions ADD CONSTRAINT sessions_kind_check CHECK (kind IN ('person', 'kiosk', 'console'));
    "#,
    // 4: the school year (issue 15; SQLite's version 7): a student's class, and accounts an
    // administrator disabled (the guides' "inactive account").
    r#"
    ALTER TABLE accounts ADD COLUMN class TEXT;
    ALTER TABLE accounts ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
    CREATE INDEX accounts_by_class ON accounts (location, gatehouse_ascii_lower(class));
    "#,
    // 5: the language a person chose (issue 16; SQLite's version 8).
    r#"
    ALTER TABLE accounts ADD COLUMN language TEXT;
    "#,
    // 6: recovery codes (issue 17 §2; SQLite's version 9): a salted SHA-256 of each code.
    r#"
    CREATE TABLE recovery_codes (
        account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        number     BIGINT NOT NULL CHECK (number BETWEEN 1 AND 100),
        salt       BYTEA NOT NULL,
        hash       BYTEA NOT NULL,
        created_at BIGINT NOT NULL,
        used_at    BIGINT,
        PRIMARY KEY (account_id, number)
    );
    "#,
    // 7: FIDO2 security keys (issue 17 §1; SQLite's version 10): a third kind of authenticator,
    // with the model the enrolling machine named.
    r#"
    ALTER TABLE authenticators DROP CONSTRAINT authenticators_kind_check;
    ALTER TABLE authenticators ADD CONSTRAINT authenticators_kind_check
        CHECK (kind IN ('soft_token', 'hard_token', 'security_key'));
    ALTER TABLE authenticators ADD COLUMN model TEXT;
    "#,
    // 8 (PostgreSQL only): room on every page of accounts for the update a sign-in makes
    // (`failed_passwords`, `last_sign_in`, in no index), so that it stays on the row's own page
    // as a heap-only tuple and writes none of the table's five indexes. Without it the pages an
    // import fills have no room: about one in ten of a school morning's first sign-ins moved
    // its row to another page and added an entry to every index. Pages written before keep no
    // room until a rewrite (`VACUUM FULL accounts`).
    r#"
    ALTER TABLE accounts SET (fillfactor = 80);
    "#,
    // 9: an enrolment code is for kiosks or for other machines, chosen by whoever issues it —
    // not by the machine that registers with it (SQLite's version 11). Codes issued before
    // register other machines.
    r#"
    ALTER TABLE enrolment_codes ADD COLUMN kiosk BOOLEAN NOT NULL DEFAULT FALSE;
    "#,
    // 10: the second-factor codes and answer sets being checked right now (SQLite's version
    // 13), each of which took its try before its check: with the failures, never more than the
    // threshold; apart from them, so that a check under way is neither a wrong answer nor wiped
    // by a right one.
    r#"
    ALTER TABLE accounts
        ADD COLUMN pending_totp BIGINT NOT NULL DEFAULT 0 CHECK (pending_totp >= 0),
        ADD COLUMN pending_answers BIGINT NOT NULL DEFAULT 0 CHECK (pending_answers >= 0);
    CREATE INDEX accounts_with_checks_under_way ON accounts (id) WHERE pending_totp > 0 OR pending_answers > 0;
    "#,
];

/// Brings the schema up to date in one transaction that holds a transaction-level advisory lock:
/// a second server starting at the same moment waits for it, then finds nothing to do. A schema
/// newer than this code is refused (as SQLite refuses one), and nothing is changed.
pub(super) fn migrate(client: &mut Client) -> Result<(), Error> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS gatehouse_schema (
             one     BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
             version INTEGER NOT NULL
         );
         INSERT INTO gatehouse_schema (one, version) VALUES (TRUE, 0) ON CONFLICT (one) DO NOTHING;",
    )?;
    let current: i32 = tx.query_one("SELECT version FROM gatehouse_schema", &[])?.try_get(0)?;
    let current = current as usize;
    if current > MIGRATIONS.len() {
        return Err(Error::Storage(format!(
            "the database has schema version {current}, newer than this Gatehouse ({}); upgrade Gatehouse",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        tx.batch_execute(sql)?;
        tx.execute("UPDATE gatehouse_schema SET version = $1", &[&((i + 1) as i32)])?;
        tracing::info!(version = i + 1, "applied schema migration");
    }
    tx.commit()?;
    Ok(())
}
