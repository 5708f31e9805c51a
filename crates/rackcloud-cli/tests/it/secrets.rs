//! No API key, password or token ever appears on stdout or stderr, even with `-v`.

use crate::common::{Run, against};
use rackcloud_emulator::{DEMO_TENANT, Emulator, User};

const USERNAME: &str = "carol";
const API_KEY: &str = "KEY-7f3a9c01e5-DO-NOT-PRINT";
const PASSWORD: &str = "PW-d41d8cd98f-DO-NOT-PRINT";
const WRONG_KEY: &str = "WRONGKEY-5e884898da-DO-NOT-PRINT";

#[test]
fn secrets_never_reach_the_output() {
    let emulator = Emulator::builder()
        .default_seed()
        .user(
            User::new(USERNAME, DEMO_TENANT)
                .api_key(API_KEY)
                .password(PASSWORD),
        )
        .start()
        .expect("emulator");
    let commands: [&[&str]; 15] = [
        &["catalog"],
        &["lb", "list"],
        &["lb", "show", "1"],
        &[
            "lb",
            "create",
            "--name",
            "secret-free",
            "--protocol",
            "HTTP",
            "--port",
            "80",
            "--wait",
            "--wait-interval",
            "0.05",
        ],
        &["lb", "delete", "3", "--wait", "--wait-interval", "0.05"],
        &[
            "lb",
            "session-persistence",
            "enable",
            "2",
            "--type",
            "SOURCE_IP",
            "--wait",
            "--wait-interval",
            "0.05",
        ],
        &["lb", "show", "999"],
        &["lb", "session-persistence", "show", "1"],
        &[
            "lb",
            "session-persistence",
            "enable",
            "1",
            "--type",
            "HTTP_COOKIE",
        ],
        &[
            "lb",
            "session-persistence",
            "enable",
            "2",
            "--type",
            "HTTP_COOKIE",
        ],
        &["lb", "session-persistence", "show", "999"],
        &["lb", "session-persistence", "disable", "1"],
        &["lb", "session-persistence", "disable", "1"],
        &["lb", "session-persistence", "disable", "1", "--if-enabled"],
        &[
            "--endpoint",
            "http://lb.example.com/v1.0/1",
            "lb",
            "session-persistence",
            "show",
            "1",
        ],
    ];
    let credentials: [[(&str, &str); 2]; 3] = [
        [("RS_USERNAME", USERNAME), ("RS_API_KEY", API_KEY)],
        [("RS_USERNAME", USERNAME), ("RS_PASSWORD", PASSWORD)],
        [("OS_USERNAME", USERNAME), ("OS_PASSWORD", PASSWORD)],
    ];
    let mut runs: Vec<Run> = Vec::new();
    for env in &credentials {
        for command in commands {
            for format in ["text", "json"] {
                let mut args = vec!["-v", "--output", format];
                args.extend_from_slice(command);
                runs.push(against(&emulator, &args, env));
            }
        }
    }
    let wrong = [("RS_USERNAME", USERNAME), ("RS_API_KEY", WRONG_KEY)];
    runs.push(against(&emulator, &["-v", "catalog"], &wrong));
    runs.push(against(
        &emulator,
        &["-v", "--output", "json", "catalog"],
        &wrong,
    ));

    let tokens: Vec<String> = emulator
        .requests()
        .iter()
        .filter_map(|r| r.header("X-Auth-Token").map(str::to_owned))
        .collect();
    assert!(
        tokens.len() >= 30,
        "expected API calls with tokens, got {}",
        tokens.len()
    );

    // The logging was on: each run that authenticated logged its requests.
    assert!(
        runs.iter()
            .any(|r| r.stderr.contains("x-auth-token=[redacted]"))
    );
    assert!(
        runs.iter()
            .all(|r| r.stderr.contains("rackcloud: debug: ") || r.status == 2)
    );

    let secrets: Vec<&str> = [API_KEY, PASSWORD, WRONG_KEY]
        .into_iter()
        .chain(tokens.iter().map(String::as_str))
        .collect();
    for run in &runs {
        for secret in &secrets {
            assert!(!run.stdout.contains(secret), "a secret on stdout: {run:?}");
            assert!(!run.stderr.contains(secret), "a secret on stderr: {run:?}");
        }
    }
}
