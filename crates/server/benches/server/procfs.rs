//! What the benchmark reads from Linux's `/proc`: a process's resident memory, and the CPU time
//! of the processes taking part (this one, the server, PostgreSQL's) against the whole machine's,
//! so that a run disturbed by other work on the shared cores says so.

use std::time::Instant;

/// Clock ticks per second of `/proc/*/stat` and `/proc/stat` (USER_HZ, 100 on Linux).
const TICKS: f64 = 100.0;

/// A field of `/proc/PID/status` in KiB: `VmRSS` (resident now) or `VmHWM` (the peak).
pub fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_else(|e| panic!("reading /proc/{pid}/status (is this Linux?): {e}"));
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

/// The numeric fields of `/proc/PID/stat` after the command name and the state: index 0 is
/// field 4 (ppid), index `n - 4` is field `n`.
fn stat_fields(pid: u32) -> Option<Vec<u64>> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 1..];
    Some(rest.split_whitespace().skip(1).map(|f| f.parse().unwrap_or(0)).collect())
}

/// CPU seconds of a process: its own (utime, stime) and, with `children`, those of the
/// children it has waited for (cutime, cstime: PostgreSQL's backends that have exited).
fn cpu_seconds(pid: u32, children: bool) -> f64 {
    // Fields 14 to 17: utime, stime, cutime, cstime.
    let Some(f) = stat_fields(pid) else { return 0.0 };
    let own = f.get(10).copied().unwrap_or(0) + f.get(11).copied().unwrap_or(0);
    let waited = if children { f.get(12).copied().unwrap_or(0) + f.get(13).copied().unwrap_or(0) } else { 0 };
    (own + waited) as f64 / TICKS
}

/// The running children of `parent` (PostgreSQL's backends are the postmaster's).
fn children_of(parent: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else { return Vec::new() };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| stat_fields(pid).and_then(|f| f.first().copied()) == Some(u64::from(parent)))
        .collect()
}

/// Busy CPU seconds of the whole machine, all cores (`/proc/stat`: all but idle and iowait).
fn machine_busy() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let fields: Vec<u64> =
        stat.lines().next().unwrap_or("").split_whitespace().skip(1).filter_map(|f| f.parse().ok()).collect();
    let busy: u64 = fields.iter().take(8).enumerate().filter(|(i, _)| *i != 3 && *i != 4).map(|(_, v)| v).sum();
    busy as f64 / TICKS
}

/// The processes of the benchmark: this one, the server processes, and PostgreSQL.
#[derive(Clone)]
pub struct Ours {
    pub servers: Vec<u32>,
    pub postmaster: Option<u32>,
}

impl Ours {
    /// CPU seconds of the load generator (this process), the servers and PostgreSQL.
    fn cpu(&self) -> [f64; 3] {
        let generator = cpu_seconds(std::process::id(), false);
        let servers = self.servers.iter().map(|&p| cpu_seconds(p, false)).sum::<f64>();
        let postgres = self.postmaster.map_or(0.0, |pm| {
            cpu_seconds(pm, true) + children_of(pm).into_iter().map(|p| cpu_seconds(p, false)).sum::<f64>()
        });
        [generator, servers, postgres]
    }
}

/// CPU use over an interval.
pub struct CpuMeter {
    ours: Ours,
    at: Instant,
    ours_cpu: [f64; 3],
    machine: f64,
}

/// CPU seconds used during an interval, and its wall time.
#[derive(Clone, Copy, Debug)]
pub struct CpuUse {
    pub wall: f64,
    /// The benchmark, the server and PostgreSQL together.
    pub ours: f64,
    /// Of which: the load generator, the server processes, PostgreSQL.
    pub parts: [f64; 3],
    /// Every other process of the machine.
    pub others: f64,
}

impl CpuUse {
    /// The share of all cores that other processes held.
    pub fn others_share(&self, cores: usize) -> f64 {
        self.others / (self.wall * cores as f64)
    }
}

impl CpuMeter {
    pub fn start(ours: &Ours) -> Self {
        Self { ours: ours.clone(), at: Instant::now(), ours_cpu: ours.cpu(), machine: machine_busy() }
    }

    pub fn stop(&self) -> CpuUse {
        let now = self.ours.cpu();
        let parts = [0, 1, 2].map(|i| now[i] - self.ours_cpu[i]);
        let ours = parts.iter().sum::<f64>();
        let machine = machine_busy() - self.machine;
        CpuUse { wall: self.at.elapsed().as_secs_f64(), ours, parts, others: (machine - ours).max(0.0) }
    }
}
