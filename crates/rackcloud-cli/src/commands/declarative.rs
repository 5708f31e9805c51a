//! `rackcloud lb plan|apply|export`: load balancers kept in a document.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rackcloud_lb::core::{FleetOpts, WaitOpts};
use rackcloud_lb::{Document, plan_account};

use crate::auth::Connect;
use crate::cli::{ApplyArgs, ExportArgs, PlanArgs};
use crate::failure::{Failure, Operation};
use crate::output::{Applied, Output, Planned};
use crate::stderr::Stderr;

/// Reads and checks the document and the files it names before anything is sent (exit status
/// 2 when invalid).
fn read(op: &Operation, file: &Path) -> Result<Document, Failure> {
    Document::read(file).map_err(|e| op.failed(e))
}

/// `rackcloud lb plan FILE`.
pub(crate) fn plan(args: &PlanArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::new("plan the document");
    let doc = read(&op, &args.file)?;
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let plan = plan_account(&client, &doc).map_err(|e| op.failed(e))?;
    out.report(&Planned(&plan)).map_err(|e| op.failed_other(e))
}

/// `rackcloud lb apply FILE [--yes]`: shows the plan, asks on a terminal unless `--yes`.
pub(crate) fn apply(args: &ApplyArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::new("apply the document");
    let doc = read(&op, &args.file)?;
    let terminal = io::stdin().is_terminal();
    if !args.yes && !terminal {
        return Err(Failure::usage(
            "apply changes the account: pass --yes when stdin is not a terminal",
        ));
    }
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let plan = plan_account(&client, &doc).map_err(|e| op.failed(e))?;
    if plan.is_empty() || (!args.yes && !confirm(&plan).map_err(|e| op.failed_other(e))?) {
        return out.report(&Planned(&plan)).map_err(|e| op.failed_other(e));
    }
    let interval = args.wait_interval.unwrap_or(Duration::from_secs(5));
    let parallel = args
        .parallel
        .map_or(FleetOpts::DEFAULT_PARALLEL, usize::from);
    let mut opts = FleetOpts::new()
        .parallel(parallel)
        .wait(WaitOpts::new().interval(interval));
    if let Some(left) = connect.time_left() {
        opts = opts.deadline(left);
    }
    let stderr = Stderr::new();
    let total = plan.len();
    let ended = AtomicUsize::new(0);
    let report = rackcloud_lb::apply_with(&client, &plan, &opts, |event| {
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
    out.report(&Applied(&report))
        .map_err(|e| op.failed_other(e))?;
    if report.is_complete() {
        return Ok(());
    }
    Err(op.failed_other(anyhow::anyhow!(
        "a load balancer's changes stopped at an error (see above); run apply again once the cause is fixed"
    )))
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
    let op = Operation::new("export load balancers");
    let client = connect.lb_client().map_err(|e| op.failed(e))?;
    let export = rackcloud_lb::export(&client, &args.lb_ids).map_err(|e| op.failed(e))?;
    let text = format!("{}\n", export.document().to_json());
    let stderr = Stderr::new();
    let Some(path) = &args.to else {
        for file in export.files() {
            stderr.line(&format!(
                "not written: {} (give --to FILE to write the files next to the document)",
                file.path()
            ));
        }
        return out
            .verbatim(text.as_bytes())
            .map_err(|e| op.failed_other(e));
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    // The document first: a hand-kept one is not replaced unless asked.
    let not_replaced = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::AlreadyExists => {
            op.failed_other(anyhow::anyhow!("{e}; pass --force to replace it"))
        }
        _ => op.failed_other(e),
    };
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
}
