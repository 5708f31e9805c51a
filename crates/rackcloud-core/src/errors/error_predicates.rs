//! The questions a caller asks an [`Error`] most: `is_not_found`, `is_timeout`, …, each one
//! kind, and `is_not_found_saying`, one particular 404.

use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::fault::Fault;

impl Error {
    /// Whether nothing was sent because the input was invalid.
    pub fn is_invalid_input(&self) -> bool {
        self.kind() == ErrorKind::InvalidInput
    }

    /// Whether the resource does not exist (404).
    pub fn is_not_found(&self) -> bool {
        self.kind() == ErrorKind::NotFound
    }

    /// Whether this is a 404 whose fault message is exactly `message` (ignoring surrounding
    /// blanks): one particular "not found", such as the service's own
    /// `SSL termination not found for requested load balancer.`, told apart from a 404 for a
    /// load balancer that does not exist (`Load balancer not found`) or an HTML 404 of a proxy.
    ///
    /// Every "none configured" reading of the service crates goes through it, so that only the
    /// service's own answer for "none" reads as none.
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
    /// let missing = client.get(&client.service_url(&["loadbalancers", "999999", "ssltermination"]));
    /// let e = missing.extract_err().unwrap_err();
    /// assert!(e.is_not_found());
    /// assert!(e.is_not_found_saying("Load balancer not found"));
    /// assert!(!e.is_not_found_saying("SSL termination not found for requested load balancer."));
    /// # Ok(())
    /// # }
    /// ```
    pub fn is_not_found_saying(&self, message: &str) -> bool {
        self.is_not_found()
            && self
                .fault()
                .and_then(Fault::message)
                .is_some_and(|said| said.trim() == message.trim())
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
