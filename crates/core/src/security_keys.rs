//! FIDO2 security keys (issue 17 §1, the guide's "Hard Token/FIDO 2.0"): enrolled by a touch,
//! then a touch instead of a code wherever a second factor is asked.
//!
//! The relying party's side is webauthn-rs's security-key flow: it makes each ceremony's
//! challenge and checks the answer — the challenge, the origin (`https://` and
//! `[two_factor] security_key_rp_id`), the relying party id's hash, the signature over both, and
//! the signature counter (a counter that does not go up means a cloned key:
//! `CredentialPossibleCompromise`). The ceremony's state lives in the wizard's state (sealed with
//! it when it leaves memory) and is used once: an answer replayed, or given to another
//! ceremony, is refused. The key's credential (its public key and counter) is stored sealed and
//! bound to the account like a token's secret, so nobody who can only write the database can put
//! their own key on someone's account; a counter moves on by compare-and-swap of that sealed
//! value, so of two sign-ins with one assertion at once only one gets in. Every refusal is audited
//! and counts towards the account's lockout with wrong codes.
//!
//! The window talks to the key itself (CTAP2 from Rust: WebKitGTK has no WebAuthn) and sends
//! the answer back as WebAuthn JSON, which is also what a script gives `gatehouse-cli session`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;
use webauthn_rs::prelude::{
    CreationChallengeResponse, PublicKeyCredential, RegisterPublicKeyCredential, RequestChallengeResponse, SecurityKey,
    Uuid, Webauthn, WebauthnBuilder, WebauthnError,
};

pub use webauthn_rs::prelude::{SecurityKeyAuthentication as SignInCeremony, SecurityKeyRegistration as Enrolment};

use crate::audit::{Event, Outcome};
use crate::config::Config;
use crate::engine::Engine;
use crate::error::Error;
use crate::otp::OtpParams;
use crate::store::{Account, Authenticator, AuthenticatorKind, NewAuthenticator};
use crate::text::Text;
use crate::twofactor::{self, CodeFor};
use crate::types::{AccountId, AuthenticatorId};

/// The relying party security keys are registered to.
pub struct RelyingParty {
    webauthn: Webauthn,
    origin: Url,
}

impl RelyingParty {
    /// The relying party `[two_factor]` names; an id that is not a domain name is an error.
    /// Answers name its origin (the app's) or, when the server's browser page lies within it,
    /// that page's (`[server] public_url`).
    pub fn of(config: &Config) -> Result<Self, Error> {
        let cfg = &config.two_factor;
        let id = cfg.security_key_rp_id.trim();
        let bad = |why: String| Error::Config(format!("two_factor.security_key_rp_id {id:?}: {why}"));
        let origin = cfg.security_key_origin().map_err(bad)?;
        // The key follows the password: a touch proves it is there (user presence); its PIN is
        // not asked (user verification discouraged, no credProtect), so keys that only have a PIN
        // work from a client that does not speak clientPIN, as U2F-style keys always did.
        let mut builder = WebauthnBuilder::new(id, &origin).map_err(|e| bad(e.to_string()))?;
        if let Some(page) = config.server.security_key_page_origin(id) {
            builder = builder.append_allowed_origin(&page);
        }
        let webauthn = builder
            .rp_name(&cfg.issuer)
            .danger_set_user_presence_only_security_keys(true)
            .build()
            .map_err(|e| bad(e.to_string()))?;
        Ok(Self { webauthn, origin })
    }
}

/// What the window (or a script) does with the key: the WebAuthn options to give it, and the
/// origin to name in the client data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ceremony {
    pub origin: String,
    /// `{"publicKey": …}`: `PublicKeyCredentialCreationOptions` to enrol a key,
    /// `PublicKeyCredentialRequestOptions` to use one.
    pub options: serde_json::Value,
}

/// The result of enrolling a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Enrolled {
    /// Enrolled and, by the touch it took, tested.
    Yes(AuthenticatorId),
    /// The answer was not a valid registration for this ceremony (audited): why, for the person.
    Refused(Text),
}

/// The result of a key's answer where a second factor is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCheck {
    Accepted,
    /// Refused by the verifier (audited; counted towards the lockout).
    Refused,
    /// Not checked: the account has had too many wrong codes, or this answer locked it.
    Locked,
}

/// The account's security keys with their credentials (opened from their seals).
fn keys(engine: &Engine, account: &Account) -> Result<Vec<(Authenticator, SecurityKey)>, Error> {
    let vault = engine.vault()?;
    let mut out = Vec::new();
    for a in engine.store().authenticators(account.id)? {
        if a.kind != AuthenticatorKind::SecurityKey {
            continue;
        }
        let opened = vault.open(&a.secret_sealed, &twofactor::seal_context(account))?;
        let key: SecurityKey = serde_json::from_slice(&opened)
            .map_err(|e| Error::Internal(format!("security key {} does not read back: {e}", a.id)))?;
        out.push((a, key));
    }
    Ok(out)
}

/// The user handle a key is registered with: derived from the account, never its login ID.
fn user_handle(account: &Account) -> Uuid {
    let digest = Sha256::new().chain_update(b"gatehouse webauthn user\0").chain_update(account.id.0.to_be_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest.finalize()[..16]);
    Uuid::from_bytes(bytes)
}

fn ceremony<T: Serialize>(rp: &RelyingParty, options: &T) -> Result<Ceremony, Error> {
    let options = serde_json::to_value(options).map_err(|e| Error::Internal(format!("webauthn options: {e}")))?;
    Ok(Ceremony { origin: rp.origin.as_str().trim_end_matches('/').to_owned(), options })
}

/// Starts enrolling a key for the account (its keys already enrolled are excluded, so one key
/// is not enrolled twice).
pub fn start_enrolment(engine: &Engine, account: &Account) -> Result<(Ceremony, Enrolment), Error> {
    let rp = RelyingParty::of(engine.config())?;
    let exclude: Vec<_> = keys(engine, account)?.iter().map(|(_, k)| k.cred_id().clone()).collect();
    let (options, state): (CreationChallengeResponse, Enrolment) = rp
        .webauthn
        .start_securitykey_registration(
            user_handle(account),
            account.login.as_str(),
            account.name.as_str(),
            (!exclude.is_empty()).then_some(exclude),
            None,
            None,
        )
        .map_err(|e| Error::Internal(format!("starting a security key enrolment: {e}")))?;
    Ok((ceremony(&rp, &options)?, state))
}

/// Finishes enrolling a key with the answer to [`start_enrolment`]'s ceremony: checked by the
/// verifier, then stored sealed (with the person's comment and the model the machine named) and
/// counted as tested, since enrolling took a touch. A refusal is audited.
pub fn finish_enrolment(
    engine: &Engine,
    account: &Account,
    state: &Enrolment,
    answer: &serde_json::Value,
    comment: &str,
    model: Option<&str>,
) -> Result<Enrolled, Error> {
    let login = account.login.as_str();
    let comment = twofactor::clean_comment(comment, "Security key")?;
    let model = model.map(|m| twofactor::clean_comment(m, "")).transpose()?.filter(|m| !m.is_empty());
    let rp = RelyingParty::of(engine.config())?;
    let checked = serde_json::from_value::<RegisterPublicKeyCredential>(answer.clone())
        .map_err(|e| format!("not a WebAuthn registration: {e}"))
        .and_then(|r| rp.webauthn.finish_securitykey_registration(&r, state).map_err(|e| refusal_detail(&e)));
    let key = match checked {
        Ok(key) => key,
        Err(detail) => {
            let rec =
                engine.record(login, login, Event::TokenEnrolled, Outcome::Refused, format!("security key: {detail}"));
            engine.store().append_audit(&rec)?;
            return Ok(Enrolled::Refused(Text::new("security-key-enrolment-refused")));
        }
    };
    let vault = engine.vault()?;
    let plain = zeroize::Zeroizing::new(serde_json::to_vec(&key).map_err(|e| Error::Internal(e.to_string()))?);
    let sealed = vault.seal(&plain, &twofactor::seal_context(account));
    let new = NewAuthenticator {
        kind: AuthenticatorKind::SecurityKey,
        comment: comment.clone(),
        secret_sealed: sealed.clone(),
        params: OtpParams::default(),
        serial: None,
        hotp_counter: None,
        created_by: login.to_owned(),
        model,
    };
    let detail = format!("security key {comment:?}");
    let rec = engine.record(login, login, Event::TokenEnrolled, Outcome::Ok, detail);
    let id = engine.store().add_authenticator(account.id, &new, engine.now(), rec)?;
    let rec = engine.record(login, login, Event::TokenTested, Outcome::Ok, "touch at enrolment");
    engine.store().use_security_key(id, &sealed, &sealed, 0, engine.now(), true, rec)?;
    twofactor::notify(engine, account, Text::new("security-key-added-notice"));
    Ok(Enrolled::Yes(id))
}

/// Starts a sign-in ceremony with the account's tested keys (`only` one key, tested or not, for
/// its test); `None` when there is no such key.
pub fn start_sign_in(
    engine: &Engine,
    account: &Account,
    only: Option<AuthenticatorId>,
) -> Result<Option<(Ceremony, SignInCeremony)>, Error> {
    let allowed: Vec<SecurityKey> = keys(engine, account)?
        .into_iter()
        .filter(|(a, _)| match only {
            Some(id) => a.id == id,
            None => a.tested_at.is_some(),
        })
        .map(|(_, k)| k)
        .collect();
    if allowed.is_empty() {
        return Ok(None);
    }
    let rp = RelyingParty::of(engine.config())?;
    let (options, state): (RequestChallengeResponse, SignInCeremony) = rp
        .webauthn
        .start_securitykey_authentication(&allowed)
        .map_err(|e| Error::Internal(format!("starting a security key sign-in: {e}")))?;
    Ok(Some((ceremony(&rp, &options)?, state)))
}

/// A ceremony for no key at all, shaped as [`start_sign_in`]'s: where asking for a touch must
/// not tell a right password from a wrong one (a kiosk's exit, where nothing is counted), a login
/// without a tested key is asked for one all the same. Its one credential id (64 bytes, as a
/// common key's) is a MAC of the login under the install secret: the same on every try and every
/// kiosk, as a real key's is. No key answers it; nothing is kept to check an answer against.
pub fn decoy_sign_in(engine: &Engine, login_key: &str) -> Result<Ceremony, Error> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use hmac::{Hmac, Mac};

    let rp = RelyingParty::of(engine.config())?;
    let (options, _) = rp
        .webauthn
        .start_securitykey_authentication(&[])
        .map_err(|e| Error::Internal(format!("starting a security key sign-in: {e}")))?;
    let secret = engine.store().install_secret()?;
    let mut id = Vec::with_capacity(64);
    for half in [0u8, 1] {
        let mut mac = Hmac::<Sha256>::new_from_slice(&secret).expect("HMAC takes any key length");
        mac.update(b"gatehouse security key decoy\0");
        mac.update(&[half]);
        mac.update(login_key.as_bytes());
        id.extend_from_slice(&mac.finalize().into_bytes());
    }
    let mut ceremony = ceremony(&rp, &options)?;
    ceremony.options["publicKey"]["allowCredentials"] =
        serde_json::json!([{ "type": "public-key", "id": URL_SAFE_NO_PAD.encode(&id) }]);
    Ok(ceremony)
}

/// True when the account has a tested security key (a touch is offered where a code is asked).
pub fn has_tested_key(engine: &Engine, account: AccountId) -> Result<bool, Error> {
    Ok(engine
        .store()
        .authenticators(account)?
        .iter()
        .any(|a| a.kind == AuthenticatorKind::SecurityKey && a.tested_at.is_some()))
}

/// The refusal of an answer whose signature counter did not go up.
const MAY_BE_CLONED: &str = "the signature counter did not go up: the key may have been cloned";

/// Mails the owner of the key that gave `answer`, whose counter did not go up: which of two
/// keys answering with one credential is the copy cannot be told, so the key stays enrolled
/// (taking it away would ask one factor fewer of whoever holds the password) and its owner is
/// told to replace it.
fn tell_of_a_copy(engine: &Engine, account: &Account, answer: &serde_json::Value) -> Result<(), Error> {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    let id = answer.get("id").and_then(|v| v.as_str()).and_then(|id| URL_SAFE_NO_PAD.decode(id).ok());
    let Some(id) = id else { return Ok(()) };
    if let Some((a, _)) =
        keys(engine, account)?.into_iter().find(|(_, k)| AsRef::<[u8]>::as_ref(k.cred_id()) == id.as_slice())
    {
        let notice = Text::new("security-key-may-be-cloned-notice").arg("comment", a.comment);
        twofactor::notify(engine, account, notice);
    }
    Ok(())
}

/// What the audit log says about a refusal (never a secret: the verifier's reason).
fn refusal_detail(e: &WebauthnError) -> String {
    match e {
        WebauthnError::CredentialPossibleCompromise => MAY_BE_CLONED.to_owned(),
        WebauthnError::InvalidRPOrigin => "the answer names another origin".to_owned(),
        WebauthnError::InvalidRPIDHash => "the answer is for another relying party".to_owned(),
        WebauthnError::MismatchedChallenge => "the answer is to another challenge".to_owned(),
        other => format!("refused by the verifier: {other}"),
    }
}

/// Checks a key's answer to [`start_sign_in`]'s ceremony (`state`, which the caller then drops:
/// an answer is checked once). `purpose` says whether it signs in or tests one key (a pass marks
/// it tested). A refusal is audited and counts towards the account's lockout.
pub fn finish_sign_in(
    engine: &Engine,
    account: &Account,
    state: &SignInCeremony,
    answer: &serde_json::Value,
    purpose: CodeFor,
) -> Result<KeyCheck, Error> {
    Ok(finish_sign_in_by(engine, account, state, answer, purpose)?.0)
}

/// [`finish_sign_in`], and which key answered (`None` unless accepted): a second factor holds
/// while that key stays (the wizard's `Person::factor_by`).
pub fn finish_sign_in_by(
    engine: &Engine,
    account: &Account,
    state: &SignInCeremony,
    answer: &serde_json::Value,
    purpose: CodeFor,
) -> Result<(KeyCheck, Option<AuthenticatorId>), Error> {
    let login = account.login.as_str();
    let test = matches!(purpose, CodeFor::Test(_));
    let event = if test { Event::TokenTested } else { Event::SecurityKeyUsed };
    let Some(taken) = twofactor::take_code_try(engine, account)? else {
        let rec = engine.record(login, login, event, Outcome::Refused, "not checked: too many wrong codes");
        engine.store().append_audit(&rec)?;
        return Ok((KeyCheck::Locked, None));
    };
    let rp = RelyingParty::of(engine.config())?;
    let checked = serde_json::from_value::<PublicKeyCredential>(answer.clone())
        .map_err(|e| format!("not a WebAuthn assertion: {e}"))
        .and_then(|p| rp.webauthn.finish_securitykey_authentication(&p, state).map_err(|e| refusal_detail(&e)));
    let detail = match checked {
        Ok(result) => {
            let found = keys(engine, account)?.into_iter().find(|(_, k)| k.cred_id() == result.cred_id());
            let counter = u64::from(result.counter());
            match found {
                // The verifier compared the counter with the one of the ceremony's start; keys
                // used since (another sign-in while this ceremony waited) moved the stored one
                // on: a counter not above it now is a clone's too.
                Some((a, _))
                    if (counter != 0 || a.last_step.unwrap_or(0) != 0) && counter <= a.last_step.unwrap_or(0) =>
                {
                    MAY_BE_CLONED.to_owned()
                }
                Some((a, mut key)) => {
                    key.update_credential(&result);
                    let plain =
                        zeroize::Zeroizing::new(serde_json::to_vec(&key).map_err(|e| Error::Internal(e.to_string()))?);
                    let sealed = engine.vault()?.seal(&plain, &twofactor::seal_context(account));
                    let rec = engine.record(login, login, event, Outcome::Ok, format!("security key {:?}", a.comment));
                    if engine.store().use_security_key(
                        a.id,
                        &a.secret_sealed,
                        &sealed,
                        counter,
                        engine.now(),
                        test,
                        rec,
                    )? {
                        taken.give_back();
                        return Ok((KeyCheck::Accepted, Some(a.id)));
                    }
                    "the key was used by another sign-in at the same moment".to_owned()
                }
                None => "the key is no longer enrolled".to_owned(),
            }
        }
        Err(detail) => detail,
    };
    if detail == MAY_BE_CLONED {
        tell_of_a_copy(engine, account, answer)?;
    }
    let detail = format!("security key: {detail}");
    if purpose == CodeFor::KioskExit {
        let detail = format!("{detail} ({})", twofactor::KIOSK_EXIT_NOT_COUNTED);
        engine.store().append_audit(&engine.record(login, login, event, Outcome::Failed, detail))?;
        return Ok((KeyCheck::Refused, None));
    }
    let locked = taken.wrong(account, event, detail)?;
    Ok((if locked { KeyCheck::Locked } else { KeyCheck::Refused }, None))
}
