//! docs/cli.md and the manual pages stay complete: every command the parser accepts (walked
//! through `--help`, as clap lists it) is in the document's opening synopsis, under a heading of
//! its own, and has a manual page; the document is well-formed Markdown (a blank line before
//! each heading, balanced code fences, command lines and sample output inside code blocks).

use std::path::{Path, PathBuf};

use crate::common::{ok, rackcloud};

fn cli_md() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/cli.md");
    std::fs::read_to_string(path).expect("docs/cli.md")
}

/// Every command path (`["lb", "node", "add"]`), parents included, from `--help`'s lists.
fn commands() -> Vec<Vec<String>> {
    fn walk(path: Vec<String>, out: &mut Vec<Vec<String>>) {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = ok(rackcloud(&args, &[])).stdout;
        let subcommands: Vec<String> = help
            .lines()
            .skip_while(|l| *l != "Commands:")
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter_map(|l| l.split_whitespace().next())
            .filter(|name| *name != "help")
            .map(str::to_owned)
            .collect();
        for name in subcommands {
            let mut sub = path.clone();
            sub.push(name);
            out.push(sub.clone());
            walk(sub, out);
        }
    }
    let mut out = Vec::new();
    walk(Vec::new(), &mut out);
    out
}

/// The commands with no subcommands of their own: the ones that run.
fn leaves(all: &[Vec<String>]) -> Vec<Vec<String>> {
    all.iter()
        .filter(|c| !all.iter().any(|o| o.len() > c.len() && o.starts_with(c)))
        .cloned()
        .collect()
}

/// Whether `words` (`lb logging show|enable|disable <LB_ID>`) names `path`: word by word, one
/// of the `|` alternatives is the path's word.
fn names(words: &str, path: &[String]) -> bool {
    let words: Vec<&str> = words.split_whitespace().collect();
    words.len() >= path.len()
        && path
            .iter()
            .zip(&words)
            .all(|(name, word)| word.split('|').any(|alt| alt == name))
}

/// The lines inside code fences (`inside`) or outside them.
fn lines(doc: &str, inside: bool) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (n, line) in doc.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced == inside {
            out.push((n + 1, line));
        }
    }
    out
}

/// The opening synopsis: the first code block whose first line is `rackcloud [OPTIONS] <COMMAND>`.
fn synopsis(doc: &str) -> Vec<&str> {
    let block: Vec<&str> = doc
        .lines()
        .skip_while(|l| *l != "rackcloud [OPTIONS] <COMMAND>")
        .take_while(|l| !l.starts_with("```"))
        .collect();
    assert!(!block.is_empty(), "docs/cli.md opens with no synopsis");
    block
}

#[test]
fn every_command_is_in_the_synopsis_and_under_a_heading() {
    let doc = cli_md();
    let synopsis = synopsis(&doc);
    let headings: Vec<&str> = lines(&doc, false)
        .into_iter()
        .map(|(_, l)| l)
        .filter(|l| l.starts_with('#'))
        .collect();
    let all = commands();
    let leaves = leaves(&all);
    assert!(
        leaves.len() > 60,
        "the walk found {} commands",
        leaves.len()
    );
    let mut missing = Vec::new();
    for path in &leaves {
        let shown = path.join(" ");
        let in_synopsis = synopsis.iter().any(|line| {
            line.strip_prefix("rackcloud ")
                .is_some_and(|rest| names(rest, path))
        });
        if !in_synopsis {
            missing.push(format!("{shown}: not in the opening synopsis"));
        }
        // A heading's backticked spans: `### \`lb plan FILE\`, \`lb apply FILE …\``.
        let in_heading = headings.iter().any(|heading| {
            heading
                .split('`')
                .skip(1)
                .step_by(2)
                .any(|span| names(span, path))
        });
        if !in_heading {
            missing.push(format!("{shown}: under no heading"));
        }
    }
    assert!(missing.is_empty(), "docs/cli.md:\n{}", missing.join("\n"));
}

#[test]
fn docs_cli_md_is_well_formed_markdown() {
    let doc = cli_md();
    let all: Vec<&str> = doc.lines().collect();
    let fences = all
        .iter()
        .filter(|l| l.trim_start().starts_with("```"))
        .count();
    assert_eq!(fences % 2, 0, "an unclosed code fence in docs/cli.md");
    let mut problems = Vec::new();
    for (n, line) in lines(&doc, false) {
        if line.starts_with('#') && n > 1 && !all[n - 2].trim().is_empty() {
            problems.push(format!("{n}: no blank line before the heading {line:?}"));
        }
        // A command line or a sample's aligned columns outside a code block lose their layout.
        let outside_table = !line.starts_with('|');
        if line.starts_with("rackcloud ") || line.starts_with("$ ") {
            problems.push(format!(
                "{n}: a command line outside a code block: {line:?}"
            ));
        } else if outside_table && line.trim_start().contains("  ") {
            problems.push(format!(
                "{n}: aligned columns outside a code block: {line:?}"
            ));
        }
    }
    assert!(problems.is_empty(), "docs/cli.md:\n{}", problems.join("\n"));
}

#[test]
fn the_checks_catch_what_they_look_for() {
    let broken = "text\n### `lb a`\nrackcloud lb a X\nID  NAME\n```\nopen";
    let outside: Vec<&str> = lines(broken, false).into_iter().map(|(_, l)| l).collect();
    assert_eq!(
        outside,
        ["text", "### `lb a`", "rackcloud lb a X", "ID  NAME"]
    );
    let path = ["lb".to_owned(), "logging".to_owned(), "enable".to_owned()];
    assert!(names("lb logging show|enable|disable <LB_ID>", &path));
    assert!(!names("lb caching show|enable|disable <LB_ID>", &path));
    assert!(!names("lb logging", &path));
}

/// A directory of its own under the system's temporary one, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("rackcloud-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_manual_page_has_environment_exit_status_and_examples() {
    let page = ok(rackcloud(&["man"], &[])).stdout;
    for part in [
        ".SH ENVIRONMENT",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"",
        "RS_API_KEY",
        "HTTPS_PROXY",
        "rackcloud demo",
    ] {
        assert!(page.contains(part), "{part} missing:\n{page}");
    }
    assert!(!page.contains(".SH EXTRA"), "{page}");
    let status = page
        .split(".SH \"EXIT STATUS\"")
        .nth(1)
        .and_then(|rest| rest.split(".SH ").next())
        .expect("the section");
    let tags: Vec<&str> = status
        .lines()
        .zip(status.lines().skip(1))
        .filter(|(l, _)| *l == ".TP")
        .map(|(_, tag)| tag)
        .collect();
    assert_eq!(tags, ["\\fB0\\fR", "\\fB1\\fR", "\\fB2\\fR", "\\fB3\\fR"]);
}

#[test]
fn man_dir_writes_a_page_for_every_command_into_a_new_directory() {
    let scratch = Scratch::new("man-dir");
    let dir = scratch.0.join("share/man/man1");
    let run = ok(rackcloud(
        &["man", "--dir", dir.to_str().expect("UTF-8")],
        &[],
    ));
    assert_eq!(run.stdout, "");
    let mut expected = vec!["rackcloud.1".to_owned()];
    expected.extend(
        commands()
            .iter()
            .map(|path| format!("rackcloud-{}.1", path.join("-"))),
    );
    for name in &expected {
        let text =
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(text.contains(".SH SYNOPSIS"), "{name}");
        assert!(text.contains(".SH \"EXIT STATUS\""), "{name}");
    }
    let written = std::fs::read_dir(&dir).expect("the directory").count();
    assert_eq!(written, expected.len());
}

#[test]
fn the_first_line_of_help_describes_the_whole_tool() {
    let help = ok(rackcloud(&["--help"], &[])).stdout;
    let first = help.lines().next().expect("a first line");
    for part in ["Rackspace Cloud Load Balancers", "command line", "emulator"] {
        assert!(first.contains(part), "{part} missing from {first:?}");
    }
    let short = ok(rackcloud(&["-h"], &[])).stdout;
    assert_eq!(short.lines().next(), Some(first));
}
