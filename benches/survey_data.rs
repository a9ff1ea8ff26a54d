//! Benchmark: `folio data` on synthetic survey exports of 10,000, 100,000 and 1,000,000
//! rows (the codebook of tests/sites/small-groups: single, routed, multiple-choice, number,
//! scale, NPS and open questions, two segments), run by the release binary. Reports wall
//! time, CPU time, peak memory and the time per 1,000 rows, which stays level when the
//! run is linear in rows. Then the build of that monitor, research report included, in
//! this process: once reading the export, and once more as `folio serve` rebuilds, with
//! the export kept from the first. The exports are generated into a temporary folder at
//! bench time.
//!
//!     cargo bench --bench survey_data                  # every size
//!     cargo bench --bench survey_data -- 1000000       # one size
//!
//! The generator is deterministic: the same N gives the same export, byte for byte.

// getrusage and wait4 measure the child's CPU time and peak memory; std has neither.
#![allow(unsafe_code)]

#[path = "common/measure.rs"]
mod measure;

use measure::{median, run_once, Run};

use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so every run reads the same export.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// The fixture's codebook and pages, and `survey/export-2026.csv` with `rows` organisations.
fn generate(dir: &Path, rows: usize) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/small-groups");
    for entry in walkdir::WalkDir::new(&fixture).into_iter().filter_map(Result::ok) {
        let target = dir.join(entry.path().strip_prefix(&fixture).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    // As many approached as the export needs: more respondents than approached is an error.
    let codebook = dir.join("survey/codebook.yaml");
    let text = std::fs::read_to_string(&codebook).expect("codebook");
    std::fs::write(&codebook, text.replace("2026: {approached: 90}", &format!("2026: {{approached: {}}}", rows * 2))).expect("codebook");
    let file = std::fs::File::create(dir.join("survey/export-2026.csv")).expect("export");
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "organisatie,omzet,zorgkantoor,tevreden,maatwerk,gehonoreerd,onderwerpen,tarief,lasten,nps,toelichting").unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for row in 0..rows {
        let maatwerk = 1 + rng.below(2);
        let (gehonoreerd, onderwerpen) = if maatwerk == 1 {
            ((1 + rng.below(3)).to_string(), ["1", "2", "3", "1|2", "2|3", "1|3"][rng.below(6) as usize].to_string())
        } else {
            (String::new(), String::new())
        };
        let open = if rng.below(50) == 0 { "Meer ruimte voor maatwerk in de regio" } else { "" };
        let (omzet, zorgkantoor, tevreden) = (1 + rng.below(4), 1 + rng.below(12), 1 + rng.below(3));
        let (whole, tenth) = (94 + rng.below(5), rng.below(10));
        let (lasten, nps) = (1 + rng.below(5), rng.below(11));
        writeln!(
            out,
            "Org {row},{omzet},{zorgkantoor},{tevreden},{maatwerk},{gehonoreerd},{onderwerpen},{whole}.{tenth},{lasten},{nps},{open}"
        )
        .unwrap();
    }
    out.flush().unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000, 1_000_000] } else { sizes };
    println!(
        "{:>9} {:>10} {:>10} {:>10} {:>8} {:>10} {:>14}",
        "rows", "export MB", "wall (ms)", "cpu (ms)", "cpu/wall", "peak (MB)", "ms/1000 rows"
    );
    let mut builds = Vec::new();
    for &rows in &sizes {
        // Under target/, on the project's own disk: /tmp may be a slower file system.
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
        generate(dir.path(), rows);
        let size = std::fs::metadata(dir.path().join("survey/export-2026.csv")).expect("export").len();
        let runs = if rows >= 1_000_000 { 3 } else { 5 };
        run_once(dir.path(), "data"); // warm-up: page cache, data/ written once
        let results: Vec<Run> = (0..runs).map(|_| run_once(dir.path(), "data")).collect();
        let wall = median(results.iter().map(|r| r.wall).collect());
        let cpu = median(results.iter().map(|r| r.cpu).collect());
        let peak = median(results.iter().map(|r| r.peak_kb).collect());
        println!(
            "{:>9} {:>10.1} {:>10.0} {:>10.0} {:>8.2} {:>10.1} {:>14.2}",
            rows,
            size as f64 / 1e6,
            wall.as_secs_f64() * 1000.0,
            cpu.as_secs_f64() * 1000.0,
            cpu.as_secs_f64() / wall.as_secs_f64(),
            peak as f64 / 1024.0,
            wall.as_secs_f64() * 1000.0 / (rows as f64 / 1000.0)
        );
        builds.push((rows, build_twice(dir.path())));
    }
    println!("\n{:>9} {:>22} {:>22}", "rows", "build, reading (ms)", "rebuild, kept (ms)");
    for (rows, (first, again)) in builds {
        println!("{:>9} {:>22.0} {:>22.0}", rows, first.as_secs_f64() * 1000.0, again.as_secs_f64() * 1000.0);
    }
}

/// The monitor built in memory twice with one source cache, as `folio serve` does: the
/// first build reads the export, the second takes it from the cache.
fn build_twice(site: &Path) -> (Duration, Duration) {
    let mut cache = folio::survey::SourceCache::default();
    let options = folio::build::BuildOptions::default();
    let started = Instant::now();
    folio::build::prepare_with(site, options, &mut cache).expect("build");
    let first = started.elapsed();
    let started = Instant::now();
    folio::build::prepare_with(site, options, &mut cache).expect("rebuild");
    assert_eq!(cache.reads(), 1, "the rebuild kept the export");
    (first, started.elapsed())
}
