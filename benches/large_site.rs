//! Benchmark: synthetic monitors of 100, 1,000 and 10,000 pages, with and without a chart
//! per page, built by the release binary after a warm-up. Reports median wall time, CPU
//! time, peak memory and pages per second.
//!
//!     cargo bench --bench large_site                 # every size
//!     cargo bench --bench large_site -- 10000        # one size
//!     cargo bench --bench large_site -- 10000 --keep # and keep the site in /tmp
//!
//! The generator is deterministic: the same N gives the same site, byte for byte.

// getrusage and wait4 measure the child's CPU time and peak memory; std has neither.
#![allow(unsafe_code)]

#[path = "common/measure.rs"]
mod measure;

use measure::{median, run_once, Run};

use std::fmt::Write as _;
use std::path::Path;

const WORDS: &[&str] = &[
    "zorg",
    "zorgkantoor",
    "aanbieder",
    "afspraken",
    "tarief",
    "cliënten",
    "verpleeghuis",
    "capaciteit",
    "inkoop",
    "beleid",
    "regio",
    "personeel",
    "kwaliteit",
    "gesprek",
    "ruimte",
    "jaar",
    "budget",
    "opslag",
    "wachtlijst",
    "organisatie",
    "samenwerking",
    "bestuurder",
    "monitor",
    "uitkomst",
    "ontwikkeling",
    "behandeling",
    "innovatie",
    "de",
    "het",
    "een",
    "en",
    "van",
    "voor",
    "met",
    "over",
    "bij",
    "naar",
    "door",
    "dat",
    "niet",
    "meer",
    "ook",
    "als",
    "wordt",
    "worden",
    "heeft",
    "hebben",
    "kan",
    "kunnen",
    "moet",
    "gaat",
    "blijft",
    "vraagt",
    "ziet",
    "maakt",
    "nieuwe",
    "grote",
    "kleine",
    "landelijke",
    "regionale",
    "structurele",
    "eenmalige",
    "goede",
    "lastige",
    "duidelijke",
];

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
    fn sentence(&mut self) -> String {
        let length = 8 + self.below(12);
        let mut sentence = String::new();
        for i in 0..length {
            let word = self.word();
            if i == 0 {
                let mut chars = word.chars();
                sentence.extend(chars.next().map(|c| c.to_uppercase().collect::<String>()));
                sentence.push_str(chars.as_str());
            } else {
                sentence.push(' ');
                sentence.push_str(word);
            }
        }
        sentence.push('.');
        sentence
    }
    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences).map(|_| self.sentence()).collect::<Vec<_>>().join(" ")
    }
}

/// Writes a monitor of `pages` pages (chapters of 20) into `dir`.
fn generate(dir: &Path, pages: usize, charts: bool) {
    let mut rng = Rng(0x5eed_f011_0000 + pages as u64);
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("site.toml"), "title = \"Synthetische monitor\"\nedition = 2026\n").unwrap();
    std::fs::write(dir.join("content/0000-omslag.md"), "---\ntitle: Synthetische monitor\nlayout: cover\n---\n").unwrap();
    let chapters = (pages - 1).div_ceil(20);
    let mut written = 1;
    for chapter in 0..chapters {
        let folder = dir.join(format!("content/{:04}-hoofdstuk-{chapter}", chapter + 1));
        std::fs::create_dir_all(&folder).unwrap();
        let mut data = String::from("questions:\n");
        let in_chapter = (pages - written).min(20);
        for page in 0..in_chapter {
            let mut text = String::with_capacity(6000);
            if page == 0 {
                writeln!(text, "---\ntitle: Hoofdstuk {chapter}\n---\n\n::: quote\n{}\n:::", rng.paragraph(2)).unwrap();
            } else {
                writeln!(text, "---\ntitle: Pagina {chapter}.{page} over {}\n---\n", rng.word()).unwrap();
                writeln!(text, "{}\n", rng.paragraph(4)).unwrap();
                writeln!(text, "## {}\n\n{}\n", rng.sentence(), rng.paragraph(5)).unwrap();
                for _ in 0..4 {
                    writeln!(text, "- {}", rng.sentence()).unwrap();
                }
                writeln!(
                    text,
                    "\n| Antwoord | 2026 | 2025 |\n|---|---|---|\n| Ja | {}% | {}% |\n| Nee | {}% | {}% |\n",
                    40 + page,
                    38 + page,
                    60 - page,
                    62 - page
                )
                .unwrap();
                writeln!(text, "::: quote\nname: Bestuurder\nfunction: Zorgorganisatie {page}\n\n{}\n:::\n", rng.paragraph(2)).unwrap();
                if charts {
                    let id = format!("v-{chapter}-{page}");
                    let ja = 20 + rng.below(60);
                    let ja_before = 20 + rng.below(60);
                    writeln!(
                        data,
                        "  - id: {id}\n    label: Vraag {page}\n    text: {}\n    unit: percentage\n    n: {{2026: 98, 2025: 103}}\n    options:\n      - {{id: ja, label: Ja, values: {{2026: {ja}, 2025: {ja_before}}}}}\n      - {{id: nee, label: Nee, values: {{2026: {}, 2025: {}}}}}",
                        rng.sentence(),
                        100 - ja,
                        100 - ja_before
                    )
                    .unwrap();
                    writeln!(text, "::: result\nlabel: Vraag {page}\ntext: {}\n\n::: chart\nquestion: {id}\nkind: bars\n:::\n\nIn 2026 zei {{{{{id}.ja.2026}}}} ja.\n:::\n", rng.sentence()).unwrap();
                }
                writeln!(text, "## {}\n\n{}\n\n{}", rng.sentence(), rng.paragraph(6), rng.paragraph(5)).unwrap();
            }
            let name = if page == 0 { "_index.md".to_string() } else { format!("{page:02}-pagina-{page}.md") };
            std::fs::write(folder.join(name), text).unwrap();
            written += 1;
        }
        if charts {
            std::fs::write(dir.join(format!("data/hoofdstuk-{chapter}.yaml")), data).unwrap();
        }
    }
    assert_eq!(written, pages);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let keep = args.iter().any(|a| a == "--keep");
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100, 1_000, 10_000] } else { sizes };
    println!(
        "{:>7} {:>7} {:>10} {:>10} {:>8} {:>10} {:>10}",
        "pages", "charts", "wall (ms)", "cpu (ms)", "cpu/wall", "peak (MB)", "pages/s"
    );
    for &pages in &sizes {
        for charts in [false, true] {
            // Under target/, on the project's own disk: /tmp may be a slower file system.
            let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
            generate(dir.path(), pages, charts);
            let runs = if pages >= 10_000 { 5 } else { 10 };
            run_once(dir.path(), "build"); // warm-up: page cache, first output folder
            let results: Vec<Run> = (0..runs).map(|_| run_once(dir.path(), "build")).collect();
            let wall = median(results.iter().map(|r| r.wall).collect());
            let cpu = median(results.iter().map(|r| r.cpu).collect());
            let peak = median(results.iter().map(|r| r.peak_kb).collect());
            println!(
                "{:>7} {:>7} {:>10.0} {:>10.0} {:>8.2} {:>10.1} {:>10.0}",
                pages,
                if charts { "yes" } else { "no" },
                wall.as_secs_f64() * 1000.0,
                cpu.as_secs_f64() * 1000.0,
                cpu.as_secs_f64() / wall.as_secs_f64(),
                peak as f64 / 1024.0,
                pages as f64 / wall.as_secs_f64()
            );
            if keep {
                let kept = dir.keep();
                println!("        site kept in {}", kept.display());
            }
        }
    }
}
