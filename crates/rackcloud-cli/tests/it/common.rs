//! Running the built `rackcloud` binary with a cleared environment, against an emulator.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};

use rackcloud_emulator::{DEMO_API_KEY, DEMO_USERNAME, Emulator};
use serde_json::Value;

/// The demo user's credentials, as environment variables.
pub const DEMO_ENV: [(&str, &str); 2] =
    [("RS_USERNAME", DEMO_USERNAME), ("RS_API_KEY", DEMO_API_KEY)];

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit status; -1 when a signal ended the process.
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The stdout lines.
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    /// Stdout as exactly one JSON document.
    pub fn json(&self) -> Value {
        assert_eq!(
            self.stdout.lines().count(),
            1,
            "expected one JSON line on stdout: {self:?}"
        );
        serde_json::from_str(&self.stdout).expect("stdout is JSON")
    }

    /// The one line on stderr.
    pub fn error_line(&self) -> &str {
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "expected one line on stderr: {self:?}");
        lines[0]
    }
}

/// A `rackcloud` command with an empty environment but for `env`.
pub fn command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rackcloud"));
    cmd.env_clear().args(args);
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd
}

/// Runs `rackcloud args…` with only `env` in its environment.
pub fn rackcloud(args: &[&str], env: &[(&str, &str)]) -> Run {
    let output = command(args, env)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs `rackcloud --auth-url <emulator> args…` with `env`.
pub fn against(emulator: &Emulator, args: &[&str], env: &[(&str, &str)]) -> Run {
    let url = emulator.identity_url();
    let mut all = vec!["--auth-url", url.as_str()];
    all.extend_from_slice(args);
    rackcloud(&all, env)
}

/// Runs `rackcloud --auth-url <emulator> args…` as the demo user.
pub fn as_demo(emulator: &Emulator, args: &[&str]) -> Run {
    against(emulator, args, &DEMO_ENV)
}

/// Asserts a successful run and returns it.
#[track_caller]
pub fn ok(run: Run) -> Run {
    assert_eq!(run.status, 0, "expected success: {run:?}");
    assert_eq!(run.stderr, "", "expected nothing on stderr: {run:?}");
    run
}

/// Asserts exit 1 with exactly `line` on stderr and returns the run.
#[track_caller]
pub fn fails_with(run: Run, line: &str) -> Run {
    assert_eq!(run.status, 1, "expected exit 1: {run:?}");
    assert_eq!(run.error_line(), line);
    run
}

/// Asserts exit 1 with one line on stderr: `prefix` (what the CLI adds: the operation, the load
/// balancer, the status and the kind), `": "`, then the server's own words, which are the
/// emulator's to pin. Returns the run and those words.
#[track_caller]
pub fn fails_as(run: Run, prefix: &str) -> (Run, String) {
    assert_eq!(run.status, 1, "expected exit 1: {run:?}");
    let words = run
        .error_line()
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix(": "))
        .unwrap_or_else(|| panic!("expected {prefix:?} then the server's words: {run:?}"))
        .to_owned();
    assert!(!words.is_empty(), "the server's words are missing: {run:?}");
    (run, words)
}

/// Asserts that the emulator received nothing at all.
#[track_caller]
pub fn nothing_sent(emulator: &Emulator) {
    let stats = emulator.stats();
    assert_eq!(stats.token_requests, 0, "token requests were sent");
    assert_eq!(stats.api_requests.total(), 0, "API requests were sent");
}

/// A `rackcloud emulator` process, killed when dropped.
pub struct Background {
    child: Child,
    pub stdout: BufReader<ChildStdout>,
}

impl Background {
    /// Starts `rackcloud args…` with stdout piped.
    pub fn start(args: &[&str]) -> Background {
        let mut child = command(args, &[])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        Background { child, stdout }
    }

    /// The next stdout line, without its newline.
    pub fn line(&mut self) -> String {
        let mut line = String::new();
        let read = self.stdout.read_line(&mut line).expect("stdout readable");
        assert!(read > 0, "the process closed stdout");
        line.trim_end().to_owned()
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
