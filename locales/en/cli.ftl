# The command line's own sentences (gatehouse-cli): confirmations, tables and listings for a
# person at a terminal. `--json` output and the wizard's JSON lines stay language-free.
# Values that are also what the commands accept (kinds such as school_staff, levels such as
# p4_6, roles, event names) stay as they are typed.

## Errors

cli-error = error: { $message }
cli-server-refused = the server refused: { $message } ({ $code })
cli-nothing-registered = error: { $message }; nothing was registered

## An account

cli-account-summary = { $kind } at { $location }{ $level ->
        [none] {""}
       *[other] , { $level }
    }{ $class ->
        [none] {""}
       *[other] , class { $class }
    }
cli-created = Created { $login } ({ $account }).
cli-password-reset = Reset the password of { $login } ({ $account }).
cli-temporary-password = Temporary password (shown once): { $password }
cli-temporary-password-expires = It expires { $when }; at first sign-in they set challenge questions and a new password.
cli-updated = Updated { $login }.
cli-disabled = Disabled { $login }.
cli-enabled = Enabled { $login }.
cli-unlocked = Unlocked { $login }.
cli-questions-cleared = Cleared the challenge questions of { $login }.
cli-deleted = Deleted { $login } ({ $account }); its audit history stays.

cli-field-login = login
cli-field-name = name
cli-field-kind = kind
cli-field-level = level
cli-field-location = location
cli-field-class = class
cli-field-roles = roles
cli-field-work-email = work email
cli-field-state = state
cli-field-locked-since = locked since
cli-field-failed-passwords = failed passwords
cli-field-temporary-password = temporary password
cli-field-questions-set = questions set
cli-field-self-service = self-service reset
cli-field-terms = terms accepted
cli-field-last-sign-in = last sign-in
cli-field-password-changed = password changed
cli-field-created = created
cli-field-authenticator = authenticator { $id }
cli-field-recovery-codes = recovery codes
cli-recovery-codes-left = { $count ->
        [0] none left
       *[other] { $count } left
    }

cli-yes = yes
cli-no = no
cli-generic = { $kind } (generic)
cli-temporary-password-until = yes, expires { $when }
cli-self-service-blocked = blocked (too many wrong answers)
cli-self-service-available = available
cli-authenticator = { $name } “{ $comment }”{ $serial ->
        [none] {""}
       *[other] , serial { $serial }
    }, { $tested ->
        [none] not tested
       *[other] tested { $tested }
    }

## Lists

cli-column-login = LOGIN
cli-column-kind = KIND
cli-column-level = LEVEL
cli-column-location = LOCATION
cli-column-class = CLASS
cli-column-state = STATE
cli-column-name = NAME
cli-column-temporary-password = TEMPORARY PASSWORD (shown once)
cli-column-apps = APPS
cli-column-serial = SERIAL
cli-column-type = TYPE
cli-column-digits = DIGITS
cli-column-enrolled-to = ENROLLED TO
cli-column-kiosk = KIOSK
cli-column-registered = REGISTERED
cli-column-table = TABLE
cli-column-source = SOURCE
cli-column-destination = DESTINATION

cli-account-count = { $count ->
        [one] { $count } account
       *[other] { $count } accounts
    }
cli-class-reset = { $count ->
        [one] Reset { $count } password; it expires { $when }.
       *[other] Reset { $count } passwords; they expire { $when }.
    }
cli-promoted = { $count ->
        [one] Promoted { $count } student.
       *[other] Promoted { $count } students.
    }
cli-promotion-preview = { $count ->
        [one] Preview only: { $count } student would change. Run again with --yes (and --expect { $count }) to apply.
       *[other] Preview only: { $count } students would change. Run again with --yes (and --expect { $count }) to apply.
    }
cli-promotion-leaving = Not moved, in the last year of their level (they leave, or move on with --class … --to-level): { $who }.
cli-promotion-already = Not moved, already moved to another class by a promotion in the last { $days } days: { $who }.

## Mails waiting for an administrator

cli-no-mails = No undelivered mails for { $login }.
cli-mail-expired = [expired: the code no longer works]

## Hardware tokens and authenticators

cli-tokens-imported = { $count ->
        [one] Imported { $count } hardware token from { $file }.
       *[other] Imported { $count } hardware tokens from { $file }.
    }
cli-token-free = (free)
cli-token-free-locked = (free, locked: too many wrong codes)
cli-authenticators-deleted = { $count ->
        [one] Deleted { $count } authenticator of { $login }.
       *[other] Deleted { $count } authenticators of { $login }.
    }
cli-token-unbound = The hardware token { $serial } is free again.

## The audit log

cli-audit-written = { $count ->
        [one] Wrote { $count } event to { $file }.
       *[other] Wrote { $count } events to { $file }.
    }

## Importing a class list

# The progress line: each placeable is filled in while the import runs.
cli-import-progress = importing { $bar } { $done }/{ $total } accounts, { $rate }, { $eta } left
cli-import-done = { $rows ->
        [one] Imported { $created } of { $rows } row in { $seconds } s ({ $rate } accounts/s).
       *[other] Imported { $created } of { $rows } rows in { $seconds } s ({ $rate } accounts/s).
    }
cli-import-row = line { $line }: { $reason }
cli-import-row-login = line { $line }: { $login }: { $reason }
cli-import-cancelled = { $left ->
        [one] Stopped before the end: 1 row was not imported. Import the file again with another --passwords-out: the accounts already made are reported as existing, the rest are made.
       *[other] Stopped before the end: { $left } rows were not imported. Import the file again with another --passwords-out: the accounts already made are reported as existing, the rest are made.
    }
cli-import-passwords = Temporary passwords for printing: { $file } (readable only by you; delete it once handed out)
cli-import-roles = line { $line }: { $login } is given the administrator roles { $roles }

## Devices of the school's server

cli-enrolment-code = Enrolment code: { $code }
cli-enrolment-uses = { $uses ->
        [one] Registers { $uses } machine until { $until }. It is shown only now.
       *[other] Registers up to { $uses } machines until { $until }. It is shown only now.
    }
cli-enrolment-how = On each machine (not a kiosk): gatehouse-cli device register --code CODE --name NAME
cli-enrolment-how-kiosk = On each kiosk: gatehouse-cli device register --code CODE --name NAME --kiosk
cli-device-registered = registered
cli-device-revoked-at = revoked { $when }
cli-device-revoked = Revoked { $name }: its next request is refused.
cli-device-kept-in-file = in { $file }
cli-device-kept-in-keyring = in the OS keyring
cli-device-register-done = Registered this machine with { $url } as device “{ $name }” (id { $id }); its credential is kept { $place }.
cli-break-glass-code = Break-glass code of this kiosk, shown only now — write it down and keep it with the administrators:
cli-break-glass-how = Typed into the kiosk's exit dialog it closes the kiosk window; five wrong codes lock the dialog for five minutes. Only its hash is kept, in { $file }. Register again to replace it.
cli-device-forgotten = Removed this machine's device credential for { $url } ({ $place }). An administrator can revoke the device on the server.
cli-device-none = This machine has no device credential for { $url }.

## Configuration and moving a school

cli-config-exists = { $file } exists; left as it is.
cli-config-written = Wrote { $file }.
cli-migrated = { $count ->
        [one] Copied; every table matches. { $count } 2FA secret sealed with the destination's key.
       *[other] Copied; every table matches. { $count } 2FA secrets sealed with the destination's key.
    }

cli-migrate-left-behind = Not copied: { $table ->
        [email_otps] { $count ->
            [one] { $count } live email code (its person asks for a new one).
           *[other] { $count } live email codes (their people ask for new ones).
        }
        [sessions] { $count ->
            [one] { $count } open session (its person signs in again).
           *[other] { $count } open sessions (their people sign in again).
        }
        [devices] { $count ->
            [one] { $count } registered machine (register it with the destination's server).
           *[other] { $count } registered machines (register them with the destination's server).
        }
       *[enrolment_codes] { $count ->
            [one] { $count } machine enrolment code (issue a new one on the destination).
           *[other] { $count } machine enrolment codes (issue new ones on the destination).
        }
    }

## The demonstration school

cli-demo-school = Gatehouse demo school { $location } in { $dir }
cli-demo-passwords = Demo-only passwords: temporary { $temporary }, set up { $password }; answers yellow / hamster / The Good Earth.
cli-demo-try = try: { $what }
cli-demo-session = Type one JSON request per line; the session starts on sign_in, e.g.

# Each demo account: what state it is in, and what to try with it (by its login's first part).
cli-demo-ada_lim-state = fresh: temporary password, no questions, first sign-in ever
cli-demo-ada_lim-try = first sign-in: questions, password change, terms, dashboard
cli-demo-ben_tan-state = temporary password, questions already set
cli-demo-ben_tan-try = first sign-in straight to the password change
cli-demo-chloe_ng-state = active, questions set
cli-demo-chloe_ng-try = sign in to the P1-3 dashboard (no Gmail); or Forgot Password? (answers yellow / hamster / The Good Earth)
cli-demo-dev_kumar-state = locked after 5 wrong passwords, questions set
cli-demo-dev_kumar-try = Forgot Password?, answer, then Unlock Password or Change Password
cli-demo-eve_goh-state = temporary password expired
cli-demo-eve_goh-try = sign-in refused: ask the SA for a new one
cli-demo-faris_ali-state = active, no questions
cli-demo-faris_ali-try = Forgot Password? shows SSPR 5006; signing in asks for questions, then the applications
cli-demo-grace_lee-state = school staff, SA and LA, questions set
cli-demo-grace_lee-try = staff sign-in; SSPR asks all 3 questions
cli-demo-irene_tan-state = administrator (SA, LA) with a tested authenticator
cli-demo-irene_tan-try = close a kiosk; codes: oathtool --totp -b JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
cli-demo-henry_wong-state = HQ staff, fresh, work email is his iCON address
cli-demo-henry_wong-try = staff first sign-in
cli-demo-gus_tay-state = disabled by the SA (an inactive account), questions set
cli-demo-gus_tay-try = sign-in refused with account_disabled; gatehouse-cli admin enable --login Gus_Tay@students.edu.sg
