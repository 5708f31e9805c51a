//! The virtual IP type, the result wrappers with their `extract` methods, and the private wire
//! structs they decode.

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

use rackcloud_core::model::{IpVersion, VipType};

/// A virtual IP of a load balancer: an address it listens on.
///
/// Read it from [`list`](crate::list) or [`add`](crate::add).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VirtualIp {
    id: u64,
    address: String,
    vip_type: VipType,
    ip_version: IpVersion,
}

impl VirtualIp {
    /// The virtual IP's id, for [`delete`](crate::delete) and [`bulk_delete`](crate::bulk_delete).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The address, as the server wrote it (`203.0.113.10`, `2001:db8::1`).
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The network it is on: `PUBLIC` or `SERVICENET`.
    pub fn vip_type(&self) -> &VipType {
        &self.vip_type
    }

    /// `IPV4` or `IPV6`.
    pub fn ip_version(&self) -> &IpVersion {
        &self.ip_version
    }
}

result_type! {
    /// The result of [`list`](crate::list).
    #[must_use = "call extract to read the virtual IPs"]
    pub struct ListResult(RequestResult);
}

result_type! {
    /// The result of [`add`](crate::add): the new virtual IP, or the error (400 for anything but
    /// a public IPv6 address, 413 at the IPv6 limit, 422 while the load balancer is busy, …).
    #[must_use = "call extract to read the new virtual IP"]
    pub struct AddResult(RequestResult);
}

result_type! {
    /// The result of [`delete`](crate::delete): accepted (200 or 202), or the error (400 for the
    /// last virtual IP, 404, 422 while the load balancer is busy, …).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct DeleteResult(ErrResult);
}

impl ListResult {
    /// The virtual IPs, in the server's order.
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not `{"virtualIps":[…]}`.
    pub fn extract(self) -> Result<Vec<VirtualIp>, Error> {
        let body: ListBody = self.0.extract_json()?;
        Ok(body.virtual_ips.into_iter().map(VirtualIp::from).collect())
    }
}

impl AddResult {
    /// The virtual IP the server added (the answer is not wrapped in a root key).
    ///
    /// # Errors
    ///
    /// The request's error, or a [`Decode`](rackcloud_core::ErrorKind::Decode) error when the
    /// body is not one virtual IP.
    pub fn extract(self) -> Result<VirtualIp, Error> {
        let body: VipBody = self.0.extract_json()?;
        Ok(VirtualIp::from(body))
    }
}

/// `{"virtualIps":[…]}`.
#[derive(Deserialize)]
struct ListBody {
    #[serde(rename = "virtualIps")]
    virtual_ips: Vec<VipBody>,
}

/// `{"id":1000,"address":"203.0.113.10","type":"PUBLIC","ipVersion":"IPV4"}`.
#[derive(Deserialize)]
struct VipBody {
    #[serde(deserialize_with = "rackcloud_core::kit::lenient::id")]
    id: u64,
    address: String,
    #[serde(rename = "type")]
    vip_type: VipType,
    #[serde(rename = "ipVersion")]
    ip_version: IpVersion,
}

impl From<VipBody> for VirtualIp {
    fn from(body: VipBody) -> VirtualIp {
        VirtualIp {
            id: body.id,
            address: body.address,
            vip_type: body.vip_type,
            ip_version: body.ip_version,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn list(body: &str) -> Option<Vec<VirtualIp>> {
        serde_json::from_str::<ListBody>(body)
            .ok()
            .map(|b| b.virtual_ips.into_iter().map(VirtualIp::from).collect())
    }

    #[test]
    fn the_documented_list_decodes() {
        let vips = list(
            r#"{"virtualIps":[{"id":1000,"address":"203.0.113.10","type":"PUBLIC","ipVersion":"IPV4"},
               {"id":9000134,"address":"2001:db8::1","type":"SERVICENET","ipVersion":"IPV8"}]}"#,
        )
        .expect("decodes");
        assert_eq!(vips.len(), 2);
        assert_eq!(vips[0].id(), 1000);
        assert_eq!(vips[0].address(), "203.0.113.10");
        assert_eq!(vips[0].vip_type(), &VipType::Public);
        assert_eq!(vips[1].vip_type(), &VipType::Servicenet);
        assert_eq!(vips[1].ip_version(), &IpVersion::Other("IPV8".into()));
        assert_eq!(list(r#"{"virtualIps":[]}"#), Some(Vec::new()));
        let text_id =
            list(r#"{"virtualIps":[{"id":"7","address":"a","type":"PUBLIC","ipVersion":"IPV4"}]}"#);
        assert_eq!(
            text_id.map(|v| v[0].id()),
            Some(7),
            "an id written as a string"
        );
        assert_eq!(list("{}"), None);
        assert_eq!(
            list(
                r#"{"virtualIps":[{"id":"seven","address":"a","type":"PUBLIC","ipVersion":"IPV6"}]}"#
            ),
            None
        );
    }

    proptest! {
        #[test]
        fn any_body_decodes_or_fails_without_panicking(body in prop::collection::vec(any::<u8>(), 0..256)) {
            let _ = serde_json::from_slice::<ListBody>(&body);
            let _ = serde_json::from_slice::<VipBody>(&body);
        }
    }
}
