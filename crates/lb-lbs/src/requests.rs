//! The options, the builder traits and the five operations.

use rackcloud_core::kit::{ChangeTarget, check_id};
use rackcloud_core::{Error, ServiceClient};
use serde_json::{Map, Value};

use crate::results::{CreateResult, DeleteResult, GetResult, ListResult, UpdateResult};
use crate::urls::{resource_url, root_url};

/// Anything that can build the query of a [`list`] request.
///
/// [`ListOpts`](crate::ListOpts) is the usual implementation; implement it for your own types to send query
/// parameters this crate does not know.
pub trait ListOptsBuilder {
    /// The query to append to `/loadbalancers`: empty, or starting with `?`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid query; then nothing is sent.
    fn to_lb_list_query(&self) -> Result<String, Error>;
}

/// Anything that can build the body of a [`create`] request.
///
/// [`CreateOpts`](crate::CreateOpts) is the usual implementation; implement it for your own types to send fields
/// this crate does not know (metadata, an access list, …).
pub trait CreateOptsBuilder {
    /// The JSON object to send: `{"loadBalancer":{…}}`.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_lb_create_map(&self) -> Result<Map<String, Value>, Error>;
}

/// Anything that can build the body of an [`update`] request.
///
/// [`UpdateOpts`](crate::UpdateOpts) is the usual implementation.
pub trait UpdateOptsBuilder {
    /// The JSON object to send: `{"loadBalancer":{…}}` with the attributes to change.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) error when the options
    /// cannot make a valid body; then nothing is sent.
    fn to_lb_update_map(&self) -> Result<Map<String, Value>, Error>;
}

/// Lists one page of the account's load balancers (`GET /loadbalancers?limit=…&marker=…`),
/// ordered by id, without deleted ones.
///
/// [`pages`](crate::pages) and [`list_all`](crate::list_all) walk every page.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_lbs::ListOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let page = lb_lbs::list(&client, &ListOpts::new().limit(2)).extract()?;
/// let names: Vec<&str> = page.iter().map(|lb| lb.name()).collect();
/// assert_eq!(names, ["web", "tcp"]);
///
/// let next = lb_lbs::list(&client, &ListOpts::new().limit(2).marker(page[1].id())).extract()?;
/// assert_eq!(next[0].name(), "secure");
/// # Ok(())
/// # }
/// ```
pub fn list(client: &ServiceClient, opts: &impl ListOptsBuilder) -> ListResult {
    match opts.to_lb_list_query() {
        Ok(query) => ListResult::from(client.get(&(root_url(client) + &query))),
        Err(e) => ListResult::from(e),
    }
}

/// Reads load balancer `id` (`GET /loadbalancers/{id}`), in any status.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_lbs::{Protocol, Status};
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let lb = lb_lbs::get(&client, 1).extract()?;
/// assert_eq!((lb.name(), lb.protocol(), lb.port()), ("web", &Protocol::Http, 80));
/// assert_eq!(lb.status(), &Status::Active);
/// assert_eq!(lb.session_persistence(), None);
///
/// let missing = lb_lbs::get(&client, 999).extract().unwrap_err();
/// assert!(missing.is_not_found());
/// # Ok(())
/// # }
/// ```
pub fn get(client: &ServiceClient, id: u64) -> GetResult {
    check_id("load balancer", id)
        .map(|()| client.get(&resource_url(client, id)))
        .into()
}

/// Creates a load balancer (`POST /loadbalancers`, answered 202): it is `BUILD` until it is
/// ready, then `ACTIVE`; [`CreateResult::and_wait`] waits for that and returns it.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_lbs::{CreateOpts, Protocol, Status, VipOpts};
/// use rackcloud_core::model::NodeOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let opts = CreateOpts::new("api", Protocol::Tcp)
///     .port(8443)
///     .virtual_ip(VipOpts::public())
///     .node(NodeOpts::new("10.180.0.21", 8443));
/// let lb = lb_lbs::create(&client, &opts).extract()?;
/// assert_eq!(lb.status(), &Status::Build);
/// assert_eq!((lb.name(), lb.port(), lb.node_count()), ("api", 8443, 1));
/// # Ok(())
/// # }
/// ```
pub fn create(client: &ServiceClient, opts: &impl CreateOptsBuilder) -> CreateResult {
    let sent = opts
        .to_lb_create_map()
        .map(|body| client.post(&root_url(client), &body));
    CreateResult::sent(ChangeTarget::creation(client), sent)
}

/// Changes attributes of load balancer `id` (`PUT /loadbalancers/{id}`, answered 202).
///
/// The load balancer must be `ACTIVE`; it is `PENDING_UPDATE` until the change is applied.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_lbs::UpdateOpts;
/// use rackcloud_core::WaitOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_lbs::update(&client, 2, &UpdateOpts::new().port(9090).timeout(60)).extract_err()?;
/// let lb = lb_lbs::wait_for_status(&client, 2, lb_lbs::Status::Active, &WaitOpts::new())?;
/// assert_eq!((lb.port(), lb.timeout()), (9090, Some(60)));
/// # Ok(())
/// # }
/// ```
pub fn update(client: &ServiceClient, id: u64, opts: &impl UpdateOptsBuilder) -> UpdateResult {
    let sent = check_id("load balancer", id)
        .and_then(|()| opts.to_lb_update_map())
        .map(|body| client.put(&resource_url(client, id), &body));
    UpdateResult::sent(ChangeTarget::new(client, id), sent)
}

/// Deletes load balancer `id` (`DELETE /loadbalancers/{id}`, answered 202): it is
/// `PENDING_DELETE`, then `DELETED`; [`wait_for_deletion`](crate::wait_for_deletion) waits for
/// that.
///
/// The load balancer must be `ACTIVE` or `ERROR`.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// lb_lbs::delete(&client, 3).extract_err()?;
/// let again = lb_lbs::delete(&client, 3).extract_err().unwrap_err();
/// assert_eq!(again.kind(), rackcloud_core::ErrorKind::Gone);
/// # Ok(())
/// # }
/// ```
pub fn delete(client: &ServiceClient, id: u64) -> DeleteResult {
    let sent = check_id("load balancer", id).map(|()| client.delete(&resource_url(client, id)));
    DeleteResult::sent(ChangeTarget::deletion(client, id), sent)
}
