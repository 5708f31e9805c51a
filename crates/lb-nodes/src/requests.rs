//! The operations: list, get, create, update, bulk update, delete, bulk delete, events, and
//! finding a node by address and port.

use rackcloud_core::kit::{ChangeTarget, check_id, id_query, in_chunks, marker_pages};
use rackcloud_core::{BulkOutcome, Error, PageQuery, ServiceClient, WaitOpts, wait_until_active};

use crate::create_opts::CreateOptsBuilder;
use crate::list_opts::ListOpts;
use crate::results::{
    CreateResult, DeleteResult, EventsResult, GetResult, ListResult, NodeEvent, UpdateResult,
};
use crate::update_opts::{BulkUpdateOpts, UpdateOptsBuilder};
use crate::urls::{events_url, node_url, root_url};
use rackcloud_core::model::Node;
use rackcloud_core::model::{check_node_port, node_address_key};

/// Reads one page of the nodes of load balancer `lb_id` (`GET …/nodes`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_nodes::ListOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let nodes = lb_nodes::list(&client, 1, &ListOpts::new()).extract()?;
/// assert_eq!(nodes.len(), 2);
/// # Ok(())
/// # }
/// ```
pub fn list(client: &ServiceClient, lb_id: u64, opts: &ListOpts) -> ListResult {
    check_id("load balancer", lb_id)
        .and_then(|()| opts.to_query())
        .map(|query| client.get(&format!("{}{query}", root_url(client, lb_id))))
        .into()
}

/// Every node of load balancer `lb_id`, page after page (`limit` and `marker`), stopping at the
/// options' bound.
///
/// # Errors
///
/// The first page's error; [`Decode`](rackcloud_core::ErrorKind::Decode) when a page does not
/// move past its marker; [`TooManyPages`](rackcloud_core::ErrorKind::TooManyPages) at the bound.
pub fn list_all(client: &ServiceClient, lb_id: u64, opts: ListOpts) -> Result<Vec<Node>, Error> {
    check_id("load balancer", lb_id)?;
    let fetch = |page: &PageQuery| list(client, lb_id, &opts.with_page(*page)).extract();
    marker_pages(opts.page_query(), opts.page_bound(), Node::id, fetch).collect_all()
}

/// Reads node `node_id` of load balancer `lb_id` (`GET …/nodes/{nodeId}`).
pub fn get(client: &ServiceClient, lb_id: u64, node_id: u64) -> GetResult {
    check_id("load balancer", lb_id)
        .and_then(|()| check_id("node", node_id))
        .map(|()| client.get(&node_url(client, lb_id, node_id)))
        .into()
}

/// Adds nodes to load balancer `lb_id` in one request (`POST …/nodes`, answered 202 with the
/// new nodes). The load balancer is `PENDING_UPDATE` until the change is applied.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_nodes::CreateOpts;
/// use rackcloud_core::model::NodeOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let opts = CreateOpts::new([NodeOpts::new("10.1.1.1", 80), NodeOpts::new("10.1.1.2", 80)]);
/// let added = lb_nodes::create(&client, 1, &opts).extract()?;
/// assert_eq!(added.len(), 2);
/// # Ok(())
/// # }
/// ```
pub fn create(client: &ServiceClient, lb_id: u64, opts: &impl CreateOptsBuilder) -> CreateResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| opts.to_node_create_map())
        .map(|body| client.post(&root_url(client, lb_id), &body));
    CreateResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Changes node `node_id` (`PUT …/nodes/{nodeId}`, answered 202).
pub fn update(
    client: &ServiceClient,
    lb_id: u64,
    node_id: u64,
    opts: &impl UpdateOptsBuilder,
) -> UpdateResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| check_id("node", node_id))
        .and_then(|()| opts.to_node_update_map())
        .map(|body| client.put(&node_url(client, lb_id, node_id), &body));
    UpdateResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Changes several nodes (`PUT …/nodes` with `{"nodes":[{"id":…,…}]}`), at most
/// [`MAX_IDS_PER_REQUEST`](rackcloud_core::kit::MAX_IDS_PER_REQUEST) nodes a request. Each request is
/// a change of its own, so before every request after the first it waits until the load
/// balancer is `ACTIVE` again (`wait`).
///
/// The outcome says which nodes were changed, which request failed and which nodes were never
/// sent; every change is checked before the first request.
pub fn bulk_update(
    client: &ServiceClient,
    lb_id: u64,
    opts: &BulkUpdateOpts,
    wait: &WaitOpts,
) -> BulkOutcome {
    let ids = opts.ids();
    let what = format!("update nodes of load balancer {lb_id}");
    let checked = check_id("load balancer", lb_id).and_then(|()| opts.check());
    if let Err(e) = checked {
        return BulkOutcome::refused(&what, &ids, e);
    }
    in_chunks(&what, "node", &ids, |i, chunk| {
        if i > 0 {
            wait_until_active(client, lb_id, wait)?;
        }
        let body = opts.body_for(chunk)?;
        client.put(&root_url(client, lb_id), &body).extract_err()
    })
    .sent_to(ChangeTarget::new(client, lb_id))
}

/// Deletes node `node_id` (`DELETE …/nodes/{nodeId}`, answered 202).
///
/// # Examples
///
/// Every change's result can wait until the change is applied (`ACTIVE` again):
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder()
/// #     .default_seed()
/// #     .pending_time(std::time::Duration::from_millis(100))
/// #     .start()?;
/// use std::time::Duration;
/// use lb_nodes::CreateOpts;
/// use rackcloud_core::model::NodeOpts;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
/// let added = lb_nodes::create(&client, 1, &CreateOpts::new([NodeOpts::new("10.1.1.9", 80)])).and_wait(&wait)?;
/// // Applied: the next change is accepted at once.
/// lb_nodes::delete(&client, 1, added[0].id()).and_wait(&wait)?;
/// # Ok(())
/// # }
/// ```
pub fn delete(client: &ServiceClient, lb_id: u64, node_id: u64) -> DeleteResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| check_id("node", node_id))
        .map(|()| client.delete(&node_url(client, lb_id, node_id)));
    DeleteResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Deletes several nodes (`DELETE …/nodes?id=…`), at most
/// [`MAX_IDS_PER_REQUEST`](rackcloud_core::kit::MAX_IDS_PER_REQUEST) a request, waiting until the
/// load balancer is `ACTIVE` again before every request after the first.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // Nodes 1 and 2 of load balancer 1.
/// let outcome = lb_nodes::bulk_delete(&client, 1, &[1, 2], &WaitOpts::new());
/// assert_eq!(outcome.done(), [1, 2]);
/// # Ok(())
/// # }
/// ```
pub fn bulk_delete(
    client: &ServiceClient,
    lb_id: u64,
    node_ids: &[u64],
    wait: &WaitOpts,
) -> BulkOutcome {
    let what = format!("delete nodes of load balancer {lb_id}");
    if let Err(e) = check_id("load balancer", lb_id) {
        return BulkOutcome::refused(&what, node_ids, e);
    }
    in_chunks(&what, "node", node_ids, |i, chunk| {
        if i > 0 {
            wait_until_active(client, lb_id, wait)?;
        }
        let url = format!("{}{}", root_url(client, lb_id), id_query(chunk));
        client.delete(&url).extract_err()
    })
    .sent_to(ChangeTarget::new(client, lb_id))
}

/// Reads one page of the node service events of load balancer `lb_id`
/// (`GET …/nodes/events`).
pub fn events(client: &ServiceClient, lb_id: u64, opts: &ListOpts) -> EventsResult {
    check_id("load balancer", lb_id)
        .and_then(|()| opts.to_query())
        .map(|query| client.get(&format!("{}{query}", events_url(client, lb_id))))
        .into()
}

/// Every node service event, page after page, stopping at the options' bound (gophercloud read
/// only the first page).
///
/// # Errors
///
/// As [`list_all`].
pub fn events_all(
    client: &ServiceClient,
    lb_id: u64,
    opts: ListOpts,
) -> Result<Vec<NodeEvent>, Error> {
    check_id("load balancer", lb_id)?;
    let fetch = |page: &PageQuery| events(client, lb_id, &opts.with_page(*page)).extract();
    marker_pages(opts.page_query(), opts.page_bound(), NodeEvent::id, fetch).collect_all()
}

/// The node at `address` and `port`, reading every page (IP addresses compared in canonical
/// form, host names ignoring case); `None` when there is none.
///
/// # Errors
///
/// As [`list_all`] (unlike gophercloud's `GetByIPPort`, a page's error is not ignored), or
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) for port 0.
pub fn find_by_address_port(
    client: &ServiceClient,
    lb_id: u64,
    address: &str,
    port: u16,
) -> Result<Option<Node>, Error> {
    check_node_port(port)?;
    let key = node_address_key(address);
    let nodes = list_all(
        client,
        lb_id,
        ListOpts::new().limit(rackcloud_core::MAX_PAGE_SIZE),
    )?;
    Ok(nodes
        .into_iter()
        .find(|n| n.port() == port && node_address_key(n.address()) == key))
}
