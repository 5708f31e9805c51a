//! [`Method`]: the HTTP methods the Cloud Load Balancers API uses.

use std::fmt;

/// An HTTP method, with the status codes gophercloud accepts for it by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`: accepts 200.
    Get,
    /// `POST`: accepts 201 and 202.
    Post,
    /// `PUT`: accepts 201 and 202.
    Put,
    /// `DELETE`: accepts 202 and 204.
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

    /// The status codes accepted when the caller names none (gophercloud's defaults).
    ///
    /// ```
    /// use rackcloud_core::Method;
    /// assert_eq!(Method::Delete.default_ok_codes(), &[202, 204]);
    /// ```
    pub fn default_ok_codes(self) -> &'static [u16] {
        match self {
            Method::Get => &[200],
            Method::Post | Method::Put => &[201, 202],
            Method::Delete => &[202, 204],
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
