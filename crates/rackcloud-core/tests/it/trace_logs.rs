//! With every target at TRACE, the HTTP library dumps the wire; `RedactingLogger` keeps every
//! secret out of the log all the same.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

use log::{LevelFilter, Log, Metadata, Record};
use rackcloud_core::{
    AuthOptions, EndpointOpts, ProviderClient, RedactingLogger, RetryPolicy, Secret, new_lb_v1,
};
use rackcloud_emulator::{Emulator, User};

const API_KEY: &str = "trace-api-key-4f1c9e";
const PASSWORD: &str = "trace-password-8d2b7a";
const PASSCODE: &str = "731904";

/// Every line recorded so far, as `level text`.
pub fn recorded_lines() -> Vec<String> {
    logger()
        .filtered
        .inner()
        .lines
        .lock()
        .map(|l| {
            l.iter()
                .map(|(_, level, text)| format!("{level} {text}"))
                .collect()
        })
        .unwrap_or_default()
}

/// Records every record of every target at every level.
#[derive(Default)]
pub struct Everything {
    lines: Mutex<Vec<(String, log::Level, String)>>,
}

impl Log for Everything {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &Record<'_>) {
        if let Ok(mut lines) = self.lines.lock() {
            lines.push((
                record.target().to_owned(),
                record.level(),
                record.args().to_string(),
            ));
        }
    }
    fn flush(&self) {}
}

/// The global logger: raw (everything reaches the recorder) or redacting.
pub struct Switch {
    redacting: AtomicBool,
    filtered: RedactingLogger<Everything>,
}

impl Log for Switch {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        !self.redacting.load(Ordering::SeqCst) || self.filtered.enabled(metadata)
    }
    fn log(&self, record: &Record<'_>) {
        if self.redacting.load(Ordering::SeqCst) {
            self.filtered.log(record);
        } else {
            self.filtered.inner().log(record);
        }
    }
    fn flush(&self) {}
}

/// The one logger of this test binary (`secrets.rs` reads it too), installed on first use.
pub fn logger() -> &'static Switch {
    static LOGGER: OnceLock<&'static Switch> = OnceLock::new();
    LOGGER.get_or_init(|| {
        let switch: &'static Switch = Box::leak(Box::new(Switch {
            redacting: AtomicBool::new(false),
            filtered: RedactingLogger::new(Everything::default()),
        }));
        let _ = log::set_logger(switch);
        log::set_max_level(LevelFilter::Trace);
        switch
    })
}

/// Authenticates with an API key and with a password and passcode, calls the API and validates
/// the token; returns the tokens seen.
fn exercise(emulator: &Emulator) -> anyhow::Result<Vec<String>> {
    let builder = ProviderClient::builder().retry_policy(RetryPolicy::none());
    let by_key = builder.clone().authenticate(
        AuthOptions::api_key("tracy", API_KEY).identity_endpoint(emulator.identity_url()),
    )?;
    let by_password = builder.authenticate(
        AuthOptions::password("tracy", PASSWORD)
            .identity_endpoint(emulator.identity_url())
            .passcode_callback(|_| Ok(Secret::new(PASSCODE))),
    )?;
    let lb = new_lb_v1(&by_password, EndpointOpts::new().region("DFW"))?;
    lb.get(&lb.service_url(&["loadbalancers", "1"]))
        .extract_err()?;
    by_password.validate_token(&by_key.token())?;
    Ok(vec![
        by_key.token().expose().to_owned(),
        by_password.token().expose().to_owned(),
    ])
}

fn tracy_emulator() -> anyhow::Result<Emulator> {
    Ok(Emulator::builder()
        .user(
            User::new("tracy", "31337")
                .api_key(API_KEY)
                .password(PASSWORD)
                .mfa(PASSCODE),
        )
        .load_balancer(
            "DFW",
            "31337",
            rackcloud_emulator::LoadBalancerSeed::new(1, "web", "HTTP"),
        )
        .start()?)
}

#[test]
fn trace_everything_records_no_secret_through_the_redacting_logger() -> anyhow::Result<()> {
    let logger = logger();
    let lines = &logger.filtered.inner().lines;

    // Without the filter, the wire dump is there: the problem is real.
    logger.redacting.store(false, Ordering::SeqCst);
    let emulator = tracy_emulator()?;
    exercise(&emulator)?;
    let raw_dumps = lines
        .lock()
        .map(|l| {
            l.iter()
                .filter(|(t, lvl, _)| t.starts_with("ureq_proto") && *lvl == log::Level::Trace)
                .count()
        })
        .unwrap_or(0);
    assert!(raw_dumps > 0, "ureq_proto dumped nothing at TRACE");

    // Through the filter: nothing of the wire, and no secret anywhere.
    logger.redacting.store(true, Ordering::SeqCst);
    let start = lines.lock().map(|l| l.len()).unwrap_or(0);
    let emulator = tracy_emulator()?;
    let tokens = exercise(&emulator)?;
    logger.redacting.store(false, Ordering::SeqCst);
    let recorded = lines
        .lock()
        .map(|l| l[start..].to_vec())
        .unwrap_or_default();
    assert!(
        recorded
            .iter()
            .any(|(t, _, _)| t.starts_with("rackcloud_core")),
        "the SDK's own lines still pass"
    );
    for (target, level, text) in &recorded {
        assert!(
            !(target.starts_with("ureq") && *level == log::Level::Trace),
            "{target} {level} {text}"
        );
        for secret in [API_KEY, PASSWORD, PASSCODE]
            .iter()
            .copied()
            .chain(tokens.iter().map(String::as_str))
        {
            assert!(!text.contains(secret), "{target} {level}: {text}");
        }
    }
    Ok(())
}
