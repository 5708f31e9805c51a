//! gophercloud-style results: [`RequestResult`] (status, headers, body, or an [`Error`]) and
//! [`ErrResult`] for operations whose only outcome is success or an error.

use serde::de::DeserializeOwned;
use ureq::http::HeaderMap;

use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::method::Method;

/// A successful answer: its status, headers and body.
#[derive(Debug, Clone)]
pub struct Response {
    method: Method,
    url: String,
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Response {
    pub(crate) fn new(
        method: Method,
        url: String,
        status: u16,
        headers: HeaderMap,
        body: Vec<u8>,
    ) -> Response {
        Response {
            method,
            url,
            status,
            headers,
            body,
        }
    }

    /// The HTTP status, one of the codes the operation accepts.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// A response header by name (case-insensitive), when present and valid text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body, possibly empty.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Decodes the JSON body.
    ///
    /// # Errors
    ///
    /// A [`Decode`](ErrorKind::Decode) error naming the request when the body is not the
    /// expected JSON; the serde error is its [`source`](std::error::Error::source).
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|e| {
            let what = if self.body.is_empty() {
                "the body is empty, not the expected JSON".to_owned()
            } else {
                format!("the {}-byte body is not the expected JSON", self.body.len())
            };
            Error::new(ErrorKind::Decode, what)
                .with_request(self.method.as_str(), &self.url)
                .with_status(self.status)
                .with_source(e)
        })
    }
}

/// The result of one request: the [`Response`], or the [`Error`] that stopped it.
///
/// Service crates wrap it in their own result types and add `extract` methods, as gophercloud's
/// packages embed `gophercloud.Result`.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// # let token = emulator.issue_token("demo").ok_or("no token")?;
/// # let endpoint = emulator.lb_endpoint("DFW", "123456");
/// use rackcloud_core::ServiceClient;
///
/// let client = ServiceClient::with_token(&endpoint, token)?;
/// let result = client.get(&client.service_url(&["loadbalancers", "1"]));
/// assert_eq!(result.status(), Some(200));
/// let body: serde_json::Value = result.extract_json()?;
/// assert_eq!(body["loadBalancer"]["name"], "web");
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
#[must_use = "a request result holds the outcome; extract it or check it"]
pub struct RequestResult {
    result: Result<Response, Error>,
}

impl RequestResult {
    pub(crate) fn new(result: Result<Response, Error>) -> RequestResult {
        RequestResult { result }
    }

    /// The HTTP status, when an answer arrived (also for error statuses).
    pub fn status(&self) -> Option<u16> {
        match &self.result {
            Ok(response) => Some(response.status()),
            Err(e) => e.status(),
        }
    }

    /// A header of a successful answer.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.result.as_ref().ok().and_then(|r| r.header(name))
    }

    /// The error, if the request failed.
    pub fn err(&self) -> Option<&Error> {
        self.result.as_ref().err()
    }

    /// Success or the error, discarding any body (an empty 202 is a success).
    ///
    /// # Errors
    ///
    /// The request's [`Error`].
    pub fn extract_err(self) -> Result<(), Error> {
        self.result.map(|_| ())
    }

    /// Decodes the body of a successful answer as JSON.
    ///
    /// # Errors
    ///
    /// The request's [`Error`], or a [`Decode`](ErrorKind::Decode) error.
    pub fn extract_json<T: DeserializeOwned>(self) -> Result<T, Error> {
        self.result?.json()
    }

    /// The response or the error, as a plain `Result`.
    ///
    /// # Errors
    ///
    /// The request's [`Error`].
    pub fn into_result(self) -> Result<Response, Error> {
        self.result
    }
}

impl From<Error> for RequestResult {
    fn from(e: Error) -> RequestResult {
        RequestResult { result: Err(e) }
    }
}

/// The result of an operation whose answer has no useful body (gophercloud's `ErrResult`).
///
/// # Examples
///
/// ```
/// use rackcloud_core::{ErrResult, Error, ErrorKind};
///
/// let refused = ErrResult::from(Error::invalid_input("load balancer id must be greater than zero"));
/// assert_eq!(refused.extract_err().unwrap_err().kind(), ErrorKind::InvalidInput);
/// ```
#[derive(Debug)]
#[must_use = "an ErrResult holds the outcome; call extract_err"]
pub struct ErrResult {
    inner: RequestResult,
}

impl ErrResult {
    /// The HTTP status, when an answer arrived.
    pub fn status(&self) -> Option<u16> {
        self.inner.status()
    }

    /// A header of a successful answer.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.inner.header(name)
    }

    /// The error, if the request failed.
    pub fn err(&self) -> Option<&Error> {
        self.inner.err()
    }

    /// Success, or the error.
    ///
    /// # Errors
    ///
    /// The request's [`Error`].
    pub fn extract_err(self) -> Result<(), Error> {
        self.inner.extract_err()
    }

    /// The underlying request result.
    pub fn into_inner(self) -> RequestResult {
        self.inner
    }
}

impl From<RequestResult> for ErrResult {
    fn from(inner: RequestResult) -> ErrResult {
        ErrResult { inner }
    }
}

impl From<Error> for ErrResult {
    fn from(e: Error) -> ErrResult {
        ErrResult {
            inner: RequestResult::from(e),
        }
    }
}
