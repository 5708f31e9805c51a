//! Rendering results on stdout: text lines for people, one JSON document for scripts.
//!
//! Each command's result is a report type of its own, kept in the module of its resource, that
//! implements [`Render`]; [`emit`] prints any of them in the chosen format, so a new command adds
//! a report type and touches nothing here. The shared pieces:
//!
//! - [`Table`]: the aligned table with a header row that lists print in text mode.
//! - [`Change`]: a change the server accepted and, with `--wait`, the status once applied.
//! - [`write_json`]: one JSON document on one line, keys in the order its type declares them.

mod access_list;
mod catalog;
mod change;
mod declarative;
mod emulator;
mod fleet;
mod health_monitor;
mod lb_details;
mod lb_features;
mod load_balancer;
mod metadata;
mod nodes;
mod reference;
mod removal;
mod session_persistence;
mod ssl;
mod table;
mod throttle;
mod usage;
mod vips;

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::OutputFormat;
use crate::redact;

pub(crate) use access_list::AccessListShown;
pub(crate) use catalog::CatalogReport;
pub(crate) use change::Change;
pub(crate) use declarative::{Applied, Planned};
pub(crate) use emulator::EmulatorReport;
pub(crate) use fleet::FleetSummary;
pub(crate) use health_monitor::{MonitorShown, monitor_deleted, monitor_set};
pub(crate) use lb_details::LoadBalancerDetails;
pub(crate) use lb_features::{
    AlgorithmsShown, BulkDeletion, ErrorPageShown, LimitsShown, ProtocolsShown, StatsShown,
    SwitchShown,
};
pub(crate) use load_balancer::LoadBalancers;
pub(crate) use metadata::{MetadataItems, MetadataRemoved, MetadataSet};
pub(crate) use nodes::{NodeDetails, NodeEvents, NodeIds, NodeUpdate, Nodes, added_nodes};
pub(crate) use reference::{DomainsShown, SourcesShown};
pub(crate) use removal::{RemovalReport, RemovalWords};
pub(crate) use session_persistence::{PersistenceShown, persistence_disabled, persistence_enabled};
pub(crate) use ssl::{CertFacts, Ciphers, MappingShown, Mappings, Rotated, SslShown};
pub(crate) use table::{Column, Table};
pub(crate) use throttle::{ThrottleShown, throttle_deleted, throttle_set};
pub(crate) use usage::{BillableReport, UsageReport};
pub(crate) use vips::{VirtualIps, vip_added, vips_removed};

/// The result of a command, printable as text or as one JSON document.
pub(crate) trait Render {
    /// Writes the text lines, each ending in a newline.
    fn text(&self, out: &mut dyn Write) -> io::Result<()>;

    /// Writes the JSON document on one line, ending in a newline; usually
    /// `write_json(out, &document)`.
    fn json(&self, out: &mut dyn Write) -> io::Result<()>;
}

/// Writes `report` to `out` in `format`.
pub(crate) fn emit(
    report: &dyn Render,
    format: OutputFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Text => report.text(out),
        OutputFormat::Json => report.json(out),
    }
}

/// Writes `doc` as JSON on one line, then a newline.
pub(crate) fn write_json(out: &mut dyn Write, doc: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, doc).map_err(io::Error::other)?;
    writeln!(out)
}

/// Where results go: stdout, as text or JSON.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    format: OutputFormat,
}

impl Output {
    /// Output in `format`.
    pub(crate) fn new(format: OutputFormat) -> Output {
        Output { format }
    }

    /// Whether results are one JSON document.
    pub(crate) fn is_json(self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Prints a report in the chosen format.
    pub(crate) fn report(self, report: &dyn Render) -> io::Result<()> {
        let mut buffer = Vec::new();
        emit(report, self.format, &mut buffer)?;
        self.print(&buffer)
    }

    /// Prints one JSON document on one line, keys in the order the document declares them.
    pub(crate) fn json(self, doc: &impl Serialize) -> io::Result<()> {
        let mut buffer = Vec::new();
        write_json(&mut buffer, doc)?;
        self.print(&buffer)
    }

    /// Prints text lines.
    pub(crate) fn lines(self, lines: &[String]) -> io::Result<()> {
        let mut buffer = Vec::new();
        for line in lines {
            writeln!(buffer, "{line}")?;
        }
        self.print(&buffer)
    }

    /// Prints bytes exactly as they are: generated text that holds nothing from a server
    /// (completion scripts, the manual page).
    pub(crate) fn verbatim(self, bytes: &[u8]) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        stdout.write_all(bytes)?;
        stdout.flush()
    }

    /// Prints what a report wrote, with every secret the tool holds redacted and, in text
    /// mode, control characters shown as escapes (`crate::sanitize`).
    fn print(self, rendered: &[u8]) -> io::Result<()> {
        let rendered = String::from_utf8_lossy(rendered);
        let cleaned = match self.format {
            OutputFormat::Text => redact::for_terminal(&rendered),
            OutputFormat::Json => redact::text(&rendered).into_owned(),
        };
        self.verbatim(cleaned.as_bytes())
    }
}

/// `1 change`, `5 changes`, `1 load balancer`: a count and its noun, plural but for one.
pub(crate) fn count(n: impl std::fmt::Display, noun: &str) -> String {
    let n = n.to_string();
    if n == "1" {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// What a report prints, for the tests of the report types.
#[cfg(test)]
pub(crate) mod rendered {
    use super::{OutputFormat, Render, emit};

    /// The text lines.
    pub(crate) fn text(report: &dyn Render) -> Vec<String> {
        printed(report, OutputFormat::Text)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The JSON document, without its newline.
    pub(crate) fn json(report: &dyn Render) -> String {
        let printed = printed(report, OutputFormat::Json);
        assert_eq!(printed.matches('\n').count(), 1, "one line: {printed:?}");
        printed.trim_end().to_owned()
    }

    fn printed(report: &dyn Render, format: OutputFormat) -> String {
        let mut out = Vec::new();
        emit(report, format, &mut out).expect("writing to memory");
        String::from_utf8(out).expect("UTF-8")
    }
}
