//! The check that keeps doc examples readable as written: a reader who copies the visible part
//! of an example has every name it uses except `emulator`. Lines hidden with `# ` in a Rust code
//! block (in `///` and `//!` comments under `crates/*/src`, and in the Markdown files rustdoc
//! runs as doctests or that mark a block `rust`) may only be
//!
//! - the wrapper: `fn main() -> … {`, its `Ok(())` and `}`, or a closing `Ok::<(), …>(())`;
//! - the emulator's start, one statement: `let emulator = rackcloud_emulator::Emulator::…` up to
//!   the line that ends it with `.start()?;`.
//!
//! Everything else an example needs (tokens, clients, URLs, the load balancers it works on) is
//! shown. Run by `cargo test --workspace` as this crate's unit test; a failure names each
//! offending line as `file:line`.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap_or(Path::new("."))
    }

    /// One line of a code block: its 1-based line number in the file and its text (without the
    /// `///` or `//!` of a doc comment).
    type Line<'a> = (usize, &'a str);

    /// Whether rustdoc compiles a block whose fence carries `info`: it does when the tags name
    /// `rust` or are all rustdoc's own (`no_run`, `ignore`, `edition2021`, …), so a bare fence is
    /// Rust and a `text` or `sh` fence is not.
    fn rustdoc_compiles(info: &str) -> bool {
        let tags: Vec<&str> = info
            .split([',', ' ', '\t'])
            .filter(|t| !t.is_empty())
            .collect();
        let own = |t: &str| {
            matches!(
                t,
                "rust"
                    | "no_run"
                    | "ignore"
                    | "should_panic"
                    | "compile_fail"
                    | "test_harness"
                    | "standalone_crate"
            ) || t.starts_with("ignore-")
                || t.starts_with("edition")
                || t.starts_with('{')
                || (t.len() == 5
                    && t.starts_with('E')
                    && t[1..].bytes().all(|b| b.is_ascii_digit()))
        };
        tags.contains(&"rust") || tags.iter().all(|t| own(t))
    }

    /// The fence a line opens or closes (its run of backticks or tildes) and the rest of the line.
    fn fence(text: &str) -> Option<(&str, &str)> {
        let t = text.trim_start();
        let ch = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let run = t.len() - t.trim_start_matches(ch).len();
        (run >= 3).then(|| (&t[..run], t[run..].trim()))
    }

    /// The lines of every Rust code block in `lines`, block by block; `rust` says which fences
    /// hold Rust.
    fn rust_blocks<'a>(lines: &[Line<'a>], rust: impl Fn(&str) -> bool) -> Vec<Vec<Line<'a>>> {
        let mut blocks = Vec::new();
        let mut open: Option<(&str, bool, Vec<Line<'a>>)> = None;
        for &(n, text) in lines {
            match (open.take(), fence(text)) {
                (None, Some((run, info))) => open = Some((run, rust(info), Vec::new())),
                (None, None) => {}
                (Some((run, is_rust, block)), Some((close, ""))) if close.starts_with(run) => {
                    if is_rust {
                        blocks.push(block);
                    }
                }
                (Some((run, is_rust, mut block)), _) => {
                    block.push((n, text));
                    open = Some((run, is_rust, block));
                }
            }
        }
        blocks
    }

    /// The doc comments of a Rust file, one `Vec` per run of `///` or `//!` lines.
    fn doc_comments(text: &str) -> Vec<Vec<Line<'_>>> {
        let mut comments: Vec<Vec<Line<'_>>> = Vec::new();
        let mut last: Option<(usize, &str)> = None;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let kind = ["///", "//!"]
                .into_iter()
                .find(|k| t.starts_with(k) && !t.starts_with("////"));
            let Some(kind) = kind else { continue };
            let body = &t[3..];
            match (last, comments.last_mut()) {
                (Some((prev, prev_kind)), Some(comment)) if prev + 1 == i && prev_kind == kind => {
                    comment.push((i + 1, body))
                }
                _ => comments.push(vec![(i + 1, body)]),
            }
            last = Some((i, kind));
        }
        comments
    }

    /// The text of a line rustdoc hides (`# …`, or `#` alone), if it is one.
    fn hidden(text: &str) -> Option<&str> {
        let t = text.trim();
        t.strip_prefix("# ").or((t == "#").then_some(""))
    }

    fn is_wrapper(text: &str) -> bool {
        let t = text.trim();
        (t.starts_with("fn main() -> ") && t.ends_with('{'))
            || t == "Ok(())"
            || t == "}"
            || (t.starts_with("Ok::<(), ") && t.ends_with(">(())"))
    }

    /// The hidden lines of one block that break the rule, with their line numbers.
    fn violations<'a>(block: &[Line<'a>]) -> Vec<Line<'a>> {
        let mut bad = Vec::new();
        let mut i = 0;
        while i < block.len() {
            let (n, text) = block[i];
            i += 1;
            let Some(h) = hidden(text) else { continue };
            if h.trim()
                .starts_with("let emulator = rackcloud_emulator::Emulator::")
            {
                // The start statement: this line and the hidden lines that continue it.
                let mut statement = vec![(n, text)];
                let mut end = h.trim_end();
                while !end.ends_with(';') && i < block.len() {
                    let Some(next) = hidden(block[i].1) else {
                        break;
                    };
                    statement.push(block[i]);
                    end = next.trim_end();
                    i += 1;
                }
                if !(end.ends_with(".start()?;") || end.ends_with("Emulator::start()?;")) {
                    bad.extend(statement);
                }
            } else if !is_wrapper(h) {
                bad.push((n, text));
            }
        }
        bad
    }

    /// Every file under `dir` (recursively) whose name ends with `ext`, sorted.
    fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                files(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }

    /// The Markdown files rustdoc runs as doctests: those a crate's source includes with
    /// `include_str!`, as paths relative to the workspace root.
    fn doctested_markdown(sources: &[(PathBuf, String)]) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for (path, text) in sources {
            for piece in text.split("include_str!(\"").skip(1) {
                let Some(rel) = piece.split('"').next().filter(|r| r.ends_with(".md")) else {
                    continue;
                };
                let dir = path.parent().unwrap_or(Path::new("."));
                if let Ok(full) = dir.join(rel).canonicalize() {
                    out.push(full);
                }
            }
        }
        out
    }

    /// The Rust blocks of a Markdown file: as rustdoc reads them when it runs the file as
    /// doctests (a bare fence is Rust), else the blocks marked `rust`.
    fn markdown_blocks(text: &str, doctested: bool) -> Vec<Vec<Line<'_>>> {
        let lines: Vec<Line<'_>> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
        if doctested {
            rust_blocks(&lines, rustdoc_compiles)
        } else {
            rust_blocks(&lines, |info| info.split([',', ' ']).any(|t| t == "rust"))
        }
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn doc_examples_hide_only_the_wrapper_and_the_emulator_start() {
        let root = root();
        let mut rs = Vec::new();
        let crates = std::fs::read_dir(root.join("crates")).expect("crates/");
        for krate in crates.flatten() {
            files(&krate.path().join("src"), "rs", &mut rs);
        }
        rs.sort();
        let sources: Vec<(PathBuf, String)> = rs
            .into_iter()
            .map(|path| {
                let text = read(&path);
                (path, text)
            })
            .collect();
        let doctested = doctested_markdown(&sources);
        let mut md = vec![root.join("README.md")];
        files(&root.join("docs"), "md", &mut md);

        let mut report = Vec::new();
        let mut blocks_seen = 0;
        let mut note = |path: &Path, blocks: Vec<Vec<Line<'_>>>| {
            blocks_seen += blocks.len();
            let shown = path
                .strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string();
            for (n, text) in blocks.iter().flat_map(|b| violations(b)) {
                report.push(format!("{shown}:{n}: {}", text.trim()));
            }
        };
        for (path, text) in &sources {
            for comment in doc_comments(text) {
                note(path, rust_blocks(&comment, rustdoc_compiles));
            }
        }
        for path in &md {
            let text = read(path);
            let included = path.canonicalize().is_ok_and(|p| doctested.contains(&p));
            note(path, markdown_blocks(&text, included));
        }
        assert!(
            doctested.len() >= 2,
            "too few doctested guides: {doctested:?}"
        );
        assert!(blocks_seen >= 100, "too few examples found: {blocks_seen}");
        assert!(
            report.is_empty(),
            "{} hidden lines in doc examples are neither the `fn main` wrapper nor the \
             emulator's start; show them:\n{}",
            report.len(),
            report.join("\n")
        );
    }

    #[test]
    fn the_finder_flags_hidden_setup_and_passes_the_wrapper_and_the_start() {
        let text = r#"
/// Text with `# not code`.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder()
/// #     .default_seed()
/// #     .start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// let x = 1;
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// ## not hidden
/// # Ok(())
/// # }
/// ```
///
/// ```text
/// # a comment in shell output
/// ```
//! ```no_run
//! # let emulator = rackcloud_emulator::Emulator::builder()
//! let y = 2;
//! #
//! # Ok::<(), rackcloud_core::Error>(())
//! ```
fn f() {}
"#;
        let found: Vec<usize> = doc_comments(text)
            .iter()
            .flat_map(|c| rust_blocks(c, rustdoc_compiles))
            .flat_map(|b| violations(&b))
            .map(|(n, _)| n)
            .collect();
        assert_eq!(found, [9, 21, 23]);
        assert!(rustdoc_compiles("rust,no_run") && rustdoc_compiles(""));
    }

    #[test]
    fn in_markdown_a_bare_fence_is_rust_only_where_rustdoc_runs_the_file() {
        let text = "# Title\n\n```\n# let token = 1;\n```\n\n```rust\n# let client = 2;\n```\n";
        let found = |doctested| -> Vec<usize> {
            markdown_blocks(text, doctested)
                .iter()
                .flat_map(|b| violations(b))
                .map(|(n, _)| n)
                .collect()
        };
        assert_eq!(found(true), [4, 8]);
        assert_eq!(found(false), [8]);
        assert!(!rustdoc_compiles("text") && !rustdoc_compiles("sh"));
    }
}
