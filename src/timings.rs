//! `folio build --timings`: where the time of a build goes, per stage, per page and per
//! template, so an author can see why a build is slow.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Wall time per pipeline stage, in the order the stages ran.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
    pub pages: Vec<PageTiming>,
}

/// Time spent on one page, summed over its parts (these run on several cores at once).
#[derive(Debug, Clone, Default)]
pub struct PageTiming {
    pub source: PathBuf,
    pub total: Duration,
    /// Markdown and blocks, charts excluded.
    pub markdown: Duration,
    pub charts: Duration,
    pub templates: Vec<(String, Duration)>,
}

impl Timings {
    /// Runs `work` as the stage `name` and records its wall time.
    pub fn stage<T>(&mut self, name: &'static str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.stages.push((name, started.elapsed()));
        result
    }

    /// A table for the terminal.
    pub fn report(&self) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut out = String::from("stage                              wall ms\n");
        let mut total = Duration::ZERO;
        for (name, duration) in &self.stages {
            let _ = writeln!(out, "  {name:<32} {:>8.1}", ms(*duration));
            total += *duration;
        }
        let _ = writeln!(out, "  {:<32} {:>8.1}", "total", ms(total));
        if self.pages.is_empty() {
            return out;
        }
        let sum = |f: &dyn Fn(&PageTiming) -> Duration| self.pages.iter().map(f).sum::<Duration>();
        let templates_sum = sum(&|p| p.templates.iter().map(|(_, d)| *d).sum());
        let _ = writeln!(
            out,
            "page work, summed over {} pages and all cores: Markdown & blocks {:.1} ms, charts {:.1} ms, templates {:.1} ms",
            self.pages.len(),
            ms(sum(&|p| p.markdown)),
            ms(sum(&|p| p.charts)),
            ms(templates_sum)
        );
        let mut slowest: Vec<&PageTiming> = self.pages.iter().collect();
        slowest.sort_by_key(|page| std::cmp::Reverse(page.total));
        out.push_str("slowest pages                      ms\n");
        for page in slowest.iter().take(5) {
            let _ = writeln!(out, "  {:<32} {:>8.2}", page.source.display().to_string(), ms(page.total));
        }
        let mut by_template: HashMap<&str, (Duration, usize)> = HashMap::new();
        for (name, duration) in self.pages.iter().flat_map(|p| p.templates.iter()) {
            let entry = by_template.entry(name.as_str()).or_default();
            entry.0 += *duration;
            entry.1 += 1;
        }
        let mut templates: Vec<(&str, (Duration, usize))> = by_template.into_iter().collect();
        templates.sort_by_key(|(_, (total, _))| std::cmp::Reverse(*total));
        out.push_str("slowest templates             total ms   renders\n");
        for (name, (duration, count)) in templates.iter().take(5) {
            let _ = writeln!(out, "  {name:<28} {:>10.1} {:>9}", ms(*duration), count);
        }
        out
    }
}
