//! Every log line of this test binary, at every level, through `RedactingLogger` as an
//! application would install it.

use std::sync::{Mutex, OnceLock};

use log::{LevelFilter, Log, Metadata, Record};
use rackcloud_core::RedactingLogger;

#[derive(Default)]
struct Lines(Mutex<Vec<String>>);

impl Log for Lines {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &Record<'_>) {
        if let Ok(mut lines) = self.0.lock() {
            lines.push(format!(
                "{} {} {}",
                record.level(),
                record.target(),
                record.args()
            ));
        }
    }
    fn flush(&self) {}
}

fn logger() -> &'static RedactingLogger<Lines> {
    static LOGGER: OnceLock<RedactingLogger<Lines>> = OnceLock::new();
    LOGGER.get_or_init(|| RedactingLogger::new(Lines::default()))
}

/// Installs the logger (once) at every level.
pub fn capture() {
    if log::set_logger(logger()).is_ok() {
        log::set_max_level(LevelFilter::Trace);
    }
}

/// The lines recorded so far.
pub fn lines() -> Vec<String> {
    logger()
        .inner()
        .0
        .lock()
        .map(|l| l.clone())
        .unwrap_or_default()
}
