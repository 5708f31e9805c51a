//! [`VirtualIp`]: a virtual IP as the service shows it, in a list of virtual IPs or in a load
//! balancer.

use serde::Deserialize;

use super::vip_kinds::{IpVersion, VipType};

/// A virtual IP of a load balancer: an address it listens on.
///
/// Read it from `lb_vips::list` or `lb_vips::add`, or as a load balancer shows it
/// (`lb_lbs::LoadBalancer::virtual_ips`); another load balancer of the account can share it by
/// its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VirtualIp {
    #[serde(deserialize_with = "crate::kit::lenient::id")]
    id: u64,
    address: String,
    #[serde(rename = "type")]
    vip_type: VipType,
    ip_version: IpVersion,
}

impl VirtualIp {
    /// The virtual IP's id, for `lb_vips::delete`, and for sharing it at creation
    /// (`lb_lbs::VipOpts::shared`).
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
