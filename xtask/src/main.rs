//! Developer tasks for the rackcloud workspace, run as `cargo xtask <task>`.
//!
//! - `ci`: what CI checks, in order: formatting, clippy, rustdoc, then the README's test command
//!   (`cargo test --workspace`), all with warnings denied.

use std::process::{Command, ExitCode};

use anyhow::{Context, Result, bail};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str);
    let outcome = match task {
        Some("ci") => ci(),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\ntasks:\n  ci     fmt, clippy, rustdoc and tests, warnings denied"
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
