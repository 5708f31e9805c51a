//! `rackcloud lb access-list show|allow|deny|remove|clear`, `--wait` on the changes.

use rackcloud_lb::acl::{AppendOpts, AppendOptsBuilder};
use rackcloud_lb::core::model::{AppendItem, RuleType};
use rackcloud_lb::lbs::Status;

use crate::auth::Connect;
use crate::cli::{AccessListCommand, WaitArgs};
use crate::failure::{Cause, Failure, Operation, Unconfirmed};
use crate::output::{AccessListShown, Change, Output};
use crate::wait::{self, Waiting};

/// Runs one access list operation and prints its result.
pub(crate) fn run(
    command: &AccessListCommand,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    match command {
        AccessListCommand::Show { lb_id } => show(*lb_id, connect, out),
        AccessListCommand::Allow {
            lb_id,
            addresses,
            wait,
        } => append(*lb_id, RuleType::Allow, addresses, wait, connect, out),
        AccessListCommand::Deny {
            lb_id,
            addresses,
            wait,
        } => append(*lb_id, RuleType::Deny, addresses, wait, connect, out),
        AccessListCommand::Remove {
            lb_id,
            item_ids,
            wait,
        } => remove(*lb_id, item_ids, wait, connect, out),
        AccessListCommand::Clear { lb_id, wait } => clear(*lb_id, wait, connect, out),
    }
}

fn show(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("show the access list", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let items = rackcloud_lb::acl::list(&client, lb_id).extract()?;
        Ok(AccessListShown { lb_id, items })
    })
}

fn append(
    lb_id: u64,
    rule_type: RuleType,
    addresses: &[String],
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let verb = if rule_type == RuleType::Allow {
        "allow"
    } else {
        "deny"
    };
    let op = Operation::on_lb(format!("{verb} {}", addresses.join(" ")), lb_id);
    op.report(out, || {
        let opts: AppendOpts = addresses
            .iter()
            .map(|a| AppendItem::new(a.clone(), rule_type.clone()))
            .collect();
        // Checked before connecting, so that refused input sends nothing, not even a token
        // request.
        opts.to_access_list_append_map()?;
        let client = connect.lb_client()?;
        rackcloud_lb::acl::append(&client, lb_id, &opts).extract_err()?;
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        let what = format!("{} {}", rule_type, addresses.join(", "));
        Ok(Change::update(lb_id, what, status).with_fields(Fields {
            rule_type: rule_type.as_str().to_owned(),
            addresses: addresses.to_vec(),
        }))
    })
}

/// The JSON fields of `allow` and `deny`.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Fields {
    #[serde(rename = "type")]
    rule_type: String,
    addresses: Vec<String>,
}

fn remove(
    lb_id: u64,
    item_ids: &[u64],
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    Operation::on_lb("remove access list items", lb_id).report(out, || {
        let client = connect.lb_client()?;
        // Requests after the first wait for the load balancer, with or without --wait.
        // One that passes its deadline leaves the requests before it accepted, not confirmed.
        let waiting = Waiting::begin(&connect, wait, lb_id, &Status::Active);
        let outcome = rackcloud_lb::acl::bulk_delete(&client, lb_id, item_ids, waiting.opts());
        let removal = "removal of access list items";
        if let Some(u) = Unconfirmed::of_chunks(lb_id, removal, waiting.opts(), &outcome) {
            return Err(Cause::Unconfirmed(Box::new(u)));
        }
        outcome.extract_err()?;
        drop(waiting);
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        let ids: Vec<String> = item_ids.iter().map(u64::to_string).collect();
        let what = format!("removal of access list items {}", ids.join(", "));
        Ok(Change::update(lb_id, what, status))
    })
}

fn clear(lb_id: u64, wait: &WaitArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::on_lb("clear the access list", lb_id).report(out, || {
        let client = connect.lb_client()?;
        rackcloud_lb::acl::delete_all(&client, lb_id).extract_err()?;
        let status = wait::until_applied(&connect, wait, &client, lb_id)?;
        Ok(Change::update(
            lb_id,
            "removal of every access list item",
            status,
        ))
    })
}
