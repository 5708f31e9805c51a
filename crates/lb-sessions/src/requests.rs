//! The options, the builder trait and the three operations.

use rackcloud_core::kit::{ChangeTarget, check_id};
use rackcloud_core::{Error, Removal, ServiceClient};
use serde_json::{Map, Value, json};

use crate::Type;
use crate::results::{DisableResult, EnableResult, GetResult};
use crate::urls::root_url;

/// Anything that can build the body of an [`enable`] request.
///
/// [`CreateOpts`] is the usual implementation; implement it for your own types to send a body
/// this crate does not know how to build.
///
/// # Examples
///
/// ```
/// use lb_sessions::CreateOptsBuilder;
/// use rackcloud_core::Error;
/// use serde_json::{Map, Value, json};
///
/// /// Always asks for the mode named in a configuration file.
/// struct FromConfig(String);
///
/// impl CreateOptsBuilder for FromConfig {
///     fn to_sp_create_map(&self) -> Result<Map<String, Value>, Error> {
///         let body = json!({"sessionPersistence": {"persistenceType": self.0}});
///         Ok(body.as_object().cloned().unwrap_or_default())
///     }
/// }
///
/// let body = FromConfig("SOURCE_IP".into()).to_sp_create_map()?;
/// assert_eq!(Value::Object(body), json!({"sessionPersistence": {"persistenceType": "SOURCE_IP"}}));
/// # Ok::<(), Error>(())
/// ```
pub trait CreateOptsBuilder {
    /// The JSON object to send: `{"sessionPersistence":{"persistenceType":…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_sp_create_map(&self) -> Result<Map<String, Value>, Error>;
}

/// The options of [`enable`]: which persistence mode to use.
///
/// # Examples
///
/// ```
/// use lb_sessions::{CreateOpts, CreateOptsBuilder, Type};
/// use serde_json::{Value, json};
///
/// let body = CreateOpts::new(Type::HttpCookie).to_sp_create_map()?;
/// assert_eq!(Value::Object(body), json!({"sessionPersistence": {"persistenceType": "HTTP_COOKIE"}}));
///
/// let empty = CreateOpts::new(Type::Other(String::new())).to_sp_create_map();
/// assert!(empty.unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct CreateOpts {
    persistence_type: Type,
}

impl CreateOpts {
    /// Options for `persistence_type`.
    pub fn new(persistence_type: Type) -> CreateOpts {
        CreateOpts { persistence_type }
    }

    /// The mode to enable.
    pub fn persistence_type(&self) -> &Type {
        &self.persistence_type
    }
}

impl CreateOptsBuilder for CreateOpts {
    fn to_sp_create_map(&self) -> Result<Map<String, Value>, Error> {
        let name = self.persistence_type.as_str();
        if name.trim().is_empty() {
            return Err(Error::invalid_input(
                "the session persistence type is empty; use HTTP_COOKIE, SOURCE_IP or SSL_ID",
            ));
        }
        let mut body = Map::new();
        body.insert(
            "sessionPersistence".to_owned(),
            json!({ "persistenceType": name }),
        );
        Ok(body)
    }
}

/// Reads the session persistence of load balancer `lb_id`
/// (`GET /loadbalancers/{id}/sessionpersistence`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // Load balancer 1 of the emulator starts with persistence disabled.
/// assert_eq!(lb_sessions::get(&client, 1).extract()?, None);
/// # Ok(())
/// # }
/// ```
pub fn get(client: &ServiceClient, lb_id: u64) -> GetResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&root_url(client, lb_id)))
        .into()
}

/// Enables session persistence on load balancer `lb_id`, or changes its mode
/// (`PUT /loadbalancers/{id}/sessionpersistence`, answered 202).
///
/// The load balancer is `PENDING_UPDATE` until the change is applied; another change before then
/// is refused as [`Immutable`](rackcloud_core::ErrorKind::Immutable).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_sessions::{CreateOpts, Type};
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_sessions::enable(&client, 2, &CreateOpts::new(Type::SourceIp)).extract_err()?;
///
/// // HTTP_COOKIE needs an HTTP load balancer; load balancer 2 is TCP.
/// let err = lb_sessions::enable(&client, 2, &CreateOpts::new(Type::HttpCookie))
///     .extract_err()
///     .unwrap_err();
/// assert_eq!(err.status(), Some(400));
/// # Ok(())
/// # }
/// ```
pub fn enable(client: &ServiceClient, lb_id: u64, opts: &impl CreateOptsBuilder) -> EnableResult {
    let sent = check_id("load balancer", lb_id)
        .and_then(|()| opts.to_sp_create_map())
        .map(|body| client.put(&root_url(client, lb_id), &body));
    EnableResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Disables session persistence on load balancer `lb_id`
/// (`DELETE /loadbalancers/{id}/sessionpersistence`, answered 202).
///
/// When persistence is not enabled the server answers 422
/// [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled); use [`disable_if_enabled`]
/// or [`DisableResult::extract_removal`] to treat that as success.
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
/// use lb_sessions::{CreateOpts, Type};
/// use rackcloud_core::{Removal, WaitOpts};
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let wait = WaitOpts::new().interval(Duration::from_millis(20)); // 5 s against the real API
/// lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie)).and_wait(&wait)?;
/// // Applied: the next change is accepted at once.
/// lb_sessions::disable(&client, 1).and_wait(&wait)?;
/// // Strict: disabling again is an error; the idempotent form says there was nothing to do.
/// assert!(lb_sessions::disable(&client, 1).and_wait(&wait).unwrap_err().is_already_disabled());
/// assert_eq!(lb_sessions::disable(&client, 1).removal_and_wait(&wait)?, Removal::NothingToRemove);
///
/// // The idempotent form waits only when it removed something.
/// lb_sessions::enable(&client, 1, &CreateOpts::new(Type::SourceIp)).and_wait(&wait)?;
/// assert_eq!(lb_sessions::disable(&client, 1).removal_and_wait(&wait)?, Removal::Removed);
/// lb_sessions::enable(&client, 1, &CreateOpts::new(Type::HttpCookie)).extract_err()?; // ACTIVE
/// # Ok(())
/// # }
/// ```
pub fn disable(client: &ServiceClient, lb_id: u64) -> DisableResult {
    let sent = check_id("load balancer", lb_id).map(|()| client.delete(&root_url(client, lb_id)));
    DisableResult::sent(ChangeTarget::new(client, lb_id), sent)
}

/// Disables session persistence unless it already is: one idempotent call.
///
/// # Errors
///
/// Every error of [`disable`] except [`AlreadyDisabled`](rackcloud_core::ErrorKind::AlreadyDisabled).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::Removal;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // Persistence on load balancer 3 is off: nothing to do, and no error.
/// assert_eq!(lb_sessions::disable_if_enabled(&client, 3)?, Removal::NothingToRemove);
/// # Ok(())
/// # }
/// ```
pub fn disable_if_enabled(client: &ServiceClient, lb_id: u64) -> Result<Removal, Error> {
    disable(client, lb_id).extract_removal()
}
