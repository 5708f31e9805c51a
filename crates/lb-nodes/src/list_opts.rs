//! [`ListOpts`]: which page of nodes or node events to read, and where a walk stops.

use rackcloud_core::kit::{PageBound, query_string};
use rackcloud_core::{Error, PageQuery};

/// The options of [`list`](crate::list) and [`events`](crate::events): one page of at most
/// `limit` items (1 to 100), starting after the id `marker`; and where
/// [`list_all`](crate::list_all) and [`events_all`](crate::events_all) stop.
///
/// # Examples
///
/// ```
/// use lb_nodes::ListOpts;
///
/// assert_eq!(ListOpts::new().limit(2).marker(5).to_query()?, "?limit=2&marker=5");
/// assert!(ListOpts::new().limit(101).to_query().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct ListOpts {
    page: PageQuery,
    bound: PageBound,
}

impl ListOpts {
    /// No paging: the server's first page (at most 100 items).
    pub fn new() -> ListOpts {
        ListOpts::default()
    }

    /// At most `limit` items per page, 1 to 100.
    pub fn limit(mut self, limit: u32) -> ListOpts {
        self.page = self.page.limit(limit);
        self
    }

    /// Start after the item with this id.
    pub fn marker(mut self, marker: u64) -> ListOpts {
        self.page = self.page.marker(marker);
        self
    }

    /// Where a walk over every page stops (default [`PageBound::default`]).
    pub fn bound(mut self, bound: PageBound) -> ListOpts {
        self.bound = bound;
        self
    }

    /// The paging part of the query.
    pub fn page_query(&self) -> PageQuery {
        self.page
    }

    /// Where a walk stops.
    pub fn page_bound(&self) -> PageBound {
        self.bound
    }

    /// The query string (`""` or `?limit=…&marker=…`).
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) for a limit outside 1 to 100 or
    /// a marker of zero.
    pub fn to_query(&self) -> Result<String, Error> {
        Ok(query_string(&self.page.to_query_pairs()?))
    }

    pub(crate) fn with_page(mut self, page: PageQuery) -> ListOpts {
        self.page = page;
        self
    }
}
