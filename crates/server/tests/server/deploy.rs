//! What `deploy/` ships and the README's deployment steps: the configuration a school's IT team
//! edits is valid as it stands, every key in it is explained, a server starts with it once only
//! its paths, URL and address are this machine's; a certificate made by the README's openssl
//! commands is served and trusted through its authority; a `pg_dump` restored into an empty
//! database serves the school again; and the systemd unit hands the service every credential the
//! configuration reads and passes `systemd-analyze`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use gatehouse_core::config::Config;
use gatehouse_testpg::TestDatabase;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use serde_json::{json, Value};

use crate::support::*;

/// Where systemd puts the service's credentials (`LoadCredential=NAME:…` → this directory/NAME).
const CREDENTIALS: &str = "/run/credentials/gatehouse-server.service/";

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy").join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(shipped(name)).unwrap_or_else(|e| panic!("deploy/{name}: {e}"))
}

fn is_key(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty() && !line.starts_with('#') && !line.starts_with('[') && line.contains('=')
}

/// `text` with the value of each `key = …` line (outside comments) named in `values` replaced;
/// every one of them must occur exactly once.
fn substitute(text: &str, values: &[(&str, String)]) -> String {
    let mut seen = vec![0; values.len()];
    let lines: Vec<String> = text
        .lines()
        .map(|line| {
            let key = line.split('=').next().unwrap_or("").trim();
            match values.iter().position(|(k, _)| is_key(line) && *k == key) {
                Some(i) => {
                    seen[i] += 1;
                    format!("{key} = {:?}", values[i].1)
                }
                None => line.to_owned(),
            }
        })
        .collect();
    for ((key, _), n) in values.iter().zip(seen) {
        assert_eq!(n, 1, "deploy/gatehouse.toml names {key} {n} times");
    }
    lines.join("\n") + "\n"
}

#[test]
fn the_shipped_configuration_is_valid_and_names_postgres_a_key_file_and_a_certificate() {
    let config = Config::load(&shipped("gatehouse.toml")).unwrap();
    assert!(config.storage.is_postgres(), "{}", config.storage.url);
    assert_eq!(config.secrets.key_store, "file");
    assert!(config.storage.password_file.starts_with(CREDENTIALS));
    assert!(config.secrets.key_file.starts_with(CREDENTIALS));
    assert!(config.server.private_key.starts_with(CREDENTIALS));
    assert!(!config.server.certificate.is_empty());
    // A server's file: not a thin client's.
    assert!(config.server.url.is_empty() && config.server.ca_file.is_empty());
}

#[test]
fn every_key_of_the_shipped_configuration_follows_a_comment_that_explains_it() {
    let text = read("gatehouse.toml");
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate().filter(|(_, l)| is_key(l)) {
        // A group of keys may share the comment above its first key.
        let above = lines[..i].iter().rev().find(|l| !is_key(l)).map(|l| l.trim());
        assert!(above.is_some_and(|l| l.starts_with('#')), "deploy/gatehouse.toml: `{line}` has no comment above it");
    }
}

/// The shipped gatehouse.toml with this machine's paths, `database`'s URL and any free port in
/// place of the ones a school writes; nothing else changes. The key file is the school's (its
/// engine created the accounts).
fn deployed(school: &School, database: &TestDatabase, certificate: &Path, private_key: &Path) -> PathBuf {
    let dir = school.dir.path();
    let (url, password) = database.storage_url();
    let password_file = dir.join(format!("{}.password", database.name));
    gatehouse_testpg::write_password_file(&password_file, &password.unwrap_or_default()).unwrap();
    let text = substitute(
        &read("gatehouse.toml"),
        &[
            ("url", url),
            ("password_file", password_file.display().to_string()),
            ("key_file", dir.join("data.key").display().to_string()),
            ("certificate", certificate.display().to_string()),
            ("private_key", private_key.display().to_string()),
            ("listen", "127.0.0.1:0".into()),
        ],
    );
    let config = dir.join(format!("{}.toml", database.name));
    std::fs::write(&config, text).unwrap();
    config
}

fn sign_in(login: &str, password: &str) -> Value {
    json!({"action": "sign_in", "login": login, "password": password})
}

const ADA: &str = "Ada_Lim@students.edu.sg";

#[test]
fn a_server_starts_with_the_shipped_configuration_once_its_paths_url_and_address_are_substituted() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let dir = school.dir.path();
    let config = deployed(&school, school.database(), &dir.join("server.crt"), &dir.join("server.key"));
    let server = Server::start(config, school.client(), Some(school.kiosk.clone()));
    let (status, body) = server.get("/readyz");
    assert_eq!(status, 200, "{body}");
    let (token, first) = server.new_session(None);
    assert_eq!(first["screen"], "sign_in");
    server.expect(&token, sign_in(ADA, &temporary), "set_questions");
}

/// The ```sh block of README.md that makes a school authority and a server certificate.
fn readme_certificate_commands() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md")).unwrap();
    let block = readme
        .split("```sh")
        .skip(1)
        .filter_map(|b| b.split_once("```").map(|(code, _)| code))
        .find(|code| code.contains("school-ca.key"))
        .expect("README.md shows the openssl commands for a school's certificate");
    block.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_certificate_made_by_the_readmes_openssl_commands_is_served_and_trusted_through_its_authority() {
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("openssl is not installed here: the README's certificate commands not checked");
        return;
    }
    let school = School::new();
    let made = tempfile::tempdir().unwrap();
    let run =
        Command::new("sh").arg("-ec").arg(readme_certificate_commands()).current_dir(made.path()).output().unwrap();
    assert!(run.status.success(), "the README's openssl commands failed: {}", String::from_utf8_lossy(&run.stderr));
    let config = deployed(&school, school.database(), &made.path().join("server.crt"), &made.path().join("server.key"));
    let server = Server::start(config, school.client(), Some(school.kiosk.clone()));
    // A machine that trusts the school's authority (its `ca_file`) and knows the server by the
    // certificate's name.
    let port: u16 = server.url.rsplit(':').next().unwrap().parse().unwrap();
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_file_iter(made.path().join("school-ca.pem")).unwrap() {
        roots.add(cert.unwrap()).unwrap();
    }
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let client = reqwest::blocking::Client::builder()
        .tls_backend_preconfigured(tls)
        .resolve("gatehouse.school.example", ([127, 0, 0, 1], port).into())
        .build()
        .unwrap();
    let r = client
        .post(format!("https://gatehouse.school.example:{port}/v1/sessions"))
        .header("gatehouse-device", &school.kiosk)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    // The school's own rcgen certificate is not this authority's: refused.
    assert!(school.client().get(format!("{}/healthz", server.url)).send().is_err());
}

#[test]
fn a_pg_dump_restored_into_an_empty_database_serves_the_school_again_with_the_same_key_file() {
    let school = School::new();
    let temporary = school.student(ADA, "Ada Lim");
    let dir = school.dir.path();
    // A server has run: the database records which data key it holds (and a sealed session).
    let original = Server::start(
        deployed(&school, school.database(), &dir.join("server.crt"), &dir.join("server.key")),
        school.client(),
        Some(school.kiosk.clone()),
    );
    original.new_session(None);
    drop(original);
    let dump = dir.join("gatehouse.dump");
    let pg = |program: &str, args: &[&str]| {
        let out = Command::new(program).args(args).output().unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(out.status.success(), "{program}: {}", String::from_utf8_lossy(&out.stderr));
    };
    pg("pg_dump", &["--format=custom", "--file", dump.to_str().unwrap(), &school.database().url]);
    let restored = gatehouse_testpg::database();
    pg("pg_restore", &["--no-owner", "--dbname", &restored.url, dump.to_str().unwrap()]);
    let config = deployed(&school, &restored, &dir.join("server.crt"), &dir.join("server.key"));
    let server = Server::start(config, school.client(), Some(school.kiosk.clone()));
    let (token, _) = server.new_session(None);
    server.expect(&token, sign_in(ADA, &temporary), "set_questions");
}

#[test]
fn the_systemd_unit_loads_every_credential_the_shipped_configuration_reads() {
    let unit = read("gatehouse-server.service");
    let config = Config::load(&shipped("gatehouse.toml")).unwrap();
    for path in [&config.storage.password_file, &config.secrets.key_file, &config.server.private_key] {
        let name = path.strip_prefix(CREDENTIALS).unwrap_or_else(|| panic!("{path} is not a credential"));
        assert!(
            unit.lines().any(|l| l.starts_with(&format!("LoadCredential={name}:"))),
            "deploy/gatehouse-server.service has no LoadCredential={name}:…"
        );
    }
    assert!(unit.contains("--config /etc/gatehouse/gatehouse.toml"));
}

#[test]
fn the_systemd_unit_passes_systemd_analyze_verify_and_its_exposure_stays_low() {
    if Command::new("systemd-analyze").arg("--version").output().is_err() {
        eprintln!("systemd-analyze is not installed here: deploy/gatehouse-server.service not verified");
        return;
    }
    // `verify` checks that ExecStart's program exists: point it at the binary under test.
    let dir = tempfile::tempdir().unwrap();
    let unit = dir.path().join("gatehouse-server.service");
    let text = read("gatehouse-server.service")
        .replace("/usr/local/bin/gatehouse-server", env!("CARGO_BIN_EXE_gatehouse-server"));
    std::fs::write(&unit, text).unwrap();
    let verify = Command::new("systemd-analyze").arg("verify").arg(&unit).output().unwrap();
    let said = String::from_utf8_lossy(&verify.stderr);
    assert!(verify.status.success() && said.trim().is_empty(), "systemd-analyze verify: {said}");
    // The exposure score (0 best, 10 worst) of `systemd-analyze security`: at most 2.0.
    let security = Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--threshold=20", "--no-pager"])
        .arg(&unit)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&security.stdout);
    assert!(security.status.success(), "exposure above 2.0:\n{report}");
}
