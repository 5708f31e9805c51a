//! `cargo xtask package` and `cargo xtask man`.
//!
//! `package` checks what crates.io and docs.rs need before `cargo package` is asked: every
//! published crate (one without `publish = false`) declares a description, a readme that
//! exists, keywords, categories, its documentation URL, the repository, the licence and
//! `rust-version`, and carries copies of the root `LICENSE-MIT` and `LICENSE-APACHE` identical to
//! them; no dependency in `Cargo.lock` needs a newer Rust than the workspace's `rust-version`.
//! Then it runs `cargo package --workspace` (which needs the crates.io index, so it is not part
//! of `ci`).

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::{run, target_dir, workspace_root};

const LICENCES: [&str; 2] = ["LICENSE-MIT", "LICENSE-APACHE"];
const FIELDS: [&str; 8] = [
    "description",
    "readme",
    "keywords",
    "categories",
    "documentation",
    "repository",
    "license",
    "rust_version",
];

/// `cargo xtask package [--allow-dirty]`.
pub(crate) fn package(args: &[String]) -> Result<()> {
    let allow_dirty = args.iter().any(|a| a == "--allow-dirty");
    if let Some(unknown) = args.iter().find(|a| *a != "--allow-dirty") {
        bail!("unknown package option {unknown}; expected --allow-dirty");
    }
    let root = workspace_root()?;
    let metadata = metadata(&root)?;
    let published = check_manifests(&root, &metadata)?;
    check_rust_version(&metadata)?;
    eprintln!(
        "xtask: manifests and licences of {} ready",
        published.join(", ")
    );
    let mut cargo = vec!["package", "--workspace", "--locked"];
    if allow_dirty {
        cargo.push("--allow-dirty");
    }
    run("cargo", &cargo, &[])
}

/// `cargo xtask man`: writes rackcloud.1 and a page per subcommand into `<target>/man`.
pub(crate) fn man() -> Result<()> {
    run("cargo", &["build", "--locked", "-p", "rackcloud-cli"], &[])?;
    let target = target_dir()?;
    let out = target.join("man");
    let cli = target.join("debug").join("rackcloud");
    let status = std::process::Command::new(&cli)
        .arg("man")
        .arg("--dir")
        .arg(&out)
        .status()
        .with_context(|| format!("could not start {}", cli.display()))?;
    if !status.success() {
        bail!("rackcloud man failed ({status})");
    }
    eprintln!("xtask: manual pages written to {}", out.display());
    eprintln!(
        "xtask: read one with `man -l {}`",
        out.join("rackcloud.1").display()
    );
    Ok(())
}

/// `cargo metadata` of the workspace, with its dependencies.
pub(crate) fn metadata(root: &Path) -> Result<Value> {
    let output = std::process::Command::new("cargo")
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--locked"])
        .output()
        .context("could not start cargo metadata")?;
    if !output.status.success() {
        bail!(
            "cargo metadata failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    serde_json::from_slice(&output.stdout).context("cargo metadata printed no JSON")
}

/// The names of the published workspace crates, once each carries what publishing needs.
fn check_manifests(root: &Path, metadata: &Value) -> Result<Vec<String>> {
    let members: Vec<&str> = metadata["workspace_members"]
        .as_array()
        .context("no workspace_members")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut published = Vec::new();
    let mut problems = Vec::new();
    for package in packages(metadata) {
        let id = package["id"].as_str().unwrap_or_default();
        if !members.contains(&id) || package["publish"] == Value::Array(Vec::new()) {
            continue;
        }
        let name = package["name"].as_str().unwrap_or_default().to_owned();
        let manifest = Path::new(package["manifest_path"].as_str().unwrap_or_default());
        let dir = manifest.parent().context("a manifest has no directory")?;
        for field in FIELDS {
            let value = &package[field];
            let empty = value.is_null()
                || value.as_str() == Some("")
                || value.as_array().is_some_and(Vec::is_empty);
            if empty {
                problems.push(format!("{name}: no `{}`", field.replace('_', "-")));
            }
        }
        if let Some(readme) = package["readme"].as_str()
            && !dir.join(readme).is_file()
        {
            problems.push(format!("{name}: readme {readme} does not exist"));
        }
        for licence in LICENCES {
            let wanted = std::fs::read(root.join(licence)).with_context(|| licence.to_owned())?;
            match std::fs::read(dir.join(licence)) {
                Ok(copy) if copy == wanted => {}
                Ok(_) => problems.push(format!("{name}: {licence} differs from the root's")),
                Err(_) => problems.push(format!(
                    "{name}: no {licence} (copy the root's into {})",
                    dir.display()
                )),
            }
        }
        published.push(name);
    }
    if !problems.is_empty() {
        bail!("not ready to publish:\n  {}", problems.join("\n  "));
    }
    Ok(published)
}

/// No package in the lock file needs a newer Rust than the workspace's `rust-version`.
fn check_rust_version(metadata: &Value) -> Result<()> {
    let version = |v: &Value| -> Option<Vec<u64>> {
        v.as_str()
            .map(|s| s.split('.').filter_map(|n| n.parse().ok()).collect())
    };
    let ours = packages(metadata)
        .filter(|p| p["source"].is_null())
        .filter_map(|p| version(&p["rust_version"]))
        .min()
        .context("no workspace crate declares rust-version")?;
    let newer: Vec<String> = packages(metadata)
        .filter_map(|p| {
            let needs = version(&p["rust_version"])?;
            (needs > ours)
                .then(|| format!("{} {} needs {}", p["name"], p["version"], p["rust_version"]))
        })
        .collect();
    if !newer.is_empty() {
        bail!("rust-version is too old for:\n  {}", newer.join("\n  "));
    }
    Ok(())
}

fn packages(metadata: &Value) -> impl Iterator<Item = &Value> {
    metadata["packages"].as_array().into_iter().flatten()
}
