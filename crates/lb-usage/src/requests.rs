//! The operations: account usage, a load balancer's historical and current usage, and the
//! billable load balancers (one page, or every page with a bound).

use rackcloud_core::kit::{PageBound, check_id, offset_pages, query_string};
use rackcloud_core::{Error, PageQuery, Pages, ServiceClient};

use crate::opts::{BillableOpts, UsageOpts};
use crate::results::BillableLoadBalancer;
use crate::wire::{AccountUsageResult, BillableResult, UsageResult};

/// The usage of the whole account in a period (`GET /loadbalancers/usage`): the account's own
/// records and every load balancer's.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_usage::UsageOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // The last 24 hours: the emulator's three demo load balancers were created in them.
/// let usage = lb_usage::account_usage(&client, &UsageOpts::new()).extract()?;
/// assert_eq!(usage.load_balancers().len(), 3);
/// assert_eq!(usage.records()[0].num_load_balancers(), 3);
/// # Ok(())
/// # }
/// ```
pub fn account_usage(client: &ServiceClient, opts: &UsageOpts) -> AccountUsageResult {
    let pairs = match opts.to_query_pairs() {
        Ok(pairs) => pairs,
        Err(e) => return AccountUsageResult::from(e),
    };
    let url = format!(
        "{}{}",
        client.service_url(&["loadbalancers", "usage"]),
        query_string(&pairs)
    );
    AccountUsageResult::from(client.get(&url))
}

/// The usage records of load balancer `lb_id` in a period (`GET /loadbalancers/{id}/usage`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use jiff::{SignedDuration, Timestamp};
/// use lb_usage::UsageOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let week = UsageOpts::new().since(Timestamp::now() - SignedDuration::from_hours(24 * 7));
/// let records = lb_usage::load_balancer_usage(&client, 1, &week).extract()?;
/// assert_eq!(records[0].event_type(), Some("CREATE_LOADBALANCER"));
/// # Ok(())
/// # }
/// ```
pub fn load_balancer_usage(client: &ServiceClient, lb_id: u64, opts: &UsageOpts) -> UsageResult {
    let pairs = match check_id("load balancer", lb_id).and_then(|()| opts.to_query_pairs()) {
        Ok(pairs) => pairs,
        Err(e) => return UsageResult::from(e),
    };
    let url = format!(
        "{}{}",
        client.lb_url(lb_id, &["usage"]),
        query_string(&pairs)
    );
    UsageResult::from(client.get(&url))
}

/// The usage records of load balancer `lb_id` in the last 24 hours
/// (`GET /loadbalancers/{id}/usage/current`).
pub fn current_usage(client: &ServiceClient, lb_id: u64) -> UsageResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&client.lb_url(lb_id, &["usage", "current"])))
        .into()
}

/// One page of the load balancers billable in a period (`GET /loadbalancers/billable`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use jiff::{SignedDuration, Timestamp};
/// use lb_usage::BillableOpts;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let now = Timestamp::now();
/// let opts = BillableOpts::new(now - SignedDuration::from_hours(24), now + SignedDuration::from_hours(1));
/// let page = lb_usage::billable(&client, &opts.limit(2)).extract()?;
/// assert_eq!(page.iter().map(|lb| lb.id()).collect::<Vec<_>>(), [1, 2]);
/// assert_eq!(lb_usage::billable_all(&client, &opts.limit(2))?.len(), 3);
/// # Ok(())
/// # }
/// ```
pub fn billable(client: &ServiceClient, opts: &BillableOpts) -> BillableResult {
    let pairs = match opts.to_query_pairs() {
        Ok(pairs) => pairs,
        Err(e) => return BillableResult::from(e),
    };
    let url = format!(
        "{}{}",
        client.service_url(&["loadbalancers", "billable"]),
        query_string(&pairs)
    );
    BillableResult::from(client.get(&url))
}

/// Every page of the billable load balancers, starting at `opts`' offset, each page `opts`'
/// limit (the server's 500 when none), stopping at `bound`.
pub fn billable_pages<'a>(
    client: &'a ServiceClient,
    opts: &BillableOpts,
    bound: PageBound,
) -> Pages<
    BillableLoadBalancer,
    impl FnMut(&PageQuery) -> Result<Vec<BillableLoadBalancer>, Error> + 'a,
> {
    let mut query = PageQuery::new();
    if let Some(limit) = opts.page_size() {
        query = query.limit(limit);
    }
    if let Some(offset) = opts.skipped() {
        query = query.offset(offset);
    }
    let base = BillableOpts::new(opts.start(), opts.end());
    offset_pages(query, bound, move |q: &PageQuery| {
        let mut page = base;
        if let Some(limit) = q.page_size() {
            page = page.limit(limit);
        }
        if let Some(offset) = q.skipped() {
            page = page.offset(offset);
        }
        billable(client, &page).extract()
    })
}

/// Every billable load balancer of the period, read page by page within the default
/// [`PageBound`].
///
/// # Errors
///
/// The first page's error, or [`TooManyPages`](rackcloud_core::ErrorKind::TooManyPages) at the
/// bound.
pub fn billable_all(
    client: &ServiceClient,
    opts: &BillableOpts,
) -> Result<Vec<BillableLoadBalancer>, Error> {
    billable_pages(client, opts, PageBound::default()).collect_all()
}
