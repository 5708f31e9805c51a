//! The `declare-apply` row: a document of 20 new load balancers (each with a health monitor,
//! session persistence, connection logging and metadata, all sent in its creation) planned with
//! `rackcloud_lb::plan_account` and applied with `rackcloud_lb::apply`, 20 at once with the
//! client's pacing, on the fleet rows' emulator (`fleet_rows.rs`), against the floor and the
//! same plan applied one load balancer at a time without pacing.

use std::sync::Arc;
use std::sync::atomic::AtomicU64;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rackcloud_core::FleetOpts;
use rackcloud_emulator::Emulator;
use rackcloud_lb::{Change, Document, Plan, apply, plan_account};
use serde_json::{Value, json};

use crate::fleet_row::FleetRow;
use crate::fleet_rows::{
    FLEET, Measured, client, emulator, fleet_wait, floor, measure_job, naive_wait, row,
};

/// Changes per load balancer: one creation carrying the health monitor, session persistence,
/// logging and metadata.
const CHANGES_PER_LB: u64 = 1;

/// `declare-apply`.
pub(crate) fn measure() -> Result<(&'static str, FleetRow)> {
    let (fleet, floor) = run(true)?;
    let (naive, _) = run(false)?;
    Ok((
        "declare-apply",
        row(&fleet, &naive, floor, CHANGES_PER_LB * FLEET),
    ))
}

/// The document: `decl-1` to `decl-20`, alike.
fn document() -> Result<Document> {
    let lbs: Vec<Value> = (1..=FLEET)
        .map(|i| {
            json!({
                "name": format!("decl-{i}"), "protocol": "HTTP", "port": 80,
                "nodes": [
                    {"address": format!("10.2.{i}.1"), "port": 8080, "type": "PRIMARY"},
                    {"address": format!("10.2.{i}.2"), "port": 8080, "type": "PRIMARY"},
                ],
                "health_monitor": {"type": "CONNECT", "delay": 10, "timeout": 5,
                                   "attempts_before_deactivation": 2},
                "session_persistence": "HTTP_COOKIE",
                "connection_logging": true,
                "metadata": {"team": "web"},
            })
        })
        .collect();
    let text = json!({ "load_balancers": lbs }).to_string();
    Document::from_json(&text).context("the benchmark's document is invalid")
}

/// The method a change is sent with (`None` for a kind of change this row does not know).
fn method(change: &Change) -> Option<&'static str> {
    Some(match change {
        Change::CreateLb(_)
        | Change::AddVirtualIp(_)
        | Change::AddMapping(_)
        | Change::AddNodes(_)
        | Change::AppendAccess(_)
        | Change::AddMetadata(_) => "POST",
        Change::UpdateLb { .. }
        | Change::SetHttpsRedirect(_)
        | Change::SetSslTermination { .. }
        | Change::UpdateMapping { .. }
        | Change::SetErrorPage(_)
        | Change::SetMonitor(_)
        | Change::UpdateNode { .. }
        | Change::SetSessionPersistence(_)
        | Change::SetThrottle(_)
        | Change::SetLogging(_)
        | Change::SetCaching(_)
        | Change::UpdateMetadata { .. } => "PUT",
        Change::RemoveVirtualIps { .. }
        | Change::DeleteSslTermination
        | Change::RemoveMapping { .. }
        | Change::DeleteMonitor
        | Change::RemoveNodes { .. }
        | Change::DisableSessionPersistence
        | Change::RemoveAccess { .. }
        | Change::DeleteThrottle
        | Change::RemoveMetadata { .. } => "DELETE",
        _ => return None,
    })
}

/// Whether a change leaves the load balancer pending (`BUILD` for a creation): all but
/// metadata changes, which need it `ACTIVE` and leave it so (docs/api/metadata.md).
fn pends(change: &Change) -> bool {
    !matches!(
        change,
        Change::AddMetadata(_) | Change::UpdateMetadata { .. } | Change::RemoveMetadata { .. }
    )
}

/// The floor of `plan` on `emulator`: each load balancer's chain (the build time for its
/// creation, a pending time for each other change that pends), all at once, unless a method's
/// requests (one per change) need more than one window.
fn plan_floor(emulator: &Emulator, plan: &Plan) -> Result<(Duration, String)> {
    let build = build_time(emulator)?;
    let pending = emulator.pending_time();
    let mut chain = Duration::ZERO;
    let mut text = String::new();
    for lb in plan.lbs() {
        let changes = lb.changes();
        let builds = changes
            .iter()
            .filter(|c| matches!(c, Change::CreateLb(_)))
            .count();
        let pended = changes.iter().filter(|c| pends(c)).count() - builds;
        let active = changes.len() - builds - pended;
        let this = build * u32::try_from(builds)? + pending * u32::try_from(pended)?;
        if this > chain || text.is_empty() {
            chain = this;
            text = format!(
                "{builds} build × {:.0} ms + {pended} changes × {:.0} ms pending + {active} left ACTIVE",
                build.as_secs_f64() * 1e3,
                pending.as_secs_f64() * 1e3
            );
        }
    }
    let mut needed = [("POST", 0), ("PUT", 0), ("DELETE", 0)];
    for (name, change) in plan.changes() {
        let m = method(change).with_context(|| format!("{name}: no method for {change}"))?;
        if let Some(entry) = needed.iter_mut().find(|(n, _)| *n == m) {
            entry.1 += 1;
        }
    }
    Ok(floor(emulator, chain, &text, &needed))
}

/// The real time a new load balancer stays `BUILD`, as the emulator reports it
/// (`GET /_emulator/rate-limits`, `build_time_ms`).
fn build_time(emulator: &Emulator) -> Result<Duration> {
    let url = format!("http://{}/_emulator/rate-limits", emulator.addr());
    let text = ureq::get(&url)
        .call()
        .context("could not read the emulator's rate limits")?
        .body_mut()
        .read_to_string()?;
    let value: Value = serde_json::from_str(&text)?;
    let ms = value["build_time_ms"]
        .as_f64()
        .context("no build_time_ms in the emulator's rate limits")?;
    Ok(Duration::from_secs_f64(ms / 1e3))
}

/// Plans the document on a fresh emulator and applies the plan, measured: 20 at once with
/// pacing, or one at a time without (the naive run); the account must then match the document.
fn run(fleet: bool) -> Result<(Measured, (Duration, String))> {
    let emulator = emulator(false)?;
    let seen_413 = Arc::new(AtomicU64::new(0));
    let c = client(&emulator, fleet, &seen_413)?;
    let doc = document()?;
    let plan = plan_account(&c, &doc)?;
    if plan.len() as u64 != CHANGES_PER_LB * FLEET {
        bail!(
            "the plan has {} changes, not {}:\n{plan}",
            plan.len(),
            CHANGES_PER_LB * FLEET
        );
    }
    let opts = if fleet {
        FleetOpts::new()
            .parallel(plan.lbs().len())
            .wait(fleet_wait())
    } else {
        FleetOpts::new().parallel(1).wait(naive_wait())
    };
    let measured = measure_job(&emulator, &seen_413, || {
        let report = apply(&c, &plan, &opts);
        if !report.is_complete() || report.applied() != plan.len() {
            bail!("the apply did not complete:\n{report}");
        }
        Ok(())
    })?;
    let floor = plan_floor(&emulator, &plan)?;
    let left = plan_account(&c, &doc)?;
    if !left.is_empty() {
        bail!("the account does not match the document after apply:\n{left}");
    }
    Ok((measured, floor))
}
