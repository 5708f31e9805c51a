//! The account's absolute limits: what `GET /loadbalancers/absolutelimits` reports and what the
//! rules of the resources enforce (docs/api/limits.md, docs/api/conventions.md).

/// Load balancers per account (not deleted).
pub(crate) const LOADBALANCER_LIMIT: u64 = 25;
/// Nodes per load balancer.
pub(crate) const NODE_LIMIT: u64 = 25;
/// IPv6 virtual IPs per load balancer.
pub(crate) const IPV6_LIMIT: u64 = 25;
/// Ids in one bulk delete.
pub(crate) const BATCH_DELETE_LIMIT: u64 = 10;
/// Access list items per load balancer.
pub(crate) const ACCESS_LIST_LIMIT: u64 = 100;
/// Metadata items per node.
pub(crate) const NODE_META_LIMIT: u64 = 25;
/// Certificate mappings per load balancer.
pub(crate) const CERTIFICATE_MAPPING_LIMIT: u64 = 20;
/// Metadata items per load balancer.
pub(crate) const LOADBALANCER_META_LIMIT: u64 = 25;

/// Every limit with its name on the wire and a description, in the documentation's order.
pub(crate) const ABSOLUTE_LIMITS: [(&str, u64, &str); 8] = [
    (
        "LOADBALANCER_LIMIT",
        LOADBALANCER_LIMIT,
        "Max number of load balancers for an account",
    ),
    (
        "NODE_LIMIT",
        NODE_LIMIT,
        "Max number of nodes for a load balancer",
    ),
    (
        "IPV6_LIMIT",
        IPV6_LIMIT,
        "Max number of IPv6 virtual IPs for a load balancer",
    ),
    (
        "BATCH_DELETE_LIMIT",
        BATCH_DELETE_LIMIT,
        "Max number of items that can be deleted in one request",
    ),
    (
        "ACCESS_LIST_LIMIT",
        ACCESS_LIST_LIMIT,
        "Max number of items for an access list",
    ),
    (
        "NODE_META_LIMIT",
        NODE_META_LIMIT,
        "Max number of metadata items for a node",
    ),
    (
        "CERTIFICATE_MAPPING_LIMIT",
        CERTIFICATE_MAPPING_LIMIT,
        "Max number of certificate mappings for a load balancer",
    ),
    (
        "LOADBALANCER_META_LIMIT",
        LOADBALANCER_META_LIMIT,
        "Max number of metadata items for a load balancer",
    ),
];
