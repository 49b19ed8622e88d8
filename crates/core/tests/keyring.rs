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

#[test]
fn engines_racing_to_create_the_data_key_agree_on_the_one_the_keyring_keeps() {
    use std::sync::{Arc, Barrier};

    use gatehouse_core::clock::ManualClock;
    use gatehouse_core::config::Config;
    use gatehouse_core::engine::KeyStore;
    use gatehouse_core::mail::Mailer;
    use gatehouse_core::store::SqliteStore;
    use gatehouse_core::Engine;
    use rand::SeedableRng;

    require_keyring();
    const AT_ONCE: usize = 8;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gatehouse.db");
    let engine = |seed: u64| {
        let store = Arc::new(SqliteStore::open(&path).unwrap());
        let rng = Box::new(rand_chacha::ChaCha20Rng::seed_from_u64(seed));
        let clock = Arc::new(ManualClock::new(1_700_000_000));
        Engine::with_services(store, Config::default(), clock, rng, Mailer::none(), KeyStore::Keyring)
    };
    // Processes starting at once on a new install (the app and the command line, two kiosks'
    // first use of a shared file): each makes the data key and seals a secret with it.
    let barrier = Barrier::new(AT_ONCE);
    let sealed: Vec<(Vec<u8>, Vec<u8>)> = std::thread::scope(|s| {
        let started: Vec<_> = (0..AT_ONCE as u64)
            .map(|n| {
                let (engine, barrier) = (engine(n), &barrier);
                s.spawn(move || {
                    barrier.wait();
                    let vault = engine.vault().expect("every process gets the install's key");
                    let secret = format!("secret of process {n}").into_bytes();
                    (vault.seal(&secret, b"ctx"), secret)
                })
            })
            .collect();
        started.into_iter().map(|t| t.join().unwrap()).collect()
    });
    // Started again, the install opens every secret any of them sealed.
    let again = engine(99).vault().expect("the key the database names is in the keyring");
    for (sealed, secret) in &sealed {
        assert_eq!(again.open(sealed, b"ctx").expect("sealed with the key the keyring keeps").as_slice(), secret);
    }
    // Only the install's entry is left in the keyring (the others' were deleted).
    let db = rusqlite::Connection::open(&path).unwrap();
    let id: Vec<u8> = db.query_row("SELECT value FROM meta WHERE key = 'data_key_id'", [], |r| r.get(0)).unwrap();
    let name = format!("data-key-{}", String::from_utf8(id).unwrap());
    keyring::Entry::new(KEYRING_SERVICE, &name).unwrap().delete_credential().unwrap();
}
