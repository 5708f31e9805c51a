//! Rendering results as text lines or one JSON document, and writing them to stdout.

mod load_balancer;

use std::io::{self, Write};

use lb_lbs::{LoadBalancer, Status};
use lb_sessions::{DisableOutcome, Type};
use rackcloud_core::{Availability, Catalog};
use serde::Serialize;

use crate::cli::OutputFormat;

/// Where results go: stdout, as text or JSON.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    format: OutputFormat,
}

/// The result of one command, ready to print.
#[derive(Debug)]
pub(crate) enum Report {
    /// `show`: the type, or `None` when persistence is disabled.
    Shown {
        lb_id: u64,
        persistence: Option<Type>,
    },
    /// `enable`: the change was accepted; with `--wait`, the status once it was applied.
    Enabled {
        lb_id: u64,
        persistence_type: Type,
        status: Option<Status>,
    },
    /// `disable`: what happened; with `--wait`, the status once it was applied.
    Disabled {
        lb_id: u64,
        outcome: DisableOutcome,
        status: Option<Status>,
    },
    /// `lb list`: the load balancers, by id.
    LoadBalancers(Vec<LoadBalancer>),
    /// `lb show`, `lb create`: one load balancer.
    LoadBalancer(Box<LoadBalancer>),
    /// `lb delete`: the deletion was accepted; with `--wait`, the status once it was done.
    Deleted { lb_id: u64, status: Option<Status> },
    /// `catalog`: the token's catalog and the load balancer endpoint it leads to.
    Catalog(CatalogReport),
    /// `emulator`: where it listens and how to use it.
    EmulatorStarted(EmulatorReport),
}

/// What `catalog` prints.
#[derive(Debug)]
pub(crate) struct CatalogReport {
    pub(crate) tenant_id: Option<String>,
    pub(crate) default_region: Option<String>,
    pub(crate) catalog: Catalog,
    /// The endpoint the load balancer commands would use, or why there is none.
    pub(crate) lb_endpoint: Result<String, String>,
}

/// What `emulator` prints before it starts serving.
#[derive(Debug)]
pub(crate) struct EmulatorReport {
    pub(crate) identity_url: String,
    pub(crate) username: String,
    pub(crate) api_key: String,
    pub(crate) password: String,
    pub(crate) tenant_id: String,
    /// (region, load balancer endpoint) pairs.
    pub(crate) lb_endpoints: Vec<(String, String)>,
    pub(crate) pending_seconds: f64,
}

impl Output {
    /// Output in `format`.
    pub(crate) fn new(format: OutputFormat) -> Output {
        Output { format }
    }

    /// Whether results are one JSON document.
    pub(crate) fn is_json(self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Prints a report in the chosen format.
    pub(crate) fn report(self, report: &Report) -> io::Result<()> {
        match self.format {
            OutputFormat::Text => self.lines(&report.text()),
            OutputFormat::Json => self.json(&report.json()),
        }
    }

    /// Prints one JSON document on one line, keys in the order the document declares them.
    pub(crate) fn json(self, doc: &impl Serialize) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        serde_json::to_writer(&mut stdout, doc).map_err(io::Error::other)?;
        writeln!(stdout)?;
        stdout.flush()
    }

    /// Prints text lines as they are.
    pub(crate) fn lines(self, lines: &[String]) -> io::Result<()> {
        let mut stdout = io::stdout().lock();
        for line in lines {
            writeln!(stdout, "{line}")?;
        }
        stdout.flush()
    }
}

impl Report {
    /// The text lines.
    pub(crate) fn text(&self) -> Vec<String> {
        match self {
            Report::Shown {
                lb_id,
                persistence: Some(t),
            } => vec![format!("load balancer {lb_id}: session persistence {t}")],
            Report::Shown {
                lb_id,
                persistence: None,
            } => vec![format!(
                "load balancer {lb_id}: session persistence disabled"
            )],
            Report::Enabled {
                lb_id,
                persistence_type,
                status: None,
            } => vec![format!(
                "load balancer {lb_id}: {persistence_type} session persistence accepted; PENDING_UPDATE until applied"
            )],
            Report::Enabled {
                lb_id,
                persistence_type,
                status: Some(status),
            } => vec![format!(
                "load balancer {lb_id}: {persistence_type} session persistence applied; {status}"
            )],
            Report::Disabled {
                lb_id,
                outcome: DisableOutcome::Disabled,
                status: None,
            } => vec![format!(
                "load balancer {lb_id}: session persistence disable accepted; PENDING_UPDATE until applied"
            )],
            Report::Disabled {
                lb_id,
                outcome: DisableOutcome::Disabled,
                status: Some(status),
            } => vec![format!(
                "load balancer {lb_id}: session persistence disable applied; {status}"
            )],
            Report::Disabled {
                lb_id,
                outcome: DisableOutcome::AlreadyDisabled,
                ..
            } => vec![format!(
                "load balancer {lb_id}: session persistence already disabled; nothing changed"
            )],
            Report::LoadBalancers(lbs) => load_balancer::table(lbs),
            Report::LoadBalancer(lb) => load_balancer::facts(lb),
            Report::Deleted {
                lb_id,
                status: None,
            } => vec![format!(
                "load balancer {lb_id}: deletion accepted; PENDING_DELETE until deleted"
            )],
            Report::Deleted {
                lb_id,
                status: Some(status),
            } => vec![format!("load balancer {lb_id}: deletion applied; {status}")],
            Report::Catalog(c) => c.text(),
            Report::EmulatorStarted(e) => e.text(),
        }
    }

    /// The JSON document.
    pub(crate) fn json(&self) -> Document<'_> {
        match self {
            Report::Shown { lb_id, persistence } => Document::Shown {
                load_balancer_id: *lb_id,
                persistence_type: persistence.as_ref().map(Type::as_str),
            },
            Report::Enabled {
                lb_id,
                persistence_type,
                status,
            } => Document::Enabled {
                load_balancer_id: *lb_id,
                persistence_type: persistence_type.as_str(),
                accepted: true,
                status: status.as_ref().map(Status::as_str),
            },
            Report::Disabled {
                lb_id,
                outcome,
                status,
            } => Document::Disabled {
                load_balancer_id: *lb_id,
                outcome: match outcome {
                    DisableOutcome::Disabled => "disabled",
                    DisableOutcome::AlreadyDisabled => "already_disabled",
                },
                status: status.as_ref().map(Status::as_str),
            },
            Report::LoadBalancers(lbs) => {
                Document::LoadBalancers(lbs.iter().map(load_balancer::document).collect())
            }
            Report::LoadBalancer(lb) => Document::LoadBalancer(load_balancer::document(lb)),
            Report::Deleted { lb_id, status } => Document::Deleted {
                load_balancer_id: *lb_id,
                accepted: true,
                status: status.as_ref().map(Status::as_str),
            },
            Report::Catalog(c) => c.json(),
            Report::EmulatorStarted(e) => Document::Emulator {
                identity_url: &e.identity_url,
                username: &e.username,
                api_key: &e.api_key,
                password: &e.password,
                tenant_id: &e.tenant_id,
                load_balancer_endpoints: e
                    .lb_endpoints
                    .iter()
                    .map(|(region, url)| RegionEndpoint { region, url })
                    .collect(),
                pending_seconds: e.pending_seconds,
            },
        }
    }
}

/// The JSON documents, with their keys in a fixed, readable order.
#[derive(Debug, Serialize)]
#[serde(untagged, rename_all_fields = "camelCase")]
pub(crate) enum Document<'a> {
    /// `show`.
    Shown {
        load_balancer_id: u64,
        persistence_type: Option<&'a str>,
    },
    /// `enable`; `status` only with `--wait`.
    Enabled {
        load_balancer_id: u64,
        persistence_type: &'a str,
        accepted: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<&'a str>,
    },
    /// `disable`; `status` only with `--wait` when there was a change to wait for.
    Disabled {
        load_balancer_id: u64,
        outcome: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<&'a str>,
    },
    /// `lb list`: an array.
    LoadBalancers(Vec<load_balancer::LoadBalancerDocument<'a>>),
    /// `lb show`, `lb create`: one object.
    LoadBalancer(load_balancer::LoadBalancerDocument<'a>),
    /// `lb delete`; `status` only with `--wait`.
    Deleted {
        load_balancer_id: u64,
        accepted: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<&'a str>,
    },
    /// `catalog`.
    Catalog {
        tenant_id: Option<&'a str>,
        default_region: Option<&'a str>,
        services: Vec<Service<'a>>,
        load_balancer_endpoint: Option<&'a str>,
    },
    /// `emulator`.
    Emulator {
        identity_url: &'a str,
        username: &'a str,
        api_key: &'a str,
        password: &'a str,
        tenant_id: &'a str,
        load_balancer_endpoints: Vec<RegionEndpoint<'a>>,
        pending_seconds: f64,
    },
}

/// One catalog service in the `catalog` document.
#[derive(Debug, Serialize)]
pub(crate) struct Service<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    service_type: &'a str,
    endpoints: Vec<ServiceEndpoint<'a>>,
}

/// One endpoint of a catalog service.
#[derive(Debug, Serialize)]
pub(crate) struct ServiceEndpoint<'a> {
    region: Option<&'a str>,
    #[serde(rename = "publicURL")]
    public_url: Option<&'a str>,
    #[serde(rename = "internalURL")]
    internal_url: Option<&'a str>,
}

/// A region's load balancer endpoint in the `emulator` document.
#[derive(Debug, Serialize)]
pub(crate) struct RegionEndpoint<'a> {
    region: &'a str,
    url: &'a str,
}

impl CatalogReport {
    fn text(&self) -> Vec<String> {
        let mut lines = vec![
            format!("tenant: {}", self.tenant_id.as_deref().unwrap_or("unknown")),
            format!(
                "default region: {}",
                self.default_region.as_deref().unwrap_or("none")
            ),
        ];
        for entry in self.catalog.entries() {
            for endpoint in entry.endpoints() {
                let urls: Vec<String> = [
                    ("public", Availability::Public),
                    ("internal", Availability::Internal),
                ]
                .into_iter()
                .filter_map(|(label, a)| endpoint.url(a).map(|url| format!("{label} {url}")))
                .collect();
                lines.push(format!(
                    "{} ({}) {}: {}",
                    entry.name(),
                    entry.service_type(),
                    endpoint.region().unwrap_or("global"),
                    urls.join(", ")
                ));
            }
        }
        lines.push(match &self.lb_endpoint {
            Ok(url) => format!("load balancer endpoint: {url}"),
            Err(why) => format!("load balancer endpoint: none ({why})"),
        });
        lines
    }

    fn json(&self) -> Document<'_> {
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
        Document::Catalog {
            tenant_id: self.tenant_id.as_deref(),
            default_region: self.default_region.as_deref(),
            services,
            load_balancer_endpoint: self.lb_endpoint.as_deref().ok(),
        }
    }
}

impl EmulatorReport {
    fn text(&self) -> Vec<String> {
        let endpoints: Vec<String> = self
            .lb_endpoints
            .iter()
            .map(|(region, url)| format!("{region} {url}"))
            .collect();
        vec![
            format!("identity URL: {}", self.identity_url),
            format!("username: {}", self.username),
            format!("API key: {}", self.api_key),
            format!("password: {}", self.password),
            format!("tenant: {}", self.tenant_id),
            format!("load balancer endpoints: {}", endpoints.join(", ")),
            format!("changes stay PENDING_UPDATE for {} s", self.pending_seconds),
            format!(
                "try: RS_USERNAME={} RS_API_KEY={} rackcloud --auth-url {} lb session-persistence show 1",
                self.username, self.api_key, self.identity_url
            ),
            "serving until interrupted (Ctrl-C)".to_owned(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(report: &Report) -> String {
        serde_json::to_string(&report.json()).expect("serialisable")
    }

    #[test]
    fn show_renders_both_states() {
        let on = Report::Shown {
            lb_id: 1,
            persistence: Some(Type::HttpCookie),
        };
        assert_eq!(
            on.text(),
            ["load balancer 1: session persistence HTTP_COOKIE"]
        );
        assert_eq!(
            json(&on),
            r#"{"loadBalancerId":1,"persistenceType":"HTTP_COOKIE"}"#
        );
        let off = Report::Shown {
            lb_id: 2,
            persistence: None,
        };
        assert_eq!(
            off.text(),
            ["load balancer 2: session persistence disabled"]
        );
        assert_eq!(json(&off), r#"{"loadBalancerId":2,"persistenceType":null}"#);
    }

    #[test]
    fn enable_and_disable_documents() {
        let enabled = Report::Enabled {
            lb_id: 1,
            persistence_type: Type::SslId,
            status: None,
        };
        assert_eq!(
            json(&enabled),
            r#"{"loadBalancerId":1,"persistenceType":"SSL_ID","accepted":true}"#
        );
        let already = Report::Disabled {
            lb_id: 5,
            outcome: DisableOutcome::AlreadyDisabled,
            status: None,
        };
        assert_eq!(
            json(&already),
            r#"{"loadBalancerId":5,"outcome":"already_disabled"}"#
        );
    }

    #[test]
    fn waiting_adds_the_final_status() {
        let enabled = Report::Enabled {
            lb_id: 1,
            persistence_type: Type::HttpCookie,
            status: Some(Status::Active),
        };
        assert_eq!(
            json(&enabled),
            r#"{"loadBalancerId":1,"persistenceType":"HTTP_COOKIE","accepted":true,"status":"ACTIVE"}"#
        );
        assert_eq!(
            enabled.text(),
            ["load balancer 1: HTTP_COOKIE session persistence applied; ACTIVE"]
        );
        let disabled = Report::Disabled {
            lb_id: 2,
            outcome: DisableOutcome::Disabled,
            status: Some(Status::Active),
        };
        assert_eq!(
            json(&disabled),
            r#"{"loadBalancerId":2,"outcome":"disabled","status":"ACTIVE"}"#
        );
        let deleted = Report::Deleted {
            lb_id: 3,
            status: Some(Status::Deleted),
        };
        assert_eq!(
            json(&deleted),
            r#"{"loadBalancerId":3,"accepted":true,"status":"DELETED"}"#
        );
        assert_eq!(
            deleted.text(),
            ["load balancer 3: deletion applied; DELETED"]
        );
        let accepted = Report::Deleted {
            lb_id: 3,
            status: None,
        };
        assert_eq!(json(&accepted), r#"{"loadBalancerId":3,"accepted":true}"#);
    }

    #[test]
    fn no_load_balancers_is_said_and_is_an_empty_array() {
        let none = Report::LoadBalancers(Vec::new());
        assert_eq!(none.text(), ["no load balancers"]);
        assert_eq!(json(&none), "[]");
    }
}
