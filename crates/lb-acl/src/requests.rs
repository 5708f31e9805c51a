//! The operations: list, append, delete one, bulk delete, delete all (each change waits with its
//! result's `and_wait`).

use rackcloud_core::kit::{ChangeTarget, check_id, id_query, in_chunks};
use rackcloud_core::{BulkOutcome, ServiceClient, WaitOpts};

use crate::opts::AppendOptsBuilder;
use crate::results::{AppendResult, DeleteResult, ListResult};
use crate::urls::{item_url, root_url};

/// Reads the access list of load balancer `lb_id` (`GET /loadbalancers/{id}/accesslist`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // The emulator's load balancers start with an empty access list.
/// assert!(lb_acl::list(&client, 1).extract()?.is_empty());
/// # Ok(())
/// # }
/// ```
pub fn list(client: &ServiceClient, lb_id: u64) -> ListResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&root_url(client, lb_id)))
        .into()
}

/// Adds items to the access list of load balancer `lb_id`
/// (`POST /loadbalancers/{id}/accesslist`, answered 202). The items already there stay.
///
/// The options are checked first ([`AppendOpts`](crate::AppendOpts)); the server then refuses
/// an address already in the list and a list that would pass [`MAX_ITEMS`](rackcloud_core::model::MAX_ITEMS)
/// with a 400 ([`Validation`](rackcloud_core::ErrorKind::Validation); the second also
/// [`is_size_limit`](rackcloud_core::Error::is_size_limit)). The load balancer is
/// `PENDING_UPDATE` until the change is applied.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_acl::AppendOpts;
/// use rackcloud_core::model::RuleType;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_acl::append(&client, 1, &AppendOpts::new().deny("192.0.2.66")).extract_err()?;
/// let items = lb_acl::list(&client, 1).extract()?;
/// assert_eq!(items[0].address(), "192.0.2.66");
/// assert_eq!(items[0].rule_type(), &RuleType::Deny);
/// # Ok(())
/// # }
/// ```
pub fn append(client: &ServiceClient, lb_id: u64, opts: &impl AppendOptsBuilder) -> AppendResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| opts.to_access_list_append_map())
        .map(|body| client.post(&root_url(client, lb_id), &body));
    AppendResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Deletes one item (`DELETE /loadbalancers/{id}/accesslist/{itemId}`, answered 202); an
/// unknown item is a 404.
pub fn delete(client: &ServiceClient, lb_id: u64, item_id: u64) -> DeleteResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| check_id("access list item", item_id))
        .map(|()| client.delete(&item_url(client, lb_id, item_id)));
    DeleteResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Deletes every item of the access list (`DELETE /loadbalancers/{id}/accesslist`, answered
/// 202). The server answers 422 (`LoadBalancer is not ACTIVE`) unless the load balancer is
/// `ACTIVE`.
pub fn delete_all(client: &ServiceClient, lb_id: u64) -> DeleteResult {
    let sent = check_id("load balancer", lb_id).map(|()| client.delete(&root_url(client, lb_id)));
    DeleteResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Deletes the items `item_ids`, ten a request
/// (`DELETE /loadbalancers/{id}/accesslist?id=1&id=2…`, each answered 202).
///
/// Each request is all or nothing: an id that is not in the list fails its whole request with
/// a 400. Every request leaves the load balancer `PENDING_UPDATE`, so before each request
/// after the first this waits until it is `ACTIVE` again, as `wait` allows. The ids are checked
/// first (at least one, none zero, none twice); when they are refused nothing is sent. The
/// outcome says which ids went through, which failed and which were never sent.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder()
/// #     .default_seed()
/// #     .pending_time(std::time::Duration::from_millis(50))
/// #     .start()?;
/// use std::time::Duration;
/// use lb_acl::AppendOpts;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let wait = WaitOpts::new().interval(Duration::from_millis(20));
/// let opts: AppendOpts = (1..=12).map(|i| rackcloud_core::model::AppendItem::deny(format!("192.0.2.{i}"))).collect();
/// lb_acl::append(&client, 1, &opts).and_wait(&wait)?;
/// let ids: Vec<u64> = lb_acl::list(&client, 1).extract()?.iter().map(|i| i.id()).collect();
///
/// // Twelve ids: two requests, with a wait between them.
/// let outcome = lb_acl::bulk_delete(&client, 1, &ids, &wait);
/// assert_eq!(outcome.done(), ids.as_slice());
/// outcome.extract_err()?;
/// # Ok(())
/// # }
/// ```
pub fn bulk_delete(
    client: &ServiceClient,
    lb_id: u64,
    item_ids: &[u64],
    wait: &WaitOpts,
) -> BulkOutcome {
    let what = format!("delete access list items of load balancer {lb_id}");
    if let Err(e) = check_id("load balancer", lb_id) {
        return BulkOutcome::refused(&what, item_ids, e);
    }
    in_chunks(&what, "access list item", item_ids, |i, chunk| {
        if i > 0 {
            rackcloud_core::wait_until_active(client, lb_id, wait)?;
        }
        let url = format!("{}{}", root_url(client, lb_id), id_query(chunk));
        client.delete(&url).extract_err()
    })
    .sent_to(ChangeTarget::new(client, lb_id))
}
