//! Steps 15 to 18 of the tour: docs/declarative.md's worked example, run for real. The guide's
//! `shop.json` is written to a file, planned, applied, planned again (nothing left to change),
//! and the created load balancer is exported and its document planned (nothing either).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use rackcloud_lb::core::{FleetOpts, ServiceClient, WaitOpts};
use rackcloud_lb::{ApplyReport, Document, Plan};

use super::narrator::Narrator;
use crate::output::{Planned, Render};

/// The name of the declared load balancer; no seeded load balancer has it.
const NAME: &str = "shop";

/// docs/declarative.md's `shop.json`, as the guide writes it.
const SHOP_JSON: &str = r#"{"load_balancers": [{
  "name": "shop", "protocol": "HTTP", "port": 80, "algorithm": "ROUND_ROBIN",
  "nodes": [{"address": "10.0.0.1", "port": 8080}, {"address": "10.0.0.2", "port": 8080}],
  "health_monitor": {"type": "CONNECT", "delay": 10, "timeout": 5,
                     "attempts_before_deactivation": 2},
  "session_persistence": "HTTP_COOKIE",
  "connection_logging": true,
  "metadata": {"team": "web"}
}]}
"#;

/// Declares, plans, applies, re-plans and exports "shop"; returns the summary's line.
pub(super) fn declare(n: &mut Narrator, client: &ServiceClient) -> anyhow::Result<String> {
    let file = TempDocument::write(SHOP_JSON)?;
    n.step(format!(
        "Declare load balancer \"{NAME}\" in a document ({}), then plan it, as `rackcloud lb plan` does",
        file.path().display()
    ))?;
    let doc = read(file.path())?;
    let first = plan(client, &doc)?;
    tell_plan(n, &first)?;
    n.detail("Nothing sent yet: planning only read the account.")?;

    n.step(format!(
        "Load balancer \"{NAME}\": apply the plan, as `rackcloud lb apply --yes` does"
    ))?;
    let started = Instant::now();
    let report = apply(client, &first, &n.wait_opts());
    for line in report.to_string().lines() {
        n.detail(line)?;
    }
    if !report.is_complete() {
        bail!("applying the document stopped at an error:\n{report}");
    }
    let Some(id) = report
        .lbs()
        .iter()
        .find(|lb| lb.name() == NAME)
        .and_then(rackcloud_lb::LbApplyOutcome::id)
    else {
        bail!("applying the document created no load balancer \"{NAME}\"")
    };
    n.detail(format!(
        "Created as load balancer {id}; each change was awaited (ACTIVE again) before the next: {} in {:.1} s.",
        crate::output::count(report.applied(), "change"),
        started.elapsed().as_secs_f64()
    ))?;

    n.step(format!(
        "Load balancer {id} \"{NAME}\": plan the same document again"
    ))?;
    expect_empty(n, &plan(client, &doc)?, "the document, once applied")?;
    n.detail("Applying it again would send nothing: apply is repeatable.")?;

    n.step(format!(
        "Load balancer {id} \"{NAME}\": export it, as `rackcloud lb export {id}` does, and plan the export"
    ))?;
    let exported = export(client, id)?;
    n.detail(format!(
        "Exported: a document of {} of JSON describing {}, ready to keep in a file.",
        crate::output::count(exported.to_json().lines().count(), "line"),
        crate::output::count(exported.load_balancers.len(), "load balancer")
    ))?;
    expect_empty(n, &plan(client, &exported)?, "the exported document")?;
    Ok(format!(
        "Load balancer {id} \"{NAME}\": declared in a document, planned, applied ({}), planned again and exported: nothing left to change.",
        crate::output::count(report.applied(), "change")
    ))
}

/// Tells the plan as `rackcloud lb plan` prints it.
fn tell_plan(n: &mut Narrator, plan: &Plan) -> anyhow::Result<()> {
    let mut printed = Vec::new();
    Planned(plan).text(&mut printed)?;
    for line in String::from_utf8_lossy(&printed).lines() {
        n.detail(line)?;
    }
    Ok(())
}

/// Tells an empty plan; fails the tour when it is not.
fn expect_empty(n: &mut Narrator, plan: &Plan, what: &str) -> anyhow::Result<()> {
    if !plan.is_empty() {
        bail!("the plan of {what} is not empty:\n{plan}");
    }
    tell_plan(n, plan)
}

fn read(path: &Path) -> anyhow::Result<Document> {
    Document::read(path).context("could not read the document")
}

fn plan(client: &ServiceClient, doc: &Document) -> anyhow::Result<Plan> {
    rackcloud_lb::plan_account(client, doc).context("could not plan the document")
}

fn apply(client: &ServiceClient, plan: &Plan, wait: &WaitOpts) -> ApplyReport {
    rackcloud_lb::apply(client, plan, &FleetOpts::new().wait(wait.clone()))
}

fn export(client: &ServiceClient, id: u64) -> anyhow::Result<Document> {
    // The export's files (the error page) are held in the document: nothing to write here.
    rackcloud_lb::export(client, &[id])
        .map(|e| e.document().clone())
        .with_context(|| format!("could not export load balancer {id}"))
}

/// The document's file in a private temporary folder of its own (made with a name no one can
/// guess, readable by the user alone), removed with the folder when dropped (also on failure).
struct TempDocument {
    /// Removed, with the document, when dropped.
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl TempDocument {
    fn write(text: &str) -> anyhow::Result<TempDocument> {
        let dir = tempfile::Builder::new()
            .prefix("rackcloud-demo-")
            .tempdir()
            .context("could not make a temporary folder")?;
        let path = dir.path().join(format!("{NAME}.json"));
        rackcloud_lb::files::write_file(&path, text.as_bytes(), false)
            .with_context(|| format!("could not write {}", path.display()))?;
        Ok(TempDocument { _dir: dir, path })
    }

    fn path(&self) -> &Path {
        &self.path
    }
}
