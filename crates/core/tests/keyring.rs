//! The data key in the real OS keyring (Secret Service under `scripts/with-keyring.sh`, which
//! `make test` uses).

use gatehouse_core::vault::{KeySource, Vault, KEYRING_SERVICE};

fn require_keyring() {
    assert_eq!(
        std::env::var("GATEHOUSE_TEST_KEYRING").as_deref(),
        Ok("1"),
        "this test needs a Secret Service: run `make test` or `scripts/with-keyring.sh cargo test`"
    );
}

#[test]
fn the_data_key_is_created_in_the_os_keyring_on_first_use_and_found_again() {
    require_keyring();
    let name = format!("test-{}", std::process::id());
    let source = KeySource::Keyring { entry: name.clone() };
    let missing = Vault::load(&source, false).unwrap_err();
    assert!(missing.to_string().contains("missing from the OS keyring"), "{missing}");
    let first = Vault::load(&source, true).unwrap();
    let again = Vault::load(&source, false).unwrap();
    assert!(again.matches(&first.check_value()));
    let sealed = first.seal(b"160-bit secret!!", b"ctx");
    assert_eq!(again.open(&sealed, b"ctx").unwrap().as_slice(), b"160-bit secret!!");
    // The stored value is the key itself (32 bytes), under the service name.
    let entry = keyring::Entry::new(KEYRING_SERVICE, &name).unwrap();
    assert_eq!(entry.get_secret().unwrap().len(), 32);
    entry.delete_credential().unwrap();
    assert!(Vault::load(&source, false).is_err());
}
