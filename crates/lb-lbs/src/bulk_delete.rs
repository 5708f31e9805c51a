//! Deleting many load balancers: `DELETE /loadbalancers?id=…`, at most 10 ids a request.

use rackcloud_core::kit::{ChangeTarget, id_query, in_chunks};
use rackcloud_core::{BulkOutcome, ServiceClient};

use crate::urls::root_url;

/// Deletes the load balancers `ids` (`DELETE /loadbalancers?id=1&id=2…`, answered 202), ten a
/// request, in the order given, stopping at the first request refused.
///
/// Each request is all or nothing: the server refuses it with a 400 naming the ids when one is
/// unknown or not `ACTIVE`. No wait is needed between two requests: each load balancer goes
/// `PENDING_DELETE` on its own and the next request names other load balancers. Ids are checked
/// first (none, zero, duplicates): then nothing is sent. The outcome's `and_wait` waits until
/// every load balancer deleted is gone.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let outcome = lb_lbs::bulk_delete(&client, &[2, 3]);
/// assert_eq!(outcome.done(), [2, 3]);
/// // Waiting for them to be gone:
/// outcome.and_wait(&rackcloud_core::WaitOpts::new())?;
///
/// // All or nothing: 2 is already going away, so 1 is not deleted either.
/// let refused = lb_lbs::bulk_delete(&client, &[1, 2]);
/// assert_eq!(refused.failed(), [1, 2]);
/// assert_eq!(refused.extract_err().unwrap_err().status(), Some(400));
/// # Ok(())
/// # }
/// ```
pub fn bulk_delete(client: &ServiceClient, ids: &[u64]) -> BulkOutcome {
    let url = root_url(client);
    let outcome = in_chunks("delete load balancers", "load balancer", ids, |_, chunk| {
        client
            .delete(&(url.clone() + &id_query(chunk)))
            .extract_err()
    });
    ids.iter().fold(outcome, |outcome, &id| {
        outcome.sent_to(ChangeTarget::deletion(client, id))
    })
}
