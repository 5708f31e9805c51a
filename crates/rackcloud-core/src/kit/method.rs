//! [`Method`]: the HTTP methods the Cloud Load Balancers API uses.

use std::fmt;

/// An HTTP method, with the status codes accepted for it by default.
///
/// Every mutation accepts 200, 201, 202 and 204: the public documentation and the service
/// disagree on the success code of several operations (200 documented, 202 sent), so a client
/// that insists on one of them breaks on the other (`docs/api/conventions.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`: accepts 200.
    Get,
    /// `POST`: accepts 200, 201, 202 and 204.
    Post,
    /// `PUT`: accepts 200, 201, 202 and 204.
    Put,
    /// `DELETE`: accepts 200, 201, 202 and 204.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    pub(crate) fn as_http(self) -> ureq::http::Method {
        match self {
            Method::Get => ureq::http::Method::GET,
            Method::Post => ureq::http::Method::POST,
            Method::Put => ureq::http::Method::PUT,
            Method::Delete => ureq::http::Method::DELETE,
        }
    }

    /// The status codes accepted when the caller names none: 200 for a read, any success code
    /// for a mutation.
    ///
    /// ```
    /// use rackcloud_core::kit::Method;
    /// assert_eq!(Method::Get.default_ok_codes(), &[200]);
    /// assert_eq!(Method::Delete.default_ok_codes(), &[200, 201, 202, 204]);
    /// ```
    pub fn default_ok_codes(self) -> &'static [u16] {
        match self {
            Method::Get => &[200],
            Method::Post | Method::Put | Method::Delete => &[200, 201, 202, 204],
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
