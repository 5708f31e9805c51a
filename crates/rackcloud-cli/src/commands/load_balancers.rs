//! `rackcloud lb list|show|create|delete`.

use rackcloud_lb::core::MAX_PAGE_SIZE;
use rackcloud_lb::lbs::{ListOpts, Status};

use crate::auth::Connect;
use crate::cli::{CreateArgs, ListArgs, WaitArgs};
use crate::commands::lb_create::create_opts;
use crate::failure::{Failure, Operation};
use crate::output::{BulkDeletion, Change, LoadBalancerDetails, LoadBalancers, Output};
use crate::wait;

/// `lb list`: every page, 100 at a time; with `--limit` or `--marker`, that one page.
pub(crate) fn list(args: &ListArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::new("list load balancers").report(out, || {
        let client = connect.lb_client()?;
        let mut opts = ListOpts::new();
        if let Some(name) = &args.name {
            opts = opts.name(name.as_str());
        }
        if let Some(status) = &args.status {
            opts = opts.status(status.clone());
        }
        if let Some(since) = args.changed_since {
            opts = opts.changes_since(since);
        }
        if let Some(address) = &args.node_address {
            opts = opts.node_address(address.as_str());
        }
        if args.limit.is_none() && args.marker.is_none() {
            let all = rackcloud_lb::lbs::list_all(&client, opts.limit(MAX_PAGE_SIZE))?;
            return Ok(LoadBalancers(all));
        }
        if let Some(limit) = args.limit {
            opts = opts.limit(limit);
        }
        if let Some(marker) = args.marker {
            opts = opts.marker(marker);
        }
        Ok(LoadBalancers(
            rackcloud_lb::lbs::list(&client, &opts).extract()?,
        ))
    })
}

/// `lb show ID`: the load balancer object (`GET /loadbalancers/{id}`) and its SSL termination
/// (`GET …/ssltermination`), the one part the object leaves out.
pub(crate) fn show(lb_id: u64, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    Operation::of_lb("show", lb_id).report(out, || {
        let client = connect.lb_client()?;
        let lb = rackcloud_lb::lbs::get(&client, lb_id).extract()?;
        // The load balancer object leaves SSL termination out: one more request reads it.
        let ssl = rackcloud_lb::ssl::get(&client, lb_id).extract()?;
        Ok(LoadBalancerDetails { lb, ssl })
    })
}

/// `lb create`: the load balancer with everything its flags give, in one request (one public
/// virtual IP when no `--vip` is given); with `--wait`, until it is `ACTIVE`.
pub(crate) fn create(args: &CreateArgs, connect: Connect<'_>, out: Output) -> Result<(), Failure> {
    let (client, created) = Operation::new("create load balancer").run(|| {
        // Checked before connecting: invalid options send nothing, not even a token request.
        let opts = create_opts(args)?;
        let client = connect.lb_client()?;
        let created = rackcloud_lb::lbs::create(&client, &opts).extract()?;
        Ok((client, created))
    })?;
    // From here on the load balancer exists: a failure names it.
    let id = created.id();
    Operation::of_lb("create", id).report(out, || {
        if !args.wait.wait {
            return Ok(LoadBalancerDetails::created(created));
        }
        let lb = wait::until_built(&connect, &args.wait, &client, id)?;
        Ok(LoadBalancerDetails::created(lb))
    })
}

/// `lb delete ID…`: one id as before; several in bulk, ten a request. With `--wait`, until
/// deleted.
pub(crate) fn delete(
    lb_ids: &[u64],
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    let [lb_id] = lb_ids else {
        return delete_many(lb_ids, wait, connect, out);
    };
    let lb_id = *lb_id;
    Operation::of_lb("delete", lb_id).report(out, || {
        let client = connect.lb_client()?;
        rackcloud_lb::lbs::delete(&client, lb_id).extract_err()?;
        let status = wait::until_deleted(&connect, wait, &client, lb_id)?;
        Ok(Change::deletion(lb_id, status))
    })
}

/// `lb delete ID ID…`: a bulk delete; no wait between its requests (each load balancer goes
/// away on its own).
fn delete_many(
    lb_ids: &[u64],
    wait: &WaitArgs,
    connect: Connect<'_>,
    out: Output,
) -> Result<(), Failure> {
    Operation::new("delete load balancers").report(out, || {
        let client = connect.lb_client()?;
        rackcloud_lb::lbs::bulk_delete(&client, lb_ids).extract_err()?;
        let status = if wait.wait {
            for &lb_id in lb_ids {
                wait::until_deleted(&connect, wait, &client, lb_id)?;
            }
            Some(Status::Deleted)
        } else {
            None
        };
        Ok(BulkDeletion {
            lb_ids: lb_ids.to_vec(),
            status,
        })
    })
}
