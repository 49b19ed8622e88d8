//! The harness against the real server it starts: databases, restarts, and no server left behind
//! by a test process that exits or is killed.

use std::io::{BufRead, BufReader, Read};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gatehouse_testpg::{database, Error, TestPostgres};
use postgres::{Client, Config, NoTls};

#[test]
fn a_fresh_database_accepts_connections_and_sql() {
    let db = database();
    let mut client = db.connect();
    client.batch_execute("CREATE TABLE account (login text PRIMARY KEY, failures int NOT NULL)").unwrap();
    client.execute("INSERT INTO account VALUES ($1, 0)", &[&"Ah_Beng"]).unwrap();
    let row = client.query_one("SELECT current_database(), count(*) FROM account", &[]).unwrap();
    assert_eq!(row.get::<_, String>(0), db.name);
    assert_eq!(row.get::<_, i64>(1), 1);
}

#[test]
fn two_databases_of_one_server_do_not_see_each_other() {
    let (a, b) = (database(), database());
    assert_ne!(a.name, b.name);
    a.connect().batch_execute("CREATE TABLE only_in_a (x int)").unwrap();
    let mut client_b = b.connect();
    let seen: Option<String> = client_b.query_one("SELECT to_regclass('only_in_a')::text", &[]).unwrap().get(0);
    assert_eq!(seen, None);
    client_b.batch_execute("CREATE TABLE only_in_a (y text)").unwrap();
}

#[test]
fn a_dropped_test_database_is_removed_even_with_connections_open() {
    let server = TestPostgres::shared();
    let db = server.database();
    let name = db.name.clone();
    let mut open = db.connect();
    drop(db);
    let mut admin = Client::connect(server.superuser_url(), NoTls).unwrap();
    let left = admin.query_one("SELECT count(*) FROM pg_database WHERE datname = $1", &[&name]).unwrap();
    assert_eq!(left.get::<_, i64>(0), 0);
    assert!(open.is_closed() || open.is_valid(Duration::from_secs(2)).is_err());
}

#[test]
fn databases_are_created_from_many_threads_at_once() {
    let names: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..6)
            .map(|_| {
                scope.spawn(|| {
                    let db = database();
                    db.connect().batch_execute("CREATE TABLE t (x int)").unwrap();
                    db.name.clone()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len());
}

#[test]
fn the_socket_directory_and_the_tcp_port_reach_the_same_server() {
    let server = TestPostgres::shared();
    let Some(socket) = server.socket_dir() else {
        return skipped("GATEHOUSE_TEST_PG_URL names the server: there is no socket of ours");
    };
    let mut over_socket = Config::new()
        .host_path(socket)
        .port(server.port())
        .user(gatehouse_testpg::SUPERUSER)
        .dbname("postgres")
        .connect(NoTls)
        .unwrap();
    let mut over_tcp = Client::connect(server.superuser_url(), NoTls).unwrap();
    let port_of = |client: &mut Client| -> i32 {
        let row = client.query_one("SELECT setting FROM pg_settings WHERE name = 'port'", &[]);
        row.unwrap().get::<_, String>(0).parse().unwrap()
    };
    assert_eq!(port_of(&mut over_socket), i32::from(server.port()));
    assert_eq!(port_of(&mut over_tcp), i32::from(server.port()));
    assert_eq!(server.host(), "127.0.0.1");
}

#[test]
fn a_restarted_server_accepts_connections_again() {
    let server = TestPostgres::new().unwrap();
    if server.is_external() {
        assert!(matches!(server.restart(), Err(Error::External)));
        return skipped("GATEHOUSE_TEST_PG_URL names the server: restart is refused");
    }
    let db = server.database();
    let mut before = db.connect();
    before.batch_execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)").unwrap();
    let pid = server.postmaster_pid();

    server.restart().unwrap();

    assert!(before.simple_query("SELECT 1").is_err(), "the old connection was cut");
    assert_ne!(server.postmaster_pid(), pid, "a new server process");
    let kept: i32 = db.connect().query_one("SELECT x FROM kept", &[]).unwrap().get(0);
    assert_eq!(kept, 7);
}

#[test]
fn a_stopped_server_refuses_connections_until_started_again() {
    let server = TestPostgres::new().unwrap();
    if server.is_external() {
        assert!(matches!(server.stop(), Err(Error::External)));
        return skipped("GATEHOUSE_TEST_PG_URL names the server: stop is refused");
    }
    let db = server.database();
    server.stop().unwrap();
    assert_eq!(server.postmaster_pid(), None);
    assert!(Client::connect(&db.url, NoTls).is_err());
    server.start().unwrap();
    db.connect().batch_execute("SELECT 1").unwrap();
}

#[test]
fn a_dropped_server_is_stopped_and_its_directory_removed() {
    let started = Instant::now();
    let server = TestPostgres::new().unwrap();
    if server.is_external() {
        return skipped("GATEHOUSE_TEST_PG_URL names the server: none of ours to drop");
    }
    eprintln!("a server of its own accepted connections after {:?}", started.elapsed());
    let (port, pid) = (server.port(), server.postmaster_pid().unwrap());
    let data = server.data_dir().unwrap().to_owned();
    drop(server);
    assert_gone(port, pid, &data, Duration::from_secs(1));
}

// --- No server outlives its test process -------------------------------------------------------

/// Set to `wait` or `exit` when this test binary runs as the child of the two tests below.
const CHILD_VAR: &str = "GATEHOUSE_TESTPG_CHILD";
const CHILD_TEST: &str = "child_process_of_the_exit_tests_holds_the_shared_server";

#[test]
fn a_killed_test_process_leaves_no_server_running() {
    let Some((mut child, port, pid, data)) = child_with_a_server("wait") else {
        return skipped("GATEHOUSE_TEST_PG_URL names the server: none of ours to leave behind");
    };
    assert!(TcpStream::connect(("127.0.0.1", port)).is_ok());
    child.kill().unwrap(); // SIGKILL: no destructor, no atexit handler runs.
    child.wait().unwrap();
    assert_gone(port, pid, &data, Duration::from_secs(5));
}

#[test]
fn a_test_process_that_exits_leaves_no_server_running() {
    let Some((mut child, port, pid, data)) = child_with_a_server("exit") else {
        return skipped("GATEHOUSE_TEST_PG_URL names the server: none of ours to leave behind");
    };
    assert!(child.wait().unwrap().success());
    assert_gone(port, pid, &data, Duration::from_secs(5));
}

/// Does nothing in a normal run. As the child of the tests above it starts the shared server (a
/// static, which is never dropped), says where it is, then waits to be killed or exits.
#[test]
fn child_process_of_the_exit_tests_holds_the_shared_server() {
    let Ok(mode) = std::env::var(CHILD_VAR) else {
        return;
    };
    let server = TestPostgres::shared();
    let data = server.data_dir().expect("a server of our own");
    let pid = server.postmaster_pid().expect("a running server");
    println!("READY {} {pid} {}", server.port(), data.display());
    if mode == "wait" {
        // Until killed; or until the parent test ends, which closes this standard input.
        let _ = std::io::stdin().read_to_end(&mut Vec::new());
    }
}

/// Runs this test binary as a child holding the shared server; returns it with the server's port,
/// process id and data directory, or `None` when the tests use `GATEHOUSE_TEST_PG_URL`.
fn child_with_a_server(mode: &str) -> Option<(std::process::Child, u16, u32, PathBuf)> {
    if TestPostgres::shared().is_external() {
        return None;
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
        .env(CHILD_VAR, mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while let Some(line) = lines.next() {
        let line = line.unwrap();
        // After libtest's "test … ... " on the same line.
        if let Some((_, ready)) = line.split_once("READY ") {
            let mut fields = ready.splitn(3, ' ');
            let port = fields.next().unwrap().parse().unwrap();
            let pid = fields.next().unwrap().parse().unwrap();
            let data = PathBuf::from(fields.next().unwrap());
            // Keep reading: libtest's last lines would fail on a closed pipe.
            std::thread::spawn(move || lines.for_each(drop));
            return Some((child, port, pid, data));
        }
    }
    panic!("the child process ended without starting a server: {:?}", child.wait());
}

/// The server's process is gone (or a zombie nobody reaps), its port refuses connections and its
/// directory is removed — within `limit`.
fn assert_gone(port: u16, pid: u32, data: &Path, limit: Duration) {
    let started = Instant::now();
    loop {
        let running = process_runs(pid);
        let listening = TcpStream::connect(("127.0.0.1", port)).is_ok();
        let kept = data.exists();
        if !running && !listening && !kept {
            eprintln!("server {pid} on port {port} gone after {:?}", started.elapsed());
            return;
        }
        assert!(
            started.elapsed() < limit,
            "after {limit:?}: server process {pid} running: {running}, port {port} listening: \
             {listening}, {} kept: {kept}",
            data.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn process_runs(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command's closing parenthesis; Z is a zombie.
        Ok(stat) => !stat.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('Z')),
        Err(_) => false,
    }
}

fn skipped(why: &str) {
    eprintln!("skipped: {why}");
}
