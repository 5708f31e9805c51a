//! [`pages`] and [`list_all`]: walking every page of `GET /loadbalancers` with `limit` and
//! `marker`.

use rackcloud_core::kit::marker_pages;
use rackcloud_core::{Error, PageQuery, Pages, ServiceClient};

use crate::list_opts::ListOpts;
use crate::load_balancer::LoadBalancer;
use crate::requests::list;

/// Walks every page of the account's load balancers that pass `opts`' filters, `opts.limit` at
/// a time, starting after `opts.marker` if set (and skipping `opts.offset` once): core's bounded
/// page iterator, the one paging shape of every list.
///
/// Each item is one page (one request) or the error that ended the walk. The next page starts
/// after the last id of the previous one. The walk ends after a page shorter than the limit
/// (when one was set) or at the first empty page, after the first error, and at the options'
/// [`PageBound`](rackcloud_core::kit::PageBound) with a
/// [`TooManyPages`](rackcloud_core::ErrorKind::TooManyPages) error (a server that keeps
/// answering full pages is not followed forever).
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
/// // Load balancers 1, 2 and 3, two per page.
/// let mut sizes = Vec::new();
/// for page in lb_lbs::pages(&client, ListOpts::new().limit(2)) {
///     sizes.push(page?.len());
/// }
/// assert_eq!(sizes, [2, 1]);
/// # Ok(())
/// # }
/// ```
pub fn pages(
    client: &ServiceClient,
    opts: ListOpts,
) -> Pages<LoadBalancer, impl FnMut(&PageQuery) -> Result<Vec<LoadBalancer>, Error> + '_> {
    let bound = opts.page_bound();
    let first_marker = opts.start_after();
    let query = opts.page_query();
    let fetch = move |page: &PageQuery| {
        // The offset skips items once: later pages start after the last id read.
        let page = if page.start_after() == first_marker {
            *page
        } else {
            without_offset(page)
        };
        list(client, &opts.with_page(page)).extract()
    };
    marker_pages(query, bound, LoadBalancer::id, fetch)
}

/// Every load balancer of the account, read `opts.limit` at a time (see [`pages`]).
///
/// # Errors
///
/// The first page's error, as [`ListResult::extract`](crate::ListResult::extract) gives it;
/// a [`Decode`](rackcloud_core::ErrorKind::Decode) error when a page does not move past its
/// marker (a server that ignores `marker` would otherwise be asked for the same page forever);
/// [`TooManyPages`](rackcloud_core::ErrorKind::TooManyPages) at the options' bound.
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
/// let all = lb_lbs::list_all(&client, ListOpts::new().limit(1))?;
/// let ids: Vec<u64> = all.iter().map(|lb| lb.id()).collect();
/// assert_eq!(ids, [1, 2, 3]);
/// # Ok(())
/// # }
/// ```
pub fn list_all(client: &ServiceClient, opts: ListOpts) -> Result<Vec<LoadBalancer>, Error> {
    let mut all = Vec::new();
    for page in pages(client, opts) {
        all.extend(page?);
    }
    Ok(all)
}

/// `page` without its offset.
fn without_offset(page: &PageQuery) -> PageQuery {
    let mut bare = PageQuery::new();
    if let Some(limit) = page.page_size() {
        bare = bare.limit(limit);
    }
    if let Some(marker) = page.start_after() {
        bare = bare.marker(marker);
    }
    bare
}
