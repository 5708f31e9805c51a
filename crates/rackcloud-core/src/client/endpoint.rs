//! [`EndpointOpts`]: choosing one endpoint from the service catalog.

use crate::availability::Availability;
use crate::catalog::{Catalog, CatalogEntry, Endpoint};
use crate::error::Error;
use crate::error_kind::ErrorKind;

/// How to pick an endpoint from the catalog: by region, service name and availability.
///
/// The service type is given by the function that uses the options (for load balancers,
/// [`new_lb_v1`](crate::new_lb_v1)). With no region, the user's default region
/// (`RAX-AUTH:defaultRegion`) is used when the token names one.
///
/// # Examples
///
/// ```
/// use rackcloud_core::{Availability, EndpointOpts};
///
/// let opts = EndpointOpts::new().region("ORD").availability(Availability::Internal);
/// assert_eq!(opts.region_name(), Some("ORD"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use = "a builder does nothing until it is used"]
pub struct EndpointOpts {
    region: Option<String>,
    name: Option<String>,
    availability: Availability,
}

impl EndpointOpts {
    /// No region, no name, public URLs.
    pub fn new() -> EndpointOpts {
        EndpointOpts::default()
    }

    /// Options with the region from `RS_REGION`, else `OS_REGION_NAME`, when set and not empty.
    pub fn from_env() -> EndpointOpts {
        EndpointOpts::from_env_with(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](EndpointOpts::from_env), reading the variables through `lookup`.
    ///
    /// ```
    /// use rackcloud_core::EndpointOpts;
    ///
    /// let opts = EndpointOpts::from_env_with(|name| (name == "OS_REGION_NAME").then(|| "LON".to_owned()));
    /// assert_eq!(opts.region_name(), Some("LON"));
    /// ```
    pub fn from_env_with(lookup: impl Fn(&str) -> Option<String>) -> EndpointOpts {
        let region = ["RS_REGION", "OS_REGION_NAME"]
            .iter()
            .find_map(|name| lookup(name).filter(|v| !v.is_empty()));
        EndpointOpts {
            region,
            ..EndpointOpts::default()
        }
    }

    /// Only endpoints of this region (compared without regard to case: `dfw` matches `DFW`).
    pub fn region(mut self, region: impl Into<String>) -> EndpointOpts {
        self.region = Some(region.into());
        self
    }

    /// Only services of this name, such as `cloudLoadBalancers`.
    pub fn name(mut self, name: impl Into<String>) -> EndpointOpts {
        self.name = Some(name.into());
        self
    }

    /// Which URL of the endpoint to use.
    pub fn availability(mut self, availability: Availability) -> EndpointOpts {
        self.availability = availability;
        self
    }

    /// The region asked for, if any.
    pub fn region_name(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The service name asked for, if any.
    pub fn service_name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The availability asked for.
    pub fn availability_kind(&self) -> Availability {
        self.availability
    }
}

/// Finds exactly one URL in the catalog: services of `service_type`, then of the name when one is
/// given, then endpoints of the region (endpoints without a region serve every region), that have
/// a URL of the wanted availability.
pub(crate) fn locate(
    catalog: &Catalog,
    service_type: &str,
    name: Option<&str>,
    region: Option<&str>,
    availability: Availability,
) -> Result<String, Error> {
    let candidates: Vec<(&CatalogEntry, &Endpoint, &str)> = catalog
        .entries()
        .iter()
        .filter(|entry| entry.service_type() == service_type)
        .filter(|entry| name.is_none_or(|n| entry.name() == n))
        .flat_map(|entry| entry.endpoints().iter().map(move |e| (entry, e)))
        .filter(|(_, e)| match (region, e.region()) {
            (Some(want), Some(have)) => want.eq_ignore_ascii_case(have),
            _ => true,
        })
        .filter_map(|(entry, e)| e.url(availability).map(|url| (entry, e, url)))
        .collect();
    let wanted = describe_wanted(service_type, name, region, availability);
    match candidates.as_slice() {
        [(_, _, url)] => Ok(url.to_string()),
        [] => Err(Error::new(
            ErrorKind::EndpointNotFound,
            format!(
                "the catalog has no {wanted}{}",
                regions_offered(catalog, service_type, name, region, availability)
            ),
        )),
        several => {
            let list: Vec<String> = several
                .iter()
                .map(|(entry, e, url)| {
                    format!(
                        "{} in {} at {url}",
                        entry.name(),
                        e.region().unwrap_or("every region")
                    )
                })
                .collect();
            Err(Error::new(
                ErrorKind::EndpointAmbiguous,
                format!(
                    "the catalog has {} matches for {wanted}: {}; name a region or a service",
                    several.len(),
                    list.join(", ")
                ),
            ))
        }
    }
}

/// When a region was asked for: `; it has one in DFW, ORD` (the regions that have a matching
/// endpoint), or `; it has one in no region`; else nothing.
fn regions_offered(
    catalog: &Catalog,
    service_type: &str,
    name: Option<&str>,
    region: Option<&str>,
    availability: Availability,
) -> String {
    if region.is_none() {
        return String::new();
    }
    let mut regions: Vec<&str> = catalog
        .entries()
        .iter()
        .filter(|entry| entry.service_type() == service_type)
        .filter(|entry| name.is_none_or(|n| entry.name() == n))
        .flat_map(|entry| entry.endpoints().iter())
        .filter(|e| e.url(availability).is_some())
        .filter_map(|e| e.region())
        .collect();
    regions.sort_unstable();
    regions.dedup();
    match regions.as_slice() {
        [] => "; it has one in no region".to_owned(),
        _ => format!("; it has one in {}", regions.join(", ")),
    }
}

fn describe_wanted(
    service_type: &str,
    name: Option<&str>,
    region: Option<&str>,
    availability: Availability,
) -> String {
    let mut text = format!("endpoint of type {service_type}");
    if let Some(name) = name {
        text.push_str(&format!(" named {name}"));
    }
    match region {
        Some(region) => text.push_str(&format!(" in region {region}")),
        None => text.push_str(" in any region"),
    }
    let field = availability.field();
    let article = if field.starts_with(['a', 'i']) {
        "an"
    } else {
        "a"
    };
    text.push_str(&format!(" with {article} {field}"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(region: Option<&str>, public: &str, internal: Option<&str>) -> Endpoint {
        Endpoint::new(
            region.map(str::to_owned),
            Some("1".into()),
            Some(public.into()),
            internal.map(str::to_owned),
            None,
        )
    }

    fn catalog() -> Catalog {
        Catalog::new(vec![
            CatalogEntry::new(
                "cloudLoadBalancers".into(),
                "rax:load-balancer".into(),
                vec![
                    endpoint(
                        Some("DFW"),
                        "https://dfw/v1.0/1",
                        Some("https://snet-dfw/v1.0/1"),
                    ),
                    endpoint(Some("ORD"), "https://ord/v1.0/1", None),
                ],
            ),
            CatalogEntry::new(
                "cloudLoadBalancersControl".into(),
                "rax:load-balancer".into(),
                vec![endpoint(None, "https://control/v1.0/1", None)],
            ),
        ])
    }

    #[test]
    fn name_then_region_then_availability() {
        let c = catalog();
        let lb = |region, availability| {
            locate(
                &c,
                "rax:load-balancer",
                Some("cloudLoadBalancers"),
                region,
                availability,
            )
        };
        assert_eq!(
            lb(Some("dfw"), Availability::Public).expect("dfw"),
            "https://dfw/v1.0/1"
        );
        assert_eq!(
            lb(Some("ORD"), Availability::Public).expect("ord"),
            "https://ord/v1.0/1"
        );
        assert_eq!(
            lb(Some("DFW"), Availability::Internal).expect("internal"),
            "https://snet-dfw/v1.0/1"
        );
        let e = lb(Some("ORD"), Availability::Internal).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::EndpointNotFound);
        assert_eq!(
            e.to_string(),
            "no matching endpoint: the catalog has no endpoint of type rax:load-balancer named cloudLoadBalancers in region ORD with an internalURL; it has one in DFW"
        );
        let e = lb(None, Availability::Public).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::EndpointAmbiguous);
        assert!(
            e.to_string()
                .contains("cloudLoadBalancers in DFW at https://dfw/v1.0/1")
        );
    }

    #[test]
    fn without_a_name_the_control_plane_entry_makes_it_ambiguous() {
        let e = locate(
            &catalog(),
            "rax:load-balancer",
            None,
            Some("DFW"),
            Availability::Public,
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::EndpointAmbiguous);
        assert!(
            e.to_string()
                .contains("cloudLoadBalancersControl in every region")
        );
    }

    #[test]
    fn unknown_type_and_region() {
        let c = catalog();
        let e = locate(&c, "compute", None, None, Availability::Public).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::EndpointNotFound);
        let e = locate(
            &c,
            "rax:load-balancer",
            Some("cloudLoadBalancers"),
            Some("SYD"),
            Availability::Public,
        )
        .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::EndpointNotFound);
    }
}
