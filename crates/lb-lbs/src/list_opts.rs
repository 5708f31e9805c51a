//! [`ListOpts`]: which page of load balancers to read.

use rackcloud_core::{Error, PageBound, PageQuery, query_string};

use crate::requests::ListOptsBuilder;

/// The options of [`list`] and [`pages`](crate::pages): one page of at most `limit` load
/// balancers, starting after the id `marker`, and where a walk over every page stops.
///
/// # Examples
///
/// ```
/// use lb_lbs::{ListOpts, ListOptsBuilder};
///
/// assert_eq!(ListOpts::new().to_lb_list_query()?, "");
/// assert_eq!(ListOpts::new().limit(2).marker(1).to_lb_list_query()?, "?limit=2&marker=1");
/// assert!(ListOpts::new().limit(0).to_lb_list_query().unwrap_err().is_invalid_input());
/// assert!(ListOpts::new().marker(0).to_lb_list_query().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListOpts {
    page: PageQuery,
    bound: PageBound,
}

impl ListOpts {
    /// No paging: the server's first page (at most [`MAX_PAGE_SIZE`](crate::MAX_PAGE_SIZE)).
    pub fn new() -> ListOpts {
        ListOpts::default()
    }

    /// At most `limit` load balancers per page, 1 to [`MAX_PAGE_SIZE`](crate::MAX_PAGE_SIZE).
    pub fn limit(mut self, limit: u32) -> ListOpts {
        self.page = self.page.limit(limit);
        self
    }

    /// Start after the load balancer with this id (the last id of the previous page).
    pub fn marker(mut self, marker: u64) -> ListOpts {
        self.page = self.page.marker(marker);
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

    /// The same options for another page.
    pub(crate) fn with_page(mut self, page: PageQuery) -> ListOpts {
        self.page = page;
        self
    }
}

impl ListOptsBuilder for ListOpts {
    fn to_lb_list_query(&self) -> Result<String, Error> {
        Ok(query_string(&self.page.to_query_pairs()?))
    }
}
