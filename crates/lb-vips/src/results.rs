//! The result wrappers with their `extract` methods, and the private wire struct of a list
//! (a virtual IP is core's `VirtualIp`).

use rackcloud_core::Error;
use rackcloud_core::kit::result_type;
use serde::Deserialize;

use rackcloud_core::model::VirtualIp;
#[cfg(test)]
use rackcloud_core::model::{IpVersion, VipType};

result_type! {
    /// The result of [`list`](crate::list).
    #[must_use = "call extract to read the virtual IPs"]
    pub struct ListResult(RequestResult);
}

result_type! {
    /// The result of [`add`](crate::add): the new virtual IP, or the error (400 for anything but
    /// a public IPv6 address, 413 at the IPv6 limit, 422 while the load balancer is busy, …).
    #[must_use = "call extract to read the new virtual IP"]
    pub struct AddResult(RequestResult) sent -> VirtualIp;
}

result_type! {
    /// The result of [`delete`](crate::delete): accepted (200 or 202), or the error (400 for the
    /// last virtual IP, 404, 422 while the load balancer is busy, …).
    #[must_use = "call extract_err to learn whether the change was accepted"]
    pub struct DeleteResult(ErrResult) sent;
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
        Ok(body.virtual_ips)
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
        self.0.extract_json()
    }
}

/// `{"virtualIps":[…]}`.
#[derive(Deserialize)]
struct ListBody {
    #[serde(rename = "virtualIps")]
    virtual_ips: Vec<VirtualIp>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn list(body: &str) -> Option<Vec<VirtualIp>> {
        serde_json::from_str::<ListBody>(body)
            .ok()
            .map(|b| b.virtual_ips)
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
            let _ = serde_json::from_slice::<VirtualIp>(&body);
        }
    }
}
