//! `rackcloud completions` and `rackcloud man`, generated from the parser's own definitions, and
//! the layout of `--help`: a command's own options first, then the connection options, then the
//! global ones, and none that the command ignores.

use std::process::Command;

use crate::common::{ok, rackcloud};

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn completion_scripts_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _rackcloud"),
        ("zsh", "#compdef rackcloud"),
        ("fish", "complete -c rackcloud"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = ok(rackcloud(&["completions", shell], &[]));
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("session-persistence"), "{shell}");
    }
    let run = rackcloud(&["completions", "tcsh"], &[]);
    assert_eq!(run.status, 2, "{run:?}");
}

#[test]
fn bash_completes_commands_and_options() {
    if !has("bash") {
        return;
    }
    let script = ok(rackcloud(&["completions", "bash"], &[])).stdout;
    // The script is sourced from a file: with every command it is longer than an argument may be.
    let file =
        std::env::temp_dir().join(format!("rackcloud-completion-{}.bash", std::process::id()));
    std::fs::write(&file, &script).expect("written");
    let source = file.display().to_string();
    let complete = |words: &str| {
        let program = format!(
            "source '{source}'\nCOMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _rackcloud rackcloud \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; echo \"${{COMPREPLY[*]}}\""
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &program])
            .output()
            .expect("bash runs");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    assert_eq!(complete("rackcloud l"), "lb limits");
    let session = complete("rackcloud lb se");
    assert_eq!(session, "session-persistence");
    assert!(complete("rackcloud lb list --m").contains("--marker"));
    let _ = std::fs::remove_file(&file);
}

#[test]
fn the_manual_page_is_roff_and_renders() {
    let page = ok(rackcloud(&["man"], &[])).stdout;
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{page}");
    for part in [
        ".TH rackcloud 1",
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(part), "{part} missing:\n{page}");
    }
    assert!(page.contains("rackcloud\\-completions"), "{page}");
    if !has("man") {
        return;
    }
    let dir = std::env::temp_dir().join(format!("rackcloud-man-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let file = dir.join("rackcloud.1");
    std::fs::write(&file, &page).expect("written");
    let out = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
        .expect("man runs");
    let rendered = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(
        rendered.contains("NAME") && rendered.contains("SYNOPSIS"),
        "{rendered}"
    );
    assert!(
        rendered.contains("--auth-url") || rendered.contains("‐‐auth‐url"),
        "{rendered}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn man_writes_a_page_per_command() {
    let dir = std::env::temp_dir().join(format!("rackcloud-pages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let dir_text = dir.to_str().expect("a UTF-8 path");
    ok(rackcloud(&["man", "--out-dir", dir_text], &[]));
    for page in [
        "rackcloud.1",
        "rackcloud-lb.1",
        "rackcloud-lb-list.1",
        "rackcloud-lb-session-persistence-enable.1",
    ] {
        let text =
            std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".SH SYNOPSIS"), "{page}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The headings of `--help`, in order.
fn headings(help: &str) -> Vec<&str> {
    help.lines()
        .filter(|l| l.ends_with(':') && !l.starts_with(' '))
        .collect()
}

#[test]
fn help_lists_the_commands_own_options_first_and_only_those_that_apply() {
    let help = ok(rackcloud(&["lb", "create", "--help"], &[])).stdout;
    assert_eq!(
        headings(&help),
        ["Options:", "Connection options:", "Global options:"],
        "{help}"
    );
    let own = help.find("--name").expect("--name");
    let connection = help.find("--auth-url").expect("--auth-url");
    let global = help.find("--output").expect("--output");
    assert!(own < connection && connection < global, "{help}");
    assert!(help.contains("--allow-plain-http"), "{help}");

    for command in ["demo", "emulator", "completions", "man"] {
        let help = ok(rackcloud(&[command, "--help"], &[])).stdout;
        for flag in [
            "--auth-url",
            "--username",
            "--region",
            "--endpoint",
            "--timeout",
            "--no-retry",
        ] {
            assert!(
                !help.contains(flag),
                "{command} --help lists {flag}:\n{help}"
            );
        }
    }
    // Given in front of such a command, they are refused rather than ignored.
    let run = rackcloud(&["--auth-url", "http://127.0.0.1:1/v2.0/", "demo"], &[]);
    assert_eq!(run.status, 2, "{run:?}");
    assert!(
        run.error_line()
            .contains("--auth-url applies only to `catalog` and `lb` commands"),
        "{run:?}"
    );
}
