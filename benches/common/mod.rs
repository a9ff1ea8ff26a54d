//! What the benchmarks share: a copy of the sample monitor to work on.

use std::path::Path;

/// The repository's sample monitor (site.toml, content/, data/, themes/) in a temporary folder.
pub fn sample_copy() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().expect("temp dir");
    for part in ["content", "data", "themes"] {
        copy(&repo.join(part), &site.path().join(part));
    }
    std::fs::copy(repo.join("site.toml"), site.path().join("site.toml")).expect("site.toml");
    site
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
