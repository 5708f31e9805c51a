//! HTTPS with `--ca-file` / `RS_CA_FILE`, the standalone emulator's `--tls --ca-out`, and the
//! multi-factor passcode.

use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed, User};

use crate::common::{Background, DEMO_ENV, against, as_demo, ok, rackcloud};

/// A file in the system's temporary folder, removed when dropped.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str) -> TempFile {
        let unique = format!("rackcloud-cli-{}-{name}", std::process::id());
        TempFile(std::env::temp_dir().join(unique))
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap_or_default()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn tls_emulator() -> (Emulator, TempFile) {
    let emulator = Emulator::builder()
        .default_seed()
        .tls()
        .start()
        .expect("emulator");
    let ca = TempFile::new(&format!("ca-{}.pem", emulator.addr().port()));
    std::fs::write(&ca.0, emulator.ca_pem().unwrap_or_default()).expect("CA written");
    (emulator, ca)
}

#[test]
fn ca_file_and_rs_ca_file_trust_the_emulator() {
    let (emulator, ca) = tls_emulator();
    ok(as_demo(
        &emulator,
        &["--ca-file", ca.path(), "lb", "show", "1"],
    ));
    let mut env = DEMO_ENV.to_vec();
    env.push(("RS_CA_FILE", ca.path()));
    ok(against(&emulator, &["lb", "show", "1"], &env));
    assert_eq!(emulator.stats().token_requests, 2);
}

#[test]
fn without_the_ca_the_certificate_is_refused() {
    let (emulator, _ca) = tls_emulator();
    let run = as_demo(&emulator, &["--no-retry", "lb", "show", "1"]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.stderr.contains("certificate"), "{run:?}");
    // An unreadable CA file is a configuration error: nothing was sent.
    let run = as_demo(
        &emulator,
        &["--ca-file", "/nonexistent/ca.pem", "lb", "show", "1"],
    );
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.stderr.contains("/nonexistent/ca.pem"), "{run:?}");
    assert_eq!(emulator.stats().token_requests, 0);
}

fn mfa_emulator() -> Emulator {
    Emulator::builder()
        .user(
            User::new("carol", DEMO_TENANT)
                .password("carol-pw")
                .mfa("246810"),
        )
        .load_balancer("DFW", DEMO_TENANT, LoadBalancerSeed::new(1, "web", "HTTP"))
        .start()
        .expect("emulator")
}

#[test]
fn without_a_terminal_the_passcode_must_be_given() {
    let emulator = mfa_emulator();
    let env = [("RS_USERNAME", "carol"), ("RS_PASSWORD", "carol-pw")];
    let run = against(&emulator, &["lb", "show", "1"], &env);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.stderr.contains("second factor (PASSCODE)"), "{run:?}");
    assert!(run.stderr.contains("RS_PASSCODE"), "{run:?}");
    assert_eq!(emulator.stats().token_requests, 1);

    let mut with_passcode = env.to_vec();
    with_passcode.push(("RS_PASSCODE", "246810"));
    ok(against(&emulator, &["lb", "show", "1"], &with_passcode));

    with_passcode[2] = ("RS_PASSCODE", "000000");
    let run = against(&emulator, &["lb", "show", "1"], &with_passcode);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(!run.stderr.contains("000000"), "{run:?}");
}

#[test]
fn the_standalone_emulator_serves_tls_and_writes_its_ca() {
    let ca = TempFile::new("standalone-ca.pem");
    let mut server = Background::start(&[
        "emulator",
        "--listen",
        "127.0.0.1:0",
        "--tls",
        "--ca-out",
        ca.path(),
    ]);
    let first = server.line();
    let url = first
        .strip_prefix("identity URL: ")
        .unwrap_or_default()
        .to_owned();
    assert!(url.starts_with("https://127.0.0.1:"), "{first}");
    let lines: Vec<String> = (0..5).map(|_| server.line()).collect();
    assert_eq!(
        lines[4],
        format!(
            "CA certificate: {} (trust it with --ca-file or RS_CA_FILE)",
            ca.path()
        )
    );
    let pem = std::fs::read_to_string(&ca.0).unwrap_or_default();
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----"), "{pem}");
    ok(rackcloud(
        &["--auth-url", &url, "--ca-file", ca.path(), "catalog"],
        &DEMO_ENV,
    ));
    let run = rackcloud(&["emulator", "--ca-out", ca.path()], &[]);
    assert_eq!(run.status, 2, "{run:?}");
}
