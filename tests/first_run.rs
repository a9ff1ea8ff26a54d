//! The README's second command must pass on a fresh machine with only Rust: it is
//! `bash tests/run`, which installs what the tests need and then runs them, and CI runs
//! that same command. Checked here on a stand-in fresh machine: a PATH without Chromium,
//! ChromeDriver or poppler, where apt-get, sudo, npm and cargo only record their calls.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// The commands of the README's first code block, without their comments.
fn readme_commands() -> Vec<String> {
    let readme = read(&repo().join("README.md"));
    let block = readme.split("```sh\n").nth(1).and_then(|rest| rest.split("```").next()).expect("a ```sh block in README.md");
    block.lines().map(|line| line.split('#').next().unwrap().trim().to_string()).filter(|l| !l.is_empty()).collect()
}

#[test]
fn the_readme_runs_the_tests_with_tests_run_and_so_does_ci() {
    assert_eq!(readme_commands(), ["cargo run --release -- build", "bash tests/run"]);
    let ci = read(&repo().join(".ci/run"));
    assert!(ci.lines().any(|line| line.trim() == "bash tests/run"), "{ci}");
    assert!(ci.contains("cargo fmt --check"), "{ci}");
}

/// A program in `bin` that appends its name and arguments to `log` (and, for sudo, runs them).
fn stub(bin: &Path, name: &str, log: &Path, then: &str) {
    let script = format!("#!/bin/bash\necho \"{name} $*\" >> '{}'\n{then}\n", log.display());
    std::fs::write(bin.join(name), script).unwrap();
    Command::new("chmod").arg("+x").arg(bin.join(name)).status().unwrap();
}

#[cfg(unix)]
#[test]
fn on_a_fresh_machine_tests_run_installs_the_browser_tools_and_axe_then_runs_cargo_test() {
    let machine = tempfile::tempdir().unwrap();
    let checkout = machine.path().join("folio");
    std::fs::create_dir_all(checkout.join("tests")).unwrap();
    std::fs::copy(repo().join("tests/run"), checkout.join("tests/run")).unwrap();
    let bin = machine.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = machine.path().join("calls.log");
    for tool in ["apt-get", "npm", "cargo"] {
        stub(&bin, tool, &log, "");
    }
    stub(&bin, "sudo", &log, "\"$@\"");
    for tool in ["dirname", "id"] {
        let real = String::from_utf8(Command::new("bash").args(["-c", &format!("command -v {tool}")]).output().unwrap().stdout).unwrap();
        std::os::unix::fs::symlink(real.trim(), bin.join(tool)).unwrap();
    }

    let output = Command::new("/bin/bash").arg(checkout.join("tests/run")).args(["--test", "errors"]).env("PATH", &bin).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let calls = read(&log);
    let calls: Vec<&str> = calls.lines().filter(|line| !line.starts_with("sudo ")).collect();
    assert_eq!(
        calls,
        [
            "apt-get update -qq",
            "apt-get install -y -qq chromium chromium-driver poppler-utils",
            "npm ci --prefix tests/browser_support --no-audit --no-fund --loglevel=error",
            "cargo test --test errors",
        ]
    );
}
