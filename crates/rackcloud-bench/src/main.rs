//! `rackcloud-bench`: what the SDK costs on top of the wire, measured against the emulator on
//! loopback. Run it through `cargo xtask bench [--quick] [--json]`, which builds it and the CLI in
//! release mode first.
//!
//! Every scenario talks to one emulator (default seed, pending time zero, no faults); scenarios
//! run one after the other, so the token requests and connections counted while one runs are
//! its own. The runs of all scenarios are interleaved, and each ratio is taken pair by pair
//! within one round before the median is reported, because absolute times on a shared machine
//! drift.

mod data_plane_rows;
mod declare_row;
mod fleet_row;
mod fleet_rows;
mod machine;
mod measure;
mod report;
mod scenarios;
mod tls_rows;
mod wait_row;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use crate::measure::{Run, median};
use crate::report::{Footprint, Row};
use crate::scenarios::{ColdStart, Counted, EnableDisable, ProcessRun, Raw, World};

/// Measures the SDK, the CLI and a plain HTTP client against the emulator.
#[derive(Debug, Parser)]
struct Args {
    /// Fewer, shorter runs: the whole benchmark in well under a minute.
    #[arg(long)]
    quick: bool,
    /// Print the results as one JSON array on stdout instead of the table.
    #[arg(long)]
    json: bool,
    /// The release `rackcloud` binary for the cold-start scenario.
    #[arg(long)]
    cli: PathBuf,
    /// The release binary of the README example, for the footprint.
    #[arg(long)]
    example: Option<PathBuf>,
    /// Write the table, the machine and the date into this Markdown file.
    #[arg(long)]
    write: Option<PathBuf>,
    /// Only run this many calls of one scenario (`raw` or `sdk-get`; `fleet` runs the fleet rows
    /// and `declare-apply` and `apply-pending-1s`, `waits` only the last, `data-plane` the data
    /// plane rows, and prints them as JSON) and print
    /// nothing else: for a
    /// profiler, e.g. `valgrind --tool=callgrind rackcloud-bench --cli … --profile sdk-get`.
    #[arg(long, value_name = "SCENARIO")]
    profile: Option<String>,
    /// Calls for `--profile`.
    #[arg(long, default_value_t = 2000)]
    calls: usize,
}

/// How much work each scenario does.
#[derive(Debug, Clone, Copy)]
struct Plan {
    rounds: usize,
    warmup: usize,
    calls: usize,
    processes: usize,
}

impl Plan {
    fn new(quick: bool) -> Plan {
        if quick {
            Plan {
                rounds: 3,
                warmup: 200,
                calls: 1500,
                processes: 8,
            }
        } else {
            Plan {
                rounds: 7,
                warmup: 1000,
                calls: 8000,
                processes: 30,
            }
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rackcloud-bench: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<()> {
    if let Some(scenario) = &args.profile {
        return profile(scenario, args.calls);
    }
    let plan = Plan::new(args.quick);
    let rows = measure_all(plan, args)?;
    let footprint = Footprint::measure(args.example.as_deref());
    if args.json {
        println!("{}", report::json(&rows)?);
    } else {
        println!("{}", report::table(&rows, &footprint));
    }
    if let Some(path) = &args.write {
        let machine = machine::describe();
        report::write_markdown(
            path,
            &rows,
            &footprint,
            &machine,
            plan_text(plan, args.quick),
        )
        .with_context(|| format!("could not write {}", path.display()))?;
        eprintln!("rackcloud-bench: wrote {}", path.display());
    }
    Ok(())
}

/// One scenario's calls and nothing else, so that a profiler sees only them (and the server).
fn profile(scenario: &str, calls: usize) -> Result<()> {
    let world = World::start()?;
    match scenario {
        "raw" => {
            let raw = Raw::new(&world)?;
            Run::time(calls, || raw.call())?;
        }
        "sdk-get" => {
            let client = scenarios::sdk_client(&world)?;
            Run::time(calls, || scenarios::sdk_get(&client))?;
        }
        "fleet" => {
            let rows: Vec<Row> = fleet_rows::measure()?
                .into_iter()
                .chain([declare_row::measure()?])
                .map(|(name, f)| Row::fleet(name, f))
                .chain([wait_row::measure().map(|(name, w)| Row::wait(name, w))?])
                .collect();
            println!("{}", report::json(&rows)?);
        }
        "waits" => {
            let (name, w) = wait_row::measure()?;
            println!("{}", report::json(&[Row::wait(name, w)])?);
        }
        "data-plane" => {
            let rows = data_plane_rows::measure(3, 200, calls)?;
            println!("{}", report::json(&rows)?);
        }
        other => {
            anyhow::bail!("--profile takes raw, sdk-get, fleet, waits or data-plane, not {other:?}")
        }
    }
    Ok(())
}

fn plan_text(plan: Plan, quick: bool) -> String {
    format!(
        "{} mode: {} interleaved rounds after a warm-up of {} calls; {} calls per round and scenario ({} per thread for sdk-threads); {} processes per round for cli-cold.",
        if quick { "quick" } else { "full" },
        plan.rounds,
        plan.warmup,
        plan.calls,
        plan.calls,
        plan.processes
    )
}

/// Every scenario, round by round.
fn measure_all(plan: Plan, args: &Args) -> Result<Vec<Row>> {
    let world = World::start()?;
    let w = &world;
    let mut counted = [Counted::default(); 7];
    let [raw_n, get_n, pair_n, threads_n, cli_n, curl_n, paired] = &mut counted;

    let raw = raw_n.during(w, || Raw::new(w))?;
    let get_client = get_n.during(w, || scenarios::sdk_client(w))?;
    let pair = EnableDisable::new(pair_n.during(w, || scenarios::sdk_client(w))?);
    let threads_client = threads_n.during(w, || scenarios::sdk_client(w))?;
    let cold = ColdStart::new(w, args.cli.clone())?;
    let curl_token = w
        .emulator
        .issue_token(rackcloud_emulator::DEMO_USERNAME)
        .context("no token for curl")?;

    // Warm-up: connections open, caches and branch predictors settled, pages touched.
    raw_n.during(w, || Run::time(plan.warmup, || raw.call()))?;
    get_n.during(w, || {
        Run::time(plan.warmup, || scenarios::sdk_get(&get_client))
    })?;
    pair_n.during(w, || Run::time(plan.warmup, || pair.call()))?;
    threads_n.during(w, || {
        scenarios::sdk_threads(&threads_client, plan.warmup / 4)
    })?;
    cli_n.during(w, || cold.cli())?;
    curl_n.during(w, || cold.curl(&curl_token))?;

    let mut raw_runs = Vec::new();
    let mut get_runs = Vec::new();
    let mut pair_runs = Vec::new();
    let mut threads_runs = Vec::new();
    let (mut cli_runs, mut curl_runs) = (Vec::new(), Vec::new());
    for _ in 0..plan.rounds {
        // raw and sdk-get call by call in turn. Both opened their connection and fetched their
        // token before the rounds; anything counted during a paired round is charged to both.
        let (raw_run, get_run) = paired.during(w, || {
            Run::time_pair(
                plan.calls,
                || raw.call(),
                || scenarios::sdk_get(&get_client),
            )
        })?;
        raw_runs.push(raw_run);
        get_runs.push(get_run);
        pair_runs.push(pair_n.during(w, || Run::time(plan.calls, || pair.call()))?);
        threads_runs
            .push(threads_n.during(w, || scenarios::sdk_threads(&threads_client, plan.calls))?);
        let mut cli = Vec::new();
        let mut curl = Vec::new();
        for _ in 0..plan.processes {
            cli.push(cli_n.during(w, || cold.cli())?);
            curl.push(curl_n.during(w, || cold.curl(&curl_token))?);
        }
        cli_runs.push(cli);
        curl_runs.push(curl);
    }

    raw_n.add(*paired);
    get_n.add(*paired);

    // Client CPU per call, in blocks taken in turn (reading the counter costs as much as a call).
    let cpu = measure::cpu_per_call(
        plan.calls,
        [
            &mut || raw.call(),
            &mut || scenarios::sdk_get(&get_client),
            &mut || pair.call(),
        ],
    )?;

    // Per process, the warm-up run included.
    let processes = (plan.rounds * plan.processes + 1) as f64;
    let per_process = |c: &Counted| {
        (
            c.token_requests as f64 / processes,
            c.connections as f64 / processes,
        )
    };
    let ratios = |runs: &[Run]| -> f64 {
        let pairs: Vec<f64> = runs
            .iter()
            .zip(&raw_runs)
            .map(|(r, raw)| r.calls_per_s() / raw.calls_per_s())
            .collect();
        median(&pairs)
    };
    let cold_ratio = median(
        &cli_runs
            .iter()
            .zip(&curl_runs)
            .map(|(cli, curl)| mean_secs(cli) / mean_secs(curl))
            .collect::<Vec<_>>(),
    );
    let tls = tls_rows::measure(plan.rounds, plan.warmup, plan.calls)?;
    let data_plane = data_plane_rows::measure(plan.rounds, plan.warmup, plan.calls / 4)?;
    Ok([
        Row::from_runs("raw", &raw_runs, 1.0, *raw_n).with_cpu(cpu[0]),
        Row::from_runs("sdk-get", &get_runs, ratios(&get_runs), *get_n).with_cpu(cpu[1]),
        Row::from_runs(
            "sdk-enable-disable",
            &pair_runs,
            ratios(&pair_runs),
            *pair_n,
        )
        .with_cpu(cpu[2]),
        Row::from_runs(
            "sdk-threads",
            &threads_runs,
            ratios(&threads_runs),
            *threads_n,
        ),
        Row::from_processes("cli-cold", &cli_runs, cold_ratio, per_process(cli_n)),
        Row::from_processes("curl-cold", &curl_runs, 1.0, per_process(curl_n)),
    ]
    .into_iter()
    .chain(tls)
    .chain(data_plane)
    .chain(
        fleet_rows::measure()?
            .into_iter()
            .chain([declare_row::measure()?])
            .map(|(name, f)| Row::fleet(name, f)),
    )
    .chain([wait_row::measure().map(|(name, w)| Row::wait(name, w))?])
    .collect())
}

fn mean_secs(runs: &[ProcessRun]) -> f64 {
    runs.iter().map(|r| r.elapsed.as_secs_f64()).sum::<f64>() / runs.len().max(1) as f64
}
