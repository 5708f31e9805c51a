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
    /// expected JSON. Its message says what did not match (the field path, the type expected,
    /// the line and column) and never quotes a value of the body, which may hold a token; for
    /// that reason serde's own error, which does, is not kept as its source.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Error> {
        decode_json(&self.body).map_err(|what| {
            Error::new(ErrorKind::Decode, what)
                .with_request(self.method.as_str(), &self.url)
                .with_status(self.status)
        })
    }
}

/// Decodes a JSON body, or says what did not match: where (the field path) and how (the
/// expected type, a missing field, a syntax error with its line and column), never quoting a
/// value of the body, which may hold a token or a key. Every decode error of the SDK is
/// written here.
pub(crate) fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    if body.is_empty() {
        return Err("the body is empty, not the expected JSON".to_owned());
    }
    let mut reader = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut reader)
        .map_err(|e| mismatch(body.len(), &e.path().to_string(), e.inner()))?;
    reader.end().map_err(|e| mismatch(body.len(), "", &e))?;
    Ok(value)
}

/// `the 57-byte body …` for a serde error at `path`, without the values serde quotes.
fn mismatch(len: usize, path: &str, e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let at = format!("line {}, column {}", e.line(), e.column());
    match e.classify() {
        Category::Syntax => format!("the {len}-byte body is not valid JSON ({at})"),
        Category::Eof => format!("the {len}-byte body ends before its JSON does ({at})"),
        Category::Io => format!("the {len}-byte body could not be read ({at})"),
        Category::Data => {
            let place = if path.is_empty() || path == "." {
                "at its top level".to_owned()
            } else {
                format!("at `{path}`")
            };
            format!(
                "the {len}-byte body does not match the expected JSON {place}: {} ({at})",
                what_mismatched(&e.to_string())
            )
        }
    }
}

/// serde's description of a data error with the body's own values left out: a field name the
/// SDK expects and the type it expects are kept; a found value, an unknown key or variant of
/// the body, and any other wording are not.
fn what_mismatched(said: &str) -> String {
    let said = said.split(" at line ").next().unwrap_or(said);
    let expected = said
        .find(", expected ")
        .map(|i| &said[i + 2..])
        .unwrap_or("");
    let found_kind = |rest: &str| rest.split([' ', ',']).next().unwrap_or("value").to_owned();
    if said.starts_with("missing field `") || said.starts_with("duplicate field `") {
        return said.to_owned();
    }
    if said.starts_with("invalid length ") {
        return said.to_owned();
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = said.strip_prefix(prefix) {
            let kind = found_kind(rest);
            return match expected {
                "" => format!("{prefix}{kind}"),
                exp => format!("{prefix}{kind}, {exp}"),
            };
        }
    }
    for (prefix, name) in [
        ("unknown variant ", "unknown variant"),
        ("unknown field ", "unknown field"),
    ] {
        if said.starts_with(prefix) {
            return match expected {
                "" => name.to_owned(),
                exp => format!("{name}, {exp}"),
            };
        }
    }
    "a value is not what was expected".to_owned()
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
/// use rackcloud_core::ServiceClient;
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let endpoint = emulator.lb_endpoint("DFW", "123456");
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

    /// What an idempotent removal did: success is [`Removal::Removed`](crate::Removal::Removed), the service's 422
    /// "already disabled" answer [`Removal::NothingToRemove`](crate::Removal::NothingToRemove).
    ///
    /// # Errors
    ///
    /// Every error of [`extract_err`](ErrResult::extract_err) except
    /// [`AlreadyDisabled`](crate::ErrorKind::AlreadyDisabled).
    pub fn extract_removal(self) -> Result<crate::Removal, Error> {
        match self.inner.extract_err() {
            Ok(()) => Ok(crate::Removal::Removed),
            Err(e) if e.is_already_disabled() => Ok(crate::Removal::NothingToRemove),
            Err(e) => Err(e),
        }
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
