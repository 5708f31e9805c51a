//! [`Current`]: what the account has for one load balancer, as a document entry plus the ids
//! that changes need.

use std::collections::BTreeMap;

use lb_lbs::{LoadBalancer, Protocol};
use lb_ssl::{CertificateMapping, SslTermination};
use rackcloud_core::{Error, ServiceClient};

use crate::files::{FileText, KeyFile};
use crate::lb_spec::LbSpec;
use crate::specs::{AccessSpec, MonitorSpec, NodeSpec, ThrottleSpec, VipSpec};
use crate::ssl_spec::{MappingSpec, SslSpec};

/// One existing load balancer: its id, its description in document form, and the ids of its
/// nodes, virtual IPs, access list items, certificate mappings and metadata items (in the
/// order of the description's lists).
///
/// The files of the description (certificates, chains, the error page) hold what the service
/// shows, under the names [`export`](crate::export) writes them to; private keys are never
/// shown by the service, so their files are named but empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    id: u64,
    spec: LbSpec,
    node_ids: Vec<u64>,
    vip_ids: Vec<u64>,
    access_ids: Vec<u64>,
    mapping_ids: Vec<u64>,
    metadata_ids: BTreeMap<String, u64>,
}

/// The file name stem of a load balancer's files: its name, lower case, with every character
/// other than a letter, digit, `-` or `_` as `-`.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if stem.is_empty() {
        "lb".to_owned()
    } else {
        stem
    }
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(str::to_owned)
}

fn small(n: Option<u64>) -> Option<u32> {
    n.and_then(|n| u32::try_from(n).ok())
}

impl Current {
    /// Reads load balancer `id` in full: `GET /loadbalancers/{id}`, its SSL termination and
    /// certificate mappings (each one read for its certificate), and its error page when it
    /// is an HTTP load balancer.
    ///
    /// # Errors
    ///
    /// Any error of those requests.
    pub fn read(client: &ServiceClient, id: u64) -> Result<Current, Error> {
        Current::read_parts(client, id, true)
    }

    /// [`Current::read`], the error page only when `error_page` (a plan needs it only for a
    /// document that gives one: one request less per load balancer otherwise).
    pub(crate) fn read_parts(
        client: &ServiceClient,
        id: u64,
        error_page: bool,
    ) -> Result<Current, Error> {
        let lb = lb_lbs::get(client, id).extract()?;
        let stem = file_stem(lb.name());
        let mut current = Current::from_lb(&lb);
        // Secure protocols cannot have SSL termination: no request to learn there is none.
        if crate::check::terminable(lb.protocol())
            && let Some(ssl) = lb_ssl::get(client, id).extract()?
        {
            let mut mappings = Vec::new();
            for m in lb_ssl::list_mappings(client, id).extract()? {
                mappings.push(lb_ssl::get_mapping(client, id, m.id()).extract()?);
            }
            current.set_ssl(&stem, &ssl, &mappings);
        }
        if error_page && *lb.protocol() == Protocol::Http {
            let page = lb_lbs::get_error_page(client, id).extract()?;
            current.spec.error_page_file =
                Some(FileText::with_text(format!("{stem}-error.html"), page));
        }
        Ok(current)
    }

    /// Adds the SSL termination and certificate mappings the service shows.
    fn set_ssl(&mut self, stem: &str, ssl: &SslTermination, mappings: &[CertificateMapping]) {
        let chain = |stem: &str, text: Option<&str>| {
            text.filter(|t| !t.trim().is_empty())
                .map(|t| FileText::with_text(format!("{stem}-chain.crt"), t))
        };
        self.spec.ssl_termination = Some(SslSpec {
            certificate_file: FileText::with_text(
                format!("{stem}.crt"),
                ssl.certificate().unwrap_or_default(),
            ),
            private_key_file: KeyFile::new(format!("{stem}.key")),
            intermediate_certificate_file: chain(stem, ssl.intermediate_certificate()),
            secure_port: ssl.secure_port().unwrap_or(443),
            enabled: ssl.enabled(),
            secure_traffic_only: ssl.secure_traffic_only(),
            cipher_profile: ssl.cipher_profile().cloned(),
        });
        self.spec.certificate_mappings = mappings
            .iter()
            .map(|m| {
                let stem = format!(
                    "{stem}-{}",
                    file_stem(&m.host_name().replace('*', "wildcard"))
                );
                MappingSpec {
                    host_name: m.host_name().to_owned(),
                    certificate_file: FileText::with_text(
                        format!("{stem}.crt"),
                        m.certificate().unwrap_or_default(),
                    ),
                    private_key_file: KeyFile::new(format!("{stem}.key")),
                    intermediate_certificate_file: chain(&stem, m.intermediate_certificate()),
                }
            })
            .collect();
        self.mapping_ids = mappings.iter().map(CertificateMapping::id).collect();
    }

    /// From what `GET /loadbalancers/{id}` shows (without SSL termination, certificate
    /// mappings and error page, which have their own requests: see [`Current::read`]).
    pub fn from_lb(lb: &LoadBalancer) -> Current {
        let nodes = lb.nodes().iter().map(|n| NodeSpec {
            address: n.address().to_owned(),
            port: n.port(),
            condition: n.condition().clone(),
            kind: n.node_type().clone(),
            weight: n.weight(),
        });
        let health_monitor = lb.health_monitor().map(|m| MonitorSpec {
            kind: m.monitor_type().clone(),
            delay: m.delay(),
            timeout: m.timeout(),
            attempts_before_deactivation: m.attempts_before_deactivation(),
            path: non_empty(m.path()),
            status_regex: non_empty(m.status_regex()),
            body_regex: non_empty(m.body_regex()),
            host_header: non_empty(m.host_header()),
        });
        let connection_throttle = lb.connection_throttle().and_then(|t| {
            Some(ThrottleSpec {
                max_connections: small(t.max_connections())?,
                min_connections: small(t.min_connections()),
                max_connection_rate: small(t.max_connection_rate()),
                rate_interval: small(t.rate_interval()),
            })
        });
        let access_list = lb.access_list().iter().map(|a| AccessSpec {
            address: a.address().to_owned(),
            kind: a.kind().clone(),
        });
        let spec = LbSpec {
            name: lb.name().to_owned(),
            protocol: lb.protocol().clone(),
            port: lb.port(),
            algorithm: Some(lb.algorithm().clone()),
            timeout: lb.timeout(),
            virtual_ips: lb
                .virtual_ips()
                .iter()
                .map(|v| VipSpec {
                    kind: v.vip_type().clone(),
                    ip_version: Some(v.ip_version().clone()),
                })
                .collect(),
            half_closed: lb.half_closed().unwrap_or(false),
            ssl_termination: None,
            certificate_mappings: Vec::new(),
            https_redirect: lb.https_redirect().unwrap_or(false),
            error_page_file: None,
            nodes: nodes.collect(),
            health_monitor,
            access_list: access_list.collect(),
            connection_throttle,
            session_persistence: lb.session_persistence().cloned(),
            connection_logging: lb.connection_logging().unwrap_or(false),
            content_caching: lb.content_caching().unwrap_or(false),
            metadata: lb
                .metadata()
                .iter()
                .map(|m| (m.key().to_owned(), m.value().to_owned()))
                .collect(),
        };
        Current {
            id: lb.id(),
            node_ids: lb.nodes().iter().map(|n| n.id()).collect(),
            vip_ids: lb.virtual_ips().iter().map(|v| v.id()).collect(),
            mapping_ids: Vec::new(),
            access_ids: lb.access_list().iter().map(|a| a.id()).collect(),
            metadata_ids: lb
                .metadata()
                .iter()
                .map(|m| (m.key().to_owned(), m.id()))
                .collect(),
            spec,
        }
    }

    /// A load balancer `id` described by `spec`, its items numbered from 1 in list order (for
    /// planning without an account, as in tests).
    pub fn from_spec(id: u64, spec: LbSpec) -> Current {
        let number = |n: usize| (1..=n as u64).collect::<Vec<_>>();
        Current {
            id,
            node_ids: number(spec.nodes.len()),
            vip_ids: number(spec.virtual_ips.len()),
            access_ids: number(spec.access_list.len()),
            mapping_ids: number(spec.certificate_mappings.len()),
            metadata_ids: spec.metadata.keys().cloned().zip(1..).collect(),
            spec,
        }
    }

    /// The load balancer's id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Its description (what export writes).
    pub fn spec(&self) -> &LbSpec {
        &self.spec
    }

    pub(crate) fn node_ids(&self) -> &[u64] {
        &self.node_ids
    }

    pub(crate) fn vip_ids(&self) -> &[u64] {
        &self.vip_ids
    }

    pub(crate) fn mapping_ids(&self) -> &[u64] {
        &self.mapping_ids
    }

    pub(crate) fn access_ids(&self) -> &[u64] {
        &self.access_ids
    }

    pub(crate) fn metadata_id(&self, key: &str) -> u64 {
        self.metadata_ids.get(key).copied().unwrap_or(0)
    }
}
