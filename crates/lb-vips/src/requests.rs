//! The options of an add, the builder trait, and the operations.

use rackcloud_core::kit::{ChangeTarget, check_id, id_query, in_chunks};
use rackcloud_core::{BulkOutcome, Error, ServiceClient, WaitOpts, wait_until_active};
use serde_json::{Map, Value};

use crate::results::{AddResult, DeleteResult, ListResult};
use crate::urls::{resource_url, root_url};
use rackcloud_core::model::{IpVersion, VipType};

/// Anything that can build the body of an [`add`] request.
///
/// [`AddOpts`] is the usual implementation; implement it for your own types to send a body this
/// crate does not build (the body is the bare object, with no root key).
///
/// # Examples
///
/// ```
/// use lb_vips::AddOptsBuilder;
/// use rackcloud_core::Error;
/// use serde_json::{Map, Value, json};
///
/// /// A body written by hand.
/// struct Raw(Value);
///
/// impl AddOptsBuilder for Raw {
///     fn to_vip_add_map(&self) -> Result<Map<String, Value>, Error> {
///         Ok(self.0.as_object().cloned().unwrap_or_default())
///     }
/// }
///
/// let body = Raw(json!({"type": "PUBLIC", "ipVersion": "IPV6"})).to_vip_add_map()?;
/// assert_eq!(body.len(), 2);
/// # Ok::<(), Error>(())
/// ```
pub trait AddOptsBuilder {
    /// The JSON object to send: `{"type":"PUBLIC","ipVersion":"IPV6"}`, not wrapped.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_vip_add_map(&self) -> Result<Map<String, Value>, Error>;
}

/// The options of [`add`]: a public IPv6 virtual IP, the only kind a load balancer can gain
/// after it is created.
///
/// The type and version can be set for completeness (and for values a later service may allow),
/// but the known values the service refuses (`SERVICENET`, `IPV4`) are refused before sending.
///
/// # Examples
///
/// ```
/// use lb_vips::{AddOpts, AddOptsBuilder};
/// use rackcloud_core::model::IpVersion;
/// use serde_json::{Value, json};
///
/// let body = AddOpts::new().to_vip_add_map()?;
/// assert_eq!(Value::Object(body), json!({"type": "PUBLIC", "ipVersion": "IPV6"}));
///
/// let ipv4 = AddOpts::new().ip_version(IpVersion::Ipv4).to_vip_add_map();
/// assert!(ipv4.unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct AddOpts {
    vip_type: VipType,
    ip_version: IpVersion,
}

impl Default for AddOpts {
    fn default() -> AddOpts {
        AddOpts::new()
    }
}

impl AddOpts {
    /// A public IPv6 virtual IP.
    pub fn new() -> AddOpts {
        AddOpts {
            vip_type: VipType::Public,
            ip_version: IpVersion::Ipv6,
        }
    }

    /// Sets the type (`PUBLIC` is the only known one the service adds).
    pub fn vip_type(mut self, vip_type: VipType) -> AddOpts {
        self.vip_type = vip_type;
        self
    }

    /// Sets the IP version (`IPV6` is the only known one the service adds).
    pub fn ip_version(mut self, ip_version: IpVersion) -> AddOpts {
        self.ip_version = ip_version;
        self
    }
}

impl AddOptsBuilder for AddOpts {
    fn to_vip_add_map(&self) -> Result<Map<String, Value>, Error> {
        match &self.vip_type {
            VipType::Servicenet => {
                return Err(Error::invalid_input(
                    "a SERVICENET virtual ip cannot be added to a load balancer; only PUBLIC (IPV6)",
                ));
            }
            t if t.as_str().trim().is_empty() => {
                return Err(Error::invalid_input(
                    "the virtual ip type is empty; use PUBLIC",
                ));
            }
            _ => {}
        }
        match &self.ip_version {
            IpVersion::Ipv4 => {
                return Err(Error::invalid_input(
                    "an IPV4 virtual ip cannot be added to a load balancer; only IPV6",
                ));
            }
            v if v.as_str().trim().is_empty() => {
                return Err(Error::invalid_input("the ip version is empty; use IPV6"));
            }
            _ => {}
        }
        let mut body = Map::new();
        body.insert("type".to_owned(), Value::from(self.vip_type.as_str()));
        body.insert(
            "ipVersion".to_owned(),
            Value::from(self.ip_version.as_str()),
        );
        Ok(body)
    }
}

/// Lists the virtual IPs of load balancer `lb_id` (`GET /loadbalancers/{id}/virtualips`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::model::IpVersion;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let vips = lb_vips::list(&client, 1).extract()?;
/// assert!(vips.iter().any(|v| v.ip_version() == &IpVersion::Ipv6));
/// # Ok(())
/// # }
/// ```
pub fn list(client: &ServiceClient, lb_id: u64) -> ListResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&root_url(client, lb_id)))
        .into()
}

/// Adds a virtual IP to load balancer `lb_id` (`POST /loadbalancers/{id}/virtualips`, the body
/// not wrapped, answered 202 with the new virtual IP, not wrapped either).
///
/// The load balancer is `PENDING_UPDATE` until the change is applied; wait with [`AddResult::and_wait`](crate::AddResult::and_wait).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_vips::AddOpts;
/// use rackcloud_core::model::IpVersion;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let vip = lb_vips::add(&client, 2, &AddOpts::new()).extract()?;
/// assert_eq!(vip.ip_version(), &IpVersion::Ipv6);
/// # Ok(())
/// # }
/// ```
pub fn add(client: &ServiceClient, lb_id: u64, opts: &impl AddOptsBuilder) -> AddResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| opts.to_vip_add_map())
        .map(|body| client.post(&root_url(client, lb_id), &body));
    AddResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Deletes virtual IP `vip_id` of load balancer `lb_id`
/// (`DELETE /loadbalancers/{id}/virtualips/{vipId}`). The documentation says 200 and the service
/// answers 202; both are success.
///
/// The last virtual IP of a load balancer cannot be deleted (400).
pub fn delete(client: &ServiceClient, lb_id: u64, vip_id: u64) -> DeleteResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| check_id("virtual ip", vip_id))
        .map(|()| client.delete(&resource_url(client, lb_id, vip_id)));
    DeleteResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Deletes several virtual IPs of load balancer `lb_id`
/// (`DELETE /loadbalancers/{id}/virtualips?id=…`), at most 10 a request.
///
/// Each request is all or nothing and leaves the load balancer `PENDING_UPDATE`, so before every
/// request after the first this waits until it is `ACTIVE` again, with `wait`. The outcome says
/// which ids went through, which failed and which were never sent.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::builder().default_seed()
/// #     .pending_time(std::time::Duration::from_millis(50)).start()?;
/// use std::time::Duration;
/// use lb_vips::AddOpts;
/// use rackcloud_core::model::IpVersion;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
/// let added = lb_vips::add(&client, 1, &AddOpts::new()).and_wait(&wait)?;
/// let ids = [added.id()];
/// lb_vips::bulk_delete(&client, 1, &ids, &wait).extract_err()?;
/// # Ok(())
/// # }
/// ```
pub fn bulk_delete(
    client: &ServiceClient,
    lb_id: u64,
    vip_ids: &[u64],
    wait: &WaitOpts,
) -> BulkOutcome {
    let what = format!("delete virtual ips of load balancer {lb_id}");
    if let Err(e) = check_id("load balancer", lb_id) {
        return BulkOutcome::refused(&what, vip_ids, e);
    }
    in_chunks(&what, "virtual ip", vip_ids, |i, chunk| {
        if i > 0 {
            wait_until_active(client, lb_id, wait)?;
        }
        let url = format!("{}{}", root_url(client, lb_id), id_query(chunk));
        client.delete(&url).extract_err()
    })
    .sent_to(ChangeTarget::new(client, lb_id))
}
