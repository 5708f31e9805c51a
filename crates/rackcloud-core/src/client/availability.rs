//! [`Availability`]: which of a catalog endpoint's URLs to use.

/// Which of an endpoint's URLs to use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Availability {
    /// `publicURL`, reachable from anywhere (the default).
    #[default]
    Public,
    /// `internalURL`, Rackspace's ServiceNet, reachable from Rackspace servers only.
    Internal,
    /// `adminURL`.
    Admin,
}

impl Availability {
    pub(crate) fn field(self) -> &'static str {
        match self {
            Availability::Public => "publicURL",
            Availability::Internal => "internalURL",
            Availability::Admin => "adminURL",
        }
    }
}
