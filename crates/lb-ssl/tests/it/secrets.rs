//! No private key in any output path: Debug of every options type, errors, log lines.

use std::sync::{Arc, Mutex};

use lb_ssl::{CertificateBundle, CreateMappingOpts, SetOpts, UpdateMappingOpts};

use crate::common::{bundle, dfw_no_retries, emulator, self_signed};

/// The base64 body of a PEM key: what must never be printed.
fn key_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

fn assert_hidden(text: &str, key: &str) {
    let body = key_body(key);
    assert!(!body.is_empty());
    assert!(!text.contains(&body), "the key leaked: {text}");
    for line in key
        .lines()
        .filter(|l| !l.starts_with("-----") && l.len() > 16)
    {
        if let Some(at) = text.find(line) {
            panic!(
                "a line of the key leaked: {}",
                &text[at.saturating_sub(1500)..at.saturating_sub(1000)]
            );
        }
    }
}

struct Capture(Arc<Mutex<String>>);

impl log::Log for Capture {
    /// Every level of the SDK's own crates (ureq's raw wire dumps are the application's to
    /// filter, as the CLI's `-v` logger does).
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        !metadata.target().starts_with("ureq")
    }
    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        if let Ok(mut s) = self.0.lock() {
            s.push_str(&format!("{}\n", record.args()));
        }
    }
    fn flush(&self) {}
}

#[test]
fn no_output_path_shows_a_private_key() {
    let logs = Arc::new(Mutex::new(String::new()));
    let logger: &'static Capture = Box::leak(Box::new(Capture(Arc::clone(&logs))));
    let _ = log::set_logger(logger);
    log::set_max_level(log::LevelFilter::Trace);

    let t = self_signed("www.example.com");
    let other = self_signed("other.example.com");
    let b = bundle(&t);
    let mut seen = format!("{b:?}");
    seen += &format!("{:?}", SetOpts::new().bundle(b.clone()).secure_port(443));
    seen += &format!("{:?}", CreateMappingOpts::new("a", b.clone()));
    seen += &format!("{:?}", UpdateMappingOpts::new().bundle(b.clone()));
    // Errors of every check, locally and from the server.
    let mismatch = CertificateBundle::new(t.cert.clone(), other.key.clone());
    seen += &format!(
        "{:?} {}",
        mismatch.check(),
        mismatch.check().expect_err("e")
    );
    let broken = CertificateBundle::new(t.cert.clone(), format!("{}x", &t.key[..60]));
    seen += &format!("{:?}", broken.check());
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    let r = lb_ssl::set(
        &client,
        3,
        &SetOpts::new().bundle(b.clone()).secure_port(8443),
    );
    seen += &format!("{r:?}");
    seen += &format!("{:?}", r.extract_err());
    let r = lb_ssl::set(
        &client,
        1,
        &SetOpts::new().bundle(b.clone()).secure_port(443),
    );
    seen += &format!("{r:?}");
    seen += &format!("{:?}", lb_ssl::get(&client, 1).extract());
    let shown = client
        .get(&client.lb_url(1, &["ssltermination"]))
        .into_result()
        .expect("get");
    seen += &String::from_utf8_lossy(shown.body());
    seen += &logs.lock().map(|s| s.clone()).unwrap_or_default();
    assert_hidden(&seen, &t.key);
    assert_hidden(&seen, &other.key);
}
