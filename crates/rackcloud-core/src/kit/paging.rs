//! Paging: [`PageQuery`] (limit, marker, offset), [`PageBound`] (where every walk stops) and
//! [`Pages`], the one iterator over the pages of any listing.

use std::fmt;

use crate::error::Error;
use crate::error_kind::ErrorKind;

/// The most items the service returns in one page of any listing.
pub const MAX_PAGE_SIZE: u32 = 100;

/// The paging part of a listing's query: `limit` (1 to [`MAX_PAGE_SIZE`]), `marker` (start
/// after this id) and `offset` (skip this many).
///
/// # Examples
///
/// ```
/// use rackcloud_core::PageQuery;
///
/// let query = PageQuery::new().limit(3).marker(6);
/// assert_eq!(query.to_query_pairs()?, [("limit", "3".to_owned()), ("marker", "6".to_owned())]);
/// assert!(PageQuery::new().limit(101).to_query_pairs().unwrap_err().is_invalid_input());
/// # Ok::<(), rackcloud_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct PageQuery {
    limit: Option<u32>,
    marker: Option<u64>,
    offset: Option<u32>,
}

impl PageQuery {
    /// No paging parameters: the server's first page.
    pub fn new() -> PageQuery {
        PageQuery::default()
    }

    /// At most `limit` items per page, 1 to [`MAX_PAGE_SIZE`] (checked when the query is built:
    /// the server would silently cut a larger one, which would end a walk early).
    pub fn limit(mut self, limit: u32) -> PageQuery {
        self.limit = Some(limit);
        self
    }

    /// Start after the item with this id (the last id of the previous page).
    pub fn marker(mut self, marker: u64) -> PageQuery {
        self.marker = Some(marker);
        self
    }

    /// Skip this many items.
    pub fn offset(mut self, offset: u32) -> PageQuery {
        self.offset = Some(offset);
        self
    }

    /// The page size asked for.
    pub fn page_size(&self) -> Option<u32> {
        self.limit
    }

    /// The id the page starts after.
    pub fn start_after(&self) -> Option<u64> {
        self.marker
    }

    /// The number of items skipped.
    pub fn skipped(&self) -> Option<u32> {
        self.offset
    }

    /// The query parameters, in the order `limit`, `marker`, `offset`.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](ErrorKind::InvalidInput) for a limit outside 1 to [`MAX_PAGE_SIZE`] or a
    /// marker of zero.
    pub fn to_query_pairs(&self) -> Result<Vec<(&'static str, String)>, Error> {
        let mut pairs = Vec::new();
        if let Some(limit) = self.limit {
            if !(1..=MAX_PAGE_SIZE).contains(&limit) {
                return Err(Error::invalid_input(format!(
                    "the page size must be 1 to {MAX_PAGE_SIZE}, not {limit}"
                )));
            }
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(marker) = self.marker {
            crate::kit::check_id("marker", marker)?;
            pairs.push(("marker", marker.to_string()));
        }
        if let Some(offset) = self.offset {
            pairs.push(("offset", offset.to_string()));
        }
        Ok(pairs)
    }
}

/// Where a walk over pages stops even if the server never ends it: after
/// [`max_pages`](Self::max_pages) requests or once [`max_items`](Self::max_items) items were read.
///
/// The service's own limits (25 to 50 load balancers per account, 100 items per page) make a
/// few pages the norm; the default, [`DEFAULT_MAX_PAGES`](Self::DEFAULT_MAX_PAGES) pages or
/// [`DEFAULT_MAX_ITEMS`](Self::DEFAULT_MAX_ITEMS) items, only stops a server that keeps answering
/// full pages of new items, before it costs thousands of requests and unbounded memory.
///
/// # Examples
///
/// ```
/// use rackcloud_core::kit::PageBound;
///
/// let bound = PageBound::new(5, 200);
/// assert_eq!((bound.max_pages(), bound.max_items()), (5, 200));
/// assert_eq!(PageBound::default().max_pages(), PageBound::DEFAULT_MAX_PAGES);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageBound {
    max_pages: u32,
    max_items: usize,
}

impl PageBound {
    /// The default number of pages a walk may read.
    pub const DEFAULT_MAX_PAGES: u32 = 50;
    /// The default number of items a walk may read.
    pub const DEFAULT_MAX_ITEMS: usize = 5_000;

    /// At most `max_pages` requests and `max_items` items (each at least 1).
    pub fn new(max_pages: u32, max_items: usize) -> PageBound {
        PageBound {
            max_pages: max_pages.max(1),
            max_items: max_items.max(1),
        }
    }

    /// The most requests a walk makes.
    pub fn max_pages(&self) -> u32 {
        self.max_pages
    }

    /// The most items a walk reads (it stops before the page after the one that reaches it).
    pub fn max_items(&self) -> usize {
        self.max_items
    }
}

impl Default for PageBound {
    fn default() -> PageBound {
        PageBound::new(PageBound::DEFAULT_MAX_PAGES, PageBound::DEFAULT_MAX_ITEMS)
    }
}

/// How the next page is asked for.
#[derive(Clone, Copy)]
enum Advance<T> {
    /// `marker` = the id of the last item; each page must move past its marker.
    Marker(fn(&T) -> u64),
    /// `offset` += the items read.
    Offset,
}

/// An iterator over the pages of a listing, made by [`marker_pages`] or [`offset_pages`].
///
/// Each item is one page (one request) or the error that ended the walk. The walk ends after a
/// page shorter than the limit (when one was set), at the first empty page, after the first
/// error, and at its [`PageBound`] with a [`TooManyPages`](ErrorKind::TooManyPages) error.
#[must_use = "iterators do nothing unless consumed"]
pub struct Pages<T, F> {
    fetch: F,
    advance: Advance<T>,
    query: PageQuery,
    bound: PageBound,
    pages: u32,
    items: usize,
    done: bool,
}

/// Walks a listing paged by `limit` and `marker` (each page starts after the last id of the one
/// before). `fetch` makes one request for the query it is given.
///
/// # Examples
///
/// ```
/// use rackcloud_core::{Error, PageQuery};
/// use rackcloud_core::kit::{PageBound, marker_pages};
///
/// // A listing of ids 1 to 7, served three at a time.
/// let fetch = |q: &PageQuery| -> Result<Vec<u64>, Error> {
///     let after = q.start_after().unwrap_or(0);
///     Ok((after + 1..=7).take(q.page_size().unwrap_or(100) as usize).collect())
/// };
/// let pages = marker_pages(PageQuery::new().limit(3), PageBound::default(), |id: &u64| *id, fetch);
/// assert_eq!(pages.collect_all()?, [1, 2, 3, 4, 5, 6, 7]);
///
/// // A server that never ends: stopped at the bound.
/// let endless = |q: &PageQuery| -> Result<Vec<u64>, Error> {
///     let after = q.start_after().unwrap_or(0);
///     Ok((after + 1..=after + 3).collect())
/// };
/// let pages = marker_pages(PageQuery::new().limit(3), PageBound::new(4, 1000), |id: &u64| *id, endless);
/// let e = pages.collect_all().unwrap_err();
/// assert_eq!(e.kind(), rackcloud_core::ErrorKind::TooManyPages);
/// # Ok::<(), Error>(())
/// ```
pub fn marker_pages<T, F>(
    query: PageQuery,
    bound: PageBound,
    id_of: fn(&T) -> u64,
    fetch: F,
) -> Pages<T, F>
where
    F: FnMut(&PageQuery) -> Result<Vec<T>, Error>,
{
    Pages::new(query, bound, Advance::Marker(id_of), fetch)
}

/// Walks a listing paged by `limit` and `offset` (each page skips the items read so far).
pub fn offset_pages<T, F>(query: PageQuery, bound: PageBound, fetch: F) -> Pages<T, F>
where
    F: FnMut(&PageQuery) -> Result<Vec<T>, Error>,
{
    Pages::new(query, bound, Advance::Offset, fetch)
}

impl<T, F> Pages<T, F>
where
    F: FnMut(&PageQuery) -> Result<Vec<T>, Error>,
{
    fn new(query: PageQuery, bound: PageBound, advance: Advance<T>, fetch: F) -> Pages<T, F> {
        Pages {
            fetch,
            advance,
            query,
            bound,
            pages: 0,
            items: 0,
            done: false,
        }
    }

    /// Every item of every page, or the first error.
    ///
    /// # Errors
    ///
    /// The error of the first page that failed, a [`Decode`](ErrorKind::Decode) error when a
    /// page does not move past its marker, or [`TooManyPages`](ErrorKind::TooManyPages) at the
    /// bound.
    pub fn collect_all(self) -> Result<Vec<T>, Error> {
        let mut all = Vec::new();
        for page in self {
            all.extend(page?);
        }
        Ok(all)
    }

    fn stop(&mut self, e: Error) -> Option<Result<Vec<T>, Error>> {
        self.done = true;
        Some(Err(e))
    }
}

impl<T, F> Iterator for Pages<T, F>
where
    F: FnMut(&PageQuery) -> Result<Vec<T>, Error>,
{
    type Item = Result<Vec<T>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        if self.pages >= self.bound.max_pages || self.items >= self.bound.max_items {
            let e = Error::new(
                ErrorKind::TooManyPages,
                format!(
                    "the listing did not end after {} pages and {} items (the bound is {} pages \
                     or {} items); narrow it with a filter or raise the bound",
                    self.pages, self.items, self.bound.max_pages, self.bound.max_items
                ),
            );
            return self.stop(e);
        }
        let page = match (self.fetch)(&self.query) {
            Ok(page) => page,
            Err(e) => return self.stop(e),
        };
        self.pages += 1;
        self.items = self.items.saturating_add(page.len());
        let Some(last) = page.last() else {
            self.done = true;
            return None;
        };
        match self.advance {
            Advance::Marker(id_of) => {
                let last = id_of(last);
                if let Some(marker) = self.query.start_after()
                    && last <= marker
                {
                    let e = Error::new(
                        ErrorKind::Decode,
                        format!(
                            "the page after id {marker} ends at id {last}: the server did not \
                                 move past the marker"
                        ),
                    );
                    return self.stop(e);
                }
                self.query = self.query.marker(last);
            }
            Advance::Offset => {
                let read = u32::try_from(page.len()).unwrap_or(u32::MAX);
                let offset = self.query.skipped().unwrap_or(0).saturating_add(read);
                self.query = self.query.offset(offset);
            }
        }
        self.done = self
            .query
            .page_size()
            .is_some_and(|limit| page.len() < limit as usize);
        Some(Ok(page))
    }
}

impl<T, F> fmt::Debug for Pages<T, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("query", &self.query)
            .field("bound", &self.bound)
            .field("pages", &self.pages)
            .field("items", &self.items)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(q: &PageQuery, end: u64) -> Result<Vec<u64>, Error> {
        let after = q.start_after().unwrap_or(0);
        let n = u64::from(q.page_size().unwrap_or(MAX_PAGE_SIZE));
        Ok((after + 1..=end.min(after + n)).collect())
    }

    #[test]
    fn a_full_last_page_costs_one_empty_request() {
        let mut calls = 0;
        let pages = marker_pages(
            PageQuery::new().limit(2),
            PageBound::default(),
            |i: &u64| *i,
            |q: &PageQuery| {
                calls += 1;
                ids(q, 4)
            },
        );
        assert_eq!(pages.collect_all().expect("all"), [1, 2, 3, 4]);
        assert_eq!(calls, 3);
    }

    #[test]
    fn the_item_bound_stops_before_the_next_page() {
        let pages = marker_pages(
            PageQuery::new().limit(10),
            PageBound::new(1000, 25),
            |i: &u64| *i,
            |q: &PageQuery| ids(q, u64::MAX),
        );
        let got: Vec<_> = pages.collect();
        assert_eq!(got.len(), 4);
        let e = got[3].as_ref().expect_err("bound");
        assert_eq!(e.kind(), ErrorKind::TooManyPages);
        assert!(e.to_string().contains("after 3 pages and 30 items"), "{e}");
    }

    #[test]
    fn offsets_advance_by_what_was_read() {
        let mut seen = Vec::new();
        let pages = offset_pages(
            PageQuery::new().limit(3),
            PageBound::default(),
            |q: &PageQuery| {
                seen.push(q.skipped());
                let start = u64::from(q.skipped().unwrap_or(0));
                Ok::<_, Error>((start..7.min(start + 3)).collect::<Vec<u64>>())
            },
        );
        assert_eq!(pages.collect_all().expect("all"), [0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(seen, [None, Some(3), Some(6)]);
    }

    #[test]
    fn a_marker_of_zero_is_refused() {
        let e = PageQuery::new().marker(0).to_query_pairs().unwrap_err();
        assert!(e.is_invalid_input());
    }
}
