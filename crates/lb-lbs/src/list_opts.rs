//! [`ListOpts`]: which load balancers to list (the filters) and which page of them to read.

use jiff::Timestamp;
use rackcloud_core::kit::{PageBound, query_string};
use rackcloud_core::model::LbStatus;
use rackcloud_core::{Error, PageQuery};

use crate::requests::ListOptsBuilder;

/// The options of [`list`](crate::list) and [`pages`](crate::pages): the filters (`name`,
/// `status`, `changes-since`, `nodeaddress`), one page of at most `limit` load balancers
/// starting after the id `marker` (and skipping `offset`), and where a walk over every page
/// stops.
///
/// The query is percent-encoded, filters first, in the order of the methods below.
///
/// # Examples
///
/// ```
/// use lb_lbs::{ListOpts, ListOptsBuilder, Status};
///
/// assert_eq!(ListOpts::new().to_lb_list_query()?, "");
/// assert_eq!(ListOpts::new().limit(2).marker(1).to_lb_list_query()?, "?limit=2&marker=1");
/// let filtered = ListOpts::new()
///     .name("web & api")
///     .status(Status::Deleted)
///     .changes_since("2026-11-25T03:21:04Z".parse()?)
///     .node_address("10.1.1.1");
/// assert_eq!(
///     filtered.to_lb_list_query()?,
///     "?name=web%20%26%20api&status=DELETED&changes-since=2026-11-25T03%3A21%3A04Z&nodeaddress=10.1.1.1"
/// );
/// assert!(ListOpts::new().limit(0).to_lb_list_query().unwrap_err().is_invalid_input());
/// assert!(ListOpts::new().marker(0).to_lb_list_query().unwrap_err().is_invalid_input());
/// assert!(ListOpts::new().name("").to_lb_list_query().unwrap_err().is_invalid_input());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct ListOpts {
    page: PageQuery,
    bound: PageBound,
    name: Option<String>,
    status: Option<LbStatus>,
    changes_since: Option<Timestamp>,
    node_address: Option<String>,
}

impl ListOpts {
    /// No filter, no paging: the server's first page (at most
    /// [`MAX_PAGE_SIZE`](rackcloud_core::MAX_PAGE_SIZE)) of the load balancers that are not deleted.
    pub fn new() -> ListOpts {
        ListOpts::default()
    }

    /// Only load balancers with exactly this name (`name=`; not empty).
    pub fn name(mut self, name: impl Into<String>) -> ListOpts {
        self.name = Some(name.into());
        self
    }

    /// Only load balancers in this status (`status=`); [`Deleted`](LbStatus::Deleted) lists the
    /// deleted ones, which are left out otherwise.
    pub fn status(mut self, status: LbStatus) -> ListOpts {
        self.status = Some(status);
        self
    }

    /// Only load balancers changed at or after this instant (`changes-since=`, ISO 8601).
    pub fn changes_since(mut self, since: Timestamp) -> ListOpts {
        self.changes_since = Some(since);
        self
    }

    /// Only load balancers with a node at this address (`nodeaddress=`; not empty). The server
    /// then ignores `name` and gives each item only its id, name and status.
    pub fn node_address(mut self, address: impl Into<String>) -> ListOpts {
        self.node_address = Some(address.into());
        self
    }

    /// At most `limit` load balancers per page, 1 to [`MAX_PAGE_SIZE`](rackcloud_core::MAX_PAGE_SIZE).
    pub fn limit(mut self, limit: u32) -> ListOpts {
        self.page = self.page.limit(limit);
        self
    }

    /// Start after the load balancer with this id (the last id of the previous page).
    pub fn marker(mut self, marker: u64) -> ListOpts {
        self.page = self.page.marker(marker);
        self
    }

    /// Skip this many load balancers (after the marker). A walk over every page skips them
    /// once, before its first page.
    pub fn offset(mut self, offset: u32) -> ListOpts {
        self.page = self.page.offset(offset);
        self
    }

    /// Where [`pages`](crate::pages) and [`list_all`](crate::list_all) stop if the server
    /// never ends the listing (default: [`PageBound::default`]).
    pub fn bound(mut self, bound: PageBound) -> ListOpts {
        self.bound = bound;
        self
    }

    /// The page size asked for.
    pub fn page_size(&self) -> Option<u32> {
        self.page.page_size()
    }

    /// The id the page starts after.
    pub fn start_after(&self) -> Option<u64> {
        self.page.start_after()
    }

    /// The paging part of the query.
    pub fn page_query(&self) -> PageQuery {
        self.page
    }

    /// Where a walk over every page stops.
    pub fn page_bound(&self) -> PageBound {
        self.bound
    }

    /// The same filters for another page.
    pub(crate) fn with_page(&self, page: PageQuery) -> ListOpts {
        let mut opts = self.clone();
        opts.page = page;
        opts
    }
}

impl ListOptsBuilder for ListOpts {
    fn to_lb_list_query(&self) -> Result<String, Error> {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(name) = &self.name {
            if name.is_empty() {
                return Err(Error::invalid_input(
                    "the name filter is empty: give a load balancer name",
                ));
            }
            pairs.push(("name", name.clone()));
        }
        if let Some(status) = &self.status {
            if status.as_str().is_empty() {
                return Err(Error::invalid_input(
                    "the status filter is empty: give a status such as ACTIVE",
                ));
            }
            pairs.push(("status", status.as_str().to_owned()));
        }
        if let Some(since) = &self.changes_since {
            pairs.push(("changes-since", since.to_string()));
        }
        if let Some(address) = &self.node_address {
            if address.is_empty() {
                return Err(Error::invalid_input(
                    "the node address filter is empty: give an IP address",
                ));
            }
            pairs.push(("nodeaddress", address.clone()));
        }
        pairs.extend(self.page.to_query_pairs()?);
        Ok(query_string(&pairs))
    }
}
