//! Developer tasks for the rackcloud workspace, run as `cargo xtask <task>`.
//!
//! - `ci`: what CI checks, in order: formatting, clippy, rustdoc (built as `doc` builds it) and
//!   its links, then the README's test command (`cargo test --workspace`), all with warnings
//!   denied.
//! - `doc [--open]`: the workspace's rustdoc with working links between its crates, checked
//!   (see `docs.rs`).
//! - `bench [--quick] [--json]`: builds the benchmark runner, the CLI and the README example in
//!   release mode and runs every scenario against the emulator (see docs/benchmarks.md). Without
//!   `--json` it prints the table and writes it into docs/benchmarks.md; with `--json` it prints
//!   one JSON array on stdout and writes nothing.
//! - `package [--allow-dirty]`: checks every published crate's manifest and licence files, and
//!   that no dependency needs a newer Rust than `rust-version`, then runs
//!   `cargo package --workspace` (it needs the crates.io index: not part of `ci`).
//! - `man`: writes the manual pages of `rackcloud` into `<target>/man`.

mod architecture;
mod doc_examples;
mod docs;
mod publish;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str);
    let outcome = match task {
        Some("ci") => ci(),
        Some("doc") => docs::doc(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("package") => publish::package(&args[1..]),
        Some("man") => publish::man(),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\ntasks:\n  ci                        fmt, clippy, rustdoc and its links, tests, warnings denied\n  doc [--open]              the rustdoc of every crate, linked to each other, checked\n  bench [--quick] [--json]  measure the SDK against the emulator (docs/benchmarks.md)\n  package [--allow-dirty]   check the published crates' manifests and licences, then cargo package --workspace\n  man                       write the manual pages into <target>/man"
            );
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn ci() -> Result<()> {
    run("cargo", &["fmt", "--all", "--", "--check"], &[])?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    let doc_dirs = docs::build(&workspace_root()?, &[("RUSTDOCFLAGS", "-D warnings")])?;
    docs::check(&target_dir()?.join("doc"), &doc_dirs)?;
    // The README's test command, last, so its summary closes the log.
    run("cargo", &["test", "--workspace", "--locked"], &[])
}

fn bench(args: &[String]) -> Result<()> {
    let quick = args.iter().any(|a| a == "--quick");
    let json = args.iter().any(|a| a == "--json");
    if let Some(unknown) = args.iter().find(|a| *a != "--quick" && *a != "--json") {
        bail!("unknown bench option {unknown}; expected --quick and/or --json");
    }
    run(
        "cargo",
        &[
            "build",
            "--release",
            "--locked",
            "-p",
            "rackcloud-bench",
            "-p",
            "rackcloud-cli",
        ],
        &[],
    )?;
    run(
        "cargo",
        &[
            "build",
            "--release",
            "--locked",
            "-p",
            "lb-sessions",
            "--example",
            "readme",
        ],
        &[],
    )?;
    let release = target_dir()?.join("release");
    let root = workspace_root()?;
    let mut command = Command::new(release.join("rackcloud-bench"));
    command
        .current_dir(&root)
        .arg("--cli")
        .arg(release.join("rackcloud"))
        .arg("--example")
        .arg(release.join("examples").join("readme"));
    if quick {
        command.arg("--quick");
    }
    if json {
        command.arg("--json");
    } else {
        command
            .arg("--write")
            .arg(root.join("docs").join("benchmarks.md"));
    }
    let status = command
        .status()
        .context("could not start rackcloud-bench")?;
    if !status.success() {
        bail!("rackcloud-bench failed ({status})");
    }
    Ok(())
}

/// Where cargo puts build output: `CARGO_TARGET_DIR`, or `target/` in the workspace.
pub(crate) fn target_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Ok(PathBuf::from(dir));
    }
    Ok(workspace_root()?.join("target"))
}

/// The workspace root: xtask's manifest directory's parent.
pub(crate) fn workspace_root() -> Result<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .context("xtask has no parent directory")
}

/// Variables `cargo run` sets for the program it starts (xtask) besides every `CARGO_PKG_*`:
/// they describe xtask, not the build a child cargo is asked for.
const PER_CRATE: [&str; 8] = [
    "CARGO_MANIFEST_DIR",
    "CARGO_MANIFEST_PATH",
    "CARGO_CRATE_NAME",
    "CARGO_BIN_NAME",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_TARGET_TMPDIR",
    "CARGO_RUSTC_CURRENT_DIR",
    "OUT_DIR",
];

/// Runs `program args…` with `env` added and xtask's own package variables removed, so that a
/// child cargo sees the environment a plain `cargo` call would. Build scripts that watch those
/// variables (ring's asks to rerun when `CARGO_PKG_NAME` changes) would otherwise be fingerprinted
/// with xtask's values, and the next plain `cargo test --workspace` would rebuild them and
/// everything above them.
pub(crate) fn run(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<()> {
    let line = format!("{program} {}", args.join(" "));
    eprintln!("xtask: running {line}");
    let mut command = Command::new(program);
    for name in inherited_package_vars() {
        command.env_remove(name);
    }
    let status = command
        .args(args)
        .envs(env.iter().copied())
        .status()
        .with_context(|| format!("could not start {line}"))?;
    if !status.success() {
        bail!("{line} failed ({status})");
    }
    Ok(())
}

/// The names of the variables `cargo run` set for xtask that are present now: every
/// `CARGO_PKG_*` and [`PER_CRATE`]. `CARGO_HOME`, `CARGO_TARGET_DIR`, `CARGO_TERM_*`, `RUSTUP_*`
/// and the rest of the caller's configuration stay.
fn inherited_package_vars() -> Vec<std::ffi::OsString> {
    std::env::vars_os()
        .map(|(name, _)| name)
        .filter(|name| {
            name.to_str()
                .is_some_and(|name| name.starts_with("CARGO_PKG_") || PER_CRATE.contains(&name))
        })
        .collect()
}
