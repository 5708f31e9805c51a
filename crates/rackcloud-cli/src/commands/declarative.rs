//! `rackcloud lb plan|apply|export`: load balancers kept in a document.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rackcloud_lb::core::{FleetOpts, WaitOpts};
use rackcloud_lb::{Document, plan_account};

use crate::auth::Connect;
use crate::cli::{ApplyArgs, ExportArgs, PlanArgs};
use crate::failure::{Cause, Failure, Operation};
use crate::output::{Applied, Output, Planned};
use crate::stderr::Stderr;

/// `rackcloud lb plan FILE`.
pub(crate) fn plan(args: &PlanArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::new("plan the document").run(|| {
        // The document and the files it names are checked before anything is sent (exit
        // status 2 when invalid).
        let doc = Document::read(&args.file)?;
        let client = connect.lb_client()?;
        let plan = plan_account(&client, &doc)?;
        Ok(out.report(&Planned(&plan))?)
    })
}

/// `rackcloud lb apply FILE [--yes]`: shows the plan, asks on a terminal unless `--yes`.
pub(crate) fn apply(args: &ApplyArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::new("apply the document");
    // Checked before anything is sent, as `plan` does.
    let doc = op.run(|| Ok(Document::read(&args.file)?))?;
    if !args.yes && !io::stdin().is_terminal() {
        return Err(Failure::usage(
            "apply changes the account: pass --yes when stdin is not a terminal",
        ));
    }
    op.run(|| {
        let client = connect.lb_client()?;
        let plan = plan_account(&client, &doc)?;
        if plan.is_empty() || (!args.yes && !confirm(&plan)?) {
            return Ok(out.report(&Planned(&plan))?);
        }
        let stderr = Stderr::new();
        let total = plan.len();
        let ended = AtomicUsize::new(0);
        let report = rackcloud_lb::apply_with(&client, &plan, &fleet_opts(args, &connect), |event| {
            let n = ended.fetch_add(1, Ordering::SeqCst) + 1;
            let how = match event.error {
                None => "done".to_owned(),
                Some(e) => format!("FAILED ({})", crate::failure::describe(e, false)),
            };
            stderr.line(&format!(
                "[{n}/{total}] {}: {how}: {}",
                event.name, event.change
            ));
        });
        out.report(&Applied(&report))?;
        if report.is_complete() {
            return Ok(());
        }
        Err(anyhow::anyhow!(
            "a load balancer's changes stopped at an error (see above); run apply again once the cause is fixed"
        )
        .into())
    })
}

/// How `apply` runs its load balancers: `--parallel` at a time, polling every
/// `--wait-interval`, within `--timeout`.
fn fleet_opts(args: &ApplyArgs, connect: &Connect<'_>) -> FleetOpts {
    let interval = args.wait_interval.unwrap_or(Duration::from_secs(5));
    let parallel = args
        .parallel
        .map_or(FleetOpts::DEFAULT_PARALLEL, usize::from);
    let opts = FleetOpts::new()
        .parallel(parallel)
        .wait(WaitOpts::new().interval(interval));
    match connect.time_left() {
        Some(left) => opts.deadline(left),
        None => opts,
    }
}

/// Prints the plan on stderr and asks; `true` for yes.
fn confirm(plan: &rackcloud_lb::Plan) -> io::Result<bool> {
    let mut err = io::stderr().lock();
    write!(err, "{plan}Apply these {} change(s)? [y/N] ", plan.len())?;
    err.flush()?;
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "YES"))
}

/// `rackcloud lb export LB_ID... [--to FILE [--force]]`: the document as pretty JSON. With
/// `--to`, the files it names (certificates, chains, error pages) are written next to FILE, and
/// files with other content are replaced only with `--force`; to stdout, nothing is written and
/// their names are listed. Private keys are named, never written.
pub(crate) fn export(args: &ExportArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::new("export load balancers").run(|| {
        let client = connect.lb_client()?;
        let export = rackcloud_lb::export(&client, &args.lb_ids)?;
        let text = format!("{}\n", export.document().to_json());
        let stderr = Stderr::new();
        let Some(path) = &args.to else {
            for file in export.files() {
                stderr.line(&format!(
                    "not written: {} (give --to FILE to write the files next to the document)",
                    file.path()
                ));
            }
            return Ok(out.verbatim(text.as_bytes())?);
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        // The document first: a hand-kept one is not replaced unless asked.
        let wrote_document =
            rackcloud_lb::write_unless_other(path, &text, args.force).map_err(not_replaced)?;
        let written = if args.force {
            export.overwrite_files(dir)
        } else {
            export.write_files(dir)
        }
        .map_err(not_replaced)?;
        if wrote_document {
            stderr.line(&format!("wrote {}", path.display()));
        }
        for file in &written {
            stderr.line(&format!("wrote {}", file.display()));
        }
        for key in export.keys_to_provide() {
            stderr.line(&format!(
                "provide {}: the service never shows a private key (it is needed only to install a new certificate)",
                dir.join(key).display()
            ));
        }
        Ok(())
    })
}

/// A file that exists with other content: replaced only with `--force`.
fn not_replaced(e: io::Error) -> Cause {
    match e.kind() {
        io::ErrorKind::AlreadyExists => anyhow::anyhow!("{e}; pass --force to replace it").into(),
        _ => e.into(),
    }
}
