//! [`VipOpts`]: a virtual IP of a new load balancer.

use rackcloud_core::Error;
use serde_json::{Value, json};

use rackcloud_core::model::{IpVersion, VipType};

/// A virtual IP for a new load balancer: a new address, or one shared with another load
/// balancer of the account.
///
/// # Examples
///
/// ```
/// use lb_lbs::VipOpts;
/// use rackcloud_core::model::IpVersion;
///
/// let public_v6 = VipOpts::public().ip_version(IpVersion::Ipv6);
/// let internal = VipOpts::servicenet();
/// let same_as_lb_1 = VipOpts::shared(1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct VipOpts {
    source: VipSource,
    ip_version: Option<IpVersion>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum VipSource {
    New(VipType),
    Shared(u64),
}

impl VipOpts {
    /// A new address of this type (`{"type":"PUBLIC"}`); IPv4 unless
    /// [`ip_version`](VipOpts::ip_version) says otherwise.
    pub fn new(kind: VipType) -> VipOpts {
        VipOpts {
            source: VipSource::New(kind),
            ip_version: None,
        }
    }

    /// A new public address.
    pub fn public() -> VipOpts {
        VipOpts::new(VipType::Public)
    }

    /// A new ServiceNet (internal) address.
    pub fn servicenet() -> VipOpts {
        VipOpts::new(VipType::Servicenet)
    }

    /// The virtual IP with this id, shared with the load balancer that has it (`{"id":N}`): the
    /// way to serve HTTP and HTTPS on one address with two load balancers.
    pub fn shared(id: u64) -> VipOpts {
        VipOpts {
            source: VipSource::Shared(id),
            ip_version: None,
        }
    }

    /// The IP version of a new address.
    pub fn ip_version(mut self, version: IpVersion) -> VipOpts {
        self.ip_version = Some(version);
        self
    }

    pub(crate) fn to_json(&self) -> Result<Value, Error> {
        match (&self.source, &self.ip_version) {
            (VipSource::Shared(0), _) => Err(Error::invalid_input(
                "a shared virtual IP id must be greater than zero",
            )),
            (VipSource::Shared(_), Some(_)) => Err(Error::invalid_input(
                "a shared virtual IP keeps its own IP version; do not set one",
            )),
            (VipSource::Shared(id), None) => Ok(json!({ "id": id })),
            (VipSource::New(kind), _) if kind.as_str().trim().is_empty() => {
                Err(Error::invalid_input("the virtual IP type is empty"))
            }
            (VipSource::New(kind), None) => Ok(json!({ "type": kind })),
            (VipSource::New(kind), Some(version)) => {
                Ok(json!({ "type": kind, "ipVersion": version }))
            }
        }
    }
}
