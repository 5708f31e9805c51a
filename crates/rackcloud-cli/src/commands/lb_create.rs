//! `rackcloud lb create`'s flags as the SDK's [`CreateOpts`]: one request with the nodes,
//! virtual IPs, settings and configuration given, checked before connecting.

use rackcloud_lb::core::Error;
use rackcloud_lb::core::model::{AppendItem, AppendOpts, ThrottleOpts};
use rackcloud_lb::lbs::{CreateOpts, CreateOptsBuilder, VipOpts};

use crate::cli::CreateArgs;
use crate::commands::health_monitor::MonitorFlags;

/// The options of the create request; an error when a flag's value can never be valid (the
/// SDK's checks), so that nothing is sent, not even a token request.
pub(crate) fn create_opts(args: &CreateArgs) -> Result<CreateOpts, Error> {
    let mut opts = CreateOpts::new(args.name.as_str(), args.protocol.clone());
    if let Some(port) = args.port {
        opts = opts.port(port);
    }
    if args.vips.is_empty() {
        opts = opts.virtual_ip(VipOpts::public());
    }
    for vip in &args.vips {
        opts = opts.virtual_ip(vip.clone());
    }
    for node in &args.nodes {
        opts = opts.node(node.clone());
    }
    if let Some(algorithm) = &args.algorithm {
        opts = opts.algorithm(algorithm.clone());
    }
    if let Some(seconds) = args.idle_timeout {
        opts = opts.timeout(seconds);
    }
    if let Some(on) = args.half_closed {
        opts = opts.half_closed(on);
    }
    if let Some(on) = args.https_redirect {
        opts = opts.https_redirect(on);
    }
    let m = &args.monitor;
    if let (Some(kind), Some(delay), Some(timeout), Some(attempts)) =
        (&m.monitor_type, m.delay, m.check_timeout, m.attempts)
    {
        let flags = MonitorFlags {
            prefix: "monitor-",
            kind,
            timing: (delay, timeout, attempts),
            path: m.path.as_deref(),
            status_regex: m.status_regex.as_deref(),
            body_regex: m.body_regex.as_deref(),
            host_header: m.host_header.as_deref(),
        };
        opts = opts.health_monitor(flags.options()?);
    }
    if let Some(persistence) = &args.persistence {
        opts = opts.session_persistence(persistence.clone());
    }
    if let Some(on) = args.logging {
        opts = opts.connection_logging(on);
    }
    if let Some(on) = args.caching {
        opts = opts.content_caching(on);
    }
    for (key, value) in &args.metadata {
        opts = opts.metadata(key, value);
    }
    let allowed = args.allow.iter().map(AppendItem::allow);
    let denied = args.deny.iter().map(AppendItem::deny);
    let items: AppendOpts = denied.chain(allowed).collect();
    if !items.items().is_empty() {
        opts = opts.access_list(items);
    }
    if let Some(max) = args.max_connections {
        opts = opts.connection_throttle(ThrottleOpts::new(max));
    }
    opts.to_lb_create_map()?;
    Ok(opts)
}
