//! Developer tasks for the rackcloud workspace, run as `cargo xtask <task>`.
//!
//! - `ci`: what CI checks, in order: formatting, clippy, rustdoc, then the README's test command
//!   (`cargo test --workspace`), all with warnings denied.
//! - `bench [--quick] [--json]`: builds the benchmark runner, the CLI and the README example in
//!   release mode and runs every scenario against the emulator (see docs/benchmarks.md). Without
//!   `--json` it prints the table and writes it into docs/benchmarks.md; with `--json` it prints
//!   one JSON array on stdout and writes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str);
    let outcome = match task {
        Some("ci") => ci(),
        Some("bench") => bench(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\ntasks:\n  ci                        fmt, clippy, rustdoc and tests, warnings denied\n  bench [--quick] [--json]  measure the SDK against the emulator (docs/benchmarks.md)"
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
    run(
        "cargo",
        &["doc", "--workspace", "--no-deps", "--locked"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
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
fn target_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Ok(PathBuf::from(dir));
    }
    Ok(workspace_root()?.join("target"))
}

/// The workspace root: xtask's manifest directory's parent.
fn workspace_root() -> Result<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .context("xtask has no parent directory")
}

fn run(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result<()> {
    let line = format!("{program} {}", args.join(" "));
    eprintln!("xtask: running {line}");
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .status()
        .with_context(|| format!("could not start {line}"))?;
    if !status.success() {
        bail!("{line} failed ({status})");
    }
    Ok(())
}
