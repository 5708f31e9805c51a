//! The load balancer model: its fields, its lazily computed status, and its JSON.

use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use crate::error_replies;
use crate::features::Features;
use crate::http::Reply;
pub(crate) use crate::node::Node;
use crate::node::is_weighted;
use crate::time;

/// The session persistence types the API accepts.
pub(crate) const PERSISTENCE_TYPES: [&str; 3] = ["HTTP_COOKIE", "SOURCE_IP", "SSL_ID"];

/// The protocols the API accepts, with their default port when the request gives none.
pub(crate) const PROTOCOLS: [(&str, Option<u16>); 18] = [
    ("DNS_TCP", Some(53)),
    ("DNS_UDP", Some(53)),
    ("FTP", Some(21)),
    ("HTTP", Some(80)),
    ("HTTPS", Some(443)),
    ("IMAPS", Some(993)),
    ("IMAPv4", Some(143)),
    ("LDAP", Some(389)),
    ("LDAPS", Some(636)),
    ("MYSQL", Some(3306)),
    ("POP3", Some(110)),
    ("POP3S", Some(995)),
    ("SFTP", Some(22)),
    ("SMTP", Some(25)),
    ("TCP", None),
    ("TCP_CLIENT_FIRST", None),
    ("UDP", None),
    ("UDP_STREAM", None),
];

/// The balancing algorithms the API accepts.
pub(crate) const ALGORITHMS: [&str; 5] = [
    "LEAST_CONNECTIONS",
    "RANDOM",
    "ROUND_ROBIN",
    "WEIGHTED_LEAST_CONNECTIONS",
    "WEIGHTED_ROUND_ROBIN",
];

/// One load balancer of one account in one region.
#[derive(Debug, Clone)]
pub(crate) struct LoadBalancer {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) protocol: String,
    pub(crate) port: u16,
    pub(crate) algorithm: String,
    pub(crate) timeout: u32,
    pub(crate) half_closed: bool,
    pub(crate) https_redirect: bool,
    pub(crate) persistence: Option<String>,
    pub(crate) virtual_ips: Vec<VirtualIp>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) features: Features,
    pub(crate) created: Timestamp,
    pub(crate) updated: Timestamp,
    phase: Phase,
}

/// A virtual IP of a load balancer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VirtualIp {
    pub(crate) id: u64,
    pub(crate) address: String,
    /// `PUBLIC` or `SERVICENET`.
    pub(crate) kind: String,
    /// `IPV4` or `IPV6`.
    pub(crate) ip_version: String,
}

/// Where a load balancer is in its life; the status is derived from it when asked.
#[derive(Debug, Clone)]
enum Phase {
    /// A status set from outside; it stays until the next accepted change.
    Forced(String),
    /// A transition (`BUILD`, `PENDING_UPDATE`, `PENDING_DELETE`) until a deadline, then `then`.
    Pending {
        status: &'static str,
        until: Option<Instant>,
        then: Settled,
    },
    Settled(Settled),
}

/// A status with no deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Settled {
    Active,
    Deleted,
}

impl LoadBalancer {
    /// A load balancer `ACTIVE` since `now`, with the given fields and no nodes or addresses.
    pub(crate) fn new(id: u64, name: &str, protocol: &str, port: u16, now: Timestamp) -> Self {
        LoadBalancer {
            id,
            name: name.to_owned(),
            protocol: protocol.to_owned(),
            port,
            algorithm: "RANDOM".to_owned(),
            timeout: 30,
            half_closed: false,
            https_redirect: false,
            persistence: None,
            virtual_ips: Vec::new(),
            nodes: Vec::new(),
            features: Features::default(),
            created: now,
            updated: now,
            phase: Phase::Settled(Settled::Active),
        }
    }

    /// The status as of `now`.
    pub(crate) fn status(&self, now: Instant) -> String {
        match &self.phase {
            Phase::Forced(status) => status.clone(),
            Phase::Pending {
                status,
                until,
                then,
            } => {
                if time::passed(*until, now) {
                    settled_name(*then).to_owned()
                } else {
                    (*status).to_owned()
                }
            }
            Phase::Settled(settled) => settled_name(*settled).to_owned(),
        }
    }

    /// Starts a transition: `status` for `duration`, then `then`. Clears a forced status.
    pub(crate) fn begin(&mut self, status: &'static str, duration: Duration, then: Settled) {
        self.phase = Phase::Pending {
            status,
            until: time::deadline(Instant::now(), duration),
            then,
        };
        self.updated = Timestamp::now();
    }

    /// The service's status check before a change: `Ok` when `ACTIVE`, otherwise the 422
    /// `Load Balancer '{id}' has a status of '{status}' and is considered immutable.`
    pub(crate) fn check_mutable(&self, now: Instant) -> Result<(), Reply> {
        let status = self.status(now);
        if status == "ACTIVE" {
            Ok(())
        } else {
            Err(error_replies::immutable(self.id, &status))
        }
    }

    /// Accepts a change as the service does: `PENDING_UPDATE` for `pending_time`, then `ACTIVE`.
    pub(crate) fn begin_update(&mut self, pending_time: Duration) {
        self.begin("PENDING_UPDATE", pending_time, Settled::Active);
    }

    /// Forces a status until the next accepted change.
    pub(crate) fn force(&mut self, status: &str) {
        self.phase = match status {
            "ACTIVE" => Phase::Settled(Settled::Active),
            "DELETED" => Phase::Settled(Settled::Deleted),
            other => Phase::Forced(other.to_owned()),
        };
    }

    /// `{"loadBalancer":{…}}` for `GET /loadbalancers/{id}` and the create answer.
    pub(crate) fn detail_json(&self, status: &str, region: &str) -> Value {
        let mut lb = self.common_json(status);
        lb.insert("timeout".into(), json!(self.timeout));
        lb.insert("halfClosed".into(), json!(self.half_closed));
        lb.insert("httpsRedirect".into(), json!(self.https_redirect));
        let weighted = is_weighted(&self.algorithm);
        lb.insert(
            "nodes".into(),
            Value::Array(self.nodes.iter().map(|n| n.json(weighted)).collect()),
        );
        lb.insert("cluster".into(), json!({"name": cluster_name(region)}));
        lb.insert("sourceAddresses".into(), source_addresses(self.id));
        if let Some(persistence) = &self.persistence {
            lb.insert(
                "sessionPersistence".into(),
                json!({"persistenceType": persistence}),
            );
        }
        self.features.embed(&mut lb);
        json!({"loadBalancer": lb})
    }

    /// One element of `GET /loadbalancers`.
    pub(crate) fn summary_json(&self, status: &str) -> Value {
        let mut lb = self.common_json(status);
        lb.insert("nodeCount".into(), json!(self.nodes.len()));
        lb.insert("timeout".into(), json!(self.timeout));
        Value::Object(lb)
    }

    fn common_json(&self, status: &str) -> Map<String, Value> {
        let mut lb = Map::new();
        lb.insert("id".into(), json!(self.id));
        lb.insert("name".into(), json!(self.name));
        lb.insert("protocol".into(), json!(self.protocol));
        lb.insert("port".into(), json!(self.port));
        lb.insert("algorithm".into(), json!(self.algorithm));
        lb.insert("status".into(), json!(status));
        lb.insert(
            "virtualIps".into(),
            Value::Array(self.virtual_ips.iter().map(VirtualIp::json).collect()),
        );
        lb.insert(
            "created".into(),
            json!({"time": time::lb_time(self.created)}),
        );
        lb.insert(
            "updated".into(),
            json!({"time": time::lb_time(self.updated)}),
        );
        lb
    }
}

impl VirtualIp {
    /// A new virtual IP with an address derived from its id.
    pub(crate) fn allocate(id: u64, kind: &str, ip_version: &str) -> VirtualIp {
        let address = match (kind, ip_version) {
            (_, "IPV6") => format!("2001:db8::{id:x}"),
            ("SERVICENET", _) => format!("10.183.{}.{}", (id / 254) % 256, id % 254 + 1),
            _ => format!("203.0.113.{}", id % 254 + 1),
        };
        VirtualIp {
            id,
            address,
            kind: kind.to_owned(),
            ip_version: ip_version.to_owned(),
        }
    }

    fn json(&self) -> Value {
        json!({"id": self.id, "address": self.address, "type": self.kind, "ipVersion": self.ip_version})
    }
}

/// Whether a persistence type may be enabled on a protocol; `Err` holds the server's message.
pub(crate) fn persistence_fits(persistence_type: &str, protocol: &str) -> Result<(), &'static str> {
    match persistence_type {
        "HTTP_COOKIE" if protocol != "HTTP" => Err(
            "HTTP_COOKIE Session persistence is only valid with HTTP protocol with or without SSL termination.",
        ),
        "SSL_ID" if protocol != "HTTPS" => {
            Err("SSL_ID session persistence is only valid with the HTTPS protocol.")
        }
        _ => Ok(()),
    }
}

/// The persistence mode kept when the protocol changes to `protocol`: HTTP keeps `HTTP_COOKIE`,
/// HTTPS keeps `SSL_ID`, any other protocol keeps `SOURCE_IP`; everything else is disabled.
pub(crate) fn persistence_after_protocol_change(
    persistence: Option<String>,
    protocol: &str,
) -> Option<String> {
    let kept = match protocol {
        "HTTP" => "HTTP_COOKIE",
        "HTTPS" => "SSL_ID",
        _ => "SOURCE_IP",
    };
    persistence.filter(|p| p == kept)
}

fn settled_name(settled: Settled) -> &'static str {
    match settled {
        Settled::Active => "ACTIVE",
        Settled::Deleted => "DELETED",
    }
}

fn cluster_name(region: &str) -> String {
    format!(
        "ztm-n01.{}1.lbaas.emulator.invalid",
        region.to_ascii_lowercase()
    )
}

fn source_addresses(id: u64) -> Value {
    json!({
        "ipv4Public": format!("198.51.100.{}", id % 254 + 1),
        "ipv4Servicenet": format!("10.183.252.{}", id % 254 + 1),
        "ipv6Public": format!("2001:db8:ffff::{id:x}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_the_phase() {
        let mut lb = LoadBalancer::new(1, "web", "HTTP", 80, Timestamp::now());
        let now = Instant::now();
        assert_eq!(lb.status(now), "ACTIVE");
        lb.begin("PENDING_UPDATE", Duration::from_secs(60), Settled::Active);
        assert_eq!(lb.status(Instant::now()), "PENDING_UPDATE");
        assert_eq!(
            lb.status(Instant::now() + Duration::from_secs(61)),
            "ACTIVE"
        );
        lb.begin("PENDING_DELETE", Duration::ZERO, Settled::Deleted);
        assert_eq!(lb.status(Instant::now()), "DELETED");
        lb.force("ERROR");
        assert_eq!(lb.status(Instant::now()), "ERROR");
        lb.force("ACTIVE");
        assert_eq!(lb.status(Instant::now()), "ACTIVE");
    }

    #[test]
    fn only_an_active_load_balancer_is_mutable() {
        let mut lb = LoadBalancer::new(7, "web", "HTTP", 80, Timestamp::now());
        assert_eq!(lb.check_mutable(Instant::now()), Ok(()));
        lb.begin_update(Duration::from_secs(60));
        assert_eq!(
            lb.check_mutable(Instant::now()),
            Err(error_replies::immutable(7, "PENDING_UPDATE"))
        );
        let later = Instant::now() + Duration::from_secs(61);
        assert_eq!(lb.check_mutable(later), Ok(()));
    }

    #[test]
    fn protocol_change_keeps_only_the_fitting_mode() {
        let keep = |p: &str, proto: &str| persistence_after_protocol_change(Some(p.into()), proto);
        assert_eq!(keep("HTTP_COOKIE", "HTTP").as_deref(), Some("HTTP_COOKIE"));
        assert_eq!(keep("HTTP_COOKIE", "HTTPS"), None);
        assert_eq!(keep("SSL_ID", "HTTPS").as_deref(), Some("SSL_ID"));
        assert_eq!(keep("SOURCE_IP", "TCP").as_deref(), Some("SOURCE_IP"));
        assert_eq!(keep("SOURCE_IP", "HTTP"), None);
    }
}
