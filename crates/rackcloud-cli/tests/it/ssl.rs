//! `rackcloud lb ssl …`, `lb cert-mapping …` and `lb update --https-redirect`, in text and JSON;
//! key files are read and never printed, on any path.

use std::path::PathBuf;

use crate::common::{DEMO_ENV, against, as_demo, ok};
use rackcloud_emulator::Emulator;
use rackcloud_testing::tls::{TestCert, self_signed, valid_for, with_chain};

/// PEM files of a test certificate in a directory of their own.
struct Files {
    dir: PathBuf,
    key_body: String,
}

impl Files {
    fn write(name: &str, t: &TestCert) -> Files {
        let dir = std::env::temp_dir().join(format!("rackcloud-ssl-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("cert.pem"), &t.cert).expect("cert");
        std::fs::write(dir.join("key.pem"), &t.key).expect("key");
        std::fs::write(dir.join("chain.pem"), &t.chain).expect("chain");
        let key_body = t.key.lines().filter(|l| !l.starts_with("-----")).collect();
        Files { dir, key_body }
    }

    fn path(&self, file: &str) -> String {
        self.dir.join(file).display().to_string()
    }

    /// Asserts that no output shows the key (whole or any line of it).
    #[track_caller]
    fn hidden_in(&self, run: &crate::common::Run) {
        let all = format!("{}{}", run.stdout, run.stderr).replace("\\n", "\n");
        assert!(!all.contains(&self.key_body), "the key leaked: {run:?}");
        let key = std::fs::read_to_string(self.dir.join("key.pem")).expect("key");
        for line in key.lines().filter(|l| !l.starts_with("-----")) {
            assert!(!all.contains(line), "a key line leaked: {run:?}");
        }
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn run(emulator: &Emulator, files: &Files, args: &[&str]) -> crate::common::Run {
    let r = as_demo(emulator, args);
    files.hidden_in(&r);
    r
}

#[test]
fn set_show_attributes_ciphers_and_delete() {
    let emulator = Emulator::start().expect("emulator");
    let f = Files::write("set", &with_chain("www.example.com"));
    let (cert, key, chain) = (f.path("cert.pem"), f.path("key.pem"), f.path("chain.pem"));
    let r = ok(run(
        &emulator,
        &f,
        &[
            "lb", "ssl", "set", "1", "--cert", &cert, "--key", &key, "--chain", &chain,
        ],
    ));
    assert_eq!(
        r.lines(),
        ["load balancer 1: SSL termination accepted; PENDING_UPDATE until applied"]
    );
    let r = ok(run(&emulator, &f, &["lb", "ssl", "show", "1"]));
    let lines = r.lines();
    assert_eq!(
        lines[0],
        "load balancer 1: SSL termination enabled on port 443"
    );
    assert!(
        lines.contains(&"  certificate subject: CN=www.example.com"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"  certificate issuer: CN=Test Intermediate"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"  certificate names: www.example.com"),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("  certificate expires: ")),
        "{lines:?}"
    );
    assert!(lines.contains(&"  intermediate chain: yes"), "{lines:?}");

    // Attributes only: the certificate stays.
    ok(run(
        &emulator,
        &f,
        &[
            "lb",
            "ssl",
            "set",
            "1",
            "--enabled",
            "false",
            "--cipher-profile",
            "clbcipherpolicy2019-05",
        ],
    ));
    let doc = ok(run(
        &emulator,
        &f,
        &["--output", "json", "lb", "ssl", "show", "1"],
    ))
    .json();
    assert_eq!(doc["sslTermination"]["enabled"], false);
    assert_eq!(
        doc["sslTermination"]["cipherProfile"],
        "CLBCipherPolicy2019-05"
    );
    assert_eq!(
        doc["sslTermination"]["certificate"]["subject"],
        "CN=www.example.com"
    );
    assert_eq!(
        doc["sslTermination"]["certificate"]["names"],
        serde_json::json!(["www.example.com"])
    );

    let r = ok(run(&emulator, &f, &["lb", "ssl", "ciphers", "1"]));
    assert_eq!(r.lines()[0], "CIPHER");
    let doc = ok(run(
        &emulator,
        &f,
        &["--output", "json", "lb", "ssl", "ciphers", "1"],
    ))
    .json();
    assert_eq!(doc["cipherProfiles"][2], "CLBCipherPolicy2019-05");

    let doc = ok(run(
        &emulator,
        &f,
        &["--output", "json", "lb", "ssl", "delete", "1", "--wait"],
    ))
    .json();
    assert_eq!(
        (doc["accepted"].clone(), doc["status"].clone()),
        (serde_json::json!(true), serde_json::json!("ACTIVE"))
    );
    let r = ok(run(&emulator, &f, &["lb", "ssl", "show", "1"]));
    assert_eq!(r.lines(), ["load balancer 1: no SSL termination"]);
}

#[test]
fn rotate_and_redirect_on_then_off() {
    let emulator = Emulator::start().expect("emulator");
    let old = Files::write("rotate-old", &self_signed("www.example.com"));
    let new = Files::write("rotate-new", &self_signed("www.example.com"));
    ok(run(
        &emulator,
        &old,
        &[
            "lb",
            "ssl",
            "set",
            "1",
            "--cert",
            &old.path("cert.pem"),
            "--key",
            &old.path("key.pem"),
            "--secure-port",
            "443",
            "--secure-only",
            "true",
        ],
    ));
    let doc = ok(run(
        &emulator,
        &new,
        &[
            "--output",
            "json",
            "lb",
            "ssl",
            "rotate",
            "1",
            "--cert",
            &new.path("cert.pem"),
            "--key",
            &new.path("key.pem"),
        ],
    ))
    .json();
    assert_eq!(doc["rotated"], true);
    assert_eq!(doc["certificate"]["subject"], "CN=www.example.com");
    let r = ok(run(
        &emulator,
        &new,
        &["lb", "update", "1", "--https-redirect", "true"],
    ));
    assert_eq!(
        r.lines(),
        ["load balancer 1: HTTPS redirect on accepted; PENDING_UPDATE until applied"]
    );
    let r = as_demo(&emulator, &["lb", "ssl", "delete", "1"]);
    assert_eq!(r.status, 1, "{r:?}");
    ok(as_demo(
        &emulator,
        &["lb", "update", "1", "--https-redirect", "false"],
    ));
    ok(as_demo(&emulator, &["lb", "ssl", "delete", "1"]));
}

#[test]
fn certificate_mappings_from_add_to_remove() {
    let emulator = Emulator::start().expect("emulator");
    let base = Files::write("map-base", &self_signed("www.example.com"));
    let f = Files::write("map", &self_signed("shop.example.org"));
    ok(run(
        &emulator,
        &base,
        &[
            "lb",
            "ssl",
            "set",
            "1",
            "--cert",
            &base.path("cert.pem"),
            "--key",
            &base.path("key.pem"),
        ],
    ));
    let doc = ok(run(
        &emulator,
        &f,
        &[
            "--output",
            "json",
            "lb",
            "cert-mapping",
            "add",
            "1",
            "--host",
            "shop.example.org",
            "--cert",
            &f.path("cert.pem"),
            "--key",
            &f.path("key.pem"),
        ],
    ))
    .json();
    let id = doc["mappingId"].as_u64().expect("id").to_string();
    assert_eq!(doc["hostName"], "shop.example.org");
    let r = ok(run(&emulator, &f, &["lb", "cert-mapping", "list", "1"]));
    assert_eq!(
        r.lines(),
        ["ID  HOST".to_owned(), format!("{id:>2}  shop.example.org")]
    );
    let r = ok(run(
        &emulator,
        &f,
        &["lb", "cert-mapping", "show", "1", &id],
    ));
    assert!(
        r.lines()
            .contains(&"  certificate subject: CN=shop.example.org"),
        "{r:?}"
    );
    ok(run(
        &emulator,
        &f,
        &[
            "lb",
            "cert-mapping",
            "update",
            "1",
            &id,
            "--host",
            "*.example.org",
        ],
    ));
    let doc = ok(run(
        &emulator,
        &f,
        &["--output", "json", "lb", "cert-mapping", "show", "1", &id],
    ))
    .json();
    assert_eq!(doc["hostName"], "*.example.org");
    ok(run(
        &emulator,
        &f,
        &["lb", "cert-mapping", "remove", "1", &id],
    ));
    let r = ok(run(&emulator, &f, &["lb", "cert-mapping", "list", "1"]));
    assert_eq!(r.lines(), ["no certificate mappings"]);
}

#[test]
fn bad_bundles_are_refused_before_sending_without_printing_the_key() {
    let emulator = Emulator::start().expect("emulator");
    let a = Files::write("bad-a", &self_signed("a.example.com"));
    let b = Files::write("bad-b", &self_signed("b.example.com"));
    let expired = Files::write("bad-expired", &valid_for("a.example.com", -2));
    let before = emulator.stats().api_requests.total();
    for verbose in [false, true] {
        for json in [false, true] {
            let mut args = vec!["lb", "ssl", "set", "1"];
            if verbose {
                args.push("-v");
            }
            if json {
                args.extend(["--output", "json"]);
            }
            let (cert, key) = (a.path("cert.pem"), b.path("key.pem"));
            let mut mismatch = args.clone();
            mismatch.extend(["--cert", cert.as_str(), "--key", key.as_str()]);
            let r = as_demo(&emulator, &mismatch);
            assert_eq!(r.status, 2, "{r:?}");
            assert!(
                format!("{}{}", r.stdout, r.stderr).contains("does not belong"),
                "{r:?}"
            );
            a.hidden_in(&r);
            b.hidden_in(&r);
            let (cert, key) = (expired.path("cert.pem"), expired.path("key.pem"));
            let mut old = args.clone();
            old.extend(["--cert", cert.as_str(), "--key", key.as_str()]);
            let r = as_demo(&emulator, &old);
            assert_eq!(r.status, 2, "{r:?}");
            expired.hidden_in(&r);
        }
    }
    let r = as_demo(
        &emulator,
        &["lb", "ssl", "set", "1", "--cert", &a.path("cert.pem")],
    );
    assert_eq!(r.status, 2, "--cert needs --key: {r:?}");
    assert_eq!(
        emulator.stats().api_requests.total(),
        before,
        "nothing sent"
    );
    // `-v` logs of an accepted set show no key either.
    let r = against(
        &emulator,
        &[
            "-v",
            "lb",
            "ssl",
            "set",
            "1",
            "--cert",
            &a.path("cert.pem"),
            "--key",
            &a.path("key.pem"),
        ],
        &DEMO_ENV,
    );
    assert_eq!(r.status, 0, "{r:?}");
    assert!(r.stderr.contains("PUT"), "{r:?}");
    a.hidden_in(&r);
    let r = as_demo(
        &emulator,
        &["lb", "ssl", "set", "1", "--cert", &a.path("cert.pem")],
    );
    assert_eq!(r.status, 2, "--cert needs --key: {r:?}");
    assert!(emulator.stats().api_requests.total() > before);
}
