//! Sending one [`Change`]: the service crate's operation for it, then the wait.

use lb_lbs::VipOpts;
use lb_metadata::Owner;
use rackcloud_core::model::{IpVersion, VipType};
use rackcloud_core::{Error, ServiceClient, WaitOpts, change_and_wait, wait_until_active};

use crate::change::Change;
use crate::lb_spec::LbSpec;
use crate::specs::{VipSpec, access_opts, metadata_opts};
use crate::ssl_spec::CertificateFiles as _;

/// Sends one change and waits until it is applied; gives the load balancer's id, or the error
/// with the id when the load balancer exists (a creation whose wait failed included).
pub(crate) fn send(
    client: &ServiceClient,
    id: Option<u64>,
    change: &Change,
    wait: &WaitOpts,
) -> Result<u64, (Option<u64>, Error)> {
    let Some(id) = id else {
        let Change::CreateLb(spec) = change else {
            let e = Error::invalid_input("the load balancer does not exist yet");
            return Err((None, e));
        };
        return create(client, spec, wait);
    };
    change_and_wait(client, id, wait, |c, id| send_to(c, id, change)).map_err(|e| (Some(id), e))?;
    Ok(id)
}

/// `POST /loadbalancers`, then waits until it is `ACTIVE`.
///
/// A load balancer created that does not become `ACTIVE` is reported with its id and the
/// wait's error.
fn create(
    client: &ServiceClient,
    spec: &LbSpec,
    wait: &WaitOpts,
) -> Result<u64, (Option<u64>, Error)> {
    let mut opts = lb_lbs::CreateOpts::new(&spec.name, spec.protocol.clone()).port(spec.port);
    if let Some(a) = &spec.algorithm {
        opts = opts.algorithm(a.clone());
    }
    if let Some(t) = spec.timeout {
        opts = opts.timeout(t);
    }
    // The version is always sent: without one the service may give both an IPv4 and an IPv6
    // address, which the next plan would remove.
    let ipv4 = VipSpec {
        kind: VipType::Public,
        ip_version: None,
    };
    for vip in spec
        .virtual_ips
        .iter()
        .chain(spec.virtual_ips.is_empty().then_some(&ipv4))
    {
        let version = vip.ip_version.clone().unwrap_or(IpVersion::Ipv4);
        opts = opts.virtual_ip(VipOpts::new(vip.kind.clone()).ip_version(version));
    }
    for n in &spec.nodes {
        let mut node = rackcloud_core::model::NodeOpts::new(&n.address, n.port)
            .condition(n.condition.clone())
            .node_type(n.kind.clone());
        if let Some(w) = n.weight {
            node = node.weight(w);
        }
        opts = opts.node(node);
    }
    if spec.half_closed {
        opts = opts.half_closed(true);
    }
    opts = with_configuration(opts, spec);
    let id = lb_lbs::create(client, &opts)
        .extract()
        .map_err(|e| (None, e))?
        .id();
    wait_until_active(client, id, wait).map_err(|e| (Some(id), e))?;
    Ok(id)
}

/// The configuration the create body takes: monitor, throttle, access list, metadata, logging,
/// caching, persistence and the redirect (which the plan keeps only where creation allows it).
fn with_configuration(mut opts: lb_lbs::CreateOpts, spec: &LbSpec) -> lb_lbs::CreateOpts {
    if let Some(m) = &spec.health_monitor {
        opts = opts.health_monitor(m.opts());
    }
    if let Some(t) = &spec.connection_throttle {
        opts = opts.connection_throttle(t.opts());
    }
    if !spec.access_list.is_empty() {
        opts = opts.access_list(access_opts(&spec.access_list));
    }
    for (key, value) in &spec.metadata {
        opts = opts.metadata(key, value);
    }
    if spec.connection_logging {
        opts = opts.connection_logging(true);
    }
    if spec.content_caching {
        opts = opts.content_caching(true);
    }
    if let Some(p) = &spec.session_persistence {
        opts = opts.session_persistence(p.clone());
    }
    if spec.https_redirect {
        opts = opts.https_redirect(true);
    }
    opts
}

/// Sends one change to load balancer `id` (which is `ACTIVE`).
fn send_to(c: &ServiceClient, id: u64, change: &Change) -> Result<(), Error> {
    let owner = Owner::LoadBalancer(id);
    // Each list of ids is at most ten long: one request, nothing to wait for between chunks.
    let no_wait = WaitOpts::default();
    match change {
        Change::CreateLb(_) => Err(Error::invalid_input("the load balancer exists already")),
        Change::UpdateLb {
            protocol,
            port,
            algorithm,
            timeout,
            half_closed,
        } => {
            let mut opts = lb_lbs::UpdateOpts::new();
            if let Some(on) = half_closed {
                opts = opts.half_closed(*on);
            }
            if let Some(p) = protocol {
                opts = opts.protocol(p.clone());
            }
            if let Some(p) = port {
                opts = opts.port(*p);
            }
            if let Some(a) = algorithm {
                opts = opts.algorithm(a.clone());
            }
            if let Some(t) = timeout {
                opts = opts.timeout(*t);
            }
            lb_lbs::update(c, id, &opts).extract_err()
        }
        Change::SetHttpsRedirect(on) => {
            lb_lbs::update(c, id, &lb_lbs::UpdateOpts::new().https_redirect(*on)).extract_err()
        }
        Change::AddVirtualIp(v) => {
            // The same wire names in the two crates' enums.
            let mut opts = lb_vips::AddOpts::new().vip_type(v.kind.clone());
            if let Some(version) = &v.ip_version {
                opts = opts.ip_version(version.clone());
            }
            lb_vips::add(c, id, &opts).extract().map(drop)
        }
        Change::RemoveVirtualIps { ids, .. } => {
            lb_vips::bulk_delete(c, id, ids, &no_wait).extract_err()
        }
        Change::SetSslTermination { ssl, certificate } => {
            let mut opts = lb_ssl::SetOpts::new()
                .secure_port(ssl.secure_port)
                .enabled(ssl.enabled)
                .secure_traffic_only(ssl.secure_traffic_only);
            if let Some(profile) = &ssl.cipher_profile {
                opts = opts.cipher_profile(profile.clone());
            }
            if *certificate {
                opts = opts.bundle(ssl.bundle("ssl_termination")?);
            }
            lb_ssl::set(c, id, &opts).extract_err()
        }
        Change::DeleteSslTermination => lb_ssl::delete(c, id).extract_err(),
        Change::AddMapping(m) => {
            let opts =
                lb_ssl::CreateMappingOpts::new(&m.host_name, m.bundle("certificate_mapping")?);
            lb_ssl::create_mapping(c, id, &opts).extract().map(drop)
        }
        Change::UpdateMapping {
            id: map_id,
            mapping,
        } => {
            let opts =
                lb_ssl::UpdateMappingOpts::new().bundle(mapping.bundle("certificate_mapping")?);
            lb_ssl::update_mapping(c, id, *map_id, &opts).extract_err()
        }
        Change::RemoveMapping { id: map_id, .. } => {
            lb_ssl::delete_mapping(c, id, *map_id).extract_err()
        }
        Change::SetErrorPage(page) => {
            lb_lbs::set_error_page(c, id, page.text().unwrap_or_default()).extract_err()
        }
        Change::SetMonitor(m) => lb_monitors::update(c, id, &m.opts()).extract_err(),
        Change::DeleteMonitor => lb_monitors::delete(c, id).extract_err(),
        Change::AddNodes(nodes) => {
            let opts = lb_nodes::CreateOpts::new(nodes.iter().map(|n| n.opts()));
            lb_nodes::create(c, id, &opts).extract_err()
        }
        Change::UpdateNode {
            id: node_id,
            condition,
            kind,
            weight,
            ..
        } => {
            let mut opts = lb_nodes::UpdateOpts::new();
            if let Some(x) = condition {
                opts = opts.condition(x.clone());
            }
            if let Some(x) = kind {
                opts = opts.node_type(x.clone());
            }
            if let Some(x) = weight {
                opts = opts.weight(*x);
            }
            lb_nodes::update(c, id, *node_id, &opts).extract_err()
        }
        Change::RemoveNodes { ids, .. } => {
            lb_nodes::bulk_delete(c, id, ids, &no_wait).extract_err()
        }
        Change::SetSessionPersistence(t) => {
            lb_sessions::enable(c, id, &lb_sessions::CreateOpts::new(t.clone())).extract_err()
        }
        Change::DisableSessionPersistence => lb_sessions::disable(c, id).extract_err(),
        Change::AppendAccess(items) => lb_acl::append(c, id, &access_opts(items)).extract_err(),
        Change::RemoveAccess { ids, .. } => lb_acl::bulk_delete(c, id, ids, &no_wait).extract_err(),
        Change::SetThrottle(t) => lb_throttle::set(c, id, &t.opts()).extract_err(),
        Change::DeleteThrottle => lb_throttle::delete(c, id).extract_err(),
        Change::SetLogging(true) => lb_lbs::enable_logging(c, id).extract_err(),
        Change::SetLogging(false) => lb_lbs::disable_logging(c, id).extract_err(),
        Change::SetCaching(true) => lb_lbs::enable_caching(c, id).extract_err(),
        Change::SetCaching(false) => lb_lbs::disable_caching(c, id).extract_err(),
        Change::AddMetadata(items) => lb_metadata::add(c, owner, &metadata_opts(items.iter()))
            .extract()
            .map(drop),
        Change::UpdateMetadata {
            id: meta_id, value, ..
        } => lb_metadata::update(c, owner, *meta_id, &lb_metadata::UpdateOpts::new(value))
            .extract_err(),
        Change::RemoveMetadata { ids, .. } => lb_metadata::bulk_delete(c, owner, ids).extract_err(),
    }
}
