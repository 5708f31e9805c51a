//! The URLs of the load balancer resource and of the account-wide paths this crate reads.

use rackcloud_core::ServiceClient;

/// `{endpoint}/loadbalancers`: list (with an optional query), create and bulk delete.
pub(crate) fn root_url(client: &ServiceClient) -> String {
    client.service_url(&["loadbalancers"])
}

/// `{endpoint}/loadbalancers/{id}`: get, update and delete; no trailing slash, no query.
pub(crate) fn resource_url(client: &ServiceClient, id: u64) -> String {
    client.lb_url(id, &[])
}

/// `{endpoint}/loadbalancers/{id}/{part}`: logging, caching, error page, stats, …
pub(crate) fn part_url(client: &ServiceClient, id: u64, part: &str) -> String {
    client.lb_url(id, &[part])
}

/// `{endpoint}/loadbalancers/{what}`: protocols, algorithms, allowed domains, absolute limits.
pub(crate) fn account_url(client: &ServiceClient, what: &str) -> String {
    client.service_url(&["loadbalancers", what])
}
