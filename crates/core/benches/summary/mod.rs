//! The machine-readable summary each benchmark leaves for `scripts/bench-table.py`:
//! `<target dir>/bench-results/<name>.json`. The target directory is `CARGO_TARGET_DIR` when set
//! (a relative one is taken from the workspace root, where `make` runs cargo) and the workspace's
//! `target/` otherwise; the table script applies the same rule.

use std::path::PathBuf;

/// Writes `figures` (a JSON object) with how the run was made: the benchmark, smoke or real run,
/// the command with the environment variables among `vars` that were set, the time and the cores.
/// A run on PostgreSQL (`GATEHOUSE_BENCH_STORE=postgres`) is written as `<bench>-postgres.json`,
/// its command with that variable and the `postgres` feature.
pub fn write(bench: &str, bench_mode: bool, vars: &[&str], figures: serde_json::Value) {
    let postgres = std::env::var("GATEHOUSE_BENCH_STORE").is_ok_and(|v| v == "postgres");
    let name = if postgres { format!("{bench}-postgres") } else { bench.to_owned() };
    // Cargo runs a benchmark in its package's directory (`crates/<name>`); the workspace is above.
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let workspace = workspace.canonicalize().unwrap_or(workspace);
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => workspace.join(dir), // an absolute path replaces `workspace`
        _ => workspace.join("target"),
    };
    let dir = target.join("bench-results");
    let path = dir.join(format!("{name}.json"));

    let mut command: Vec<String> = postgres.then(|| "GATEHOUSE_BENCH_STORE=postgres".to_owned()).into_iter().collect();
    command.extend(vars.iter().filter_map(|v| std::env::var(v).ok().map(|value| format!("{v}={value}"))));
    // The package of the benchmark that includes this module (the server's includes it too).
    let package = env!("CARGO_PKG_NAME");
    let features = if postgres { " --features postgres" } else { "" };
    command.push(if bench_mode {
        format!("cargo bench -p {package}{features} --bench {bench}")
    } else {
        format!("cargo test -p {package}{features} --bench {bench}")
    });
    let mut doc = serde_json::json!({
        "bench": name,
        "mode": if bench_mode { "bench" } else { "smoke" },
        "command": command.join(" "),
        "unix_time": std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default(),
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    });
    if let (Some(doc), serde_json::Value::Object(figures)) = (doc.as_object_mut(), figures) {
        doc.extend(figures);
    }
    let text = serde_json::to_string_pretty(&doc).expect("JSON of plain numbers");
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, text + "\n"))
        .unwrap_or_else(|e| panic!("writing the summary {}: {e}", path.display()));
    eprintln!("summary written to {}", path.display());
}
