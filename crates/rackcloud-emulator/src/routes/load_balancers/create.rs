//! `POST /loadbalancers`: the body (one 400 with every message), then the rules the service
//! checks after it, in its order, then 202 with the new load balancer in `BUILD` and every
//! nested object stored as if set afterwards (docs/api/load-balancers.md).

use std::time::Instant;

use jiff::Timestamp;

use super::{Account, find_vip};
use crate::error_replies;
use crate::features::health_monitor::{HealthMonitor, fits};
use crate::features::metadata::Of;
use crate::features::throttle::Throttle;
use crate::http::Reply;
use crate::load_balancer::{LoadBalancer, Node, PROTOCOLS, Settled, VirtualIp};
use crate::routes::Answer;
use crate::routes::account_wide::ALLOWED_DOMAINS;
use crate::routes::bodies::{self, MonitorRequest, NewLoadBalancer, VipRequest, is_host_name};
use crate::state::{Shared, State};
use crate::sync::lock;

/// The protocols that cannot carry connection logging or a health monitor.
const UDP_LIKE: [&str; 3] = ["UDP", "UDP_STREAM", "DNS_UDP"];

/// `POST /loadbalancers`: body → connection logging on UDP (400) → node host names outside
/// the allowed domains (400 validation) → account limit (413) → secondary nodes without a
/// monitor → HTTPS redirect → node limit (413) → TCP/UDP without a port → persistence,
/// monitor, half-close and caching against the protocol → shared virtual IPs → 202.
pub(crate) fn create(shared: &Shared, account: Account<'_>, body: &[u8]) -> Answer {
    let new = bodies::create(body)?;
    if UDP_LIKE.contains(&new.protocol.as_str()) && new.connection_logging == Some(true) {
        return Err(error_replies::flat(
            400,
            "Connection logging cannot be enabled for load balancers with UDP, DNS_UDP or UDP_STREAM protocol",
        ));
    }
    let outside: Vec<String> = new
        .nodes
        .iter()
        .filter(|n| is_host_name(&n.address) && !in_allowed_domain(&n.address))
        .map(|n| {
            format!(
                "The address {} is not a valid IPv4, IPv6 address or an FQDN that is in an authorized Domain",
                n.address
            )
        })
        .collect();
    if !outside.is_empty() {
        return Err(error_replies::validation(outside));
    }
    let mut guard = lock(&shared.state);
    let state = &mut *guard;
    let now = Instant::now();
    super::below_lb_limit(shared, state, account, now)?;
    let port = rules(shared, &new)?;
    let virtual_ips = allocate_vips(state, account, &new.virtual_ips, now)
        .map_err(|message| error_replies::flat(400, message))?;
    let id = State::take_id(&mut state.next_lb_id);
    let mut lb = LoadBalancer::new(id, &new.name, &new.protocol, port, Timestamp::now());
    lb.virtual_ips = virtual_ips;
    for node in &new.nodes {
        let node_id = State::take_id(&mut state.next_node_id);
        lb.nodes.push(Node::new(
            node_id,
            &node.address,
            node.port,
            &node.condition,
            &node.kind,
            node.weight,
        ));
    }
    store(&mut lb, new);
    lb.begin("BUILD", shared.config.build_time, Settled::Active);
    lb.created = lb.updated;
    let body = lb.detail_json("BUILD", account.region);
    state
        .account_mut(account.region, account.tenant)
        .insert(id, lb);
    Ok(Reply::json(202, body))
}

/// The service's rules after the body, up to the virtual IPs; `Ok` holds the port.
fn rules(shared: &Shared, new: &NewLoadBalancer) -> Result<u16, Reply> {
    let bad = |message: &str| Err(error_replies::flat(400, message));
    if new.health_monitor.is_none() && new.nodes.iter().any(|n| n.kind == "SECONDARY") {
        return bad("you must enable health monitoring to use secondary nodes");
    }
    if new.https_redirect {
        if new.protocol != "HTTPS" {
            return bad(
                "HTTPS Redirect is only valid for load balancers using the HTTPS protocol, or for load balancers with a 'Secure Only' SSL Termination.",
            );
        }
        if new.port.is_some_and(|p| p != 443) {
            return bad(
                "HTTPS Redirect can only be enabled for HTTPS load balancers using port 443.",
            );
        }
    }
    if new.nodes.len() > shared.config.limits.nodes {
        return Err(error_replies::flat(
            413,
            "Node limit for this load balancer exceeded.",
        ));
    }
    let default_port = PROTOCOLS
        .iter()
        .find(|(p, _)| *p == new.protocol)
        .and_then(|(_, port)| *port);
    let Some(port) = new.port.or(default_port) else {
        return bad("Must provide port for TCP and UDP protocols.");
    };
    match new.persistence.as_deref() {
        Some("HTTP_COOKIE") if new.protocol != "HTTP" => {
            return bad(
                "HTTP_COOKIE Session persistence is only valid with HTTP protocol with or without SSL termination.",
            );
        }
        Some("SSL_ID") if new.protocol != "HTTPS" => {
            return bad("SSL_ID session persistence is only valid with the HTTPS protocol. ");
        }
        _ => {}
    }
    if let Some(monitor) = &new.health_monitor
        && let Err(message) = fits(&monitor.kind, &new.protocol)
    {
        return bad(message);
    }
    if new.half_closed && !["TCP", "TCP_CLIENT_FIRST"].contains(&new.protocol.as_str()) {
        return bad(
            "Must provide valid protocol for half close support, please view documentation for more details. ",
        );
    }
    if new.content_caching == Some(true) && new.protocol != "HTTP" {
        return bad("Content caching can only be enabled for HTTP loadbalancers.");
    }
    Ok(port)
}

/// The virtual IPs of the new load balancer: shared ones looked up among the account's, new
/// ones allocated; at most one IPv4 and one IPv6. `Err` holds the 400 message.
fn allocate_vips(
    state: &mut State,
    account: Account<'_>,
    requests: &[VipRequest],
    now: Instant,
) -> Result<Vec<VirtualIp>, &'static str> {
    let mut shared_vips = Vec::new();
    for request in requests {
        if let VipRequest::Shared(id) = request {
            let Some(vip) = find_vip(state, account, *id, now) else {
                return Err(
                    "Shared virtual ip could not be found. Please provide a valid virtual ip id to process this request.",
                );
            };
            shared_vips.push(vip);
        }
    }
    let count = |version: &str| {
        let new = requests
            .iter()
            .filter(|r| matches!(r, VipRequest::New { ip_version, .. } if ip_version == version))
            .count();
        new + shared_vips
            .iter()
            .filter(|v| v.ip_version == version)
            .count()
    };
    if count("IPV4") > 1 {
        return Err("Cannot supply more than one IPV4 virtual ip.");
    }
    if count("IPV6") > 1 {
        return Err("Cannot supply more than one IPV6 virtual ip");
    }
    let mut vips = Vec::new();
    let mut shared_vips = shared_vips.into_iter();
    for request in requests {
        match request {
            VipRequest::Shared(_) => vips.extend(shared_vips.next()),
            VipRequest::New { kind, ip_version } => {
                let id = State::take_id(&mut state.next_vip_id);
                vips.push(VirtualIp::allocate(id, kind, ip_version));
            }
        }
    }
    Ok(vips)
}

/// Stores what the body set, as the sub-resources would have.
fn store(lb: &mut LoadBalancer, new: NewLoadBalancer) {
    lb.algorithm = new.algorithm;
    lb.timeout = new.timeout;
    lb.half_closed = new.half_closed;
    lb.https_redirect = new.https_redirect;
    lb.persistence = new.persistence;
    let features = &mut lb.features;
    features.settings.connection_logging = new.connection_logging.unwrap_or(false);
    features.settings.content_caching = new.content_caching.unwrap_or(false);
    features.access_list.append(lb.id, new.access_list);
    features.metadata.add(Of::LoadBalancer, new.metadata);
    features.health_monitor = new.health_monitor.map(monitor);
    features.throttle = new.throttle.map(Throttle::from);
}

/// A monitor that passed the create rules: every number is there.
fn monitor(request: MonitorRequest) -> HealthMonitor {
    HealthMonitor {
        kind: request.kind,
        delay: request.delay.unwrap_or(1),
        timeout: request.timeout.unwrap_or(1),
        attempts: request.attempts.unwrap_or(1),
        path: request.path,
        status_regex: request.status_regex,
        body_regex: request.body_regex,
        host_header: request.host_header,
    }
}

/// Whether a host name is in one of the allowed domains, compared label by label from the
/// right, as the service compares them.
fn in_allowed_domain(host: &str) -> bool {
    ALLOWED_DOMAINS.iter().any(|domain| {
        let host: Vec<&str> = host.split('.').collect();
        let domain: Vec<&str> = domain.split('.').collect();
        domain.len() <= host.len() && host.ends_with(&domain)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_domains_match_by_labels() {
        assert!(in_allowed_domain("web.rackspace.com"));
        assert!(in_allowed_domain("rackspacecloud.com"));
        assert!(!in_allowed_domain("web.notrackspace.com"));
        assert!(!in_allowed_domain("example.com"));
    }
}
