//! The fleet rows: one change rolled over 20 load balancers on an emulator whose clock runs 60
//! times faster (real rate limits, 30 s pending times), with the SDK's pacing and `run_fleet`,
//! against the floor the enforced limits and pending times allow and against a naive loop (the
//! same SDK, one load balancer after another, no pacing). The emulator, client, waits,
//! measurement and floor are shared with the other rows of this kind (`declare_row.rs`).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::fleet_row::FleetRow;
use anyhow::{Context, Result, bail};
use lb_nodes::workflows::WorkflowOpts;
use rackcloud_core::model::NodeOpts;
use rackcloud_core::{
    AuthOptions, EndpointOpts, FleetJob, FleetOpts, Pacing, ProviderClient, RetryPolicy,
    ServiceClient, WaitOpts, new_lb_v1, run_fleet,
};
use rackcloud_emulator::{DEMO_API_KEY, DEMO_TENANT, DEMO_USERNAME, Emulator, LoadBalancerSeed};

/// How many load balancers a fleet row changes.
pub(crate) const FLEET: u64 = 20;
/// The ids of the fleet's load balancers: 1001 to 1020.
const FIRST_ID: u64 = 1001;
/// How much faster the emulator's clock runs.
const SCALE: f64 = 60.0;
/// The pending time of a change, in the API's time (0.5 s of real time at the scale).
const PENDING: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Persistence,
    Rotate,
}

impl Scenario {
    /// Changes per load balancer, each a mutation followed by a pending time.
    fn changes(self) -> u64 {
        match self {
            Scenario::Persistence => 1,
            // Add (DRAINING), enable, set the old node DRAINING, delete it.
            Scenario::Rotate => 4,
        }
    }

    /// The fewest mutations per method: (POST, PUT, DELETE) per load balancer.
    fn mutations(self) -> (u64, u64, u64) {
        match self {
            Scenario::Persistence => (0, 1, 0),
            Scenario::Rotate => (1, 2, 1),
        }
    }
}

/// One measured run.
pub(crate) struct Measured {
    wall: Duration,
    requests: u64,
    polls: u64,
    status_413: u64,
}

/// A fleet row from the paced run, the naive run, the floor and its formula, and the fewest
/// mutations the job needs.
pub(crate) fn row(
    fleet: &Measured,
    naive: &Measured,
    (floor, formula): (Duration, String),
    min_requests: u64,
) -> FleetRow {
    FleetRow {
        wall_s: fleet.wall.as_secs_f64(),
        floor_s: floor.as_secs_f64(),
        naive_wall_s: naive.wall.as_secs_f64(),
        requests: fleet.requests,
        min_requests,
        polls: fleet.polls,
        status_413: fleet.status_413,
        naive_requests: naive.requests,
        naive_polls: naive.polls,
        naive_status_413: naive.status_413,
        floor: formula,
    }
}

/// `fleet-persistence` and `fleet-rotate`.
pub(crate) fn measure() -> Result<Vec<(&'static str, FleetRow)>> {
    let mut rows = Vec::new();
    for (name, scenario) in [
        ("fleet-persistence", Scenario::Persistence),
        ("fleet-rotate", Scenario::Rotate),
    ] {
        let (fleet, floor) = run(scenario, true)?;
        let (naive, _) = run(scenario, false)?;
        let (post, put, delete) = scenario.mutations();
        let min_requests = (post + put + delete) * FLEET;
        rows.push((name, row(&fleet, &naive, floor, min_requests)));
    }
    Ok(rows)
}

/// The emulator of one run: the real rate limits enforced, a pending time of [`PENDING`] after
/// each change and as long a build time for a new load balancer, the clock [`SCALE`] times
/// faster; with `seeded`, the fleet rows' 20 load balancers (ids from [`FIRST_ID`]).
pub(crate) fn emulator(seeded: bool) -> Result<Emulator> {
    let mut builder = Emulator::builder()
        .default_seed()
        .rate_limits(true)
        .pending_time(PENDING)
        .build_time(PENDING)
        .time_scale(SCALE);
    let seeds = if seeded { FLEET } else { 0 };
    for id in FIRST_ID..FIRST_ID + seeds {
        builder = builder.load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(id, &format!("web-{id}"), "HTTP"),
        );
    }
    builder
        .start()
        .context("could not start the fleet emulator")
}

/// The floor: one load balancer's changes one after the other (`chain`, `chain_text` saying
/// how), all load balancers at once, unless a method's minimum requests (`needed`: the whole
/// job's, by method) need more than one window of the enforced limits.
pub(crate) fn floor(
    emulator: &Emulator,
    chain: Duration,
    chain_text: &str,
    needed: &[(&str, u64)],
) -> (Duration, String) {
    let window = emulator.rate_limit_window();
    let (_, limits) = emulator.rate_limits();
    let mut rate = Duration::ZERO;
    for &(method, needed) in needed {
        if let Some(&limit) = limits.get(method).filter(|&&l| l > 0) {
            let windows = needed.div_ceil(u64::from(limit)).saturating_sub(1);
            rate = rate.max(window * u32::try_from(windows).unwrap_or(u32::MAX));
        }
    }
    let formula = format!(
        "max({chain_text}, rate {:.0} ms) with {FLEET} in parallel; limits {limits:?} per {:.0} ms",
        rate.as_secs_f64() * 1e3,
        window.as_secs_f64() * 1e3,
    );
    (chain.max(rate), formula)
}

fn scenario_floor(emulator: &Emulator, scenario: Scenario) -> (Duration, String) {
    let pending = emulator.pending_time();
    let chain = pending * u32::try_from(scenario.changes()).unwrap_or(u32::MAX);
    let text = format!(
        "{} changes × {:.0} ms pending",
        scenario.changes(),
        pending.as_secs_f64() * 1e3
    );
    let (post, put, delete) = scenario.mutations();
    let needed = [
        ("POST", post * FLEET),
        ("PUT", put * FLEET),
        ("DELETE", delete * FLEET),
    ];
    floor(emulator, chain, &text, &needed)
}

/// The client of a run: with `paced`, the documented limits on the emulator's clock; the
/// retry policy counts the 413s it meets in `seen_413`.
pub(crate) fn client(
    emulator: &Emulator,
    paced: bool,
    seen_413: &Arc<AtomicU64>,
) -> Result<ServiceClient> {
    let pacing = if paced {
        Pacing::documented().time_scale(SCALE)
    } else {
        Pacing::off()
    };
    let counter = Arc::clone(seen_413);
    let retry = RetryPolicy::default().on_retry(move |e| {
        if e.error.status() == Some(413) {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    });
    let provider = ProviderClient::builder()
        .pacing(pacing)
        .retry_policy(retry)
        .max_idle_connections_per_host(32)
        .authenticate(
            AuthOptions::api_key(DEMO_USERNAME, DEMO_API_KEY)
                .identity_endpoint(emulator.identity_url()),
        )?;
    Ok(new_lb_v1(&provider, EndpointOpts::new().region("DFW"))?)
}

fn persistence_step(
    c: &ServiceClient,
    id: u64,
    wait: &WaitOpts,
) -> Result<(), rackcloud_core::Error> {
    let opts = lb_sessions::CreateOpts::new(lb_sessions::Type::HttpCookie);
    lb_sessions::enable(c, id, &opts).and_wait(wait)
}

fn rotate_step(c: &ServiceClient, id: u64, wait: &WaitOpts) -> Result<(), rackcloud_core::Error> {
    let opts = WorkflowOpts::new(wait.clone());
    let old = lb_nodes::list(c, id, &lb_nodes::ListOpts::default()).extract()?;
    lb_nodes::workflows::add_safely(c, id, &[NodeOpts::new("10.1.0.2", 80)], &opts)?;
    for node in old.iter().filter(|n| n.address() == "10.1.0.1") {
        lb_nodes::workflows::drain_and_remove(c, id, node.id(), Duration::ZERO, &opts)?;
    }
    Ok(())
}

/// The naive loop's wait: the SDK's default schedule on the emulator's clock (a first look
/// after 1 s of the API's time, backing off to one poll every 5 s).
pub(crate) fn naive_wait() -> WaitOpts {
    WaitOpts::new().interval(WaitOpts::DEFAULT_INTERVAL.div_f64(SCALE))
}

/// The fleet's wait: the same schedule, which the fleet machinery spaces further so that the
/// polls of all the load balancers together stay within the GET budget.
pub(crate) fn fleet_wait() -> WaitOpts {
    naive_wait()
}

/// Runs `job` on `emulator` and measures it: the rate limits count afresh, and the requests
/// (GETs apart) and the 413s counted are the job's alone.
pub(crate) fn measure_job(
    emulator: &Emulator,
    seen_413: &AtomicU64,
    job: impl FnOnce() -> Result<()>,
) -> Result<Measured> {
    emulator.set_rate_limits(true);
    emulator.clear_requests();
    seen_413.store(0, Ordering::Relaxed);
    let start = Instant::now();
    job()?;
    let wall = start.elapsed();
    let recorded = emulator.requests();
    let polls = recorded.iter().filter(|r| r.method == "GET").count() as u64;
    Ok(Measured {
        wall,
        requests: recorded.len() as u64 - polls,
        polls,
        status_413: seen_413.load(Ordering::Relaxed),
    })
}

/// Runs `scenario` once on a fresh emulator: with pacing and `run_fleet`, or the naive loop.
fn run(scenario: Scenario, fleet: bool) -> Result<(Measured, (Duration, String))> {
    let emulator = emulator(true)?;
    let ids: Vec<u64> = (FIRST_ID..FIRST_ID + FLEET).collect();
    let seen_413 = Arc::new(AtomicU64::new(0));
    let c = client(&emulator, fleet, &seen_413)?;
    if scenario == Scenario::Rotate {
        // Set-up, not measured: an old node on each.
        let setup = FleetJob::new().step("old node", |c, id, wait| {
            let nodes = lb_nodes::CreateOpts::new([NodeOpts::new("10.1.0.1", 80)]);
            lb_nodes::create(c, id, &nodes).and_wait(wait).map(|_| ())
        });
        let opts = FleetOpts::new().parallel(ids.len()).wait(fleet_wait());
        if run_fleet(&c, &ids, &setup, &opts)
            .iter()
            .any(|o| !o.is_done())
        {
            bail!("the fleet set-up failed");
        }
    }
    let step: fn(&ServiceClient, u64, &WaitOpts) -> Result<(), rackcloud_core::Error> =
        match scenario {
            Scenario::Persistence => persistence_step,
            Scenario::Rotate => rotate_step,
        };
    let measured = measure_job(&emulator, &seen_413, || {
        if fleet {
            let job = FleetJob::new().step("change", step);
            let opts = FleetOpts::new().parallel(ids.len()).wait(fleet_wait());
            let outcomes = run_fleet(&c, &ids, &job, &opts);
            if let Some(failed) = outcomes.iter().find(|o| !o.is_done()) {
                bail!(
                    "load balancer {} failed: {:?}",
                    failed.lb_id,
                    failed.outcome
                );
            }
        } else {
            let wait = naive_wait();
            for &id in &ids {
                step(&c, id, &wait).with_context(|| format!("load balancer {id}"))?;
            }
        }
        Ok(())
    })?;
    Ok((measured, scenario_floor(&emulator, scenario)))
}
