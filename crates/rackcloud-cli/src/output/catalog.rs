//! `catalog`: the token's tenant, default region, every service endpoint, and the load balancer
//! endpoint the `lb` commands would use.

use std::io::{self, Write};

use rackcloud_lb::core::{Availability, Catalog};
use serde::Serialize;

use super::{Render, write_json};

/// What `catalog` prints.
#[derive(Debug)]
pub(crate) struct CatalogReport {
    pub(crate) tenant_id: Option<String>,
    pub(crate) default_region: Option<String>,
    pub(crate) catalog: Catalog,
    /// The endpoint the load balancer commands would use, or why there is none.
    pub(crate) lb_endpoint: Result<String, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    tenant_id: Option<&'a str>,
    default_region: Option<&'a str>,
    services: Vec<Service<'a>>,
    load_balancer_endpoint: Option<&'a str>,
}

/// One catalog service.
#[derive(Serialize)]
struct Service<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    service_type: &'a str,
    endpoints: Vec<ServiceEndpoint<'a>>,
}

/// One endpoint of a catalog service.
#[derive(Serialize)]
struct ServiceEndpoint<'a> {
    region: Option<&'a str>,
    #[serde(rename = "publicURL")]
    public_url: Option<&'a str>,
    #[serde(rename = "internalURL")]
    internal_url: Option<&'a str>,
}

impl Render for CatalogReport {
    /// `name (type) region: public URL, internal URL`, one line per endpoint.
    fn text(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "tenant: {}",
            self.tenant_id.as_deref().unwrap_or("unknown")
        )?;
        writeln!(
            out,
            "default region: {}",
            self.default_region.as_deref().unwrap_or("none")
        )?;
        for entry in self.catalog.entries() {
            for endpoint in entry.endpoints() {
                let urls: Vec<String> = [
                    ("public", Availability::Public),
                    ("internal", Availability::Internal),
                ]
                .into_iter()
                .filter_map(|(label, a)| endpoint.url(a).map(|url| format!("{label} {url}")))
                .collect();
                writeln!(
                    out,
                    "{} ({}) {}: {}",
                    entry.name(),
                    entry.service_type(),
                    endpoint.region().unwrap_or("global"),
                    urls.join(", ")
                )?;
            }
        }
        match &self.lb_endpoint {
            Ok(url) => writeln!(out, "load balancer endpoint: {url}"),
            Err(why) => writeln!(out, "load balancer endpoint: none ({why})"),
        }
    }

    fn json(&self, out: &mut dyn Write) -> io::Result<()> {
        let services = self
            .catalog
            .entries()
            .iter()
            .map(|entry| Service {
                name: entry.name(),
                service_type: entry.service_type(),
                endpoints: entry
                    .endpoints()
                    .iter()
                    .map(|e| ServiceEndpoint {
                        region: e.region(),
                        public_url: e.url(Availability::Public),
                        internal_url: e.url(Availability::Internal),
                    })
                    .collect(),
            })
            .collect();
        let doc = Document {
            tenant_id: self.tenant_id.as_deref(),
            default_region: self.default_region.as_deref(),
            services,
            load_balancer_endpoint: self.lb_endpoint.as_deref().ok(),
        };
        write_json(out, &doc)
    }
}
