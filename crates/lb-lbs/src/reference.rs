//! Reference data: protocols, algorithms, allowed domains, cluster and regional source
//! addresses (docs/api/reference-data.md).

use rackcloud_core::kit::{check_id, result_type};
use rackcloud_core::{Error, ErrorKind, ServiceClient};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::kinds::{Algorithm, Protocol};
use crate::urls::{account_url, part_url};

/// A protocol the service offers and its default port (0: a create must give the port).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ProtocolInfo {
    name: Protocol,
    #[serde(default)]
    port: u16,
}

impl ProtocolInfo {
    /// The protocol.
    pub fn name(&self) -> &Protocol {
        &self.name
    }
    /// Its default port; 0 when a create must name one.
    pub fn port(&self) -> u16 {
        self.port
    }
}

/// Source addresses as lists (`ipv4Publicnets`, …); each may be empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceAddressLists {
    #[serde(default)]
    ipv4_publicnets: Vec<String>,
    #[serde(default)]
    ipv4_servicenets: Vec<String>,
    #[serde(default)]
    ipv6_publicnets: Vec<String>,
    #[serde(default)]
    ipv6_servicenets: Vec<String>,
}

impl SourceAddressLists {
    /// Public IPv4 addresses.
    pub fn ipv4_publicnets(&self) -> &[String] {
        &self.ipv4_publicnets
    }
    /// ServiceNet IPv4 addresses or networks.
    pub fn ipv4_servicenets(&self) -> &[String] {
        &self.ipv4_servicenets
    }
    /// Public IPv6 networks.
    pub fn ipv6_publicnets(&self) -> &[String] {
        &self.ipv6_publicnets
    }
    /// ServiceNet IPv6 networks.
    pub fn ipv6_servicenets(&self) -> &[String] {
        &self.ipv6_servicenets
    }
}

result_type! {
    /// The result of [`list_protocols`].
    #[must_use = "call extract to read the protocols"]
    pub struct ProtocolsResult(RequestResult);
}

result_type! {
    /// The result of [`list_algorithms`].
    #[must_use = "call extract to read the algorithms"]
    pub struct AlgorithmsResult(RequestResult);
}

result_type! {
    /// The result of [`list_allowed_domains`].
    #[must_use = "call extract to read the domains"]
    pub struct AllowedDomainsResult(RequestResult);
}

result_type! {
    /// The result of [`cluster_source_addresses`] and [`regional_source_addresses`].
    #[must_use = "call extract to read the addresses"]
    pub struct SourceAddressesResult(RequestResult);
}

impl ProtocolsResult {
    /// The protocols, as the server lists them (names it adds later are kept as
    /// [`Protocol::Other`]).
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](ErrorKind::Decode) error when the body is not
    /// `{"protocols":[{name,port}]}`.
    pub fn extract(self) -> Result<Vec<ProtocolInfo>, Error> {
        #[derive(Deserialize)]
        struct Body {
            protocols: Vec<ProtocolInfo>,
        }
        Ok(self.0.extract_json::<Body>()?.protocols)
    }
}

impl AlgorithmsResult {
    /// The algorithms.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](ErrorKind::Decode) error when the body is not
    /// `{"algorithms":[{name}]}`.
    pub fn extract(self) -> Result<Vec<Algorithm>, Error> {
        #[derive(Deserialize)]
        struct Named {
            name: Algorithm,
        }
        #[derive(Deserialize)]
        struct Body {
            algorithms: Vec<Named>,
        }
        let body: Body = self.0.extract_json()?;
        Ok(body.algorithms.into_iter().map(|a| a.name).collect())
    }
}

impl AllowedDomainsResult {
    /// The domain names.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](ErrorKind::Decode) error when the body is not
    /// `{"allowedDomains":[{"allowedDomain":{"name":…}}]}` (each item wrapped twice).
    pub fn extract(self) -> Result<Vec<String>, Error> {
        #[derive(Deserialize)]
        struct Named {
            name: String,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Item {
            allowed_domain: Named,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct Body {
            allowed_domains: Vec<Item>,
        }
        let body: Body = self.0.extract_json()?;
        Ok(body
            .allowed_domains
            .into_iter()
            .map(|d| d.allowed_domain.name)
            .collect())
    }
}

impl SourceAddressesResult {
    /// The addresses, under `clusterSourceAddresses` or `RegionalSourceAddresses`; the first
    /// letter of the root key may be either case (the documentation shows a capital R).
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](ErrorKind::Decode) error when the body holds no
    /// such object.
    pub fn extract(self) -> Result<SourceAddressLists, Error> {
        let body: Map<String, Value> = self.0.extract_json()?;
        let value = body
            .into_iter()
            .find(|(key, _)| {
                let key = key.to_ascii_lowercase();
                key == "clustersourceaddresses" || key == "regionalsourceaddresses"
            })
            .map(|(_, value)| value)
            .ok_or_else(|| Error::new(ErrorKind::Decode, "the answer holds no source addresses"))?;
        serde_json::from_value(value)
            .map_err(|e| Error::new(ErrorKind::Decode, format!("source addresses: {e}")))
    }
}

/// The protocols the service offers (`GET /loadbalancers/protocols`).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use lb_lbs::{Algorithm, Protocol};
///
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let protocols = lb_lbs::list_protocols(&client).extract()?;
/// let tcp = protocols.iter().find(|p| p.name() == &Protocol::Tcp).ok_or("no TCP")?;
/// assert_eq!(tcp.port(), 0); // a TCP load balancer needs a port
/// assert!(lb_lbs::list_algorithms(&client).extract()?.contains(&Algorithm::Random));
/// assert!(lb_lbs::list_allowed_domains(&client).extract()?.contains(&"rackspace.com".to_owned()));
/// let nets = lb_lbs::regional_source_addresses(&client).extract()?;
/// assert!(!nets.ipv4_publicnets().is_empty());
/// # Ok(())
/// # }
/// ```
pub fn list_protocols(client: &ServiceClient) -> ProtocolsResult {
    ProtocolsResult::from(client.get(&account_url(client, "protocols")))
}

/// The balancing algorithms (`GET /loadbalancers/algorithms`).
pub fn list_algorithms(client: &ServiceClient) -> AlgorithmsResult {
    AlgorithmsResult::from(client.get(&account_url(client, "algorithms")))
}

/// The domains a node may be named in instead of by IP address
/// (`GET /loadbalancers/alloweddomains`).
pub fn list_allowed_domains(client: &ServiceClient) -> AllowedDomainsResult {
    AllowedDomainsResult::from(client.get(&account_url(client, "alloweddomains")))
}

/// The addresses load balancer `lb_id`'s cluster uses towards nodes, for the nodes' firewalls
/// (`GET /loadbalancers/{id}/clustersourceaddresses`).
pub fn cluster_source_addresses(client: &ServiceClient, lb_id: u64) -> SourceAddressesResult {
    check_id("load balancer", lb_id)
        .map(|()| client.get(&part_url(client, lb_id, "clustersourceaddresses")))
        .into()
}

/// The addresses the region's load balancers use towards nodes
/// (`GET /regionalsourceaddresses`, at the account root, not under `/loadbalancers`).
pub fn regional_source_addresses(client: &ServiceClient) -> SourceAddressesResult {
    SourceAddressesResult::from(client.get(&client.service_url(&["regionalsourceaddresses"])))
}
