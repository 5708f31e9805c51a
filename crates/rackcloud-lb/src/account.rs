//! Reading the account: the current state of a document's load balancers, and export.

use lb_lbs::{ListOpts, Status};
use rackcloud_core::{Error, FleetOpts, ServiceClient};

use crate::apply::{ApplyReport, apply};
use crate::current::Current;
use crate::document::Document;
use crate::plan::{Plan, plan};

/// The load balancers of the account named in `doc` (deleted ones left out), read in full
/// ([`Current::read`]; the error page only of those the document gives one).
///
/// # Errors
///
/// Any error of listing or reading them.
pub fn read_current(client: &ServiceClient, doc: &Document) -> Result<Vec<Current>, Error> {
    let all = lb_lbs::list_all(client, ListOpts::new())?;
    let mut current = Vec::new();
    for lb in all {
        let Some(want) = doc.load_balancers.iter().find(|l| l.name == lb.name()) else {
            continue;
        };
        if !matches!(lb.status(), Status::Deleted | Status::PendingDelete) {
            let error_page = want.error_page_file.is_some();
            current.push(Current::read_parts(client, lb.id(), error_page)?);
        }
    }
    Ok(current)
}

/// Checks `doc`, reads the account and plans; nothing is changed.
///
/// # Errors
///
/// An invalid document (before anything is sent), or an error reading the account.
pub fn plan_account(client: &ServiceClient, doc: &Document) -> Result<Plan, Error> {
    doc.check()?;
    plan(doc, &read_current(client, doc)?)
}

/// Plans, then applies the plan ([`apply`]).
///
/// # Errors
///
/// As [`plan_account`]; errors of the changes are in the report.
pub fn apply_document(
    client: &ServiceClient,
    doc: &Document,
    opts: &FleetOpts,
) -> Result<ApplyReport, Error> {
    let plan = plan_account(client, doc)?;
    Ok(apply(client, &plan, opts))
}
