//! The demo's narration: numbered steps with their details, printed as they happen in text mode,
//! gathered into one document printed at the end in JSON mode.
//!
//! Lines go out through [`Live`], which the retry policy and the waits share, so that a retry
//! line is printed as the SDK retries and the spinner is cleared before the next line.

use std::io;

use serde::Serialize;

use super::live::Live;
use crate::output::Output;

/// Tells the tour: printed as it happens in text mode, one document at the end in JSON mode.
pub(super) struct Narrator {
    out: Output,
    live: Live,
    doc: DemoDocument,
}

#[derive(Debug, Default, Serialize)]
struct DemoDocument {
    steps: Vec<Step>,
    summary: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Step {
    step: usize,
    lines: Vec<String>,
}

impl Narrator {
    pub(super) fn new(out: Output, live: Live) -> Narrator {
        Narrator {
            out,
            live,
            doc: DemoDocument::default(),
        }
    }

    /// How the tour's waits poll, with the spinner on a terminal.
    pub(super) fn wait_opts(&self) -> rackcloud_lb::core::WaitOpts {
        self.live.wait_opts()
    }

    /// Adds the retry lines [`Live`] printed since the last call to the current step, for the
    /// JSON document (text mode printed them already).
    pub(super) fn retries(&mut self) {
        let lines = self.live.take_retries();
        if let Some(step) = self.doc.steps.last_mut() {
            step.lines.extend(lines);
        }
    }

    pub(super) fn heading(&mut self, text: &str) -> io::Result<()> {
        self.print(vec![text.to_owned(), String::new()])
    }

    pub(super) fn step(&mut self, text: String) -> io::Result<()> {
        // Retries told since the last line belong before this one in the document too.
        self.retries();
        let number = self.doc.steps.len() + 1;
        let line = format!("{number}. {text}");
        self.doc.steps.push(Step {
            step: number,
            lines: vec![text],
        });
        self.print(vec![line])
    }

    pub(super) fn detail(&mut self, text: impl Into<String>) -> io::Result<()> {
        self.retries();
        let text = text.into();
        let line = format!("   {text}");
        if let Some(step) = self.doc.steps.last_mut() {
            step.lines.push(text);
        }
        self.print(vec![line])
    }

    pub(super) fn summary(&mut self, lines: Vec<String>) -> io::Result<()> {
        self.retries();
        let mut printed = vec![String::new(), "Summary:".to_owned()];
        printed.extend(lines.iter().map(|l| format!("   {l}")));
        self.doc.summary = lines;
        self.print(printed)
    }

    fn print(&mut self, lines: Vec<String>) -> io::Result<()> {
        self.live.print(&lines)
    }

    /// In JSON mode, prints the whole tour as one document.
    pub(super) fn finish(self) -> io::Result<()> {
        self.live.clear();
        if !self.out.is_json() {
            return Ok(());
        }
        self.out.json(&self.doc)
    }
}

impl Drop for Narrator {
    /// A tour that stops at an error leaves no spinner behind its error line.
    fn drop(&mut self) {
        self.live.clear();
    }
}
