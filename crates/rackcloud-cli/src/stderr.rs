//! [`Stderr`]: the one place that writes notice lines (retries, wait progress) on stderr, above
//! the `--wait` spinner when one is shown.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use indicatif::ProgressBar;

/// Stderr for notice lines, shared (cheaply cloned) by everything a command runs.
///
/// While a spinner is shown, a line is written with the spinner suspended, so that the spinner
/// neither overwrites it nor is left half drawn in front of it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stderr {
    spinner: Arc<Mutex<Option<ProgressBar>>>,
}

impl Stderr {
    /// A stderr with no spinner shown.
    pub(crate) fn new() -> Stderr {
        Stderr::default()
    }

    /// Writes one line, secrets redacted and control characters shown as escapes; a line that
    /// cannot be written is not worth failing the command for.
    pub(crate) fn line(&self, text: &str) {
        let text = crate::redact::for_terminal(text);
        let write = || {
            let _ = writeln!(io::stderr().lock(), "{text}");
        };
        // Clone the handle so the lock is not held while writing.
        let spinner = self.slot().clone();
        match spinner {
            Some(spinner) => spinner.suspend(write),
            None => write(),
        }
    }

    /// From now on, lines are written above `spinner`.
    pub(crate) fn show_spinner(&self, spinner: ProgressBar) {
        *self.slot() = Some(spinner);
    }

    /// Clears the spinner, if one is shown, from the terminal.
    pub(crate) fn clear_spinner(&self) {
        if let Some(spinner) = self.slot().take() {
            spinner.finish_and_clear();
        }
    }

    fn slot(&self) -> MutexGuard<'_, Option<ProgressBar>> {
        // A panic while holding the lock leaves a usable `Option`.
        self.spinner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spinner_is_forgotten_when_cleared() {
        let stderr = Stderr::new();
        stderr.show_spinner(ProgressBar::hidden());
        assert!(stderr.slot().is_some());
        stderr.line("a line written while a (hidden) spinner is shown");
        stderr.clear_spinner();
        assert!(stderr.slot().is_none());
        stderr.clear_spinner();
    }
}
