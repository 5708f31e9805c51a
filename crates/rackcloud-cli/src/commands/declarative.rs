//! `rackcloud lb plan|apply|export`: load balancers kept in a document.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rackcloud_lb::core::{FleetOpts, WaitOpts};
use rackcloud_lb::files::{ReadOptions, WriteError, Written, write_file};
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
        let doc = read(&args.file, args.allow_outside_files)?;
        let client = connect.lb_client()?;
        let plan = plan_account(&client, &doc)?;
        Ok(out.report(&Planned(&plan))?)
    })
}

/// Reads the document, the files it names inside its folder only unless allowed; when they
/// may be anywhere, says on stderr which it read.
fn read(path: &Path, allow_outside_files: bool) -> Result<Document, Cause> {
    let opts = ReadOptions::new().allow_outside_files(allow_outside_files);
    let doc = Document::read_with(path, &opts)?;
    let files = doc.files();
    if allow_outside_files && !files.is_empty() {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = dir.unwrap_or(Path::new(".")).display();
        let files: Vec<String> = files
            .iter()
            .map(|f| crate::sanitize::line(f).into_owned())
            .collect();
        Stderr::new().line(&format!(
            "read with the document (paths relative to {dir}): {}",
            files.join(", ")
        ));
    }
    Ok(doc)
}

/// `rackcloud lb apply FILE [--yes]`: shows the plan, asks on a terminal unless `--yes`.
pub(crate) fn apply(args: &ApplyArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let op = Operation::new("apply the document");
    // Checked before anything is sent, as `plan` does.
    let doc = op.run(|| read(&args.file, args.allow_outside_files))?;
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
        let report =
            rackcloud_lb::apply_with(&client, &plan, &fleet_opts(args, &connect), |event| {
                let n = ended.fetch_add(1, Ordering::SeqCst) + 1;
                let how = match event.error {
                    None => "done".to_owned(),
                    Some(e) if event.unconfirmed => format!(
                        "accepted, not confirmed ({}); it stands: do not send it again",
                        crate::failure::describe(e, false)
                    ),
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
        let stands = unconfirmed(&report);
        if report.only_unconfirmed() {
            return Err(Cause::UnconfirmedSome(format!(
                "accepted, not confirmed: {stands}: each stands and is being applied: do not send \
                 it again; plan again once `rackcloud lb show` says ACTIVE"
            )));
        }
        let also = if stands.is_empty() {
            String::new()
        } else {
            format!("; accepted, not confirmed (do not send again): {stands}")
        };
        Err(anyhow::anyhow!(
            "a load balancer's changes stopped at an error (see above){also}; run apply again once \
             the cause is fixed"
        )
        .into())
    })
    // The report on stdout says which changes stand: no error document follows it.
    .map_err(|f| match f.exit_status() {
        crate::failure::EXIT_UNCONFIRMED => f.summarised(),
        _ => f,
    })
}

/// The changes accepted and not confirmed: `web (1): add node 10.0.0.9:80, …`.
fn unconfirmed(report: &rackcloud_lb::ApplyReport) -> String {
    let stands: Vec<String> = report
        .lbs()
        .iter()
        .filter_map(|lb| {
            let (change, _) = lb.unconfirmed()?;
            let id = lb.id().map_or_else(String::new, |id| format!(" ({id})"));
            Some(format!("{}{id}: {change}", lb.name()))
        })
        .collect();
    stands.join(", ")
}

/// How `apply` runs its load balancers: `--parallel` at a time, polling every
/// `--wait-interval`, within `--timeout` (no load balancer started, no change sent and no wait
/// going on after it).
fn fleet_opts(args: &ApplyArgs, connect: &Connect<'_>) -> FleetOpts {
    let interval = args.wait_interval.unwrap_or(Duration::from_secs(5));
    let parallel = args
        .parallel
        .map_or(FleetOpts::DEFAULT_PARALLEL, usize::from);
    let opts = FleetOpts::new().parallel(parallel);
    // The command's deadline ends every wait too (apply ends each at the time left).
    match connect.time_left() {
        Some(left) => opts
            .wait(WaitOpts::new().interval(interval).deadline(left))
            .deadline(left),
        None => opts.wait(WaitOpts::new().interval(interval)),
    }
}

/// Prints the plan on stderr and asks; `true` for yes.
fn confirm(plan: &rackcloud_lb::Plan) -> io::Result<bool> {
    let mut err = io::stderr().lock();
    let these = crate::output::count(plan.len(), "change");
    write!(err, "{plan}Apply these {these}? [y/N] ")?;
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
        // The document must not be one of the files it names: one would replace the other.
        let keys = export.keys_to_provide().iter().map(String::as_str);
        let named = export.files().iter().map(|f| f.path()).chain(keys);
        if let Some(clash) = named.map(|name| dir.join(name)).find(|p| p == path) {
            return Err(anyhow::anyhow!(
                "not written: {} is also the name of a file the document names; give --to another \
                 name (nothing was written)",
                clash.display()
            )
            .into());
        }
        // The document first: a hand-kept one is not replaced unless asked.
        let wrote = write_file(path, text.as_bytes(), args.force).map_err(|e| not_written(&e))?;
        if wrote != Written::Unchanged {
            stderr.line(&format!("wrote {}", path.display()));
        }
        let written = if args.force {
            export.overwrite_files(dir)
        } else {
            export.write_files(dir)
        }
        .map_err(|e| files_not_written(&e))?;
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

/// A file that could not be written; one that exists with other content is replaced only with
/// `--force`.
fn not_written(e: &io::Error) -> Cause {
    match e.kind() {
        io::ErrorKind::AlreadyExists => anyhow::anyhow!("{e}; pass --force to replace it").into(),
        _ => anyhow::anyhow!("{e}").into(),
    }
}

/// The files of an export that were not all written: which were, which were not.
fn files_not_written(e: &WriteError) -> Cause {
    let list = |paths: &[std::path::PathBuf]| -> String {
        let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        }
    };
    let mut not_written = vec![e.failed().to_path_buf()];
    not_written.extend_from_slice(e.not_written());
    let force = match e.io_error().kind() {
        io::ErrorKind::AlreadyExists => "; pass --force to replace it",
        _ => "",
    };
    anyhow::anyhow!(
        "{}{force}; written before it: {}; not written: {}",
        e.io_error(),
        list(e.written()),
        list(&not_written)
    )
    .into()
}
