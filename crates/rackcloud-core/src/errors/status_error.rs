//! The [`Error`] for an HTTP answer whose status the operation does not accept: the fault read
//! from the body, the kind, the wait the server asked for, and the load balancer status named.

use std::time::SystemTime;

use crate::classify::{immutable_status, kind_for};
use crate::error::Error;
use crate::fault::{Fault, body_excerpt, parse_fault};
use crate::retry_after::wait_asked;

impl Error {
    /// The error for an HTTP answer with a status the operation does not accept.
    pub(crate) fn from_status(
        method: &str,
        url: &str,
        status: u16,
        retry_after_header: Option<&str>,
        body: &[u8],
    ) -> Error {
        let fault = parse_fault(body);
        let kind = kind_for(status, fault.as_ref(), retry_after_header.is_some());
        let retry_after = wait_asked(
            retry_after_header,
            fault.as_ref().and_then(Fault::retry_after_field),
            SystemTime::now(),
        );
        let lb_status = fault
            .as_ref()
            .and_then(Fault::message)
            .and_then(immutable_status)
            .map(str::to_owned);
        let body_excerpt = if fault.is_none() {
            body_excerpt(body)
        } else {
            None
        };
        let error = Error::bare(kind, None)
            .with_request(method, url)
            .with_status(status)
            .with_answer(fault, body_excerpt)
            .with_retry_after(retry_after);
        match lb_status {
            Some(lb_status) => error.with_lb_status(lb_status),
            None => error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error_kind::ErrorKind;

    #[test]
    fn status_error_display_names_request_status_kind_and_message() {
        let e = Error::from_status(
            "PUT",
            "http://127.0.0.1:1/dfw/v1.0/1/loadbalancers/2/sessionpersistence",
            422,
            None,
            br#"{"message":"Load Balancer '2' has a status of 'PENDING_UPDATE' and is considered immutable.","code":422}"#,
        );
        assert_eq!(e.kind(), ErrorKind::Immutable);
        assert_eq!(e.lb_status(), Some("PENDING_UPDATE"));
        assert_eq!(
            e.to_string(),
            "PUT http://127.0.0.1:1/dfw/v1.0/1/loadbalancers/2/sessionpersistence: 422 load balancer is immutable: Load Balancer '2' has a status of 'PENDING_UPDATE' and is considered immutable."
        );
    }

    #[test]
    fn empty_and_html_bodies_keep_the_status() {
        let e = Error::from_status("GET", "http://h/x", 401, None, b"");
        assert_eq!(e.kind(), ErrorKind::Authentication);
        assert_eq!(
            e.to_string(),
            "GET http://h/x: 401 authentication failed (empty body)"
        );
        let e = Error::from_status(
            "GET",
            "http://h/x",
            502,
            None,
            b"<html><title>502 Bad Gateway</title></html>",
        );
        assert_eq!(e.kind(), ErrorKind::Server);
        assert_eq!(e.body_excerpt(), Some("502 Bad Gateway"));
        assert!(e.to_string().ends_with("502 server error: 502 Bad Gateway"));
    }
}
