//! [`Catalog`]: the services, regions and endpoints a token gives access to.

use crate::availability::Availability;

/// The service catalog returned with a token.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::{AuthOptions, authenticated_client};
///
/// let opts = AuthOptions::api_key("demo", "demo-api-key")
///     .identity_endpoint(emulator.identity_url());
/// let provider = authenticated_client(opts)?;
/// let catalog = provider.catalog();
/// let lb = catalog
///     .entries()
///     .iter()
///     .find(|e| e.name() == "cloudLoadBalancers")
///     .ok_or("no load balancer service")?;
/// assert_eq!(lb.service_type(), "rax:load-balancer");
/// assert!(lb.endpoints().iter().any(|e| e.region() == Some("DFW")));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
}

/// One service of the catalog: a name, a type and its endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogEntry {
    name: String,
    service_type: String,
    endpoints: Vec<Endpoint>,
}

/// One endpoint of a service: a region and up to three URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    region: Option<String>,
    tenant_id: Option<String>,
    public_url: Option<String>,
    internal_url: Option<String>,
    admin_url: Option<String>,
}

impl Catalog {
    pub(crate) fn new(entries: Vec<CatalogEntry>) -> Catalog {
        Catalog { entries }
    }

    /// The services, in the order the identity service listed them.
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }
}

impl CatalogEntry {
    pub(crate) fn new(
        name: String,
        service_type: String,
        endpoints: Vec<Endpoint>,
    ) -> CatalogEntry {
        CatalogEntry {
            name,
            service_type,
            endpoints,
        }
    }

    /// The service name, such as `cloudLoadBalancers`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The service type, such as `rax:load-balancer`.
    pub fn service_type(&self) -> &str {
        &self.service_type
    }

    /// The service's endpoints.
    pub fn endpoints(&self) -> &[Endpoint] {
        &self.endpoints
    }
}

impl Endpoint {
    pub(crate) fn new(
        region: Option<String>,
        tenant_id: Option<String>,
        public_url: Option<String>,
        internal_url: Option<String>,
        admin_url: Option<String>,
    ) -> Endpoint {
        let non_empty = |s: Option<String>| s.filter(|s| !s.is_empty());
        Endpoint {
            region: non_empty(region),
            tenant_id: non_empty(tenant_id),
            public_url: non_empty(public_url),
            internal_url: non_empty(internal_url),
            admin_url: non_empty(admin_url),
        }
    }

    /// The region, or `None` for a global endpoint.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The tenant the endpoint belongs to, when the catalog says.
    pub fn tenant_id(&self) -> Option<&str> {
        self.tenant_id.as_deref()
    }

    /// The URL for the given availability, when the endpoint has one.
    pub fn url(&self, availability: Availability) -> Option<&str> {
        match availability {
            Availability::Public => self.public_url.as_deref(),
            Availability::Internal => self.internal_url.as_deref(),
            Availability::Admin => self.admin_url.as_deref(),
        }
    }
}
