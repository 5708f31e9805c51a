//! The summary of a change run on several load balancers.
//!
//! Text: one line per load balancer (`load balancer 7: done`, `load balancer 8: failed: …`,
//! `load balancer 6: accepted, not confirmed: …`, `load balancer 9: not started`), then
//! `enable … : 2 done, 1 failed, 1 accepted, not confirmed, 0 not started`.
//! JSON: `{"operation":"…","done":2,"failed":1,"unconfirmed":1,"notStarted":0,"results":
//! [{"loadBalancerId":7,"outcome":"done","seconds":0.5},{"loadBalancerId":8,"outcome":"failed",
//! "step":1,"error":"…"},{"loadBalancerId":6,"outcome":"unconfirmed","step":1,"error":"…"}]}`.

use std::io::{self, Write};

use rackcloud_lb::core::{FleetOutcome, LbOutcome};
use serde::Serialize;

use super::{Render, write_json};
use crate::failure::{Unconfirmed, describe};

/// What happened to each load balancer.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct FleetSummary {
    operation: String,
    done: usize,
    failed: usize,
    unconfirmed: usize,
    not_started: usize,
    results: Vec<FleetResult>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct FleetResult {
    load_balancer_id: u64,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    seconds: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    step: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl FleetSummary {
    pub(crate) fn new(operation: &str, outcomes: &[LbOutcome], verbose: bool) -> FleetSummary {
        let results: Vec<FleetResult> = outcomes
            .iter()
            .map(|o| {
                let (outcome, step, error) = match &o.outcome {
                    FleetOutcome::Done => ("done", None, None),
                    FleetOutcome::Failed { step, error, .. } => match Unconfirmed::of(error) {
                        Some(u) => ("unconfirmed", Some(*step), Some(u.reason())),
                        None => ("failed", Some(*step), Some(describe(error, verbose))),
                    },
                    _ => ("not started", None, None),
                };
                FleetResult {
                    load_balancer_id: o.lb_id,
                    outcome,
                    seconds: (outcome != "not started").then_some(o.elapsed.as_secs_f64()),
                    step,
                    error,
                }
            })
            .collect();
        let count = |what: &str| results.iter().filter(|r| r.outcome == what).count();
        FleetSummary {
            operation: operation.to_owned(),
            done: count("done"),
            failed: count("failed"),
            unconfirmed: count("unconfirmed"),
            not_started: count("not started"),
            results,
        }
    }

    /// Load balancers that failed or were not started.
    pub(crate) fn failed(&self) -> usize {
        self.failed + self.not_started
    }

    /// Load balancers whose change was accepted and whose wait passed its deadline.
    pub(crate) fn unconfirmed(&self) -> usize {
        self.unconfirmed
    }
}

impl Render for FleetSummary {
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        for r in &self.results {
            match &r.error {
                // The error says `accepted, not confirmed: …`.
                Some(error) if r.outcome == "unconfirmed" => {
                    writeln!(out, "load balancer {}: {error}", r.load_balancer_id)?
                }
                Some(error) => {
                    writeln!(out, "load balancer {}: failed: {error}", r.load_balancer_id)?
                }
                None => writeln!(out, "load balancer {}: {}", r.load_balancer_id, r.outcome)?,
            }
        }
        writeln!(
            out,
            "{}: {} done, {} failed, {} accepted, not confirmed, {} not started",
            self.operation, self.done, self.failed, self.unconfirmed, self.not_started
        )
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        write_json(out, self)
    }
}
