//! The results: one row per scenario, printed as a table, as JSON, and into docs/benchmarks.md.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use anyhow::Result;
use serde::Serialize;

use crate::fleet_row::FleetRow;
use crate::measure::{Run, median};
use crate::scenarios::{Counted, ProcessRun};
use crate::wait_row::WaitRow;

/// Markers around the generated part of the Markdown file; the prose around them is kept.
const BEGIN: &str =
    "<!-- bench:begin (written by cargo xtask bench; edit outside these markers) -->";
const END: &str = "<!-- bench:end -->";

/// One scenario's results: medians over the rounds.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    pub(crate) name: &'static str,
    pub(crate) calls_per_s: f64,
    pub(crate) p50_us: f64,
    pub(crate) p99_us: f64,
    /// Throughput scenarios: calls/s relative to `raw`. cli-cold: process time relative to curl.
    pub(crate) ratio: f64,
    pub(crate) token_requests: f64,
    pub(crate) connections: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) peak_rss_kb: Option<u64>,
    /// The client thread's CPU time per call, where measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) client_cpu_us: Option<f64>,
    /// The fleet rows' own columns.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub(crate) fleet: Option<FleetRow>,
    /// The wait rows' own columns.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub(crate) wait: Option<WaitRow>,
}

impl Row {
    pub(crate) fn from_runs(name: &'static str, runs: &[Run], ratio: f64, counted: Counted) -> Row {
        let pick = |f: &dyn Fn(&Run) -> f64| median(&runs.iter().map(f).collect::<Vec<_>>());
        Row {
            name,
            calls_per_s: pick(&Run::calls_per_s),
            p50_us: pick(&|r| r.percentile_us(50.0)),
            p99_us: pick(&|r| r.percentile_us(99.0)),
            ratio,
            token_requests: counted.token_requests as f64,
            connections: counted.connections as f64,
            peak_rss_kb: None,
            client_cpu_us: None,
            fleet: None,
            wait: None,
        }
    }

    pub(crate) fn with_cpu(mut self, cpu_us: Option<f64>) -> Row {
        self.client_cpu_us = cpu_us;
        self
    }

    /// Process scenarios: latency is the whole process; counts are per process.
    pub(crate) fn from_processes(
        name: &'static str,
        rounds: &[Vec<ProcessRun>],
        ratio: f64,
        (token_requests, connections): (f64, f64),
    ) -> Row {
        let runs: Vec<Run> = rounds
            .iter()
            .map(|round| Run {
                latencies: round.iter().map(|p| p.elapsed).collect(),
                elapsed: round.iter().map(|p| p.elapsed).sum(),
            })
            .collect();
        let peak = rounds.iter().flatten().filter_map(|p| p.peak_rss_kb).max();
        let mut row = Row::from_runs(name, &runs, ratio, Counted::default());
        row.token_requests = token_requests;
        row.connections = connections;
        row.peak_rss_kb = peak;
        row
    }
}

/// What a user of the SDK pays: crates compiled in, and a release binary's size.
#[derive(Debug, Clone, Default)]
pub(crate) struct Footprint {
    pub(crate) crates: Option<usize>,
    pub(crate) example_bytes: Option<u64>,
    /// The same binary without symbols and line tables (`strip`), as a user would ship it.
    pub(crate) stripped_bytes: Option<u64>,
}

impl Footprint {
    /// Counts the crates of `cargo tree -p lb-sessions -e normal` (lb-sessions itself
    /// included) and measures the README example's release binary.
    pub(crate) fn measure(example: Option<&Path>) -> Footprint {
        let crates = Command::new("cargo")
            .args([
                "tree",
                "-p",
                "lb-sessions",
                "-e",
                "normal",
                "--prefix",
                "none",
                "--no-dedupe",
            ])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| {
                let text = String::from_utf8_lossy(&o.stdout);
                let mut names: Vec<&str> = text
                    .lines()
                    .filter_map(|l| l.split_whitespace().next())
                    .collect();
                names.sort_unstable();
                names.dedup();
                names.len()
            });
        let example_bytes = example
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| m.len());
        Footprint {
            crates,
            example_bytes,
            stripped_bytes: example.and_then(stripped_size),
        }
    }
}

/// The size of a stripped copy of `binary`, when `strip` is installed.
fn stripped_size(binary: &Path) -> Option<u64> {
    let copy =
        std::env::temp_dir().join(format!("rackcloud-bench-stripped-{}", std::process::id()));
    let status = Command::new("strip")
        .arg("-o")
        .arg(&copy)
        .arg(binary)
        .status()
        .ok()?;
    let size = status
        .success()
        .then(|| std::fs::metadata(&copy).ok().map(|m| m.len()))
        .flatten();
    let _ = std::fs::remove_file(&copy);
    size
}

pub(crate) fn json(rows: &[Row]) -> Result<String> {
    Ok(serde_json::to_string_pretty(rows)?)
}

/// The results as a Markdown table, with the footprint below it.
pub(crate) fn table(rows: &[Row], footprint: &Footprint) -> String {
    let mut out = String::new();
    out.push_str("| scenario | calls/s | p50 µs | p99 µs | ratio | token requests | connections | peak RSS KiB | client CPU µs/call |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in rows
        .iter()
        .filter(|r| r.fleet.is_none() && r.wait.is_none())
    {
        let rss = r
            .peak_rss_kb
            .map_or_else(|| "–".to_owned(), |kb| kb.to_string());
        let cpu = r
            .client_cpu_us
            .map_or_else(|| "–".to_owned(), |us| format!("{us:.1}"));
        let _ = writeln!(
            out,
            "| `{}` | {:.0} | {:.0} | {:.0} | {:.3} | {} | {} | {rss} | {cpu} |",
            r.name,
            r.calls_per_s,
            r.p50_us,
            r.p99_us,
            r.ratio,
            count(r.token_requests),
            count(r.connections),
        );
    }
    out.push('\n');
    out.push_str(&fleet_table(rows));
    let waits: Vec<_> = rows
        .iter()
        .filter_map(|r| r.wait.as_ref().map(|w| (r.name, w)))
        .collect();
    out.push_str(&crate::wait_row::table(&waits));
    out.push_str("ratio: calls/s relative to `raw` in the same round (median of the rounds; `raw` and `sdk-get` alternate call by call); for `cli-cold`, process time relative to `curl-cold` (lower is better). Client CPU: the calling thread's CPU time per call (user and system), in blocks of 100 calls taken in turn. For the process scenarios, token requests and connections are per process.\n\n");
    let crates = footprint
        .crates
        .map_or_else(|| "unknown".to_owned(), |n| n.to_string());
    let size = footprint.example_bytes.map_or_else(
        || "unknown".to_owned(),
        |b| format!("{:.2} MiB ({b} bytes)", b as f64 / 1_048_576.0),
    );
    let stripped = footprint.stripped_bytes.map_or_else(String::new, |b| {
        format!(", {:.2} MiB stripped", b as f64 / 1_048_576.0)
    });
    let _ = writeln!(
        out,
        "Footprint: `cargo tree -p lb-sessions -e normal` lists {crates} crates; the README example's release binary is {size}{stripped} (the release profile strips it; `--profile profiling` keeps line tables for profilers)."
    );
    out
}

fn count(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    }
}

/// Replaces the generated part of the Markdown file, or writes a new one.
pub(crate) fn write_markdown(
    path: &Path,
    rows: &[Row],
    footprint: &Footprint,
    machine: &str,
    plan: String,
) -> Result<()> {
    let generated = format!(
        "{BEGIN}\n\n{machine}\n\n{plan}\n\n{}\n{END}",
        table(rows, footprint)
    );
    let existing = std::fs::read_to_string(path).unwrap_or_default();
    let text = match (existing.find(BEGIN), existing.find(END)) {
        (Some(start), Some(end)) if start < end => {
            format!(
                "{}{generated}{}",
                &existing[..start],
                &existing[end + END.len()..]
            )
        }
        _ => format!("# Benchmarks\n\n{generated}\n"),
    };
    std::fs::write(path, text)?;
    Ok(())
}

impl Row {
    /// A fleet row: calls/s is requests and polls over the wall time, the ratio is wall time
    /// over the floor.
    pub(crate) fn fleet(name: &'static str, f: FleetRow) -> Row {
        Row {
            name,
            calls_per_s: (f.requests + f.polls) as f64 / f.wall_s.max(1e-9),
            p50_us: 0.0,
            p99_us: 0.0,
            ratio: f.wall_s / f.floor_s.max(1e-9),
            token_requests: 1.0,
            connections: 0.0,
            peak_rss_kb: None,
            client_cpu_us: None,
            fleet: Some(f),
            wait: None,
        }
    }

    /// A wait row: calls/s is polls over the wall time, the ratio is wall time over the floor.
    pub(crate) fn wait(name: &'static str, w: WaitRow) -> Row {
        Row {
            name,
            calls_per_s: w.polls as f64 / w.wall_s.max(1e-9),
            p50_us: 0.0,
            p99_us: 0.0,
            ratio: w.wall_s / w.floor_s.max(1e-9),
            token_requests: 1.0,
            connections: 0.0,
            peak_rss_kb: None,
            client_cpu_us: None,
            fleet: None,
            wait: Some(w),
        }
    }
}

/// The fleet rows as their own Markdown table (empty when there are none).
pub(crate) fn fleet_table(rows: &[Row]) -> String {
    use std::fmt::Write as _;
    let fleet: Vec<_> = rows
        .iter()
        .filter_map(|r| r.fleet.as_ref().map(|f| (r.name, f)))
        .collect();
    if fleet.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "| fleet scenario | wall s | floor s | wall / floor | naive s | naive / wall | requests (min) | polls | 413s | naive requests, polls, 413s |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for (name, f) in &fleet {
        let _ = writeln!(
            out,
            "| `{name}` | {:.3} | {:.3} | {:.3} | {:.3} | {:.1} | {} ({}) | {} | {} | {}, {}, {} |",
            f.wall_s,
            f.floor_s,
            f.wall_s / f.floor_s.max(1e-9),
            f.naive_wall_s,
            f.naive_wall_s / f.wall_s.max(1e-9),
            f.requests,
            f.min_requests,
            f.polls,
            f.status_413,
            f.naive_requests,
            f.naive_polls,
            f.naive_status_413,
        );
    }
    out.push('\n');
    for (name, f) in &fleet {
        let _ = writeln!(out, "Floor of `{name}`: {}.", f.floor);
    }
    out.push('\n');
    out
}
