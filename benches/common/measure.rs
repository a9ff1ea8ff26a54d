//! One run of the release binary measured for its wall time, CPU time and peak memory, for
//! the benchmarks that time whole commands on big inputs (large_site, survey_data).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Run {
    pub wall: Duration,
    pub cpu: Duration,
    pub peak_kb: u64,
}

/// CPU time (user + system) of all finished child processes so far.
fn children_cpu() -> Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let seconds = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// `folio --root SITE COMMAND` by the release binary, measured with wait4 for its own peak memory.
#[allow(clippy::zombie_processes)] // waited for by wait4, which std's Child does not know
pub fn run_once(site: &Path, command: &str) -> Run {
    let cpu_before = children_cpu();
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--root")
        .arg(site)
        .arg(command)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("folio");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(status, 0, "folio {command} failed");
    Run { wall, cpu: children_cpu() - cpu_before, peak_kb: usage.ru_maxrss as u64 }
}

pub fn median<T: Ord + Copy>(mut values: Vec<T>) -> T {
    values.sort();
    values[values.len() / 2]
}
