//! Benchmark: the whole build of the sample monitor (release: `cargo bench --bench sample_build`).
//! Reports the median wall time of the in-memory stages and of a full build to disk.

use std::path::Path;
use std::time::{Duration, Instant};

use folio::build::{self, BuildOptions};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().expect("temp dir");
    for part in ["content", "data", "themes"] {
        copy(&repo.join(part), &site.path().join(part));
    }
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).expect("site.toml");
    let options = BuildOptions::default();
    let runs = 30;

    for _ in 0..3 {
        build::build(site.path(), options).expect("warm-up build");
    }
    let in_memory: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            build::prepare(site.path(), options).expect("prepare");
            started.elapsed()
        })
        .collect();
    let to_disk: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            build::build(site.path(), options).expect("build");
            started.elapsed()
        })
        .collect();
    let pages = build::prepare(site.path(), options).expect("prepare").pages;
    println!("sample monitor: {pages} pages, {runs} runs each");
    println!("  load + check + render (in memory): median {:.1} ms", median(in_memory).as_secs_f64() * 1000.0);
    println!("  full build to disk:                median {:.1} ms", median(to_disk).as_secs_f64() * 1000.0);
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
