//! The demo's narration: numbered steps with their details, printed as they happen in text mode,
//! gathered into one document printed at the end in JSON mode.

use std::io;

use serde::Serialize;

use crate::output::Output;

/// Tells the tour: printed as it happens in text mode, one document at the end in JSON mode.
pub(super) struct Narrator {
    out: Output,
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
    pub(super) fn new(out: Output) -> Narrator {
        Narrator {
            out,
            doc: DemoDocument::default(),
        }
    }

    pub(super) fn heading(&mut self, text: &str) -> io::Result<()> {
        self.print(vec![text.to_owned(), String::new()])
    }

    pub(super) fn step(&mut self, text: String) -> io::Result<()> {
        let number = self.doc.steps.len() + 1;
        let line = format!("{number}. {text}");
        self.doc.steps.push(Step {
            step: number,
            lines: vec![text],
        });
        self.print(vec![line])
    }

    pub(super) fn detail(&mut self, text: impl Into<String>) -> io::Result<()> {
        let text = text.into();
        let line = format!("   {text}");
        if let Some(step) = self.doc.steps.last_mut() {
            step.lines.push(text);
        }
        self.print(vec![line])
    }

    pub(super) fn summary(&mut self, lines: Vec<String>) -> io::Result<()> {
        let mut printed = vec![String::new(), "Summary:".to_owned()];
        printed.extend(lines.iter().map(|l| format!("   {l}")));
        self.doc.summary = lines;
        self.print(printed)
    }

    fn print(&self, lines: Vec<String>) -> io::Result<()> {
        if self.out.is_json() {
            return Ok(());
        }
        self.out.lines(&lines)
    }

    /// In JSON mode, prints the whole tour as one document.
    pub(super) fn finish(self) -> io::Result<()> {
        if !self.out.is_json() {
            return Ok(());
        }
        self.out.json(&self.doc)
    }
}
