//! The service catalog of a token response.
//!
//! Only the load balancer endpoints serve anything; the other services point at paths of the
//! emulator that answer 404, so a client that picks the wrong entry finds out at once, without
//! leaving the machine.

use serde_json::{Value, json};

use crate::state::Config;

/// The name of the load balancer service.
pub(crate) const LB_NAME: &str = "cloudLoadBalancers";
/// The type the load balancer entries share.
pub(crate) const LB_TYPE: &str = "rax:load-balancer";
/// A second entry of the load balancer type, as real catalogs have: clients must match on name.
pub(crate) const LB_CONTROL_PLANE_NAME: &str = "cloudLoadBalancersControlPlane";

/// The catalog for a tenant.
///
/// The control-plane entry comes before `cloudLoadBalancers` on purpose, so that a client that
/// takes the first entry of the right type gets the wrong one.
pub(crate) fn service_catalog(config: &Config, tenant: &str) -> Value {
    let base = &config.base_url;
    let compute_regions = ["DFW", "ORD", "IAD"];
    json!([
        {
            "name": "cloudFiles",
            "type": "object-store",
            "endpoints": compute_regions.iter().map(|region| {
                let r = region.to_ascii_lowercase();
                json!({
                    "region": region,
                    "tenantId": format!("MossoCloudFS_{tenant}"),
                    "publicURL": format!("{base}/files-{r}/v1/MossoCloudFS_{tenant}"),
                    "internalURL": format!("{base}/snet-files-{r}/v1/MossoCloudFS_{tenant}"),
                })
            }).collect::<Vec<_>>(),
        },
        {
            "name": "cloudServersOpenStack",
            "type": "compute",
            "endpoints": compute_regions.iter().map(|region| {
                let r = region.to_ascii_lowercase();
                json!({
                    "region": region,
                    "tenantId": tenant,
                    "publicURL": format!("{base}/servers-{r}/v2/{tenant}"),
                    "versionId": "2",
                    "versionInfo": format!("{base}/servers-{r}/v2"),
                    "versionList": format!("{base}/servers-{r}/"),
                })
            }).collect::<Vec<_>>(),
        },
        {
            "name": "cloudDNS",
            "type": "rax:dns",
            "endpoints": [{
                "tenantId": tenant,
                "publicURL": format!("{base}/dns/v1.0/{tenant}"),
            }],
        },
        {
            "name": "cloudMonitoring",
            "type": "rax:monitor",
            "endpoints": [{
                "region": "",
                "tenantId": tenant,
                "publicURL": format!("{base}/monitoring/v1.0/{tenant}"),
            }],
        },
        {
            "name": LB_CONTROL_PLANE_NAME,
            "type": LB_TYPE,
            "endpoints": config.lb_regions.iter().map(|region| {
                let r = region.to_ascii_lowercase();
                json!({
                    "region": region,
                    "tenantId": tenant,
                    "publicURL": format!("{base}/control-{r}/v1.0/{tenant}"),
                })
            }).collect::<Vec<_>>(),
        },
        {
            "name": LB_NAME,
            "type": LB_TYPE,
            "endpoints": config.lb_regions.iter().map(|region| json!({
                "region": region,
                "tenantId": tenant,
                "publicURL": config.lb_endpoint(region, tenant),
                "internalURL": config.lb_internal_endpoint(region, tenant),
            })).collect::<Vec<_>>(),
        },
    ])
}
