//! The types the operations return, and the result wrappers with their `extract` methods.

use rackcloud_core::{Error, result_type};
use serde::Deserialize;

use crate::Status;
use crate::kinds::{Algorithm, IpVersion, Protocol, VipType};
use rackcloud_core::HasLbStatus;

/// A load balancer, as `GET /loadbalancers/{id}`, `POST /loadbalancers` and the items of
/// `GET /loadbalancers` describe it.
///
/// The list gives fewer fields than a single load balancer: [`timeout`](LoadBalancer::timeout)
/// and [`half_closed`](LoadBalancer::half_closed) are `None` there, and
/// [`session_persistence`](LoadBalancer::session_persistence) is `None` whatever its setting.
/// Read one load balancer with [`get`](crate::get) to see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadBalancer {
    id: u64,
    name: String,
    protocol: Protocol,
    port: u16,
    status: Status,
    algorithm: Algorithm,
    virtual_ips: Vec<VirtualIp>,
    node_count: usize,
    session_persistence: Option<String>,
    timeout: Option<u32>,
    half_closed: Option<bool>,
    created: String,
    updated: String,
}

impl LoadBalancer {
    /// The id, unique within the account.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The protocol.
    pub fn protocol(&self) -> &Protocol {
        &self.protocol
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The status when the answer was made.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// The balancing algorithm.
    pub fn algorithm(&self) -> &Algorithm {
        &self.algorithm
    }

    /// The virtual IPs it listens on.
    pub fn virtual_ips(&self) -> &[VirtualIp] {
        &self.virtual_ips
    }

    /// How many back-end nodes it has (`nodeCount` in a list, the length of `nodes` otherwise).
    pub fn node_count(&self) -> usize {
        self.node_count
    }

    /// The session persistence mode (`HTTP_COOKIE`, `SOURCE_IP`, `SSL_ID`, …) as the server
    /// wrote it, or `None` when it is disabled (or not reported, as in a list).
    ///
    /// The string converts into `lb_sessions::Type` with `Type::from`; this crate does not
    /// depend on `lb-sessions`.
    pub fn session_persistence(&self) -> Option<&str> {
        self.session_persistence.as_deref()
    }

    /// The idle timeout in seconds, when reported (not in a list).
    pub fn timeout(&self) -> Option<u32> {
        self.timeout
    }

    /// Whether half-closed TCP connections are supported, when reported (not in a list).
    pub fn half_closed(&self) -> Option<bool> {
        self.half_closed
    }

    /// When it was created, as the server wrote it (`2026-11-25T03:21:04Z`).
    pub fn created(&self) -> &str {
        &self.created
    }

    /// When it was last changed, as the server wrote it.
    pub fn updated(&self) -> &str {
        &self.updated
    }
}

/// A virtual IP a load balancer listens on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VirtualIp {
    id: u64,
    address: String,
    #[serde(rename = "type")]
    kind: VipType,
    ip_version: IpVersion,
}

impl VirtualIp {
    /// Its id; another load balancer of the account can share it by this id
    /// ([`VipOpts::shared`](crate::VipOpts::shared)).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The address.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// `PUBLIC` or `SERVICENET`.
    pub fn kind(&self) -> &VipType {
        &self.kind
    }

    /// `IPV4` or `IPV6`.
    pub fn ip_version(&self) -> &IpVersion {
        &self.ip_version
    }
}

impl HasLbStatus for LoadBalancer {
    fn status_of_lb(&self) -> &Status {
        &self.status
    }
}

result_type! {
    /// The result of [`list`](crate::list): one page.
    #[must_use = "call extract to read the page"]
    pub struct ListResult(RequestResult);
}

result_type! {
    /// The result of [`get`](crate::get).
    #[must_use = "call extract to read the load balancer"]
    pub struct GetResult(RequestResult);
}

result_type! {
    /// The result of [`create`](crate::create).
    #[must_use = "call extract to read the new load balancer"]
    pub struct CreateResult(RequestResult);
}

result_type! {
    /// The result of [`update`](crate::update): accepted (202; the load balancer is
    /// `PENDING_UPDATE` until the change is applied), or the error (invalid input, 400, 404,
    /// 410, 422 [`Immutable`](rackcloud_core::ErrorKind::Immutable) unless `ACTIVE`).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct UpdateResult(ErrResult);
}

result_type! {
    /// The result of [`delete`](crate::delete): accepted (202; `PENDING_DELETE`, then
    /// `DELETED`), or the error (404, 410 when already deleted, 422
    /// [`Immutable`](rackcloud_core::ErrorKind::Immutable) unless `ACTIVE` or `ERROR`).
    #[must_use = "call extract_err to learn whether the deletion was accepted"]
    pub struct DeleteResult(ErrResult);
}

impl ListResult {
    /// The load balancers of the page, by id; empty after the last page.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"loadBalancers":[…]}`.
    pub fn extract(self) -> Result<Vec<LoadBalancer>, Error> {
        let body: ListBody = self.0.extract_json()?;
        Ok(body.load_balancers.into_iter().map(Into::into).collect())
    }
}

impl GetResult {
    /// The load balancer.
    ///
    /// # Errors
    ///
    /// The request's error (404 [`NotFound`](rackcloud_core::ErrorKind::NotFound), …), or a
    /// [`Decode`](rackcloud_core::ErrorKind::Decode) error when the body is not
    /// `{"loadBalancer":{…}}`.
    pub fn extract(self) -> Result<LoadBalancer, Error> {
        let body: OneBody = self.0.extract_json()?;
        Ok(body.load_balancer.into())
    }
}

impl CreateResult {
    /// The new load balancer, in `BUILD` until it is ready.
    ///
    /// # Errors
    ///
    /// The request's error (invalid input, 400 validation, 413 over an absolute limit, …), or a
    /// [`Decode`](rackcloud_core::ErrorKind::Decode) error when the body is not
    /// `{"loadBalancer":{…}}`.
    pub fn extract(self) -> Result<LoadBalancer, Error> {
        let body: OneBody = self.0.extract_json()?;
        Ok(body.load_balancer.into())
    }
}

/// `{"loadBalancers":[…]}`.
#[derive(Deserialize)]
struct ListBody {
    #[serde(rename = "loadBalancers")]
    load_balancers: Vec<LoadBalancerBody>,
}

/// `{"loadBalancer":{…}}`.
#[derive(Deserialize)]
struct OneBody {
    #[serde(rename = "loadBalancer")]
    load_balancer: LoadBalancerBody,
}

/// A load balancer on the wire: the fields every answer has are required, the others default.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoadBalancerBody {
    id: u64,
    name: String,
    protocol: Protocol,
    port: u16,
    status: Status,
    algorithm: Algorithm,
    #[serde(default)]
    virtual_ips: Vec<VirtualIp>,
    #[serde(default)]
    node_count: Option<usize>,
    #[serde(default)]
    nodes: Option<Vec<serde::de::IgnoredAny>>,
    #[serde(default)]
    session_persistence: Option<PersistenceBody>,
    #[serde(default)]
    timeout: Option<u32>,
    #[serde(default)]
    half_closed: Option<bool>,
    created: TimeBody,
    updated: TimeBody,
}

/// `{"persistenceType":"…"}`, or `{}` when disabled.
#[derive(Deserialize)]
struct PersistenceBody {
    #[serde(rename = "persistenceType", default)]
    persistence_type: Option<String>,
}

/// `{"time":"2026-11-25T03:21:04Z"}`.
#[derive(Deserialize)]
struct TimeBody {
    time: String,
}

impl From<LoadBalancerBody> for LoadBalancer {
    fn from(body: LoadBalancerBody) -> LoadBalancer {
        let node_count = body
            .node_count
            .or_else(|| body.nodes.as_ref().map(Vec::len))
            .unwrap_or(0);
        LoadBalancer {
            id: body.id,
            name: body.name,
            protocol: body.protocol,
            port: body.port,
            status: body.status,
            algorithm: body.algorithm,
            virtual_ips: body.virtual_ips,
            node_count,
            session_persistence: body
                .session_persistence
                .and_then(|p| p.persistence_type)
                .filter(|t| !t.is_empty()),
            timeout: body.timeout,
            half_closed: body.half_closed,
            created: body.created.time,
            updated: body.updated.time,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(body: &str) -> Option<LoadBalancer> {
        serde_json::from_str::<OneBody>(body)
            .ok()
            .map(|b| b.load_balancer.into())
    }

    const DETAIL: &str = r#"{"loadBalancer":{"id":7,"name":"web","protocol":"HTTP","port":80,
        "algorithm":"RANDOM","status":"ACTIVE","timeout":30,"halfClosed":false,
        "virtualIps":[{"id":1,"address":"203.0.113.2","type":"PUBLIC","ipVersion":"IPV4"}],
        "nodes":[{"id":1},{"id":2}],"sessionPersistence":{"persistenceType":"HTTP_COOKIE"},
        "created":{"time":"2026-01-02T03:04:05Z"},"updated":{"time":"2026-01-02T03:04:06Z"},
        "cluster":{"name":"ztm"},"future":[1,2,3]}}"#;

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
        assert_eq!(lb.session_persistence(), Some("HTTP_COOKIE"));
        assert_eq!((lb.timeout(), lb.half_closed()), (Some(30), Some(false)));
        assert_eq!(
            (lb.created(), lb.updated()),
            ("2026-01-02T03:04:05Z", "2026-01-02T03:04:06Z")
        );
        let vip = &lb.virtual_ips()[0];
        assert_eq!(
            (vip.id(), vip.address(), vip.kind(), vip.ip_version()),
            (1, "203.0.113.2", &VipType::Public, &IpVersion::Ipv4)
        );
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
        assert!(one(&DETAIL.replace(r#""port":80"#, r#""port":"80""#)).is_none());
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
