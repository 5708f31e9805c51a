//! `rackcloud lb plan|apply|export` end to end: export then plan is empty, apply then plan is
//! empty, `--yes` required off a terminal, invalid documents refused before anything is sent.

use std::path::PathBuf;

use rackcloud_emulator::Emulator;
use serde_json::json;

use crate::common::{as_demo, nothing_sent, ok};

fn temp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "rackcloud-declarative-{}-{name}.json",
        std::process::id()
    ))
}

fn document() -> String {
    json!({"load_balancers": [{
        "name": "cli-shop", "protocol": "HTTP", "port": 80, "algorithm": "ROUND_ROBIN",
        "nodes": [{"address": "10.3.0.1", "port": 8080}, {"address": "10.3.0.2", "port": 8080}],
        "health_monitor": {"type": "CONNECT", "delay": 10, "timeout": 5,
                           "attempts_before_deactivation": 2},
        "connection_logging": true,
        "metadata": {"team": "web"}
    }]})
    .to_string()
}

#[test]
fn export_to_a_file_writes_the_files_it_names_then_plan_shows_no_changes() {
    let emulator = Emulator::start().expect("emulator");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("lbs.json");
    let path = file.to_str().expect("utf-8 path");
    let page = dir.path().join("web-error.html");
    // A custom page (the default one is not exported: tests/it/operator.rs).
    let custom = dir.path().join("custom.html");
    std::fs::write(&custom, "<html><body>Back soon</body></html>").expect("written");
    let custom = custom.to_str().expect("utf-8 path");
    ok(as_demo(
        &emulator,
        &["lb", "error-page", "set", "1", "--file", custom],
    ));
    let run = as_demo(&emulator, &["lb", "export", "1", "--to", path]);
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        format!("wrote {}\nwrote {}\n", file.display(), page.display())
    );
    let text = std::fs::read_to_string(&file).expect("exported");
    assert!(
        text.contains("\"error_page_file\": \"web-error.html\""),
        "{text}"
    );
    let served = std::fs::read_to_string(&page).expect("the error page");
    assert!(served.contains("<html"), "{served}");

    let run = ok(as_demo(&emulator, &["lb", "plan", path]));
    assert_eq!(
        run.lines(),
        ["No changes: the account matches the document."]
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "plan", path],
    ));
    assert_eq!(run.json()["changes"], 0);

    // Again: the same files are left as they are.
    ok(as_demo(&emulator, &["lb", "export", "1", "--to", path]));
    // To stdout: the same document, and nothing written.
    let run = as_demo(&emulator, &["lb", "export", "1"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(run.stdout, text);
    assert!(
        run.stderr.starts_with("not written: web-error.html"),
        "{run:?}"
    );

    // A file the user changed is never overwritten.
    std::fs::write(&page, "<html>mine</html>").expect("written");
    let run = as_demo(&emulator, &["lb", "export", "1", "--to", path]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("exists with other content: not overwritten; pass --force to replace it"),
        "{run:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&page).expect("kept"),
        "<html>mine</html>"
    );
    // Nor a document, unless --force.
    std::fs::write(&file, "{}").expect("written");
    std::fs::write(&page, &served).expect("written");
    let run = as_demo(&emulator, &["lb", "export", "1", "--to", path]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(run.stderr.contains("exists with other content"), "{run:?}");
    assert_eq!(std::fs::read_to_string(&file).expect("kept"), "{}");
    std::fs::write(&page, "<html>mine</html>").expect("written");
    let run = as_demo(&emulator, &["lb", "export", "1", "--to", path, "--force"]);
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(std::fs::read_to_string(&file).expect("replaced"), text);
    assert_eq!(std::fs::read_to_string(&page).expect("replaced"), served);
}

#[test]
fn apply_needs_yes_off_a_terminal_then_applies_and_plans_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let file = temp("apply");
    std::fs::write(&file, document()).expect("written");
    let path = file.to_str().expect("utf-8 path");

    let run = as_demo(&emulator, &["lb", "apply", path]);
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.stderr.contains("--yes"), "{run:?}");
    nothing_sent(&emulator);
    let run = as_demo(
        &emulator,
        &["lb", "apply", path, "--yes", "--parallel", "0"],
    );
    assert_eq!(run.status, 2, "{run:?}");
    nothing_sent(&emulator);

    let run = ok(as_demo(&emulator, &["lb", "plan", path]));
    assert!(
        run.stdout.contains("+ create load balancer \"cli-shop\""),
        "{run:?}"
    );
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "apply",
            path,
            "--yes",
            "--wait-interval",
            "0.02",
            "--parallel",
            "2",
        ],
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains("done: create load balancer"), "{run:?}");
    // Each change told on stderr as it ends: here one, the creation carrying it all.
    assert_eq!(
        run.stderr.lines().collect::<Vec<_>>(),
        [
            "[1/1] cli-shop: done: create load balancer \"cli-shop\" (HTTP port 80, 2 nodes) with CONNECT health monitor, 1 metadata item, connection logging"
        ]
    );
    let run = ok(as_demo(&emulator, &["lb", "plan", path]));
    assert_eq!(
        run.lines(),
        ["No changes: the account matches the document."]
    );
    let run = ok(as_demo(
        &emulator,
        &["--output", "json", "lb", "apply", path, "--yes"],
    ));
    assert_eq!(run.json()["changes"], 0);
    let _ = std::fs::remove_file(file);
}

#[test]
fn an_invalid_document_is_refused_before_anything_is_sent() {
    let emulator = Emulator::start().expect("emulator");
    let file = temp("invalid");
    std::fs::write(&file, document().replace("\"algorithm\"", "\"algoritm\"")).expect("written");
    let path = file.to_str().expect("utf-8 path");
    for command in ["plan", "apply"] {
        let run = as_demo(
            &emulator,
            &["lb", command, path, "--yes"][..if command == "plan" { 3 } else { 4 }],
        );
        assert_eq!(run.status, 2, "{run:?}");
        assert!(run.stderr.contains("unknown field `algoritm`"), "{run:?}");
    }
    nothing_sent(&emulator);
    let _ = std::fs::remove_file(file);
}

#[test]
fn tls_files_are_read_next_to_the_document_and_exported_without_keys() {
    let emulator = Emulator::start().expect("emulator");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let cert = rackcloud_testing::tls::self_signed("shop.example.com");
    std::fs::write(dir.path().join("shop.crt"), &cert.cert).expect("written");
    std::fs::write(dir.path().join("shop.key"), &cert.key).expect("written");
    std::fs::write(dir.path().join("error.html"), "<html>soon</html>").expect("written");
    let doc = json!({"load_balancers": [{
        "name": "tls-shop", "protocol": "HTTP", "port": 80,
        "nodes": [{"address": "10.4.0.1", "port": 8080}],
        "ssl_termination": {"certificate_file": "shop.crt", "private_key_file": "shop.key",
                            "secure_port": 443, "secure_traffic_only": true},
        "https_redirect": true,
        "error_page_file": "error.html"
    }]});
    let file = dir.path().join("shop.json");
    std::fs::write(&file, doc.to_string()).expect("written");
    let path = file.to_str().expect("utf-8 path");
    let run = as_demo(
        &emulator,
        &[
            "--output",
            "json",
            "lb",
            "apply",
            path,
            "--yes",
            "--wait-interval",
            "0.02",
        ],
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stderr
            .ends_with("[4/4] tls-shop: done: enable HTTPS redirect\n"),
        "{run:?}"
    );
    assert!(!run.stderr.contains("PRIVATE KEY"), "{run:?}");
    assert_eq!(run.json()["complete"], true, "{run:?}");
    assert!(!run.stdout.contains("PRIVATE KEY"), "{run:?}");
    let id = run.json()["load_balancers"][0]["id"].to_string();
    let run = ok(as_demo(&emulator, &["lb", "plan", path]));
    assert_eq!(
        run.lines(),
        ["No changes: the account matches the document."]
    );

    let out = tempfile::tempdir().expect("a temporary folder");
    let exported = out.path().join("out.json");
    let run = as_demo(
        &emulator,
        &[
            "lb",
            "export",
            &id,
            "--to",
            exported.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stderr.contains(&format!(
            "provide {}",
            out.path().join("tls-shop.key").display()
        )),
        "{run:?}"
    );
    assert!(!out.path().join("tls-shop.key").exists());
    assert_eq!(
        std::fs::read_to_string(out.path().join("tls-shop.crt")).expect("written"),
        cert.cert
    );
    let run = ok(as_demo(
        &emulator,
        &["lb", "plan", exported.to_str().expect("utf-8")],
    ));
    assert_eq!(
        run.lines(),
        ["No changes: the account matches the document."]
    );
}
