//! A self-signed certificate for `localhost` and `127.0.0.1`, for `make run-server` only:
//! `dev-certificate DIR` writes DIR/server.crt and DIR/server.key (owner-only). A school uses a
//! certificate from its own CA or a public one.

fn main() {
    let Some(dir) = std::env::args().nth(1).map(std::path::PathBuf::from) else {
        eprintln!("usage: dev-certificate DIR");
        std::process::exit(2);
    };
    let names = vec!["localhost".to_owned(), "127.0.0.1".to_owned()];
    let key = rcgen::generate_simple_self_signed(names).expect("generate a certificate");
    std::fs::write(dir.join("server.crt"), key.cert.pem()).expect("write server.crt");
    let key_file = dir.join("server.key");
    std::fs::write(&key_file, key.signing_key.serialize_pem()).expect("write server.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).expect("make server.key private");
    }
}
