//! [`ChangeTarget`]: the load balancer a change was sent to, kept by the change's result so that
//! `result.and_wait(&wait)` can wait for it.

use crate::change_wait::wait_until_active;
use crate::error::Error;
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
    lb_id: Option<u64>,
}

impl ChangeTarget {
    /// The change was sent through `client` to load balancer `lb_id`.
    pub fn new(client: &ServiceClient, lb_id: u64) -> ChangeTarget {
        ChangeTarget {
            client: client.clone(),
            lb_id: Some(lb_id),
        }
    }

    /// The change creates a load balancer through `client`; its id is in the answer.
    pub fn creation(client: &ServiceClient) -> ChangeTarget {
        ChangeTarget {
            client: client.clone(),
            lb_id: None,
        }
    }

    /// The client the change was sent through.
    pub fn client(&self) -> &ServiceClient {
        &self.client
    }

    /// The load balancer the change was sent to; `None` for a creation.
    pub fn lb_id(&self) -> Option<u64> {
        self.lb_id
    }

    /// Waits until the load balancer is `ACTIVE` again (the change is applied), then gives back
    /// `value`, what the change returned: the wait of every change but a creation and a
    /// deletion.
    ///
    /// # Errors
    ///
    /// As [`wait_until_active`]; [`InvalidInput`](crate::ErrorKind::InvalidInput) for a
    /// creation's target, which names no load balancer to wait for.
    pub fn wait_then<T>(&self, wait: &WaitOpts, value: T) -> Result<T, Error> {
        let Some(lb_id) = self.lb_id else {
            return Err(Error::invalid_input(
                "the change created a load balancer whose id only its answer knows; \
                 wait for that id",
            ));
        };
        wait_until_active(&self.client, lb_id, wait)?;
        Ok(value)
    }
}
