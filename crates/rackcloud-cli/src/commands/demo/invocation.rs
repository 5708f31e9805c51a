//! How to run this very binary again, for the tour's last lines: `rackcloud` when it is the one
//! the `PATH` finds, `cargo run -p rackcloud-cli --` when it runs from a cargo target folder
//! (the tour was started with `cargo run`), and otherwise its full path.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The command that starts this binary, from [`std::env::current_exe`] and `PATH`.
pub(super) fn current() -> String {
    match std::env::current_exe() {
        Ok(exe) => invocation(&exe, std::env::var_os("PATH").as_deref()),
        Err(_) => "rackcloud".to_owned(),
    }
}

/// The command that starts `exe`, given the `PATH` variable.
pub(super) fn invocation(exe: &Path, path: Option<&OsStr>) -> String {
    let exe = canonical(exe);
    let found = path
        .map(std::env::split_paths)
        .into_iter()
        .flatten()
        .map(|dir| dir.join("rackcloud"))
        .find(|candidate| candidate.is_file());
    if found.is_some_and(|found| canonical(&found) == exe) {
        return "rackcloud".to_owned();
    }
    // `target/debug/rackcloud`, `target/release/rackcloud`: cargo's output folder, one per
    // profile, in a folder named `target` (or CARGO_TARGET_DIR, which then names no profile).
    let profile = exe
        .parent()
        .filter(|dir| dir.parent().and_then(Path::file_name) == Some(OsStr::new("target")))
        .and_then(Path::file_name)
        .and_then(OsStr::to_str);
    match profile {
        Some("debug") => "cargo run -p rackcloud-cli --".to_owned(),
        Some("release") => "cargo run --release -p rackcloud-cli --".to_owned(),
        Some(other) => format!("cargo run --profile {other} -p rackcloud-cli --"),
        None => shell_word(&exe.display().to_string()),
    }
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// `path` as one word for a POSIX shell: as it is when it needs no quoting, else in single
/// quotes.
fn shell_word(path: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%,".contains(c);
    if !path.is_empty() && path.chars().all(plain) {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder of its own under the system's temporary one, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir().join(format!(
                "rackcloud-invocation-{name}-{}",
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("a folder");
            Scratch(dir)
        }

        fn file(&self, relative: &str) -> PathBuf {
            let path = self.0.join(relative);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
            std::fs::write(&path, b"").expect("a file");
            path
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn the_binary_the_path_finds_is_named_rackcloud() {
        let scratch = Scratch::new("path");
        let exe = scratch.file("bin/rackcloud");
        let other = scratch.file("other/rackcloud");
        let path = std::env::join_paths([scratch.0.join("bin")]).expect("a PATH");
        assert_eq!(invocation(&exe, Some(&path)), "rackcloud");
        // Another rackcloud first on the PATH: this one is not what `rackcloud` starts.
        let path = std::env::join_paths([other.parent().expect("dir"), &scratch.0.join("bin")])
            .expect("a PATH");
        assert_ne!(invocation(&exe, Some(&path)), "rackcloud");
    }

    #[test]
    fn a_binary_in_a_cargo_target_folder_is_run_with_cargo() {
        let scratch = Scratch::new("target");
        let debug = scratch.file("target/debug/rackcloud");
        let release = scratch.file("target/release/rackcloud");
        let profiling = scratch.file("target/profiling/rackcloud");
        assert_eq!(invocation(&debug, None), "cargo run -p rackcloud-cli --");
        assert_eq!(
            invocation(&release, Some(OsStr::new("/usr/bin"))),
            "cargo run --release -p rackcloud-cli --"
        );
        assert_eq!(
            invocation(&profiling, None),
            "cargo run --profile profiling -p rackcloud-cli --"
        );
    }

    #[test]
    fn any_other_binary_is_named_by_its_path() {
        let scratch = Scratch::new("elsewhere");
        let exe = scratch.file("my tools/rackcloud");
        let shown = invocation(&exe, None);
        assert!(
            shown.starts_with('\'') && shown.ends_with("my tools/rackcloud'"),
            "{shown}"
        );
        assert_eq!(shell_word("/opt/rackcloud"), "/opt/rackcloud");
        assert_eq!(shell_word("/it's"), r"'/it'\''s'");
    }
}
