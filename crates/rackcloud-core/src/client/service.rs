//! [`ServiceClient`]: requests to one service endpoint, with gophercloud's default status codes.

use serde::Serialize;

use crate::endpoint::EndpointOpts;
use crate::error::Error;
use crate::error_kind::ErrorKind;
use crate::method::Method;
use crate::provider::ProviderClient;
use crate::result::RequestResult;
use crate::secret::Secret;
use crate::transport::check_url;

/// The catalog type of Cloud Load Balancers.
pub const LB_SERVICE_TYPE: &str = "rax:load-balancer";
/// The catalog name of Cloud Load Balancers.
pub const LB_SERVICE_NAME: &str = "cloudLoadBalancers";

/// A client for the Cloud Load Balancers v1.0 API of one region (gophercloud's
/// `rackspace.NewLBV1`): type `rax:load-balancer`, name `cloudLoadBalancers` unless `opts` names
/// another, region from `opts` or else the user's default region.
///
/// # Errors
///
/// [`EndpointNotFound`](ErrorKind::EndpointNotFound) or
/// [`EndpointAmbiguous`](ErrorKind::EndpointAmbiguous).
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// use rackcloud_core::{AuthOptions, EndpointOpts, authenticated_client, new_lb_v1};
///
/// let provider = authenticated_client(
///     AuthOptions::api_key("demo", "demo-api-key").identity_endpoint(emulator.identity_url()),
/// )?;
/// let ord = new_lb_v1(&provider, EndpointOpts::new().region("ORD"))?;
/// assert!(ord.endpoint().ends_with("/v1.0/123456/"));
/// # Ok(())
/// # }
/// ```
pub fn new_lb_v1(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient, Error> {
    let opts = match opts.service_name() {
        Some(_) => opts,
        None => opts.name(LB_SERVICE_NAME),
    };
    let url = provider.locate_endpoint(LB_SERVICE_TYPE, &opts)?;
    ServiceClient::new(provider, url)
}

/// Requests to one service endpoint, authenticated by a [`ProviderClient`].
///
/// Every request sends `Accept: application/json` and `X-Auth-Token`; only requests with a body
/// send `Content-Type: application/json`. Each method accepts gophercloud's default status codes
/// ([`Method::default_ok_codes`]); [`request`](ServiceClient::request) takes others.
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
/// let url = client.service_url(&["loadbalancers", "1", "sessionpersistence"]);
/// assert_eq!(url, format!("{endpoint}/loadbalancers/1/sessionpersistence"));
/// client
///     .put(&url, &serde_json::json!({"sessionPersistence": {"persistenceType": "SOURCE_IP"}}))
///     .extract_err()?;
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ServiceClient {
    provider: ProviderClient,
    endpoint: String,
}

/// Options of one request: a JSON body and the accepted status codes.
#[derive(Debug, Clone, Default)]
#[must_use = "a builder does nothing until it is used"]
pub struct RequestOpts {
    body: Option<Vec<u8>>,
    ok_codes: Option<Vec<u16>>,
}

impl RequestOpts {
    /// No body, the method's default status codes.
    pub fn new() -> RequestOpts {
        RequestOpts::default()
    }

    /// Sends `body` serialised as JSON.
    ///
    /// # Errors
    ///
    /// An [`InvalidInput`](ErrorKind::InvalidInput) error when `body` cannot be serialised.
    pub fn json_body(mut self, body: &impl Serialize) -> Result<RequestOpts, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::new(
                ErrorKind::InvalidInput,
                "the request body cannot be serialised as JSON",
            )
            .with_source(e)
        })?;
        self.body = Some(bytes);
        Ok(self)
    }

    /// Accepts these status codes instead of the method's defaults.
    pub fn ok_codes(mut self, codes: &[u16]) -> RequestOpts {
        self.ok_codes = Some(codes.to_vec());
        self
    }
}

impl ServiceClient {
    /// A client for `endpoint`, authenticated by `provider`.
    ///
    /// # Errors
    ///
    /// A [`Configuration`](ErrorKind::Configuration) error when `endpoint` is not an absolute
    /// URL, or is plain `http://` to a host that is not a loopback address and the provider does
    /// not allow plain http.
    pub fn new(
        provider: &ProviderClient,
        endpoint: impl Into<String>,
    ) -> Result<ServiceClient, Error> {
        let mut endpoint = endpoint.into();
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        check_url(&endpoint, provider.allow_plain_http())?;
        Ok(ServiceClient {
            provider: provider.clone(),
            endpoint,
        })
    }

    /// A client for a fixed endpoint and token, with no identity service (tests, proxies).
    ///
    /// # Errors
    ///
    /// As [`ServiceClient::new`].
    pub fn with_token(endpoint: &str, token: impl Into<Secret>) -> Result<ServiceClient, Error> {
        ServiceClient::new(&ProviderClient::builder().with_token(token), endpoint)
    }

    /// The endpoint, always ending in `/`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// The provider client behind this service client.
    pub fn provider(&self) -> &ProviderClient {
        &self.provider
    }

    /// The endpoint followed by `parts` joined with `/`.
    pub fn service_url(&self, parts: &[&str]) -> String {
        let mut url = self.endpoint.clone();
        url.push_str(&parts.join("/"));
        url
    }

    /// The URL of load balancer `lb_id` or of one of its sub-resources:
    /// `{endpoint}loadbalancers/{lb_id}/{parts…}`, the path every service crate builds on.
    ///
    /// ```
    /// # fn main() -> Result<(), rackcloud_core::Error> {
    /// let client = rackcloud_core::ServiceClient::with_token("http://127.0.0.1:1/v1.0/123456", "t")?;
    /// assert_eq!(client.lb_url(7, &[]), "http://127.0.0.1:1/v1.0/123456/loadbalancers/7");
    /// assert_eq!(
    ///     client.lb_url(7, &["nodes", "12"]),
    ///     "http://127.0.0.1:1/v1.0/123456/loadbalancers/7/nodes/12"
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn lb_url(&self, lb_id: u64, parts: &[&str]) -> String {
        let mut url = self.service_url(&["loadbalancers"]);
        url.push('/');
        url.push_str(&lb_id.to_string());
        for part in parts {
            url.push('/');
            url.push_str(part);
        }
        url
    }

    /// `GET url`, accepting 200.
    pub fn get(&self, url: &str) -> RequestResult {
        self.request(Method::Get, url, RequestOpts::new())
    }

    /// `DELETE url`, accepting 202 and 204.
    pub fn delete(&self, url: &str) -> RequestResult {
        self.request(Method::Delete, url, RequestOpts::new())
    }

    /// `PUT url` with a JSON body, accepting 201 and 202.
    pub fn put(&self, url: &str, body: &impl Serialize) -> RequestResult {
        self.with_json(Method::Put, url, body)
    }

    /// `POST url` with a JSON body, accepting 201 and 202.
    pub fn post(&self, url: &str, body: &impl Serialize) -> RequestResult {
        self.with_json(Method::Post, url, body)
    }

    fn with_json(&self, method: Method, url: &str, body: &impl Serialize) -> RequestResult {
        match RequestOpts::new().json_body(body) {
            Ok(opts) => self.request(method, url, opts),
            Err(e) => RequestResult::from(e.with_request(method.as_str(), url)),
        }
    }

    /// Any request, with the options' body and accepted status codes.
    pub fn request(&self, method: Method, url: &str, opts: RequestOpts) -> RequestResult {
        let ok_codes = opts
            .ok_codes
            .as_deref()
            .unwrap_or_else(|| method.default_ok_codes());
        self.provider
            .request(method, url, opts.body.as_deref(), ok_codes)
    }
}
