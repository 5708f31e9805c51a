//! Limits: the rate limits (`GET /limits`, answered by the API gateway) and the absolute limits
//! (`GET /loadbalancers/absolutelimits`) of the account (docs/api/limits.md), and
//! [`remaining_nodes`], which uses them.

use rackcloud_core::kit::result_type;
use rackcloud_core::{Error, ServiceClient};
use serde::Deserialize;

use crate::requests::get;
use crate::urls::account_url;

/// The node limit the service applies when the account's limits do not name one.
pub const DEFAULT_NODE_LIMIT: u64 = 25;

/// The account's absolute limits, by name (names the service adds later are kept).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AbsoluteLimits {
    limits: Vec<(String, u64)>,
}

impl AbsoluteLimits {
    /// The value of the limit named `name` (`NODE_LIMIT`, …).
    pub fn get(&self, name: &str) -> Option<u64> {
        self.limits.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
    /// Every limit as (name, value), in the server's order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> {
        self.limits.iter().map(|(n, v)| (n.as_str(), *v))
    }
    /// `LOADBALANCER_LIMIT`: load balancers per account (a breach is a 413).
    pub fn load_balancer_limit(&self) -> Option<u64> {
        self.get("LOADBALANCER_LIMIT")
    }
    /// `NODE_LIMIT`: nodes per load balancer (a breach is a 413).
    pub fn node_limit(&self) -> Option<u64> {
        self.get("NODE_LIMIT")
    }
    /// `IPV6_LIMIT`: IPv6 virtual IPs per load balancer.
    pub fn ipv6_limit(&self) -> Option<u64> {
        self.get("IPV6_LIMIT")
    }
    /// `BATCH_DELETE_LIMIT`: ids per bulk delete (a breach is a 400).
    pub fn batch_delete_limit(&self) -> Option<u64> {
        self.get("BATCH_DELETE_LIMIT")
    }
    /// `ACCESS_LIST_LIMIT`: access list items per load balancer (a breach is a 400).
    pub fn access_list_limit(&self) -> Option<u64> {
        self.get("ACCESS_LIST_LIMIT")
    }
    /// `NODE_META_LIMIT`: metadata items per node (a breach is a 400).
    pub fn node_meta_limit(&self) -> Option<u64> {
        self.get("NODE_META_LIMIT")
    }
    /// `CERTIFICATE_MAPPING_LIMIT`: certificate mappings per load balancer (a breach is a 413).
    pub fn certificate_mapping_limit(&self) -> Option<u64> {
        self.get("CERTIFICATE_MAPPING_LIMIT")
    }
    /// `LOADBALANCER_META_LIMIT`: metadata items per load balancer (a breach is a 400).
    pub fn load_balancer_meta_limit(&self) -> Option<u64> {
        self.get("LOADBALANCER_META_LIMIT")
    }
}

/// The rate limits of the account: each entry covers the URIs its regular expression matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RateLimits {
    #[serde(default)]
    rate: Vec<RateLimitGroup>,
}

impl RateLimits {
    /// The groups, in the server's order.
    pub fn groups(&self) -> &[RateLimitGroup] {
        &self.rate
    }
    /// Every limit of every group for `verb` (`GET`, `POST`, …; any case).
    pub fn for_verb<'a>(&'a self, verb: &'a str) -> impl Iterator<Item = &'a RateLimit> + 'a {
        self.rate
            .iter()
            .flat_map(|g| g.limit.iter())
            .filter(move |l| l.verb.eq_ignore_ascii_case(verb))
    }
}

/// The limits of one group of URIs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RateLimitGroup {
    #[serde(default)]
    uri: String,
    #[serde(default)]
    regex: String,
    #[serde(default)]
    limit: Vec<RateLimit>,
}

impl RateLimitGroup {
    /// The URIs covered, as the gateway writes them (`/v1.0/*`).
    pub fn uri(&self) -> &str {
        &self.uri
    }
    /// The regular expression that selects them.
    pub fn regex(&self) -> &str {
        &self.regex
    }
    /// The limit of each verb.
    pub fn limits(&self) -> &[RateLimit] {
        &self.limit
    }
}

/// One verb's limit: `value` requests per `unit`, `remaining` left now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct RateLimit {
    #[serde(default)]
    verb: String,
    #[serde(default)]
    value: u64,
    #[serde(default)]
    remaining: u64,
    #[serde(default)]
    unit: String,
    #[serde(default, rename = "next-available")]
    next_available: Option<String>,
}

impl RateLimit {
    /// The HTTP method.
    pub fn verb(&self) -> &str {
        &self.verb
    }
    /// Requests allowed per [`unit`](Self::unit).
    pub fn value(&self) -> u64 {
        self.value
    }
    /// Requests left in the current unit.
    pub fn remaining(&self) -> u64 {
        self.remaining
    }
    /// `MINUTE`, `SECOND`, … as the gateway writes it.
    pub fn unit(&self) -> &str {
        &self.unit
    }
    /// When the next request is allowed, as the gateway wrote it.
    pub fn next_available(&self) -> Option<&str> {
        self.next_available.as_deref()
    }
}

result_type! {
    /// The result of [`rate_limits`].
    #[must_use = "call extract to read the limits"]
    pub struct RateLimitsResult(RequestResult);
}

result_type! {
    /// The result of [`absolute_limits`].
    #[must_use = "call extract to read the limits"]
    pub struct AbsoluteLimitsResult(RequestResult);
}

impl RateLimitsResult {
    /// The rate limits.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"limits":{"rate":[…]}}`.
    pub fn extract(self) -> Result<RateLimits, Error> {
        #[derive(Deserialize)]
        struct Body {
            limits: RateLimits,
        }
        Ok(self.0.extract_json::<Body>()?.limits)
    }
}

impl AbsoluteLimitsResult {
    /// The absolute limits.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"absolute":[{name,value}]}`.
    pub fn extract(self) -> Result<AbsoluteLimits, Error> {
        #[derive(Deserialize)]
        struct Item {
            name: String,
            value: u64,
        }
        #[derive(Deserialize)]
        struct Body {
            absolute: Vec<Item>,
        }
        let body: Body = self.0.extract_json()?;
        Ok(AbsoluteLimits {
            limits: body
                .absolute
                .into_iter()
                .map(|i| (i.name, i.value))
                .collect(),
        })
    }
}

/// The account's rate limits (`GET /limits`): how many requests of each method are allowed a
/// minute and how many are left. Read them before a bulk job to pace it: a job that stays under
/// `remaining` never meets a 413.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// let limits = lb_lbs::rate_limits(&client).extract()?;
/// let deletes = limits.for_verb("DELETE").next().ok_or("no DELETE limit")?;
/// assert_eq!((deletes.value(), deletes.unit()), (300, "MINUTE"));
///
/// // Pace clients by the account's own limits (bursts of a sixtieth of a minute's worth), for
/// // `ProviderClient::builder().pacing(pacing)`.
/// use rackcloud_core::Pacing;
/// use rackcloud_core::kit::Method;
/// let mut pacing = Pacing::documented();
/// for (verb, method) in [("GET", Method::Get), ("PUT", Method::Put), ("POST", Method::Post), ("DELETE", Method::Delete)] {
///     if let Some(limit) = limits.for_verb(verb).find(|l| l.unit() == "MINUTE") {
///         let per_minute = u32::try_from(limit.value()).unwrap_or(u32::MAX);
///         pacing = pacing.limit(method, per_minute, (per_minute / 60).max(1));
///     }
/// }
/// assert_eq!(pacing.budget(Method::Delete), Some((300, 5)));
///
/// let absolute = lb_lbs::absolute_limits(&client).extract()?;
/// assert_eq!(absolute.node_limit(), Some(25));
/// assert_eq!(absolute.batch_delete_limit(), Some(10));
/// # Ok(())
/// # }
/// ```
pub fn rate_limits(client: &ServiceClient) -> RateLimitsResult {
    RateLimitsResult::from(client.get(&client.service_url(&["limits"])))
}

/// The account's absolute limits (`GET /loadbalancers/absolutelimits`): load balancers, nodes,
/// access list items, metadata, … allowed.
pub fn absolute_limits(client: &ServiceClient) -> AbsoluteLimitsResult {
    AbsoluteLimitsResult::from(client.get(&account_url(client, "absolutelimits")))
}

/// How many more nodes load balancer `lb_id` can take: the account's `NODE_LIMIT`
/// ([`DEFAULT_NODE_LIMIT`] if it names none) less its nodes now. Two requests.
///
/// Call it before adding nodes in bulk: adding more than this is refused with a 413 that is
/// not worth repeating, and a job that splits its nodes by this number fails early and
/// clearly instead.
///
/// # Errors
///
/// The error of either request.
///
/// # Examples
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let emulator = rackcloud_emulator::Emulator::start()?;
/// let token = emulator.issue_token("demo").ok_or("no token")?;
/// let client = rackcloud_core::ServiceClient::with_token(&emulator.lb_endpoint("DFW", "123456"), token)?;
/// // Load balancer 1 has two nodes; the limit is 25.
/// assert_eq!(lb_lbs::remaining_nodes(&client, 1)?, 23);
/// # Ok(())
/// # }
/// ```
pub fn remaining_nodes(client: &ServiceClient, lb_id: u64) -> Result<u64, Error> {
    let lb = get(client, lb_id).extract()?;
    let limit = absolute_limits(client)
        .extract()?
        .node_limit()
        .unwrap_or(DEFAULT_NODE_LIMIT);
    let used = u64::try_from(lb.node_count()).unwrap_or(u64::MAX);
    Ok(limit.saturating_sub(used))
}
