//! Connection logging and content caching: `GET`/`PUT /loadbalancers/{id}/connectionlogging`
//! and `…/contentcaching` (docs/api/logging-caching-errorpage.md).

use rackcloud_core::kit::{ChangeTarget, check_id, result_type};
use rackcloud_core::{Error, ErrorKind, ServiceClient};
use serde::Deserialize;
use serde_json::json;

use crate::urls::part_url;
use rackcloud_core::kit::lenient::opt_bool;

result_type! {
    /// The result of [`is_logging_enabled`] and [`is_content_cached`].
    #[must_use = "call extract to read the setting"]
    pub struct SwitchResult(RequestResult);
}

result_type! {
    /// The result of a change of a setting (logging, caching, error page): accepted (202, or
    /// the documented 200; the load balancer is `PENDING_UPDATE` until it is applied), or the
    /// error (invalid input, 400 when the protocol does not allow it, 404, 410, 422
    /// [`Immutable`](rackcloud_core::ErrorKind::Immutable) unless `ACTIVE`).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct SettingResult(ErrResult) sent;
}

impl SwitchResult {
    /// Whether the setting is on.
    ///
    /// # Errors
    ///
    /// The request's error (404, 410, …), or a [`Decode`](rackcloud_core::ErrorKind::Decode)
    /// error when the body is not `{"connectionLogging":{"enabled":…}}` (or `contentCaching`).
    pub fn extract(self) -> Result<bool, Error> {
        let body: std::collections::BTreeMap<String, SwitchBody> = self.0.extract_json()?;
        body.into_values()
            .next()
            .and_then(|s| s.enabled)
            .ok_or_else(|| Error::new(ErrorKind::Decode, "the answer holds no \"enabled\" setting"))
    }
}

/// `{"enabled":bool}` under its root key.
#[derive(Deserialize)]
struct SwitchBody {
    #[serde(default, deserialize_with = "opt_bool")]
    enabled: Option<bool>,
}

/// Whether connection logging of load balancer `lb_id` is on
/// (`GET /loadbalancers/{id}/connectionlogging`).
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
/// assert!(!lb_lbs::is_logging_enabled(&client, 1).extract()?);
/// lb_lbs::enable_logging(&client, 1).and_wait(&WaitOpts::new())?;
/// assert!(lb_lbs::is_logging_enabled(&client, 1).extract()?);
/// # Ok(())
/// # }
/// ```
pub fn is_logging_enabled(client: &ServiceClient, lb_id: u64) -> SwitchResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&part_url(client, lb_id, "connectionlogging")))
        .into()
}

/// Turns connection logging on (`PUT …/connectionlogging`, `{"connectionLogging":{"enabled":true}}`):
/// connection logs go to the account's Cloud Files. Refused (400) on `UDP`, `UDP_STREAM` and
/// `DNS_UDP` load balancers.
pub fn enable_logging(client: &ServiceClient, lb_id: u64) -> SettingResult {
    put_switch(
        client,
        lb_id,
        "connectionlogging",
        "connectionLogging",
        true,
    )
}

/// Turns connection logging off.
pub fn disable_logging(client: &ServiceClient, lb_id: u64) -> SettingResult {
    put_switch(
        client,
        lb_id,
        "connectionlogging",
        "connectionLogging",
        false,
    )
}

/// Whether content caching of load balancer `lb_id` is on (`GET …/contentcaching`).
pub fn is_content_cached(client: &ServiceClient, lb_id: u64) -> SwitchResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&part_url(client, lb_id, "contentcaching")))
        .into()
}

/// Turns content caching on (`PUT …/contentcaching`): only on `HTTP` load balancers (400
/// otherwise). A protocol change away from `HTTP` turns it off.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_lbs::enable_caching(&client, 1).extract_err()?;
/// // Load balancer 2 speaks TCP.
/// let refused = lb_lbs::enable_caching(&client, 2).extract_err().unwrap_err();
/// assert_eq!(refused.status(), Some(400));
/// # Ok(())
/// # }
/// ```
pub fn enable_caching(client: &ServiceClient, lb_id: u64) -> SettingResult {
    put_switch(client, lb_id, "contentcaching", "contentCaching", true)
}

/// Turns content caching off (there is no DELETE).
pub fn disable_caching(client: &ServiceClient, lb_id: u64) -> SettingResult {
    put_switch(client, lb_id, "contentcaching", "contentCaching", false)
}

/// `PUT …/{part}` with `{"<root>":{"enabled":on}}`.
fn put_switch(
    client: &ServiceClient,
    lb_id: u64,
    part: &str,
    root: &str,
    on: bool,
) -> SettingResult {
    let body = json!({ root: {"enabled": on} });
    let sent = check_id("load balancer", lb_id)
        .map(|()| client.put(&part_url(client, lb_id, part), &body));
    SettingResult::sent(ChangeTarget::new(client, lb_id), sent)
}
