//! [`Error`]: the one error type of the SDK, its constructors and accessors.

use std::error::Error as StdError;
use std::time::Duration;

use crate::error_kind::ErrorKind;
use crate::fault::Fault;

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
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::{ErrorKind, ServiceClient};
///
/// let token = emulator.issue_token(rackcloud_emulator::DEMO_USERNAME).ok_or("no token")?;
/// let endpoint = emulator.lb_endpoint("DFW", rackcloud_emulator::DEMO_TENANT);
/// let client = ServiceClient::with_token(&endpoint, token)?;
/// let url = client.service_url(&["loadbalancers", "999"]);
/// match client.get(&url).extract_err() {
///     Err(e) if e.kind() == ErrorKind::NotFound => {
///         assert_eq!(e.status(), Some(404));
///         assert!(e.to_string().contains(": 404 not found"));
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
    hopeless: bool,
    lost: bool,
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

    pub(crate) fn bare(kind: ErrorKind, message: Option<String>) -> Error {
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
                hopeless: false,
                lost: false,
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

    /// Names the load balancer status the error is about.
    pub fn with_lb_status(mut self, status: impl Into<String>) -> Error {
        self.inner.lb_status = Some(status.into());
        self
    }

    /// Names the request the error is about.
    pub fn with_request(mut self, method: &str, url: &str) -> Error {
        self.inner.method = Some(method.to_owned());
        self.inner.url = Some(crate::redact::shown_url(url).into_owned());
        self
    }

    pub(crate) fn with_kind(mut self, kind: ErrorKind) -> Error {
        self.inner.kind = kind;
        self
    }

    pub(crate) fn with_status(mut self, status: u16) -> Error {
        self.inner.status = Some(status);
        self
    }

    /// Records what the server said in an error answer: the fault, or an excerpt of a body that
    /// held none.
    pub(crate) fn with_answer(
        mut self,
        fault: Option<Fault>,
        body_excerpt: Option<String>,
    ) -> Error {
        self.inner.fault = fault;
        self.inner.body_excerpt = body_excerpt;
        self
    }

    pub(crate) fn with_retry_after(mut self, wait: Option<Duration>) -> Error {
        self.inner.retry_after = wait;
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

    /// Marks a failure before anything was sent that a later attempt would meet again (a name
    /// that does not resolve, a closed port on this machine, a refused certificate).
    pub(crate) fn with_not_sent_for_good(mut self) -> Error {
        self.inner.not_sent = true;
        self.inner.hopeless = true;
        self
    }

    pub(crate) fn repeat_cannot_help(&self) -> bool {
        self.inner.hopeless
    }

    /// Whether the request failed before any of it was sent: the connection was refused or
    /// timed out, the host name did not resolve, the TLS handshake or the proxy's tunnel was
    /// refused, or the input was invalid. The server cannot have acted on it. `false` when the
    /// request may have reached the server (a connection cut or a timeout after sending, any
    /// answer), and for errors about no request.
    ///
    /// ```
    /// use rackcloud_core::{AuthOptions, ProviderClient};
    ///
    /// let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    /// // Nothing listens on the port any longer.
    /// let e = ProviderClient::builder()
    ///     .authenticate(AuthOptions::api_key("u", "k").identity_endpoint(format!("http://127.0.0.1:{port}/v2.0/")))
    ///     .unwrap_err();
    /// assert!(e.nothing_sent());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn nothing_sent(&self) -> bool {
        self.inner.not_sent || self.kind() == ErrorKind::InvalidInput
    }

    /// Marks a failure after the request was sent, when the connection was cut before the
    /// whole answer arrived: the server may or may not have acted on it.
    pub(crate) fn with_connection_lost(mut self) -> Error {
        self.inner.lost = true;
        self
    }

    pub(crate) fn connection_lost(&self) -> bool {
        self.inner.lost
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

    /// The error with `f` applied to every text it holds but the method and URL (which the SDK
    /// wrote, with any token in the URL already masked).
    pub(crate) fn map_texts(mut self, f: impl Fn(&str) -> String) -> Error {
        let inner = &mut *self.inner;
        let map = |text: &mut Option<String>| *text = text.as_deref().map(&f);
        map(&mut inner.message);
        map(&mut inner.body_excerpt);
        map(&mut inner.lb_status);
        map(&mut inner.note);
        inner.fault = inner.fault.take().map(|fault| fault.map_texts(&f));
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
    fn error_is_send_sync_static() {
        fn check<T: Send + Sync + 'static + StdError>() {}
        check::<Error>();
    }
}
