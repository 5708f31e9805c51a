//! [`ChangeTarget`]: the load balancer a change was sent to, kept by the change's result so that
//! `result.and_wait(&wait)` can wait for it.

use crate::change_wait::{wait_until_active, wait_until_deleted};
use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::service::ServiceClient;
use crate::wait_opts::WaitOpts;

/// The client and load balancer a change was sent to: what a change's result (declared with
/// [`result_type!`](crate::result_type) and `sent`) needs to wait until the change is applied.
///
/// Service crates build it through the generated `sent` constructor; users meet it only as the
/// `and_wait` method of a change's result.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::WaitOpts;
/// use rackcloud_core::kit::ChangeTarget;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let target = ChangeTarget::new(&client, 1);
/// assert_eq!(target.lb_id(), Some(1));
/// // Load balancer 1 is ACTIVE: one poll, then the change's value comes back.
/// assert_eq!(target.wait_then(&WaitOpts::new(), "changed")?, "changed");
///
/// // A creation's target knows no load balancer yet: its result waits in its own way.
/// assert_eq!(ChangeTarget::creation(&client).lb_id(), None);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ChangeTarget {
    client: ServiceClient,
    awaited: Awaited,
}

/// What a change's wait waits for.
#[derive(Debug, Clone, Copy)]
enum Awaited {
    /// Load balancer `0` is `ACTIVE` again.
    Applied(u64),
    /// Load balancer `0` is gone (`DELETED`, or answered 404 or 410).
    Deleted(u64),
    /// A new load balancer, whose id is in the answer: its result waits in its own way.
    Created,
}

impl ChangeTarget {
    /// The change was sent through `client` to load balancer `lb_id`; its wait ends when the
    /// load balancer is `ACTIVE` again.
    pub fn new(client: &ServiceClient, lb_id: u64) -> ChangeTarget {
        ChangeTarget::of(client, Awaited::Applied(lb_id))
    }

    /// The change deletes load balancer `lb_id`; its wait ends when the load balancer is gone
    /// (`DELETED`, or answered 404 or 410).
    pub fn deletion(client: &ServiceClient, lb_id: u64) -> ChangeTarget {
        ChangeTarget::of(client, Awaited::Deleted(lb_id))
    }

    /// The change creates a load balancer through `client`; its id is in the answer, so the
    /// result waits with a function of its own (`result_type!`'s `sent(path)`).
    pub fn creation(client: &ServiceClient) -> ChangeTarget {
        ChangeTarget::of(client, Awaited::Created)
    }

    fn of(client: &ServiceClient, awaited: Awaited) -> ChangeTarget {
        ChangeTarget {
            client: client.clone(),
            awaited,
        }
    }

    /// The client the change was sent through.
    pub fn client(&self) -> &ServiceClient {
        &self.client
    }

    /// The load balancer the change was sent to; `None` for a creation.
    pub fn lb_id(&self) -> Option<u64> {
        match self.awaited {
            Awaited::Applied(id) | Awaited::Deleted(id) => Some(id),
            Awaited::Created => None,
        }
    }

    /// Waits until the change is applied (the load balancer is `ACTIVE` again, or gone for a
    /// deletion), then gives back `value`, what the change returned.
    ///
    /// # Errors
    ///
    /// As [`wait_until_active`] (a deletion's: 404 and 410 are success);
    /// [`Configuration`](crate::ErrorKind::Configuration) for a creation's target, whose result
    /// must wait with a function of its own (the creation was sent).
    pub fn wait_then<T>(&self, wait: &WaitOpts, value: T) -> Result<T, Error> {
        match self.awaited {
            Awaited::Applied(id) => wait_until_active(&self.client, id, wait).map(|_| ())?,
            Awaited::Deleted(id) => wait_until_deleted(&self.client, id, wait)?,
            Awaited::Created => {
                return Err(Error::new(
                    ErrorKind::Configuration,
                    "the load balancer was created, but its result's wait names no id: a \
                     creation's result waits with a function of its own (result_type!'s \
                     sent(path))",
                ));
            }
        }
        Ok(value)
    }
}
