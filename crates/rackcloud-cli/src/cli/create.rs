//! `rackcloud lb create …`: the clap types. A load balancer with its nodes, virtual IPs, settings
//! and the configuration the service takes in the same request.

use clap::Args;
use rackcloud_lb::core::model::MonitorType;
use rackcloud_lb::core::model::{IpVersion, NodeCondition, NodeOpts, NodeType, VipType};
use rackcloud_lb::lbs::{Algorithm, Protocol, VipOpts};
use rackcloud_lb::sessions::Type;

use super::WaitArgs;
use super::values::{known, parse_address, parse_name, parse_pair, parse_target};

/// `rackcloud lb create …`.
#[derive(Debug, Args)]
pub(crate) struct CreateArgs {
    /// The name (the server allows up to 128 characters)
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub(crate) name: String,

    /// The protocol (any case): HTTP, HTTPS, TCP, TCP_CLIENT_FIRST, UDP, UDP_STREAM, DNS_TCP,
    /// DNS_UDP, FTP, IMAPv4, IMAPS, LDAP, LDAPS, MYSQL, POP3, POP3S, SMTP, SFTP
    #[arg(
        long,
        value_name = "PROTOCOL",
        ignore_case = true,
        hide_possible_values = true,
        value_parser = known!(Protocol)
    )]
    pub(crate) protocol: Protocol,

    /// The port to listen on, 1 to 65535 [default: the protocol's usual port; TCP and UDP need one]
    #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) port: Option<u16>,

    /// A node, repeatable: ADDRESS:PORT, then optionally ,condition=ENABLED|DISABLED|DRAINING
    /// ,type=PRIMARY|SECONDARY ,weight=1..100 (for example 10.0.0.1:80,weight=5)
    #[arg(long = "node", value_name = "ADDRESS:PORT[,KEY=VALUE…]", value_parser = parse_node)]
    pub(crate) nodes: Vec<NodeOpts>,

    /// A virtual IP, repeatable: PUBLIC, SERVICENET, PUBLIC:IPV6 (a type and an IP version), or
    /// the id of a virtual IP to share with another load balancer [default: PUBLIC]
    #[arg(long = "vip", value_name = "TYPE[:VERSION]|ID", value_parser = parse_vip)]
    pub(crate) vips: Vec<VipOpts>,

    /// The balancing algorithm (any case): LEAST_CONNECTIONS, RANDOM, ROUND_ROBIN,
    /// WEIGHTED_LEAST_CONNECTIONS, WEIGHTED_ROUND_ROBIN [default: RANDOM]
    #[arg(
        long,
        value_name = "ALGORITHM",
        ignore_case = true,
        hide_possible_values = true,
        value_parser = known!(Algorithm)
    )]
    pub(crate) algorithm: Option<Algorithm>,

    /// Seconds an idle connection stays open, 30 to 120 [default: 30]
    #[arg(long, value_name = "SECONDS")]
    pub(crate) idle_timeout: Option<u32>,

    /// Let one side of a TCP connection close while the other still sends
    #[arg(long, value_name = "BOOL")]
    pub(crate) half_closed: Option<bool>,

    /// Redirect plain HTTP to HTTPS (an HTTPS load balancer on port 443)
    #[arg(long, value_name = "BOOL")]
    pub(crate) https_redirect: Option<bool>,

    #[command(flatten)]
    pub(crate) monitor: CreateMonitorArgs,

    /// Session persistence (any case): HTTP_COOKIE (HTTP), SOURCE_IP (any), SSL_ID (HTTPS)
    #[arg(
        long,
        value_name = "TYPE",
        ignore_case = true,
        value_parser = known!(Type)
    )]
    pub(crate) persistence: Option<Type>,

    /// Log connections
    #[arg(long, value_name = "BOOL")]
    pub(crate) logging: Option<bool>,

    /// Cache content (HTTP only)
    #[arg(long, value_name = "BOOL")]
    pub(crate) caching: Option<bool>,

    /// A metadata item, repeatable: KEY=VALUE (keys 1 to 32 characters, values 1 to 256, at
    /// most 25 items)
    #[arg(long = "metadata", value_name = "KEY=VALUE", value_parser = parse_pair)]
    pub(crate) metadata: Vec<(String, String)>,

    /// Let this address or CIDR network through, repeatable (ALLOW beats DENY)
    #[arg(long = "allow", value_name = "ADDRESS_OR_CIDR", value_parser = parse_address)]
    pub(crate) allow: Vec<String>,

    /// Refuse this address or CIDR network, repeatable (at most 100 items with --allow)
    #[arg(long = "deny", value_name = "ADDRESS_OR_CIDR", value_parser = parse_address)]
    pub(crate) deny: Vec<String>,

    /// Throttle: the most connections one client address may hold open, 1 to 100000
    #[arg(long, value_name = "COUNT")]
    pub(crate) max_connections: Option<u32>,

    #[command(flatten)]
    pub(crate) wait: WaitArgs,
}

/// The health monitor of `lb create`: `--monitor TYPE` and its settings, named as in
/// `lb health-monitor set` with a `monitor-` prefix.
#[derive(Debug, Args)]
pub(crate) struct CreateMonitorArgs {
    /// A health monitor: CONNECT, HTTP (HTTP load balancers) or HTTPS (HTTPS ones); it needs
    /// --monitor-delay, --monitor-timeout and --monitor-attempts
    #[arg(
        long = "monitor",
        value_name = "TYPE",
        ignore_case = true,
        requires_all = ["delay", "check_timeout", "attempts"],
        value_parser = known!(MonitorType)
    )]
    pub(crate) monitor_type: Option<MonitorType>,

    /// Seconds between two checks, 1 to 3600
    #[arg(
        long = "monitor-delay",
        value_name = "SECONDS",
        requires = "monitor_type"
    )]
    pub(crate) delay: Option<u32>,

    /// Seconds a check waits for an answer, 1 to 300
    #[arg(
        long = "monitor-timeout",
        value_name = "SECONDS",
        requires = "monitor_type"
    )]
    pub(crate) check_timeout: Option<u32>,

    /// Failed checks in a row before a node is taken out, 1 to 10
    #[arg(
        long = "monitor-attempts",
        value_name = "COUNT",
        requires = "monitor_type"
    )]
    pub(crate) attempts: Option<u32>,

    /// HTTP/HTTPS: the path to request, starting with /
    #[arg(long = "monitor-path", value_name = "PATH", requires = "monitor_type")]
    pub(crate) path: Option<String>,

    /// HTTP/HTTPS: the regular expression the status code must match
    #[arg(
        long = "monitor-status-regex",
        value_name = "REGEX",
        requires = "monitor_type"
    )]
    pub(crate) status_regex: Option<String>,

    /// HTTP/HTTPS: a regular expression the body must match
    #[arg(
        long = "monitor-body-regex",
        value_name = "REGEX",
        requires = "monitor_type"
    )]
    pub(crate) body_regex: Option<String>,

    /// HTTP/HTTPS: the Host header to send with each check (a host name)
    #[arg(
        long = "monitor-host-header",
        value_name = "HOST",
        requires = "monitor_type"
    )]
    pub(crate) host_header: Option<String>,
}

/// `ADDRESS:PORT[,condition=…][,type=…][,weight=…]`.
fn parse_node(text: &str) -> Result<NodeOpts, String> {
    let mut parts = text.split(',');
    let (address, port) = parse_target(parts.next().unwrap_or_default())?;
    let mut node = NodeOpts::new(address, port);
    for part in parts {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("{part:?} in {text:?} is not KEY=VALUE"))?;
        node = match key {
            "condition" => node.condition(known(value, "condition", NodeCondition::KNOWN_NAMES)?),
            "type" => node.node_type(known(value, "node type", NodeType::KNOWN_NAMES)?),
            "weight" => match value.parse::<u32>() {
                Ok(w) if (1..=100).contains(&w) => node.weight(w),
                _ => return Err(format!("weight={value}: a node weight is 1 to 100")),
            },
            _ => {
                return Err(format!(
                    "{key:?} in {text:?}: a node takes condition=, type= and weight="
                ));
            }
        };
    }
    Ok(node)
}

/// `PUBLIC`, `SERVICENET`, `PUBLIC:IPV6`, or a shared virtual IP's id.
fn parse_vip(text: &str) -> Result<VipOpts, String> {
    if let Ok(id) = text.parse::<u64>() {
        return match id {
            0 => Err("virtual IP ids start at 1".to_owned()),
            id => Ok(VipOpts::shared(id)),
        };
    }
    let (kind, version) = match text.split_once(':') {
        Some((kind, version)) => (kind, Some(version)),
        None => (text, None),
    };
    let vip = VipOpts::new(known(kind, "virtual IP type", VipType::KNOWN_NAMES)?);
    match version {
        None => Ok(vip),
        Some(version) => Ok(vip.ip_version(known(version, "IP version", IpVersion::KNOWN_NAMES)?)),
    }
}

/// One of `names` (any case), as `T`, or a message listing them.
fn known<T: std::str::FromStr>(text: &str, what: &str, names: &[&str]) -> Result<T, String> {
    let listed = names.iter().any(|n| n.eq_ignore_ascii_case(text.trim()));
    match text.parse::<T>() {
        Ok(value) if listed => Ok(value),
        _ => Err(format!(
            "{text:?} is not a {what}; use one of {}",
            names.join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_with_their_settings() {
        assert_eq!(
            parse_node("10.0.0.1:80,weight=5,type=secondary,condition=DRAINING"),
            Ok(NodeOpts::new("10.0.0.1", 80)
                .weight(5)
                .node_type(NodeType::Secondary)
                .condition(NodeCondition::Draining))
        );
        assert_eq!(
            parse_node("[2001:db8::1]:443"),
            Ok(NodeOpts::new("2001:db8::1", 443))
        );
        for bad in [
            "10.0.0.1",
            "10.0.0.1:80,weight=0",
            "10.0.0.1:80,weight",
            "10.0.0.1:80,colour=red",
            "10.0.0.1:80,type=TERTIARY",
        ] {
            assert!(parse_node(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn virtual_ips_new_or_shared() {
        assert_eq!(parse_vip("public"), Ok(VipOpts::public()));
        assert_eq!(
            parse_vip("PUBLIC:ipv6"),
            Ok(VipOpts::new(VipType::Public).ip_version(IpVersion::Ipv6))
        );
        assert_eq!(parse_vip("7"), Ok(VipOpts::shared(7)));
        for bad in ["0", "PRIVATE", "PUBLIC:IPV5", ""] {
            assert!(parse_vip(bad).is_err(), "{bad}");
        }
    }
}
