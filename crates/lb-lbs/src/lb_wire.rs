//! The load balancer on the wire: what every answer has is required, the rest defaults;
//! booleans and numbers are read from strings too (docs/api/conventions.md).

use rackcloud_core::model::PersistenceType;
use serde::Deserialize;
use serde::de::Error as _;

use crate::Status;
use crate::kinds::{Algorithm, Protocol};
use crate::lb_parts::{AccessItem, MetadataItem, SourceAddresses, SslSummary, Throttle};
use crate::load_balancer::LoadBalancer;
use rackcloud_core::kit::lenient::{opt_bool, opt_u64};
use rackcloud_core::model::{HealthMonitor, Node, VirtualIp};

/// `{"loadBalancer":{…}}`: the answer of a read or a creation.
#[derive(Deserialize)]
struct OneBody {
    #[serde(rename = "loadBalancer")]
    load_balancer: LoadBalancerBody,
}

/// The load balancer of a read's or a creation's answer.
pub(crate) fn read_one(
    result: rackcloud_core::RequestResult,
) -> Result<LoadBalancer, rackcloud_core::Error> {
    let body: OneBody = result.extract_json()?;
    Ok(body.load_balancer.into())
}

/// A load balancer as any answer gives it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct LoadBalancerBody {
    #[serde(deserialize_with = "rackcloud_core::kit::lenient::id")]
    id: u64,
    name: String,
    #[serde(default)]
    protocol: Option<Protocol>,
    #[serde(default, deserialize_with = "port")]
    port: Option<u16>,
    status: Status,
    #[serde(default)]
    algorithm: Option<Algorithm>,
    #[serde(default)]
    virtual_ips: Vec<VirtualIp>,
    #[serde(default, deserialize_with = "opt_u64")]
    node_count: Option<u64>,
    #[serde(default)]
    nodes: Option<Vec<Node>>,
    #[serde(default)]
    session_persistence: Option<PersistenceBody>,
    #[serde(default, deserialize_with = "opt_u64")]
    timeout: Option<u64>,
    #[serde(default, deserialize_with = "opt_bool")]
    half_closed: Option<bool>,
    #[serde(default, deserialize_with = "opt_bool")]
    https_redirect: Option<bool>,
    #[serde(default)]
    connection_logging: Option<Switch>,
    #[serde(default)]
    content_caching: Option<Switch>,
    #[serde(default)]
    connection_throttle: Option<Throttle>,
    #[serde(default, deserialize_with = "HealthMonitor::deserialize_configured")]
    health_monitor: Option<HealthMonitor>,
    #[serde(default)]
    access_list: Vec<AccessItem>,
    #[serde(default)]
    metadata: Vec<MetadataItem>,
    #[serde(default)]
    source_addresses: Option<SourceAddresses>,
    #[serde(default)]
    ssl_termination: Option<SslSummary>,
    #[serde(default)]
    cluster: Option<Named>,
    #[serde(default)]
    created: Option<TimeBody>,
    #[serde(default)]
    updated: Option<TimeBody>,
}

/// `{"persistenceType":"…"}`, or `{}` when disabled.
#[derive(Deserialize)]
struct PersistenceBody {
    #[serde(rename = "persistenceType", default)]
    persistence_type: Option<String>,
}

/// `{"enabled":bool}`.
#[derive(Deserialize)]
struct Switch {
    #[serde(default, deserialize_with = "opt_bool")]
    enabled: Option<bool>,
}

/// `{"name":"…"}`.
#[derive(Deserialize)]
struct Named {
    name: String,
}

/// `{"time":"2026-11-25T03:21:04Z"}`.
#[derive(Deserialize)]
struct TimeBody {
    time: String,
}

/// A port: a number or a numeric string, 0 to 65535; anything else does not decode.
fn port<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => n
            .as_u64()
            .and_then(|p| u16::try_from(p).ok())
            .map(Some)
            .ok_or_else(|| D::Error::custom("a port is 0 to 65535")),
        serde_json::Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| D::Error::custom("a port is 0 to 65535")),
        _ => Err(D::Error::custom("a port is a number")),
    }
}

impl From<LoadBalancerBody> for LoadBalancer {
    fn from(body: LoadBalancerBody) -> LoadBalancer {
        let nodes = body.nodes.unwrap_or_default();
        let node_count = body
            .node_count
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(nodes.len());
        LoadBalancer {
            id: body.id,
            name: body.name,
            protocol: body
                .protocol
                .unwrap_or_else(|| Protocol::Other(String::new())),
            port: body.port.unwrap_or(0),
            status: body.status,
            algorithm: body
                .algorithm
                .unwrap_or_else(|| Algorithm::Other(String::new())),
            virtual_ips: body.virtual_ips,
            node_count,
            nodes,
            session_persistence: body
                .session_persistence
                .and_then(|p| p.persistence_type)
                .filter(|t| !t.is_empty())
                .map(PersistenceType::from),
            timeout: body.timeout.and_then(|t| u32::try_from(t).ok()),
            half_closed: body.half_closed,
            https_redirect: body.https_redirect,
            connection_logging: body.connection_logging.and_then(|s| s.enabled),
            content_caching: body.content_caching.and_then(|s| s.enabled),
            throttle: body.connection_throttle,
            health_monitor: body.health_monitor,
            access_list: body.access_list,
            metadata: body.metadata,
            source_addresses: body.source_addresses,
            ssl_termination: body.ssl_termination,
            cluster: body.cluster.map(|c| c.name),
            created: body.created.map(|t| t.time).unwrap_or_default(),
            updated: body.updated.map(|t| t.time).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OneBody;
    use super::*;
    use crate::Status;
    use crate::kinds::{Algorithm, Protocol};
    use crate::results::ListBody;
    use proptest::prelude::*;
    use rackcloud_core::model::{IpVersion, VipType};
    use rackcloud_core::model::{MonitorType, NodeStatus, NodeType, RuleType};

    fn one(body: &str) -> Option<LoadBalancer> {
        serde_json::from_str::<OneBody>(body)
            .ok()
            .map(|b| b.load_balancer.into())
    }

    const DETAIL: &str = r#"{"loadBalancer":{"id":7,"name":"web","protocol":"HTTP","port":80,
        "algorithm":"RANDOM","status":"ACTIVE","timeout":30,"halfClosed":false,
        "virtualIps":[{"id":1,"address":"203.0.113.2","type":"PUBLIC","ipVersion":"IPV4"}],
        "nodes":[{"id":1,"address":"10.1.1.1","port":80,"condition":"ENABLED"},
                 {"id":2,"address":"10.1.1.2","port":80,"condition":"ENABLED"}],"sessionPersistence":{"persistenceType":"HTTP_COOKIE"},
        "created":{"time":"2026-01-02T03:04:05Z"},"updated":{"time":"2026-01-02T03:04:06Z"},
        "cluster":{"name":"ztm"},"future":[1,2,3]}}"#;

    const FULL: &str = r#"{"loadBalancer":{"id":"7","name":"web","protocol":"HTTP","port":"80",
        "algorithm":"WEIGHTED_ROUND_ROBIN","status":"ACTIVE","timeout":"30","halfClosed":"false",
        "httpsRedirect":true,"cluster":{"name":"ztm-n01.dfw1"},"virtualIps":[],
        "nodes":[{"id":1041,"address":"10.1.1.1","port":80,"condition":"ENABLED","status":"ONLINE","type":"PRIMARY","weight":3}],
        "connectionLogging":{"enabled":"true"},"contentCaching":{"enabled":false},
        "connectionThrottle":{"maxConnections":100},
        "healthMonitor":{"type":"CONNECT","delay":10,"timeout":5,"attemptsBeforeDeactivation":2},
        "accessList":[{"id":21,"address":"206.160.163.21","type":"DENY"}],
        "metadata":[{"id":1,"key":"color","value":"red"}],
        "sourceAddresses":{"ipv4Public":"203.0.113.200","ipv4Servicenet":"10.183.252.25"},
        "sslTermination":{"enabled":true,"secureTrafficOnly":false,"securePort":443},
        "created":{"time":"2026-01-02T03:04:05Z"}}}"#;

    #[test]
    fn a_detail_body_decodes_every_field() {
        let lb = one(DETAIL).expect("decodes");
        assert_eq!(
            (lb.id(), lb.name(), lb.port(), lb.node_count()),
            (7, "web", 80, 2)
        );
        assert_eq!(
            (lb.protocol(), lb.status(), lb.algorithm()),
            (&Protocol::Http, &Status::Active, &Algorithm::Random)
        );
        assert_eq!(lb.session_persistence(), Some(&PersistenceType::HttpCookie));
        assert_eq!((lb.timeout(), lb.half_closed()), (Some(30), Some(false)));
        assert_eq!(
            (lb.created(), lb.updated()),
            ("2026-01-02T03:04:05Z", "2026-01-02T03:04:06Z")
        );
        let vip = &lb.virtual_ips()[0];
        assert_eq!(
            (vip.id(), vip.address(), vip.vip_type(), vip.ip_version()),
            (1, "203.0.113.2", &VipType::Public, &IpVersion::Ipv4)
        );
    }

    #[test]
    fn every_part_of_the_object_is_read() {
        let lb = one(FULL).expect("decodes");
        assert_eq!(
            (lb.https_redirect(), lb.half_closed()),
            (Some(true), Some(false))
        );
        assert_eq!(
            (lb.connection_logging(), lb.content_caching()),
            (Some(true), Some(false))
        );
        assert_eq!(lb.cluster(), Some("ztm-n01.dfw1"));
        let node = &lb.nodes()[0];
        assert_eq!(
            (node.id(), node.address(), node.port(), node.status()),
            (1041, "10.1.1.1", 80, &NodeStatus::Online)
        );
        assert_eq!(
            (node.node_type(), node.weight()),
            (&NodeType::Primary, Some(3))
        );
        let monitor = lb.health_monitor().expect("monitor");
        assert_eq!(
            (
                monitor.monitor_type(),
                monitor.delay(),
                monitor.attempts_before_deactivation()
            ),
            (&MonitorType::Connect, 10, 2)
        );
        assert_eq!(lb.access_list()[0].kind(), &RuleType::Deny);
        assert_eq!(
            (lb.metadata()[0].key(), lb.metadata()[0].value()),
            ("color", "red")
        );
        assert_eq!(
            lb.connection_throttle().and_then(|t| t.max_connections()),
            Some(100)
        );
        let source = lb.source_addresses().expect("source addresses");
        assert_eq!(
            (source.ipv4_public(), source.ipv6_servicenet()),
            (Some("203.0.113.200"), None)
        );
        assert_eq!(
            lb.ssl_termination().and_then(|s| s.secure_port()),
            Some(443)
        );
        assert_eq!(
            lb.created_at().map(|t| t.to_string()).as_deref(),
            Some("2026-01-02T03:04:05Z")
        );
        assert_eq!(lb.updated(), "");
        assert_eq!(lb.updated_at(), None);
    }

    #[test]
    fn disabled_persistence_and_list_items() {
        let disabled = DETAIL.replace(r#"{"persistenceType":"HTTP_COOKIE"}"#, "{}");
        assert_eq!(one(&disabled).expect("decodes").session_persistence(), None);
        let list = r#"{"loadBalancers":[{"id":1,"name":"a","protocol":"UDP_STREAM","port":53,
            "algorithm":"NEW_ALGO","status":"REBALANCING","nodeCount":4,"virtualIps":[],
            "created":{"time":"t1"},"updated":{"time":"t2"}}]}"#;
        let body: ListBody = serde_json::from_str(list).expect("decodes");
        let lb: LoadBalancer = body.load_balancers.into_iter().next().expect("one").into();
        assert_eq!(lb.node_count(), 4);
        assert_eq!(lb.status(), &Status::Other("REBALANCING".into()));
        assert_eq!(lb.algorithm(), &Algorithm::Other("NEW_ALGO".into()));
        assert_eq!((lb.timeout(), lb.session_persistence()), (None, None));
    }

    #[test]
    fn a_missing_required_field_is_a_decode_failure() {
        assert!(one(&DETAIL.replace(r#""status":"ACTIVE","#, "")).is_none());
        assert!(one(&DETAIL.replace(r#""port":80"#, r#""port":[80]"#)).is_none());
        assert!(one(&DETAIL.replace(r#""port":80"#, r#""port":"80""#)).is_some());
        assert!(one(r#"{"loadBalancers":[]}"#).is_none());
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..512)) {
            let _ = serde_json::from_slice::<OneBody>(&body).map(|b| LoadBalancer::from(b.load_balancer));
            let _ = serde_json::from_slice::<ListBody>(&body);
        }

        #[test]
        fn any_status_string_is_kept(status in ".{0,24}") {
            let body = DETAIL.replace(r#""status":"ACTIVE""#, &format!(r#""status":{}"#, serde_json::json!(status)));
            let lb = one(&body).expect("valid JSON");
            prop_assert_eq!(lb.status().as_str(), status.as_str());
        }
    }
}
