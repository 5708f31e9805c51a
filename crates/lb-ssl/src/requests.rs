//! The SSL termination operations: get, set, delete and the cipher list.

use rackcloud_core::ServiceClient;
use rackcloud_core::kit::{ChangeTarget, check_id};

use crate::results::{CiphersResult, DeleteResult, GetResult, SetResult};
use crate::set_opts::SetOptsBuilder;
use crate::urls::{ciphers_url, termination_url};

/// Reads the SSL termination of load balancer `lb_id` (`GET …/ssltermination`);
/// [`GetResult::extract`] gives `None` when none is configured (the server answers 404).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// assert_eq!(lb_ssl::get(&client, 1).extract()?, None);
/// # Ok(())
/// # }
/// ```
pub fn get(client: &ServiceClient, lb_id: u64) -> GetResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&termination_url(client, lb_id)))
        .into()
}

/// Creates or changes the SSL termination of load balancer `lb_id`
/// (`PUT …/ssltermination`, answered 202 with the termination).
///
/// Only what the options set is sent; without a certificate bundle the installed certificate
/// and key stay. A bundle is checked before sending (it parses, the key matches, the chain is in
/// order, nothing has expired).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_ssl::SetOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // Nothing is installed on load balancer 1 yet: attributes alone are refused by the server.
/// let err = lb_ssl::set(&client, 1, &SetOpts::new().enabled(true)).extract_err().unwrap_err();
/// assert_eq!(err.status(), Some(400));
/// # Ok(())
/// # }
/// ```
pub fn set(client: &ServiceClient, lb_id: u64, opts: &impl SetOptsBuilder) -> SetResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| opts.to_ssl_set_map())
        .map(|body| client.put(&termination_url(client, lb_id), &body));
    SetResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Removes the SSL termination of load balancer `lb_id` (`DELETE …/ssltermination`,
/// answered 202). The server refuses it (400) while HTTPS redirect is on, and when none is
/// configured.
pub fn delete(client: &ServiceClient, lb_id: u64) -> DeleteResult {
    let sent =
        check_id("load balancer", lb_id).map(|()| client.delete(&termination_url(client, lb_id)));
    DeleteResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// The names of the ciphers load balancer `lb_id` offers (`GET …/ssltermination/ciphers`).
/// The profiles to choose from are [`CipherProfile::KNOWN_NAMES`](crate::CipherProfile::KNOWN_NAMES).
pub fn ciphers(client: &ServiceClient, lb_id: u64) -> CiphersResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&ciphers_url(client, lb_id)))
        .into()
}
