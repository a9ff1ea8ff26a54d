//! Benchmark: the whole build of the sample monitor (release: `cargo bench --bench sample_build`).
//! Reports the median wall time of the in-memory stages and of a full build to disk.

mod common;

use std::time::{Duration, Instant};

use folio::build::{self, BuildOptions};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let site = common::sample_copy();
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
