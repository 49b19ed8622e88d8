//! A software FIDO2 security key with its WebAuthn client (1Password's passkey-rs), for the
//! tests: it answers the ceremonies Gatehouse names (`{"origin", "options"}`) as the app's window
//! does with a real key, so the real verifier checks real registrations and assertions.

use passkey_authenticator::{Authenticator, MemoryStore, UiHint, UserCheck, UserValidationMethod};
use passkey_client::{Client, DefaultClientData};
use passkey_crypto::rust_crypto::RustCryptoBackend;
use passkey_types::ctap2::{Aaguid, Ctap2Error};
use passkey_types::{webauthn, Passkey};
use serde_json::Value;
use url::Url;

/// A person touching the key; `.0`: the key could also verify them (a PIN or a fingerprint),
/// which the second factor does not ask for.
struct Touch(bool);

#[async_trait::async_trait]
impl UserValidationMethod for Touch {
    type PasskeyItem = Passkey;

    async fn check_user<'a>(
        &self,
        _hint: UiHint<'a, Passkey>,
        presence: bool,
        verification: bool,
    ) -> Result<UserCheck, Ctap2Error> {
        Ok(UserCheck { presence, verification })
    }

    fn is_presence_enabled(&self) -> bool {
        true
    }

    fn is_verification_enabled(&self) -> Option<bool> {
        self.0.then_some(true)
    }
}

/// A software security key with its WebAuthn client, as the window drives a real one.
pub struct SoftKey {
    client: Client<MemoryStore, Touch, RustCryptoBackend, public_suffix::PublicSuffixList, ()>,
    runtime: tokio::runtime::Runtime,
}

impl SoftKey {
    pub fn new(counter: bool) -> Self {
        Self::with_store(MemoryStore::new(), counter, true)
    }

    /// A key that can only tell that someone touched it (no PIN, no fingerprint).
    pub fn presence_only() -> Self {
        Self::with_store(MemoryStore::new(), false, false)
    }

    fn with_store(store: MemoryStore, counter: bool, verifies: bool) -> Self {
        let mut authenticator = Authenticator::new(Aaguid::new_empty(), store, Touch(verifies), RustCryptoBackend);
        authenticator.set_make_credentials_with_signature_counter(counter);
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        Self { client: Client::new(authenticator), runtime }
    }

    /// A copy of the key with everything it holds now (a cloned key).
    pub fn clone_key(&self) -> Self {
        Self::with_store(self.client.authenticator().store().clone(), true, true)
    }

    pub fn origin(ceremony: &Value) -> Url {
        Url::parse(ceremony["origin"].as_str().expect("an origin")).unwrap()
    }

    /// The key's registration for the screen's ceremony, as JSON.
    pub fn register(&mut self, ceremony: &Value) -> Value {
        self.register_at(ceremony, &Self::origin(ceremony))
    }

    pub fn register_at(&mut self, ceremony: &Value, origin: &Url) -> Value {
        let options: webauthn::CredentialCreationOptions = serde_json::from_value(ceremony["options"].clone()).unwrap();
        let made = self.runtime.block_on(self.client.register(origin, options, DefaultClientData)).expect("register");
        serde_json::to_value(made).unwrap()
    }

    /// The key's assertion for the screen's ceremony, as JSON.
    pub fn sign(&mut self, ceremony: &Value) -> Value {
        self.sign_with(ceremony["options"].clone(), &Self::origin(ceremony))
    }

    pub fn sign_with(&mut self, options: Value, origin: &Url) -> Value {
        let options: webauthn::CredentialRequestOptions = serde_json::from_value(options).unwrap();
        let signed = self.runtime.block_on(self.client.authenticate(origin, options, DefaultClientData)).expect("sign");
        serde_json::to_value(signed).unwrap()
    }
}
