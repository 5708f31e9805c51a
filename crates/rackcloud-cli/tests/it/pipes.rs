//! A reader that closes the output early (`rackcloud lb list | head -1`) ends the tool quietly,
//! with status 0 and nothing on stderr, as Unix tools do.

use std::process::Stdio;

use rackcloud_emulator::Emulator;

use crate::common::{DEMO_ENV, command};

/// Runs the command with its stdout closed before it writes anything: its first write fails
/// with a broken pipe. Returns the status and stderr.
fn with_closed_stdout(args: &[&str]) -> (i32, String) {
    let mut child = command(args, &DEMO_ENV)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("the binary ends");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let emulator = Emulator::start().expect("emulator");
    let url = emulator.identity_url();
    for args in [
        &["--auth-url", url.as_str(), "lb", "list"][..],
        &["--auth-url", url.as_str(), "--output", "json", "lb", "list"],
        &["--auth-url", url.as_str(), "lb", "show", "1"],
        &["--auth-url", url.as_str(), "catalog"],
        &["completions", "bash"],
        &["man"],
    ] {
        let (status, stderr) = with_closed_stdout(args);
        assert_eq!((status, stderr.as_str()), (0, ""), "{args:?}");
    }
}

#[test]
fn piped_into_head_under_pipefail() {
    let emulator = Emulator::start().expect("emulator");
    let script = format!(
        "set -o pipefail; '{}' --auth-url '{}' lb list | head -1 && '{}' --auth-url '{}' lb list | true",
        env!("CARGO_BIN_EXE_rackcloud"),
        emulator.identity_url(),
        env!("CARGO_BIN_EXE_rackcloud"),
        emulator.identity_url(),
    );
    let Ok(output) = std::process::Command::new("bash")
        .args(["--norc", "-c", &script])
        .envs(DEMO_ENV)
        .output()
    else {
        return; // no bash
    };
    assert!(output.status.success(), "{output:?}");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .trim_start()
            .starts_with("ID"),
        "{output:?}"
    );
}
