//! [`Error`] and [`ErrorKind`]: the one error type of the SDK.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use crate::fault::Fault;

/// What kind of failure an [`Error`] is.
///
/// Match on this (or use the `is_*` predicates of [`Error`]) instead of on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The caller's input was invalid; nothing was sent.
    InvalidInput,
    /// The client is configured in a way that cannot work (a bad URL, credentials over plain
    /// `http://` to a remote host, a missing environment variable).
    Configuration,
    /// No endpoint in the service catalog matched.
    EndpointNotFound,
    /// Several endpoints in the service catalog matched.
    EndpointAmbiguous,
    /// The credentials or the token were refused (401), including after one re-authentication.
    Authentication,
    /// The account may not do this (403).
    Forbidden,
    /// The resource does not exist (404).
    NotFound,
    /// The resource was deleted (410).
    Gone,
    /// The load balancer cannot be changed in its current status (422); see
    /// [`Error::lb_status`].
    Immutable,
    /// The feature being disabled was not enabled (422 `… is already deleted.`).
    AlreadyDisabled,
    /// The request conflicts with the resource's state (409, or a 422 of another kind).
    Conflict,
    /// The load balancer reached a status it cannot leave (`ERROR`, `SUSPENDED`, `DELETED`, …)
    /// while the caller waited for another one; see [`Error::lb_status`].
    FinalState,
    /// The request was refused as invalid (400).
    Validation,
    /// The API's rate limit was hit (413 `overLimit`); retryable after [`Error::retry_after`].
    RateLimited,
    /// An absolute account limit was reached (413 without `overLimit`); not retryable.
    OverLimit,
    /// The server failed (5xx other than 503).
    Server,
    /// The service is unavailable (503); retryable after [`Error::retry_after`] if given.
    Unavailable,
    /// Any other status that the operation does not accept.
    UnexpectedStatus,
    /// No complete answer arrived within the configured timeout or deadline.
    Timeout,
    /// The connection failed: DNS, TCP, TLS or I/O.
    Transport,
    /// A success body could not be decoded.
    Decode,
    /// The response body was larger than the configured limit.
    BodyTooLarge,
    /// A listing did not end within its [`PageBound`](crate::PageBound): the server kept
    /// answering full pages.
    TooManyPages,
}

impl ErrorKind {
    /// A stable `snake_case` name for scripts and JSON output, such as `immutable` or
    /// `rate_limited`.
    ///
    /// ```
    /// use rackcloud_core::ErrorKind;
    /// assert_eq!(ErrorKind::AlreadyDisabled.as_str(), "already_disabled");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::Configuration => "configuration",
            ErrorKind::EndpointNotFound => "endpoint_not_found",
            ErrorKind::EndpointAmbiguous => "endpoint_ambiguous",
            ErrorKind::Authentication => "authentication",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Gone => "gone",
            ErrorKind::Immutable => "immutable",
            ErrorKind::AlreadyDisabled => "already_disabled",
            ErrorKind::Conflict => "conflict",
            ErrorKind::FinalState => "final_state",
            ErrorKind::Validation => "validation",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::OverLimit => "over_limit",
            ErrorKind::Server => "server",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::UnexpectedStatus => "unexpected_status",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Transport => "transport",
            ErrorKind::Decode => "decode",
            ErrorKind::BodyTooLarge => "body_too_large",
            ErrorKind::TooManyPages => "too_many_pages",
        }
    }

    /// A short lowercase description, as used in error messages.
    pub fn describe(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid input",
            ErrorKind::Configuration => "configuration error",
            ErrorKind::EndpointNotFound => "no matching endpoint",
            ErrorKind::EndpointAmbiguous => "ambiguous endpoint",
            ErrorKind::Authentication => "authentication failed",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not found",
            ErrorKind::Gone => "gone",
            ErrorKind::Immutable => "load balancer is immutable",
            ErrorKind::AlreadyDisabled => "already disabled",
            ErrorKind::Conflict => "conflict",
            ErrorKind::FinalState => "load balancer is in a state it cannot leave",
            ErrorKind::Validation => "rejected as invalid",
            ErrorKind::RateLimited => "rate limited",
            ErrorKind::OverLimit => "over an absolute limit",
            ErrorKind::Server => "server error",
            ErrorKind::Unavailable => "service unavailable",
            ErrorKind::UnexpectedStatus => "unexpected status",
            ErrorKind::Timeout => "timed out",
            ErrorKind::Transport => "transport failure",
            ErrorKind::Decode => "could not decode the response",
            ErrorKind::BodyTooLarge => "response body too large",
            ErrorKind::TooManyPages => "too many pages",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// The error of every operation in the SDK.
///
/// It says what was attempted (method and URL), the HTTP status, what the server said (the parsed
/// [`Fault`]), and for transport and decode failures the cause through
/// [`source`](std::error::Error::source). It never contains a credential or a token.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use rackcloud_core::{ErrorKind, ServiceClient};
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let endpoint = emulator.lb_endpoint("DFW", "123456");
/// let client = ServiceClient::with_token(&endpoint, token)?;
/// let url = client.service_url(&["loadbalancers", "999"]);
/// match client.get(&url).extract_err() {
///     Err(e) if e.kind() == ErrorKind::NotFound => {
///         assert_eq!(e.status(), Some(404));
///         assert!(e.to_string().contains("404 not found: Load balancer not found"));
///     }
///     other => panic!("expected a 404, got {other:?}"),
/// }
/// # Ok(())
/// # }
/// ```
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: Option<String>,
    method: Option<String>,
    url: Option<String>,
    status: Option<u16>,
    fault: Option<Fault>,
    body_excerpt: Option<String>,
    retry_after: Option<Duration>,
    lb_status: Option<String>,
    not_sent: bool,
    attempts: u32,
    note: Option<String>,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl Error {
    /// An error of the given kind with a message saying what was wrong.
    ///
    /// For service crates whose operations fail in ways no HTTP answer describes, such as waiting
    /// for a status: the message is lowercase, says what was attempted, and holds no secret.
    ///
    /// ```
    /// use rackcloud_core::{Error, ErrorKind};
    ///
    /// let e = Error::new(ErrorKind::FinalState, "load balancer 7 is ERROR, not ACTIVE")
    ///     .with_lb_status("ERROR");
    /// assert_eq!(e.lb_status(), Some("ERROR"));
    /// assert_eq!(
    ///     e.to_string(),
    ///     "load balancer is in a state it cannot leave: load balancer 7 is ERROR, not ACTIVE"
    /// );
    /// ```
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::bare(kind, Some(message.into()))
    }

    fn bare(kind: ErrorKind, message: Option<String>) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                message,
                method: None,
                url: None,
                status: None,
                fault: None,
                body_excerpt: None,
                retry_after: None,
                lb_status: None,
                not_sent: false,
                attempts: 1,
                note: None,
                source: None,
            }),
        }
    }

    /// An invalid-input error: the caller's input was wrong and nothing was sent.
    ///
    /// Service crates use it to refuse input before any request is made.
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_core::{Error, ErrorKind};
    ///
    /// let e = Error::invalid_input("load balancer id must be greater than zero");
    /// assert_eq!(e.kind(), ErrorKind::InvalidInput);
    /// assert_eq!(
    ///     e.to_string(),
    ///     "invalid input: load balancer id must be greater than zero (nothing was sent)"
    /// );
    /// ```
    pub fn invalid_input(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidInput, message)
    }

    /// The error for an HTTP answer with a status the operation does not accept.
    pub(crate) fn from_status(
        method: &str,
        url: &str,
        status: u16,
        retry_after_header: Option<&str>,
        body: &[u8],
    ) -> Error {
        let fault = crate::fault::parse_fault(body);
        let kind = crate::classify::kind_for(status, fault.as_ref(), retry_after_header.is_some());
        let retry_after = crate::retry_after::wait_asked(
            retry_after_header,
            fault.as_ref().and_then(Fault::retry_after_field),
            std::time::SystemTime::now(),
        );
        let lb_status = fault
            .as_ref()
            .and_then(Fault::message)
            .and_then(crate::classify::immutable_status)
            .map(str::to_owned);
        let body_excerpt = if fault.is_none() {
            crate::fault::body_excerpt(body)
        } else {
            None
        };
        let mut e = Error::bare(kind, None).with_request(method, url);
        e.inner.status = Some(status);
        e.inner.fault = fault;
        e.inner.body_excerpt = body_excerpt;
        e.inner.retry_after = retry_after;
        e.inner.lb_status = lb_status;
        e
    }

    /// Names the load balancer status the error is about.
    pub fn with_lb_status(mut self, status: impl Into<String>) -> Error {
        self.inner.lb_status = Some(status.into());
        self
    }

    /// Names the request the error is about.
    pub fn with_request(mut self, method: &str, url: &str) -> Error {
        self.inner.method = Some(method.to_owned());
        self.inner.url = Some(url.to_owned());
        self
    }

    pub(crate) fn with_status(mut self, status: u16) -> Error {
        self.inner.status = Some(status);
        self
    }

    /// Marks a failure that happened before any byte of the request was sent.
    pub(crate) fn with_not_sent(mut self) -> Error {
        self.inner.not_sent = true;
        self
    }

    pub(crate) fn not_sent(&self) -> bool {
        self.inner.not_sent
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Error {
        self.inner.attempts = attempts;
        self
    }

    /// Adds what a bulk operation did before this error to the note (after any note already
    /// there).
    pub(crate) fn with_bulk_note(mut self, note: String) -> Error {
        self.inner.note = Some(match self.inner.note.take() {
            Some(old) => format!("{old}; {note}"),
            None => note,
        });
        self
    }

    pub(crate) fn with_note(mut self, note: String) -> Error {
        self.inner.note = Some(note);
        self
    }

    /// Chains the cause, returned by [`source`](std::error::Error::source).
    pub fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Error {
        self.inner.source = Some(Box::new(source));
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The fault the server reported in the body, when the body held one.
    pub fn fault(&self) -> Option<&Fault> {
        self.inner.fault.as_ref()
    }

    /// How long the server asked the caller to wait (`Retry-After`, or `retryAfter` in a wrapped
    /// rate-limit body), measured when the answer arrived.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// The load balancer status named in a 422 immutable answer, such as `PENDING_UPDATE`.
    pub fn lb_status(&self) -> Option<&str> {
        self.inner.lb_status.as_deref()
    }

    /// A short excerpt of an error body that held no recognisable fault (an HTML page, say).
    pub fn body_excerpt(&self) -> Option<&str> {
        self.inner.body_excerpt.as_deref()
    }

    /// Why retrying stopped before the attempts ran out, such as a wait the server asked for
    /// that would pass the deadline.
    pub fn retry_note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// How many attempts were made before giving up (1 when the request was not repeated).
    pub fn attempts(&self) -> u32 {
        self.inner.attempts
    }

    /// The HTTP method of the request that failed, when a request was attempted.
    pub fn method(&self) -> Option<&str> {
        self.inner.method.as_deref()
    }

    /// The URL of the request that failed, when a request was attempted.
    pub fn url(&self) -> Option<&str> {
        self.inner.url.as_deref()
    }

    /// What the SDK itself says went wrong, for failures it describes (invalid input,
    /// configuration, endpoint selection, transport, decode), without the method and URL.
    pub fn detail(&self) -> Option<&str> {
        self.inner.message.as_deref()
    }

    /// The server's own words, when it sent any: the fault's messages, or the body excerpt.
    pub fn server_message(&self) -> Option<String> {
        self.fault()
            .and_then(Fault::summary)
            .or_else(|| self.inner.body_excerpt.clone())
    }

    /// Whether a later attempt may succeed: a rate limit, a load balancer busy in
    /// `PENDING_UPDATE` or `BUILD`, an unavailable service, or a connection that failed before
    /// anything was sent. These are what [`RetryPolicy`](crate::RetryPolicy) repeats.
    pub fn is_transient(&self) -> bool {
        crate::retry::transient_reason(self).is_some()
    }

    /// Whether nothing was sent because the input was invalid.
    pub fn is_invalid_input(&self) -> bool {
        self.kind() == ErrorKind::InvalidInput
    }

    /// Whether the resource does not exist (404).
    pub fn is_not_found(&self) -> bool {
        self.kind() == ErrorKind::NotFound
    }

    /// Whether the load balancer refused a change because of its status (422 immutable).
    pub fn is_immutable(&self) -> bool {
        self.kind() == ErrorKind::Immutable
    }

    /// Whether the feature being disabled was already disabled.
    pub fn is_already_disabled(&self) -> bool {
        self.kind() == ErrorKind::AlreadyDisabled
    }

    /// Whether the API's rate limit was hit (413 `overLimit`).
    pub fn is_rate_limited(&self) -> bool {
        self.kind() == ErrorKind::RateLimited
    }

    /// Whether the credentials or token were refused.
    pub fn is_authentication(&self) -> bool {
        self.kind() == ErrorKind::Authentication
    }

    /// Whether no complete answer arrived in time.
    pub fn is_timeout(&self) -> bool {
        self.kind() == ErrorKind::Timeout
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        if let (Some(method), Some(url)) = (&inner.method, &inner.url) {
            write!(f, "{method} {url}: ")?;
        }
        if let Some(status) = inner.status {
            write!(f, "{status} ")?;
        }
        f.write_str(inner.kind.describe())?;
        if let Some(message) = &inner.message {
            write!(f, ": {message}")?;
        }
        match self.server_message() {
            Some(said) => write!(f, ": {said}")?,
            None if inner.status.is_some() => f.write_str(" (empty body)")?,
            None => {}
        }
        if inner.kind == ErrorKind::InvalidInput {
            f.write_str(" (nothing was sent)")?;
        }
        if let Some(note) = &inner.note {
            write!(f, " ({note})")?;
        }
        if inner.attempts > 1 {
            write!(f, " (gave up after {} attempts)", inner.attempts)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let mut d = f.debug_struct("Error");
        d.field("kind", &inner.kind);
        if let Some(message) = &inner.message {
            d.field("message", message);
        }
        if let Some(method) = &inner.method {
            d.field("method", method);
        }
        if let Some(url) = &inner.url {
            d.field("url", url);
        }
        if let Some(status) = inner.status {
            d.field("status", &status);
        }
        if let Some(fault) = &inner.fault {
            d.field("fault", fault);
        }
        if let Some(excerpt) = &inner.body_excerpt {
            d.field("body_excerpt", excerpt);
        }
        if let Some(retry_after) = inner.retry_after {
            d.field("retry_after", &retry_after);
        }
        if let Some(lb_status) = &inner.lb_status {
            d.field("lb_status", lb_status);
        }
        if inner.attempts > 1 {
            d.field("attempts", &inner.attempts);
        }
        if let Some(note) = &inner.note {
            d.field("note", note);
        }
        if let Some(source) = &inner.source {
            d.field("source", source);
        }
        d.finish()
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner
            .source
            .as_ref()
            .map(|s| s.as_ref() as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn error_is_send_sync_static() {
        fn check<T: Send + Sync + 'static + StdError>() {}
        check::<Error>();
    }
}
