//! The hashing threads' memory when many threads hash at once. Which malloc arena glibc gives a
//! new thread depends on the threads that came and went before it, so the case runs in a child
//! process of its own (this test binary again, running one ignored test), without an operator's
//! `GLIBC_TUNABLES`. Without `hashing::start` lifting glibc's arena limit and the hashing threads
//! holding their block between hashes, each hashing thread here faults in two more 19 MiB blocks.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use std::process::Command;
use std::sync::Barrier;

use gatehouse_core::hashing;

/// Minor page faults so far of each hashing thread (`argon2id`).
fn hashing_threads_faults() -> Vec<u64> {
    let mut faults = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap() {
        let Ok(stat) = std::fs::read_to_string(task.unwrap().path().join("stat")) else { continue };
        // pid (comm) state ppid … minflt is the 10th field, the 8th after the command.
        let (head, rest) = stat.rsplit_once(')').unwrap();
        if head.ends_with("(argon2id") {
            faults.push(rest.split_whitespace().nth(7).unwrap().parse::<u64>().unwrap());
        }
    }
    faults
}

fn hash() {
    hashing::hash_with_salt(b"Correct-Horse-42", b"saltsaltsaltsalt").unwrap();
}

/// Runs the ignored test `name` in a child process.
fn in_child(name: &str) {
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--ignored", "--nocapture", "--test-threads=1"])
        .env_remove("GLIBC_TUNABLES")
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && log.contains("1 passed"), "{name} in a child process:\n{log}");
}

#[test]
fn hashing_threads_keep_one_block_each_while_64_threads_hash() {
    in_child("sixty_four_callers_fault_in_no_second_block");
}

#[test]
#[ignore = "run in a child process by the test above"]
fn sixty_four_callers_fault_in_no_second_block() {
    hashing::start();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let block_pages = u64::from(hashing::M_COST) / 4;
    // Every hashing thread past its first two hashes (the first maps a fresh block, the second
    // faults in the one its arena keeps from then on): as many callers as cores, together.
    for _ in 0..30 {
        let together = Barrier::new(cores);
        std::thread::scope(|scope| {
            for _ in 0..cores {
                scope.spawn(|| {
                    together.wait();
                    hash();
                });
            }
        });
        let faults = hashing_threads_faults();
        if faults.len() == cores && faults.iter().all(|f| *f >= 2 * block_pages) {
            break;
        }
    }
    let before = hashing_threads_faults();
    assert!(before.iter().all(|f| *f >= 2 * block_pages), "not every hashing thread warmed up: {before:?}");

    // 64 callers at once, each keeping small allocations while it hashes.
    let callers = 64;
    let holding = Barrier::new(callers);
    std::thread::scope(|scope| {
        for _ in 0..callers {
            scope.spawn(|| {
                let small: Vec<Box<[u8; 48]>> = (0..16).map(|_| Box::new([1u8; 48])).collect();
                holding.wait();
                for _ in 0..3 {
                    hash();
                }
                drop(small);
            });
        }
    });
    let after = hashing_threads_faults();
    for (b, a) in before.iter().zip(&after) {
        assert!(
            a - b < block_pages / 2,
            "a hashing thread faulted in {} pages over {} hashes: a second block (one is {block_pages} pages); \
             before {before:?}, after {after:?}",
            a - b,
            callers * 3
        );
    }
}
