//! Steps 13 and 14 of the tour: a node rotation, the change people script most. A new node is
//! added safely (DRAINING until its health check passes, then ENABLED) and the old one is
//! drained, given a grace period for its connections, and removed.

use std::time::Duration;

use anyhow::{Context, bail};
use rackcloud_lb::core::ServiceClient;
use rackcloud_lb::core::model::NodeOpts;
use rackcloud_lb::nodes::workflows::WorkflowOpts;
use rackcloud_lb::nodes::{Condition, CreateOpts, ListOpts};

use super::narrator::Narrator;

/// The node the rotation replaces, and the one that replaces it.
pub(super) const OLD: (&str, u16) = ("10.180.0.21", 80);
pub(super) const NEW: (&str, u16) = ("10.180.0.22", 80);
/// How long the drained node keeps its connections before it is removed.
const GRACE: Duration = Duration::from_millis(500);

/// Adds the node to replace, then rotates: add the new one safely, drain and remove the old one.
/// A steady stream of requests goes through `addr` (the load balancer's listener) from the
/// safe addition to the removal; a failed request fails the tour. Returns the requests sent.
pub(super) fn rotate(
    n: &mut Narrator,
    client: &ServiceClient,
    lb_id: u64,
    addr: std::net::SocketAddr,
) -> anyhow::Result<usize> {
    let wait = n.wait_opts();
    n.step(format!(
        "Load balancer {lb_id}: rotate node {}:{} out for {}:{}, the new one added safely",
        OLD.0, OLD.1, NEW.0, NEW.1
    ))?;
    n.detail(format!(
        "Setting the scene: adding {}:{}, the node to rotate out, and waiting until the load balancer is ACTIVE again.",
        OLD.0, OLD.1
    ))?;
    let old = rackcloud_lb::nodes::create(
        client,
        lb_id,
        &CreateOpts::new(vec![NodeOpts::new(OLD.0, OLD.1)]),
    )
    .and_wait(&wait)
    .context("could not add the node to replace")?;
    let Some(old) = old.first() else {
        bail!("the server answered no node")
    };
    n.detail(format!(
        "Node {} ({}:{}) added; now the new one, {}:{}, safely.",
        old.id(),
        OLD.0,
        OLD.1,
        NEW.0,
        NEW.1
    ))?;
    let opts = WorkflowOpts::new(wait.clone());
    let stream = super::traffic::Stream::start(addr);
    let added = rackcloud_lb::nodes::workflows::add_safely(
        client,
        lb_id,
        &[NodeOpts::new(NEW.0, NEW.1)],
        &opts,
    )
    .context("could not add the new node safely")?;
    let Some(new) = added.first() else {
        bail!("the safe addition answered no node")
    };
    if *new.condition() != Condition::Enabled {
        bail!("the new node is {}, not ENABLED", new.condition());
    }
    n.detail(format!(
        "Added as DRAINING, waited until its health check passed ({}), then ENABLED: node {} takes traffic.",
        new.status(),
        new.id()
    ))?;

    n.step(format!(
        "Load balancer {lb_id}: drain node {} ({}:{}), give its connections {:.1} s, remove it",
        old.id(),
        OLD.0,
        OLD.1,
        GRACE.as_secs_f64()
    ))?;
    rackcloud_lb::nodes::workflows::drain_and_remove(client, lb_id, old.id(), GRACE, &opts)
        .context("could not drain and remove the old node")?;
    let (sent, failed) = stream.finish();
    let left = rackcloud_lb::nodes::list(client, lb_id, &ListOpts::new())
        .extract()
        .context("could not list the nodes")?;
    let addresses: Vec<String> = left
        .iter()
        .map(|node| format!("{}:{} {}", node.address(), node.port(), node.condition()))
        .collect();
    n.detail(format!(
        "Drained, waited, removed, each change awaited; the nodes now: {}.",
        addresses.join(", ")
    ))?;
    n.detail(format!(
        "A steady stream through the listener meanwhile: {sent} requests sent, {failed} failed."
    ))?;
    if failed > 0 {
        bail!("{failed} of {sent} requests failed during the rotation");
    }
    Ok(sent)
}
