//! From an HTTP status and a fault to an [`ErrorKind`](crate::ErrorKind).
//!
//! The one place that reads the server's words to tell answers of one status apart: a 413 rate
//! limit from an absolute limit (by the body's shape), and the kinds of 422.

use crate::error_kind::ErrorKind;
use crate::fault::Fault;

/// The kind of error for a status the operation does not accept.
pub(crate) fn kind_for(status: u16, fault: Option<&Fault>, has_retry_after: bool) -> ErrorKind {
    match status {
        400 => ErrorKind::Validation,
        401 => ErrorKind::Authentication,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        409 => ErrorKind::Conflict,
        410 => ErrorKind::Gone,
        413 => over_limit_kind(fault, has_retry_after),
        422 => unprocessable_kind(fault),
        503 => ErrorKind::Unavailable,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::UnexpectedStatus,
    }
}

/// The load balancer status named in a 422 immutable message, such as `PENDING_UPDATE`.
pub(crate) fn immutable_status(message: &str) -> Option<&str> {
    const BEFORE: &str = "has a status of '";
    const AFTER: &str = "' and is considered immutable";
    let start = message.find(BEFORE)? + BEFORE.len();
    let rest = &message[start..];
    let end = rest.find(AFTER)?;
    Some(&rest[..end])
}

/// A rate limit comes wrapped in `overLimit` from the API gateway; an absolute limit is flat.
/// A 413 without a recognisable body counts as a rate limit only when it carries `Retry-After`,
/// which only the rate limiter sends.
fn over_limit_kind(fault: Option<&Fault>, has_retry_after: bool) -> ErrorKind {
    match fault {
        Some(f) if f.wrapper() == Some("overLimit") => ErrorKind::RateLimited,
        Some(_) => ErrorKind::OverLimit,
        None if has_retry_after => ErrorKind::RateLimited,
        None => ErrorKind::OverLimit,
    }
}

fn unprocessable_kind(fault: Option<&Fault>) -> ErrorKind {
    let Some(message) = fault.and_then(Fault::message) else {
        return ErrorKind::Conflict;
    };
    if immutable_status(message).is_some() {
        return ErrorKind::Immutable;
    }
    let message = message.trim_end();
    if message.ends_with("is already deleted.") || message.ends_with("found to delete.") {
        return ErrorKind::AlreadyDisabled;
    }
    ErrorKind::Conflict
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fault::parse_fault;

    fn kind(status: u16, body: &str, retry_after: bool) -> ErrorKind {
        kind_for(status, parse_fault(body.as_bytes()).as_ref(), retry_after)
    }

    #[test]
    fn over_limit_is_told_apart_by_shape() {
        let wrapped = r#"{"overLimit":{"code":413,"message":"OverLimit Retry...","details":"Error Details...","retryAfter":"2015-06-13T22:30:10Z"}}"#;
        assert_eq!(kind(413, wrapped, true), ErrorKind::RateLimited);
        assert_eq!(kind(413, wrapped, false), ErrorKind::RateLimited);
        let flat = r#"{"message":"Nodes must not exceed 25 per load balancer.","code":413}"#;
        assert_eq!(kind(413, flat, true), ErrorKind::OverLimit);
        assert_eq!(kind(413, "", true), ErrorKind::RateLimited);
        assert_eq!(kind(413, "", false), ErrorKind::OverLimit);
    }

    #[test]
    fn kinds_of_422() {
        let immutable = r#"{"message":"Load Balancer '7' has a status of 'BUILD' and is considered immutable.","code":422}"#;
        assert_eq!(kind(422, immutable, false), ErrorKind::Immutable);
        let deleted = r#"{"message":"Session persistence is already deleted.","code":422}"#;
        assert_eq!(kind(422, deleted, false), ErrorKind::AlreadyDisabled);
        let none = r#"{"message":"No health monitor found to delete.","code":422}"#;
        assert_eq!(kind(422, none, false), ErrorKind::AlreadyDisabled);
        assert_eq!(
            kind(422, r#"{"message":"other","code":422}"#, false),
            ErrorKind::Conflict
        );
        assert_eq!(kind(422, "", false), ErrorKind::Conflict);
    }

    #[test]
    fn immutable_status_is_read_from_the_message() {
        assert_eq!(
            immutable_status(
                "Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable."
            ),
            Some("PENDING_UPDATE")
        );
        assert_eq!(immutable_status("has a status of 'X"), None);
    }

    #[test]
    fn status_families() {
        assert_eq!(kind(500, "", false), ErrorKind::Server);
        assert_eq!(kind(503, "", false), ErrorKind::Unavailable);
        assert_eq!(kind(302, "", false), ErrorKind::UnexpectedStatus);
        assert_eq!(kind(200, "", false), ErrorKind::UnexpectedStatus);
        assert_eq!(kind(410, "", false), ErrorKind::Gone);
    }
}
