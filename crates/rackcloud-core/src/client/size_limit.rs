//! [`Error::is_size_limit`]: the 400 the service answers when a list would grow past its limit.
//!
//! Most account limits are 413 answers without `overLimit` ([`ErrorKind::OverLimit`]), but two
//! are 400s: an access list over `ACCESS_LIST_LIMIT` items ("Access list size must not exceed
//! 100 items.") and metadata over its limit ("Metadata must not exceed 25 per load balancer.").
//! Their kind is [`ErrorKind::Validation`], which already differs from
//! [`ErrorKind::RateLimited`] (a 413 wrapped in `overLimit`, worth repeating later); this
//! predicate tells them from the other 400s, which mean the request itself was wrong.

use crate::error::Error;
use crate::error_kind::ErrorKind;

/// The words every size limit message of the service contains.
const SIZE_LIMIT_WORDS: &str = "must not exceed";

impl Error {
    /// Whether the server refused a change because a list would exceed its size limit (a 400
    /// whose message says the list "must not exceed" its limit: access list items, metadata).
    ///
    /// Such an error is not retryable as it stands: remove items first, or ask for a higher
    /// limit. It is never [`is_rate_limited`](Error::is_rate_limited).
    ///
    /// ```
    /// use rackcloud_core::{Error, ErrorKind};
    ///
    /// let refused = Error::invalid_input("no items");
    /// assert!(!refused.is_size_limit());
    /// assert!(!Error::new(ErrorKind::RateLimited, "slow down").is_size_limit());
    /// ```
    pub fn is_size_limit(&self) -> bool {
        self.kind() == ErrorKind::Validation
            && self.status() == Some(400)
            && self.fault().is_some_and(|f| {
                f.messages()
                    .iter()
                    .chain(f.validation_messages())
                    .any(|m| m.contains(SIZE_LIMIT_WORDS))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Error {
        Error::from_status(
            "POST",
            "http://127.0.0.1:1/x",
            status,
            None,
            body.as_bytes(),
        )
    }

    #[test]
    fn the_access_list_limit_is_a_validation_error_not_a_rate_limit() {
        let e = answer(
            400,
            r#"{"message":"Access list size must not exceed 100 items.","code":400}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.is_size_limit());
        assert!(!e.is_rate_limited());
        assert!(!e.is_transient());
        let metadata = answer(
            400,
            r#"{"message":"Metadata must not exceed 25 per load balancer.","code":400}"#,
        );
        assert!(metadata.is_size_limit());
    }

    #[test]
    fn other_answers_are_not_size_limits() {
        let duplicate = answer(
            400,
            r#"{"message":"Must supply a unique access list item to update the current list.","code":400}"#,
        );
        assert!(!duplicate.is_size_limit());
        let rate = answer(
            413,
            r#"{"overLimit":{"code":413,"message":"OverLimit Retry...","details":"must not exceed"}}"#,
        );
        assert!(rate.is_rate_limited());
        assert!(!rate.is_size_limit());
        let nodes = answer(
            413,
            r#"{"message":"Nodes must not exceed 25 per load balancer.","code":413}"#,
        );
        assert_eq!(nodes.kind(), ErrorKind::OverLimit);
        assert!(!nodes.is_size_limit());
    }
}
