//! [`ErrorKind`]: what kind of failure an error is.

use std::fmt;

/// What kind of failure an [`Error`](crate::Error) is.
///
/// Match on this (or use the `is_*` predicates of [`Error`](crate::Error)) instead of on message text.
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
    /// The user must set up multi-factor authentication before authenticating (a 403 to the
    /// token request that names the `SETUP-MFA` scope or multi-factor authentication).
    MfaSetupRequired,
    /// The resource does not exist (404).
    NotFound,
    /// The resource was deleted (410).
    Gone,
    /// The load balancer cannot be changed in its current status (422); see
    /// [`Error::lb_status`](crate::Error::lb_status).
    Immutable,
    /// The feature being disabled was not enabled (422 `… is already deleted.` or
    /// `No … found to delete.`).
    AlreadyDisabled,
    /// The request conflicts with the resource's state (409, or a 422 of another kind).
    Conflict,
    /// The load balancer reached a status it cannot leave (`ERROR`, `SUSPENDED`, `DELETED`, …)
    /// while the caller waited for another one; see [`Error::lb_status`](crate::Error::lb_status).
    FinalState,
    /// The request was refused as invalid (400).
    Validation,
    /// The API's rate limit was hit (413 `overLimit`); retryable after [`Error::retry_after`](crate::Error::retry_after).
    RateLimited,
    /// An absolute account limit was reached (413 without `overLimit`); not retryable.
    OverLimit,
    /// The server failed (5xx other than 503).
    Server,
    /// The service is unavailable (503); retryable after [`Error::retry_after`](crate::Error::retry_after) if given.
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
    /// A listing did not end within its [`PageBound`](crate::kit::PageBound): the server kept
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
            ErrorKind::MfaSetupRequired => "mfa_setup_required",
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
            ErrorKind::MfaSetupRequired => "multi-factor authentication must be set up",
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
