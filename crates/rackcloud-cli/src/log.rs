//! `-v`: a small logger that writes the rackcloud crates' debug lines to stderr.
//!
//! The SDK logs each request (method, URL, headers with the token shown as `[redacted]`) and each
//! response status at debug level, and never a credential; request bodies are logged only at
//! trace level, which this logger leaves off.

use std::io::{self, Write};

use log::{Level, LevelFilter, Log, Metadata, Record};
use rackcloud_lb::core::RedactingLogger;

/// The crates whose log lines `-v` shows.
const TARGETS: [&str; 5] = [
    "rackcloud_core",
    "lb_sessions",
    "lb_ssl",
    "rackcloud_emulator",
    "rackcloud",
];

struct StderrLogger;

/// Sends debug lines of the rackcloud crates to stderr for the rest of the process, behind the
/// SDK's `RedactingLogger` (so that widening the targets can never let the HTTP library's wire
/// dumps through).
pub(crate) fn init_verbose() {
    let logger: &'static RedactingLogger<StderrLogger> =
        Box::leak(Box::new(RedactingLogger::new(StderrLogger)));
    if log::set_logger(logger).is_ok() {
        log::set_max_level(LevelFilter::Debug);
    }
}

impl Log for StderrLogger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= Level::Debug && is_ours(metadata.target())
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let level = record.level().as_str().to_ascii_lowercase();
        // A log line that cannot be written is not worth failing the command for.
        let _ = writeln!(io::stderr().lock(), "rackcloud: {level}: {}", record.args());
    }

    fn flush(&self) {
        let _ = io::stderr().flush();
    }
}

fn is_ours(target: &str) -> bool {
    TARGETS.iter().any(|crate_name| {
        target == *crate_name
            || target
                .strip_prefix(crate_name)
                .is_some_and(|rest| rest.starts_with("::"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rackcloud_crates_are_logged() {
        assert!(is_ours("rackcloud_core::transport"));
        assert!(is_ours("lb_sessions"));
        assert!(is_ours("rackcloud::commands::demo"));
        assert!(!is_ours("ureq::unversioned"));
        assert!(!is_ours("rackcloud_core_extra"));
        assert!(!is_ours("rustls"));
    }
}
