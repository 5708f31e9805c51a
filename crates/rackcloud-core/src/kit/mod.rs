//! The service-crate kit: what every `lb-*` crate builds on, for authors of sibling crates
//! (this workspace's or their own; docs/adding-a-service-crate.md walks through one).
//!
//! Users of the SDK need none of it: the crates' operations, results and waits are the API.
//! A service crate uses it to write an operation in a few lines: check the ids
//! ([`check_id`]), build the URL ([`ServiceClient::lb_url`](crate::ServiceClient::lb_url)),
//! send it ([`Method`] and [`RequestOpts`] for unusual success codes), wrap the answer in its
//! result type ([`result_type!`]), read wire enums that keep unknown values ([`open_enum!`]) and
//! numbers written as strings ([`lenient`]), split bulk work in chunks of ten ([`in_chunks`]),
//! walk pages with a bound ([`marker_pages`], [`offset_pages`]) and poll for a status
//! ([`poll_until`]).
//!
//! # Examples
//!
//! ```
//! use rackcloud_core::kit::{MAX_IDS_PER_REQUEST, check_id, id_query};
//!
//! assert!(check_id("node", 0).unwrap_err().is_invalid_input());
//! assert_eq!(id_query(&[1, 2]), "?id=1&id=2");
//! assert_eq!(MAX_IDS_PER_REQUEST, 10);
//! # Ok::<(), rackcloud_core::Error>(())
//! ```

pub mod lenient;

pub(crate) mod bulk;
mod enum_macro;
pub(crate) mod ids;
pub(crate) mod method;
pub(crate) mod paging;
pub(crate) mod query;
mod result_macro;

pub use crate::bulk::in_chunks;
pub use crate::change_target::ChangeTarget;
pub use crate::ids::{MAX_IDS_PER_REQUEST, check_id, check_ids, id_query};
pub use crate::method::Method;
pub use crate::paced_run::{Turn, run_paced};
pub use crate::paging::{PageBound, marker_pages, offset_pages};
pub use crate::query::query_string;
pub use crate::service::{LB_SERVICE_NAME, LB_SERVICE_TYPE, RequestOpts};
pub use crate::wait::{HasLbStatus, poll_until, poll_until_deleted};
#[doc(inline)]
pub use crate::{open_enum, result_type};
