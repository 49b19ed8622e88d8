//! A server this crate starts: `initdb` and `pg_ctl` in a temporary directory, watched by a reaper
//! that stops it and removes the directory when the test process ends.

use std::io::Read;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use postgres::{Client, Config, NoTls};

use crate::{Error, SUPERUSER};

pub(crate) const HOST: &str = "127.0.0.1";

/// Debian's server programs are in `<this>/<major version>/bin` (15 on Debian 12), off `PATH`.
const DEBIAN_ROOT: &str = "/usr/lib/postgresql";

/// How long a started server may take to accept connections.
const READY_WITHIN: Duration = Duration::from_secs(30);

/// Blocks on its standard input — a pipe only the test process holds — until the test process
/// ends, then stops the server at once and removes its directory. `$1` is the directory, the rest
/// the `pg_ctl` command (behind `runuser` as root).
const REAPER: &str = r#"root=$1; shift
cat >/dev/null 2>&1
"$@" -D "$root/data" -m immediate -w stop >/dev/null 2>&1
rm -rf -- "$root""#;

pub(crate) struct Server {
    bin: PathBuf,
    /// Run the programs as the `postgres` user (we are root).
    as_postgres: bool,
    root: PathBuf,
    data: PathBuf,
    socket: PathBuf,
    log: PathBuf,
    port: u16,
    superuser_url: String,
    /// With TLS: the certificate authority that signed the server's certificate.
    tls_ca: Option<PathBuf>,
    /// Serialises restart, stop and start.
    control: Mutex<()>,
    reaper: Mutex<Option<Reaper>>,
}

struct Reaper {
    child: Child,
    /// The write end of the reaper's standard input: closing it (or the process ending) sets the
    /// reaper off.
    _pipe: ChildStdin,
}

impl Server {
    pub(crate) fn start(tls: bool) -> Result<Server, Error> {
        let bin = find_bindir()?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let as_postgres = unsafe { libc::geteuid() } == 0;
        let root = tempfile::Builder::new()
            .prefix("gatehouse-testpg-")
            .tempdir()
            .map_err(io("create a temporary directory"))?
            .keep();
        // The reaper comes first, so the directory goes even if the process is killed in initdb.
        let reaper = spawn_reaper(&bin, as_postgres, &root)?;
        let socket = root.join("socket");
        std::fs::create_dir(&socket).map_err(io("create the socket directory"))?;
        if as_postgres {
            let (uid, gid) = postgres_ids()?;
            for dir in [&root, &socket] {
                std::os::unix::fs::chown(dir, Some(uid), Some(gid))
                    .map_err(io("give the temporary directory to the postgres user"))?;
            }
        }
        let mut server = Server {
            data: root.join("data"),
            log: root.join("postgres.log"),
            socket,
            bin,
            as_postgres,
            root,
            port: 0,
            superuser_url: String::new(),
            tls_ca: None,
            control: Mutex::new(()),
            reaper: Mutex::new(Some(reaper)),
        };
        let password = random_password()?;
        server.initdb(&password)?;
        if tls {
            server.tls_ca = Some(server.make_certificates()?);
        }
        // A free port can be taken between our look and the server's bind: try a few.
        for attempt in 1.. {
            server.port = free_port()?;
            match server.pg_ctl_start() {
                Ok(()) => break,
                Err(_) if attempt < 5 && server.log_says("could not bind") => continue,
                Err(e) => return Err(e),
            }
        }
        server.superuser_url = format!("postgres://{SUPERUSER}:{password}@{HOST}:{}/postgres", server.port);
        server.wait_ready()?;
        Ok(server)
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    pub(crate) fn socket_dir(&self) -> &Path {
        &self.socket
    }

    pub(crate) fn data_dir(&self) -> &Path {
        &self.data
    }

    pub(crate) fn superuser_url(&self) -> &str {
        &self.superuser_url
    }

    pub(crate) fn tls_ca(&self) -> Option<&Path> {
        self.tls_ca.as_deref()
    }

    /// A certificate authority and a server certificate it signed for 127.0.0.1 and localhost
    /// (Debian's `openssl`), readable by the server; returns the authority's certificate.
    fn make_certificates(&self) -> Result<PathBuf, Error> {
        let dir = &self.root;
        let openssl = |args: &[&str], what: &str| -> Result<(), Error> {
            let mut cmd = Command::new("openssl");
            cmd.args(args).current_dir(dir).stdin(Stdio::null());
            self.run(cmd, what)
        };
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
        openssl(
            &[
                &["req", "-x509"],
                &ec[..],
                &["-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Gatehouse test authority"],
            ]
            .concat(),
            "openssl: the test certificate authority",
        )?;
        openssl(
            &[&["req"], &ec[..], &["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"]].concat(),
            "openssl: the server's key",
        )?;
        std::fs::write(dir.join("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n")
            .map_err(io("write the certificate extensions"))?;
        openssl(
            &["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial"]
                .iter()
                .chain(&["-out", "server.crt", "-days", "2", "-extfile", "san.ext"])
                .copied()
                .collect::<Vec<_>>(),
            "openssl: the server's certificate",
        )?;
        let key = dir.join("server.key");
        if self.as_postgres {
            let (uid, gid) = postgres_ids()?;
            for file in [&key, &dir.join("server.crt")] {
                std::os::unix::fs::chown(file, Some(uid), Some(gid))
                    .map_err(io("give the server's certificate to the postgres user"))?;
            }
        }
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600))
            .map_err(io("make the server's key private"))?;
        Ok(dir.join("ca.crt"))
    }

    pub(crate) fn postmaster_pid(&self) -> Option<u32> {
        let text = std::fs::read_to_string(self.data.join("postmaster.pid")).ok()?;
        text.lines().next()?.trim().parse().ok()
    }

    /// A superuser's connection over the Unix socket (trusted, so no password).
    pub(crate) fn socket_config(&self) -> Config {
        let mut config = Config::new();
        config.host_path(&self.socket).port(self.port).user(SUPERUSER);
        config
    }

    pub(crate) fn restart(&self) -> Result<(), Error> {
        let _control = self.control.lock().unwrap_or_else(|e| e.into_inner());
        let mut cmd = self.pg_ctl();
        cmd.arg("-l").arg(&self.log);
        cmd.args(["-w", "-t", "60", "-m", "fast", "-o", &self.options(), "restart"]);
        self.run(cmd, "pg_ctl restart")?;
        self.wait_ready()
    }

    pub(crate) fn stop(&self) -> Result<(), Error> {
        let _control = self.control.lock().unwrap_or_else(|e| e.into_inner());
        let mut cmd = self.pg_ctl();
        cmd.args(["-w", "-t", "60", "-m", "fast", "stop"]);
        self.run(cmd, "pg_ctl stop")
    }

    pub(crate) fn start_again(&self) -> Result<(), Error> {
        let _control = self.control.lock().unwrap_or_else(|e| e.into_inner());
        self.pg_ctl_start()?;
        self.wait_ready()
    }

    fn initdb(&self, password: &str) -> Result<(), Error> {
        // Read by initdb as the postgres user, then removed; the directory is that user's alone.
        let pwfile = self.root.join("superuser-password");
        std::fs::write(&pwfile, password).map_err(io("write the superuser's password file"))?;
        let mut cmd = self.tool("initdb");
        cmd.arg("-D").arg(&self.data);
        cmd.args(["-U", SUPERUSER, "-E", "UTF8", "--locale=C"]);
        cmd.args(["--auth-local=trust", "--auth-host=scram-sha-256"]);
        cmd.arg(format!("--pwfile={}", pwfile.display()));
        // No fsync of the new cluster: 0.8 s instead of 3.5 s here, and nothing must survive.
        cmd.arg("--no-sync");
        let result = self.run(cmd, "initdb");
        let _ = std::fs::remove_file(&pwfile);
        result
    }

    fn pg_ctl_start(&self) -> Result<(), Error> {
        let mut cmd = self.pg_ctl();
        cmd.arg("-l").arg(&self.log);
        cmd.args(["-w", "-t", "60", "-o", &self.options(), "start"]);
        self.run(cmd, "pg_ctl start")
    }

    /// The server's options. Durability is off: these servers hold nothing worth keeping.
    fn options(&self) -> String {
        let tls = match &self.tls_ca {
            Some(_) => format!(
                " -c ssl=on -c ssl_cert_file='{0}/server.crt' -c ssl_key_file='{0}/server.key'",
                self.root.display()
            ),
            None => String::new(),
        };
        format!(
            "-k '{}' -p {} -c listen_addresses={HOST} -c fsync=off -c full_page_writes=off \
             -c synchronous_commit=off{tls}",
            self.socket.display(),
            self.port
        )
    }

    fn pg_ctl(&self) -> Command {
        let mut cmd = self.tool("pg_ctl");
        cmd.arg("-D").arg(&self.data);
        cmd
    }

    fn tool(&self, name: &str) -> Command {
        let mut cmd = tool_command(&self.bin, self.as_postgres, name);
        // The postgres user may not be allowed into the test's working directory.
        cmd.current_dir(&self.root).stdin(Stdio::null());
        cmd
    }

    fn run(&self, mut cmd: Command, what: &str) -> Result<(), Error> {
        let output = cmd.output().map_err(io(&format!("run {what}")))?;
        if output.status.success() {
            return Ok(());
        }
        let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stdout));
        let log = self.log_tail();
        if !log.is_empty() {
            text.push_str("\nserver log:\n");
            text.push_str(&log);
        }
        Err(Error::Command { what: what.to_owned(), status: output.status.to_string(), output: text.trim().to_owned() })
    }

    fn log_tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(&self.log) {
            let _ = file.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    fn log_says(&self, needle: &str) -> bool {
        self.log_tail().contains(needle)
    }

    /// Waits until the superuser can connect over TCP, the way the tests' clients do.
    fn wait_ready(&self) -> Result<(), Error> {
        let started = Instant::now();
        loop {
            let attempt = self
                .superuser_url
                .parse::<Config>()
                .and_then(|mut config| {
                    config.connect_timeout(Duration::from_secs(2));
                    config.connect(NoTls)
                })
                .and_then(|mut client: Client| client.simple_query("SELECT 1"));
            match attempt {
                Ok(_) => return Ok(()),
                Err(e) if started.elapsed() >= READY_WITHIN => {
                    return Err(Error::NotReady { waited: READY_WITHIN, last: e.to_string() })
                }
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }
}

impl Drop for Server {
    /// Sets the reaper off and waits for it: the server is stopped and its directory gone.
    fn drop(&mut self) {
        let reaper = self.reaper.get_mut().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(Reaper { mut child, _pipe }) = reaper {
            drop(_pipe);
            let _ = child.wait();
        }
    }
}

fn tool_command(bin: &Path, as_postgres: bool, name: &str) -> Command {
    if as_postgres {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(bin.join(name));
        cmd
    } else {
        Command::new(bin.join(name))
    }
}

fn spawn_reaper(bin: &Path, as_postgres: bool, root: &Path) -> Result<Reaper, Error> {
    let pg_ctl = tool_command(bin, as_postgres, "pg_ctl");
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(REAPER).arg("gatehouse-testpg-reaper").arg(root);
    cmd.arg(pg_ctl.get_program()).args(pg_ctl.get_args());
    // Its own process group: Ctrl-C in a terminal reaches the tests, not the reaper.
    cmd.process_group(0).current_dir("/");
    cmd.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::null());
    let mut child = cmd.spawn().map_err(io("start the reaper (sh)"))?;
    let pipe = child.stdin.take().expect("the reaper's stdin is piped");
    Ok(Reaper { child, _pipe: pipe })
}

/// `pg_config --bindir` when it has the server programs, else Debian's newest
/// `/usr/lib/postgresql/<version>/bin` (`pg_config` comes with `libpq-dev`, not the server).
fn find_bindir() -> Result<PathBuf, Error> {
    let mut candidates = Vec::new();
    if let Ok(output) = Command::new("pg_config").arg("--bindir").output() {
        if output.status.success() {
            let dir = String::from_utf8_lossy(&output.stdout).trim().to_owned();
            candidates.push(PathBuf::from(dir));
        }
    }
    let mut versions: Vec<u32> = std::fs::read_dir(DEBIAN_ROOT)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort_unstable_by(|a, b| b.cmp(a));
    candidates.extend(versions.iter().map(|v| Path::new(DEBIAN_ROOT).join(format!("{v}/bin"))));
    if let Some(dir) = candidates.iter().find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file()) {
        return Ok(dir.clone());
    }
    Err(Error::NotInstalled { looked_in: format!("`pg_config --bindir` and {DEBIAN_ROOT}/<version>/bin") })
}

fn postgres_ids() -> Result<(u32, u32), Error> {
    let id = |flag: &str| -> Option<u32> {
        let output = Command::new("id").args([flag, "postgres"]).output().ok()?;
        if !output.status.success() {
            return None;
        }
        String::from_utf8_lossy(&output.stdout).trim().parse().ok()
    };
    match (id("-u"), id("-g")) {
        (Some(uid), Some(gid)) => Ok((uid, gid)),
        _ => Err(Error::NoPostgresUser),
    }
}

fn free_port() -> Result<u16, Error> {
    let listener = TcpListener::bind((HOST, 0)).map_err(io("find a free port"))?;
    let port = listener.local_addr().map_err(io("find a free port"))?.port();
    Ok(port)
}

/// The superuser's password on TCP (other users of a shared machine can reach 127.0.0.1).
fn random_password() -> Result<String, Error> {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).map_err(io("read /dev/urandom"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn io(what: &str) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io { what: format!("could not {what}"), source }
}
