//! The account's absolute limits: one table that `GET /loadbalancers/absolutelimits` reports and
//! the rules of the resources enforce (docs/api/limits.md, docs/api/conventions.md). The
//! defaults are the service's; [`EmulatorBuilder::absolute_limit`](crate::EmulatorBuilder::absolute_limit)
//! changes them. They apply to changes made through the API: seeded load balancers may exceed
//! them.

use std::io;

/// The limits in force, by name on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Load balancers per account (not deleted).
    pub(crate) load_balancers: usize,
    /// Nodes per load balancer.
    pub(crate) nodes: usize,
    /// IPv6 virtual IPs per load balancer.
    pub(crate) ipv6: usize,
    /// Ids in one bulk delete (fixed: [`BATCH_DELETE_LIMIT`]).
    pub(crate) batch_delete: usize,
    /// Access list items per load balancer.
    pub(crate) access_list: usize,
    /// Metadata items per node.
    pub(crate) node_meta: usize,
    /// Certificate mappings per load balancer.
    pub(crate) certificate_mappings: usize,
    /// Metadata items per load balancer.
    pub(crate) load_balancer_meta: usize,
}

/// Ids in one bulk delete; not configurable (clients split their bulk requests by it).
pub(crate) const BATCH_DELETE_LIMIT: usize = 10;

/// The names on the wire, with their descriptions, in the documentation's order.
const NAMES: [(&str, &str); 8] = [
    (
        "LOADBALANCER_LIMIT",
        "Max number of load balancers for an account",
    ),
    ("NODE_LIMIT", "Max number of nodes for a load balancer"),
    (
        "IPV6_LIMIT",
        "Max number of IPv6 virtual IPs for a load balancer",
    ),
    (
        "BATCH_DELETE_LIMIT",
        "Max number of items that can be deleted in one request",
    ),
    (
        "ACCESS_LIST_LIMIT",
        "Max number of items for an access list",
    ),
    ("NODE_META_LIMIT", "Max number of metadata items for a node"),
    (
        "CERTIFICATE_MAPPING_LIMIT",
        "Max number of certificate mappings for a load balancer",
    ),
    (
        "LOADBALANCER_META_LIMIT",
        "Max number of metadata items for a load balancer",
    ),
];

impl Default for Limits {
    /// The service's defaults.
    fn default() -> Limits {
        Limits {
            load_balancers: 25,
            nodes: 25,
            ipv6: 25,
            batch_delete: BATCH_DELETE_LIMIT,
            access_list: 100,
            node_meta: 25,
            certificate_mappings: 20,
            load_balancer_meta: 25,
        }
    }
}

impl Limits {
    /// The defaults with these overrides (name on the wire, value).
    ///
    /// # Errors
    ///
    /// An unknown name, or `BATCH_DELETE_LIMIT` (fixed).
    pub(crate) fn with(overrides: &[(String, u64)]) -> io::Result<Limits> {
        let mut limits = Limits::default();
        for (name, value) in overrides {
            let value = usize::try_from(*value).unwrap_or(usize::MAX);
            let slot = match name.as_str() {
                "LOADBALANCER_LIMIT" => &mut limits.load_balancers,
                "NODE_LIMIT" => &mut limits.nodes,
                "IPV6_LIMIT" => &mut limits.ipv6,
                "ACCESS_LIST_LIMIT" => &mut limits.access_list,
                "NODE_META_LIMIT" => &mut limits.node_meta,
                "CERTIFICATE_MAPPING_LIMIT" => &mut limits.certificate_mappings,
                "LOADBALANCER_META_LIMIT" => &mut limits.load_balancer_meta,
                other => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        format!("no configurable absolute limit is named {other:?}"),
                    ));
                }
            };
            *slot = value;
        }
        Ok(limits)
    }

    /// Every limit with its name on the wire and its description, in the documentation's order.
    pub(crate) fn table(&self) -> [(&'static str, u64, &'static str); 8] {
        let values = [
            self.load_balancers,
            self.nodes,
            self.ipv6,
            self.batch_delete,
            self.access_list,
            self.node_meta,
            self.certificate_mappings,
            self.load_balancer_meta,
        ];
        let mut table = [("", 0, ""); 8];
        for (row, ((name, description), value)) in table.iter_mut().zip(NAMES.iter().zip(values)) {
            *row = (name, u64::try_from(value).unwrap_or(u64::MAX), description);
        }
        table
    }
}
