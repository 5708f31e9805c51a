//! docs/api/coverage.md stays true: 72 operations; each function of an existing crate is a
//! `pub fn` of it; each command of a row marked done is one `rackcloud … --help` accepts.
//! Rows of crates not in the workspace yet are skipped, so the table may name them early.

use std::path::{Path, PathBuf};

use crate::common::rackcloud;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file's text under `dir`.
fn sources(dir: &Path, texts: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, texts);
        } else if path.extension().is_some_and(|e| e == "rs") {
            texts.extend(std::fs::read_to_string(&path).ok());
        }
    }
}

/// The rows: (SDK function, CLI command or empty, state).
fn rows() -> Vec<(String, String, String)> {
    let table = std::fs::read_to_string(root().join("docs/api/coverage.md")).expect("coverage.md");
    table
        .lines()
        .filter(|l| l.starts_with("| ") && l[2..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let unquote = |s: &str| s.trim_matches('`').to_owned();
            let cli = unquote(cells[6])
                .strip_prefix("rackcloud ")
                .unwrap_or("")
                .to_owned();
            (unquote(cells[5]), cli, cells[7].to_owned())
        })
        .collect()
}

#[test]
fn the_coverage_table_is_true() {
    let rows = rows();
    assert_eq!(rows.len(), 72, "the documented operations");
    let mut checked = 0;
    for (function, cli, state) in &rows {
        let (krate, name) = function.split_once("::").expect("crate::function");
        let dir = root().join("crates").join(krate.replace('_', "-"));
        assert!(
            dir.is_dir(),
            "{function}: no crate {krate} in the workspace"
        );
        assert_ne!(state, "planned", "{function}: every crate has landed");
        let mut texts = Vec::new();
        sources(&dir.join("src"), &mut texts);
        let defined = texts.iter().any(|t| {
            t.contains(&format!("pub fn {name}(")) || t.contains(&format!("pub fn {name}<"))
        });
        assert!(defined, "{function} is not a public function of {krate}");
        if state == "done" {
            let mut args: Vec<&str> = cli.split_whitespace().collect();
            args.push("--help");
            let run = rackcloud(&args, &[]);
            assert_eq!(run.status, 0, "rackcloud {cli} --help: {run:?}");
        }
        checked += 1;
    }
    assert_eq!(checked, 72, "every row checked");
}
