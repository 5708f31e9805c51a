//! What the demo shows while a step runs: in text mode, retry lines as the SDK retries (not
//! after the call), and on a terminal the `--wait` spinner while a wait polls.

use std::io::{self, IsTerminal};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use indicatif::ProgressBar;
use rackcloud_lb::core::{RetryPolicy, WaitOpts};

use crate::output::Output;
use crate::wait::{Display, spinner, spinner_message};

/// The first back-off of the demo's retry policy: short, so the tour stays a few seconds long.
const BACKOFF: Duration = Duration::from_millis(400);

/// The demo's output while it runs, shared by the narrator, the retry policy and the waits.
#[derive(Clone)]
pub(super) struct Live {
    out: Output,
    display: Display,
    spinner: Arc<Mutex<Option<ProgressBar>>>,
    /// Retry lines not yet given to the narrator (for the JSON document).
    retries: Arc<Mutex<Vec<String>>>,
}

impl Live {
    /// A spinner only in text mode, on a terminal, without `-v` (as `--wait` chooses).
    pub(super) fn new(out: Output, verbose: bool) -> Live {
        Live {
            out,
            display: Display::choose(out.is_json(), verbose, io::stderr().is_terminal()),
            spinner: Arc::default(),
            retries: Arc::default(),
        }
    }

    /// Prints lines in text mode, clearing the spinner first; nothing in JSON mode.
    pub(super) fn print(&self, lines: &[String]) -> io::Result<()> {
        self.clear();
        if self.out.is_json() {
            return Ok(());
        }
        self.out.lines(lines)
    }

    /// Clears the spinner, if one is shown.
    pub(super) fn clear(&self) {
        if let Some(spinner) = lock(&self.spinner).take() {
            spinner.finish_and_clear();
        }
    }

    /// How the demo's waits poll (often, so each change is seen applied soon after it is), with
    /// the spinner showing each poll's status when there is one.
    pub(super) fn wait_opts(&self) -> WaitOpts {
        let opts = WaitOpts::new()
            .interval(Duration::from_millis(200))
            .deadline(Duration::from_secs(60));
        if self.display != Display::Spinner {
            return opts;
        }
        let slot = Arc::clone(&self.spinner);
        opts.on_progress(move |p| {
            let mut slot = lock(&slot);
            // The wait is over: no spinner is left telling of it while the next step runs.
            if p.status == Some(p.target) {
                if let Some(done) = slot.take() {
                    done.finish_and_clear();
                }
                return;
            }
            let message = spinner_message(p.id, p.target, p.status, p.error);
            match slot.as_ref() {
                Some(spinner) => spinner.set_message(message),
                None => *slot = Some(spinner(message)),
            }
        })
    }

    /// The demo's retry policy: each retry's line, as the CLI prints it on stderr, is printed at
    /// once as a detail of the step (text mode) and kept for [`Live::take_retries`].
    pub(super) fn retry_policy(&self) -> RetryPolicy {
        let live = self.clone();
        RetryPolicy::default()
            .initial_backoff(BACKOFF)
            .on_retry(move |event| {
                let line = format!("Retry: {}", crate::auth::retry_line(event));
                // A line that cannot be printed now is still told in the JSON document.
                let _ = live.print(&[format!("   {line}")]);
                lock(&live.retries).push(line);
            })
    }

    /// The retry lines since the last call, already printed in text mode.
    pub(super) fn take_retries(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.retries))
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::OutputFormat;

    #[test]
    fn json_mode_prints_nothing_and_keeps_the_retry_lines_for_the_document() {
        let live = Live::new(Output::new(OutputFormat::Json), false);
        assert_eq!(live.display, Display::Quiet);
        lock(&live.retries).push("Retry: one".to_owned());
        live.print(&["not printed".to_owned()])
            .expect("nothing to print");
        assert_eq!(live.take_retries(), ["Retry: one"]);
        assert!(live.take_retries().is_empty());
    }

    #[test]
    fn without_a_spinner_the_waits_poll_as_before() {
        let live = Live::new(Output::new(OutputFormat::Json), false);
        let opts = live.wait_opts();
        assert_eq!(opts.wait_deadline(), Duration::from_secs(60));
        assert!(lock(&live.spinner).is_none());
    }
}
