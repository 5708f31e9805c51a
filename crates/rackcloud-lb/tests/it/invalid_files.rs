//! Documents whose files or SSL fields cannot be valid: refused when read, naming the load
//! balancer, the field and the file.

use rackcloud_lb::Document;
use rackcloud_testing::tls::self_signed;
use serde_json::{Value, json};

use crate::common::full_lb;

fn read(dir: &std::path::Path, lb: Value) -> String {
    let path = dir.join("lbs.json");
    std::fs::write(&path, json!({"load_balancers": [lb]}).to_string()).expect("written");
    let err = Document::read(&path).expect_err("refused");
    assert!(err.is_invalid_input(), "{err}");
    err.to_string()
}

fn with(edit: impl Fn(&mut Value)) -> Value {
    let mut lb = full_lb("bad");
    lb["ssl_termination"] = json!({"certificate_file": "c.crt", "private_key_file": "c.key",
                                   "secure_port": 443});
    edit(&mut lb);
    lb
}

#[test]
fn each_invalid_ssl_field_is_named() {
    let dir = tempfile::tempdir().expect("a folder");
    let cert = self_signed("bad.example.com");
    let other = self_signed("other.example.com");
    std::fs::write(dir.path().join("c.crt"), &cert.cert).expect("written");
    std::fs::write(dir.path().join("c.key"), &cert.key).expect("written");
    std::fs::write(dir.path().join("other.key"), &other.key).expect("written");
    let both = format!("{}{}", cert.cert, cert.key);
    std::fs::write(dir.path().join("both.pem"), both).expect("written");
    let cases: Vec<(Value, &str)> = vec![
        (
            with(|lb| lb["ssl_termination"]["certificate_file"] = json!("missing.crt")),
            "load_balancers[0] (\"bad\").ssl_termination.certificate_file: cannot read \"missing.crt\"",
        ),
        (
            with(|lb| lb["ssl_termination"]["private_key_file"] = json!("other.key")),
            "load_balancers[0] (\"bad\").ssl_termination: the private key does not belong to the certificate",
        ),
        (
            with(|lb| lb["ssl_termination"]["secure_port"] = json!(80)),
            "ssl_termination.secure_port: use a port from 1 to 65535 other than the load balancer's port 80",
        ),
        (
            with(|lb| {
                lb["protocol"] = json!("HTTPS");
                lb["health_monitor"] = json!({"type": "CONNECT", "delay": 10, "timeout": 5,
                                              "attempts_before_deactivation": 2});
                for field in ["session_persistence", "content_caching"] {
                    lb.as_object_mut().expect("an entry").remove(field);
                }
            }),
            "ssl_termination: SSL termination needs a non-secure protocol such as HTTP, not HTTPS",
        ),
        (
            with(|lb| lb["https_redirect"] = json!(true)),
            "https_redirect: HTTPS redirect needs an HTTPS load balancer on port 443",
        ),
        (
            with(|lb| {
                lb.as_object_mut()
                    .expect("an entry")
                    .remove("ssl_termination");
                lb["certificate_mappings"] = json!([{"host_name": "a.example.com",
                    "certificate_file": "c.crt", "private_key_file": "c.key"}]);
            }),
            "certificate_mappings[0]: certificate mappings need SSL termination",
        ),
        (
            with(|lb| {
                lb["certificate_mappings"] = json!([
                    {"host_name": "a.example.com", "certificate_file": "c.crt", "private_key_file": "c.key"},
                    {"host_name": "A.example.com", "certificate_file": "c.crt", "private_key_file": "c.key"}]);
            }),
            "certificate_mappings[1].host_name: \"A.example.com\" is given twice",
        ),
        (
            with(|lb| {
                lb["protocol"] = json!("TCP");
                lb.as_object_mut()
                    .expect("an entry")
                    .remove("ssl_termination");
                lb["health_monitor"] = json!({"type": "CONNECT", "delay": 10, "timeout": 5,
                                              "attempts_before_deactivation": 2});
                lb["session_persistence"] = json!("SOURCE_IP");
                lb["content_caching"] = json!(false);
                lb["error_page_file"] = json!("c.crt");
            }),
            "error_page_file: a custom error page is allowed only on HTTP load balancers, not TCP",
        ),
        (
            with(|lb| lb["ssl_termination"]["certificate_file"] = json!("both.pem")),
            "ssl_termination.certificate_file: \"both.pem\" holds a private key",
        ),
        (
            with(|lb| {
                lb["health_monitor"] = json!({"type": "CONNECT", "delay": 10,
                "timeout": 5, "attempts_before_deactivation": 2, "path": "/"})
            }),
            "health_monitor: a CONNECT monitor takes no path",
        ),
        (
            with(|lb| lb["protocol"] = json!("TCP")),
            "health_monitor: an HTTP monitor needs the HTTP protocol, not TCP",
        ),
        (
            with(|lb| {
                lb["protocol"] = json!("TCP");
                lb["health_monitor"] = json!({"type": "CONNECT", "delay": 10, "timeout": 5,
                                              "attempts_before_deactivation": 2});
            }),
            "session_persistence: HTTP_COOKIE needs the HTTP protocol, not TCP",
        ),
        (
            with(|lb| {
                lb["protocol"] = json!("TCP");
                lb["health_monitor"] = json!({"type": "CONNECT", "delay": 10, "timeout": 5,
                                              "attempts_before_deactivation": 2});
                lb["session_persistence"] = json!("SOURCE_IP");
            }),
            "content_caching: content caching is for HTTP load balancers, not TCP",
        ),
        (
            with(|lb| {
                lb.as_object_mut()
                    .expect("an entry")
                    .remove("health_monitor");
            }),
            "nodes[2]: an ENABLED SECONDARY node needs a health_monitor",
        ),
        (
            with(|lb| lb["ssl_termination"]["private_key"] = json!("inline")),
            "the document is invalid: load_balancers[0].ssl_termination.private_key: unknown field `private_key`",
        ),
    ];
    for (lb, expected) in cases {
        let err = read(dir.path(), lb);
        assert!(err.contains(expected), "expected {expected:?} in {err:?}");
        assert!(!err.contains("PRIVATE KEY"), "{err}");
    }
}

#[test]
fn a_missing_key_file_is_not_an_error_until_the_key_is_needed() {
    let dir = tempfile::tempdir().expect("a folder");
    let cert = self_signed("bad.example.com");
    std::fs::write(dir.path().join("c.crt"), &cert.cert).expect("written");
    let path = dir.path().join("lbs.json");
    std::fs::write(&path, json!({"load_balancers": [with(|_| {})]}).to_string()).expect("written");
    let d = Document::read(&path).expect("read without its key");
    // A new load balancer installs the certificate: the key is needed.
    let err = rackcloud_lb::plan(&d, &[]).expect_err("refused");
    assert!(err.is_invalid_input());
    assert!(
        err.to_string().contains(
            "load_balancers[0] (\"bad\").ssl_termination.private_key_file: the certificate is installed, so its private key is needed: provide \"c.key\""
        ),
        "{err}"
    );
}
