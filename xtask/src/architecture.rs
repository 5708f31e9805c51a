//! The check that keeps ARCHITECTURE.md short and true: it stays under 250 lines, and every
//! repository path it names (in backticks, starting with `crates/`, `docs/`, `xtask/` or
//! `.ci/`) exists. Run by `cargo test --workspace` as this crate's unit test.

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The longest ARCHITECTURE.md may grow: a map of what changes rarely, not a file atlas.
    const MAX_LINES: usize = 250;

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap_or(Path::new("."))
    }

    /// The backticked spans of `text` that name a repository path.
    fn named_paths(text: &str) -> Vec<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .map(|span| span.trim_end_matches(['/', ',', '.']).to_owned())
            .filter(|span| {
                ["crates/", "docs/", "xtask/", ".ci/"]
                    .iter()
                    .any(|prefix| span.starts_with(prefix))
                    && !span.contains(['*', ' ', '{', '<'])
            })
            .collect()
    }

    #[test]
    fn architecture_is_short_and_every_path_it_names_exists() {
        let text = std::fs::read_to_string(root().join("ARCHITECTURE.md"))
            .unwrap_or_else(|e| panic!("ARCHITECTURE.md: {e}"));
        let lines = text.lines().count();
        assert!(
            lines < MAX_LINES,
            "ARCHITECTURE.md has {lines} lines; keep it under {MAX_LINES}"
        );
        let paths = named_paths(&text);
        assert!(paths.len() >= 20, "too few paths named: {paths:?}");
        let missing: Vec<&String> = paths.iter().filter(|p| !root().join(p).exists()).collect();
        assert!(
            missing.is_empty(),
            "ARCHITECTURE.md names paths that do not exist: {missing:?}"
        );
    }

    #[test]
    fn the_path_finder_reads_backticked_repository_paths_only() {
        let text = "see `crates/lb-nodes/src/`, `lb_nodes::create`, `docs/api/`, `crates/*/tests`";
        assert_eq!(named_paths(text), ["crates/lb-nodes/src", "docs/api"]);
    }
}
