//! The `apply-pending-1s` row: what a wait costs on its own. One load balancer, a document
//! that makes 7 changes to it (port, a third node, health monitor, session persistence,
//! connection throttle, connection logging, content caching), applied with `rackcloud_lb::apply` and the
//! default `WaitOpts`, as `rackcloud lb apply` does, on an emulator whose clock runs in real
//! time and which applies each change in 1 s (real rate limits enforced). The floor is the 7
//! pending times one after the other; the polls per change say what the waits cost the
//! account's GET budget.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rackcloud_core::{AuthOptions, EndpointOpts, FleetOpts, Pacing, ProviderClient, new_lb_v1};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator, LoadBalancerSeed};
use rackcloud_lb::{Document, apply, plan_account};
use serde::Serialize;
use serde_json::json;

/// The load balancer the row changes.
const ID: u64 = 2001;
/// The changes the document makes.
const CHANGES: u64 = 7;
/// The emulator's pending time after each change.
const PENDING: Duration = Duration::from_secs(1);

/// The columns of a wait row (`--json` keys as named).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WaitRow {
    pub(crate) wall_s: f64,
    pub(crate) floor_s: f64,
    pub(crate) changes: u64,
    pub(crate) polls: u64,
    pub(crate) polls_per_change: f64,
    /// The wait options the row used.
    pub(crate) wait: String,
}

/// `apply-pending-1s`.
pub(crate) fn measure() -> Result<(&'static str, WaitRow)> {
    let emulator = Emulator::builder()
        .default_seed()
        .rate_limits(true)
        .pending_time(PENDING)
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(ID, "apply-7", "HTTP"),
        )
        .start()
        .context("could not start the wait row's emulator")?;
    let provider = ProviderClient::builder()
        .pacing(Pacing::documented())
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
                .identity_endpoint(emulator.identity_url()),
        )?;
    let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?;
    let doc = Document::from_json(
        &json!({"load_balancers": [{
            "name": "apply-7", "protocol": "HTTP", "port": 8080,
            "nodes": [
                {"address": "10.180.0.11", "port": 80},
                {"address": "10.180.0.12", "port": 80},
                {"address": "10.3.0.1", "port": 8080},
            ],
            "health_monitor": {"type": "CONNECT", "delay": 10, "timeout": 5,
                               "attempts_before_deactivation": 2},
            "session_persistence": "HTTP_COOKIE",
            "connection_throttle": {"max_connections": 100, "max_connection_rate": 50,
                                    "min_connections": 10, "rate_interval": 60},
            "connection_logging": true,
            "content_caching": true,
        }]})
        .to_string(),
    )
    .context("the wait row's document is invalid")?;
    let plan = plan_account(&client, &doc)?;
    if plan.len() as u64 != CHANGES {
        bail!(
            "the plan has {} changes, not {CHANGES}:\n{plan}",
            plan.len()
        );
    }
    let opts = FleetOpts::new();
    emulator.clear_requests();
    let start = Instant::now();
    let report = apply(&client, &plan, &opts);
    let wall = start.elapsed();
    if !report.is_complete() || report.applied() != plan.len() {
        bail!("the apply did not complete:\n{report}");
    }
    let polls = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "GET")
        .count() as u64;
    if !plan_account(&client, &doc)?.is_empty() {
        bail!("the load balancer does not match the document after apply");
    }
    Ok((
        "apply-pending-1s",
        WaitRow {
            wall_s: wall.as_secs_f64(),
            floor_s: (PENDING * u32::try_from(CHANGES)?).as_secs_f64(),
            changes: CHANGES,
            polls,
            polls_per_change: polls as f64 / CHANGES as f64,
            wait: format!("{:?}", opts.wait_opts()),
        },
    ))
}

/// The wait rows as their own Markdown table (empty when there are none).
pub(crate) fn table(rows: &[(&str, &WaitRow)]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "| wait scenario | wall s | floor s | wall / floor | changes | polls | polls per change |\n|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for (name, w) in rows {
        let _ = writeln!(
            out,
            "| `{name}` | {:.3} | {:.3} | {:.3} | {} | {} | {:.2} |",
            w.wall_s,
            w.floor_s,
            w.wall_s / w.floor_s.max(1e-9),
            w.changes,
            w.polls,
            w.polls_per_change,
        );
    }
    out.push('\n');
    for (name, w) in rows {
        let _ = writeln!(out, "Waits of `{name}`: {}.", w.wait);
    }
    out.push('\n');
    out
}
