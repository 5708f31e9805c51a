//! The document: load balancers described completely, read from JSON with unknown fields
//! refused (docs/declarative.md is the reference).

use std::collections::BTreeMap;

use std::path::Path;

use lb_lbs::{Algorithm, Protocol};
use rackcloud_core::Error;
use serde::{Deserialize, Serialize};

use crate::check::check_lb;
use crate::files::FileText;
use crate::specs::{AccessSpec, MonitorSpec, NodeSpec, ThrottleSpec, VipSpec};
use crate::ssl_spec::{MappingSpec, SslSpec};

/// A document: the load balancers an account should have, each matched by name.
///
/// Load balancers of the account that the document does not name are left alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Document {
    /// The load balancers, by name (each name once).
    pub load_balancers: Vec<LbSpec>,
}

/// One load balancer, completely: what the document leaves out is absent (no monitor, no
/// throttle, no nodes, no SSL termination…), except `algorithm`, `timeout`, `virtual_ips` and
/// `error_page_file`, which are left as they are when not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct LbSpec {
    /// The name, the key that matches it to a load balancer of the account.
    pub name: String,
    /// The protocol (`HTTP`, `HTTPS`, `TCP`, …).
    pub protocol: Protocol,
    /// The port it listens on.
    pub port: u16,
    /// How traffic is spread (left as it is when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<Algorithm>,
    /// The idle timeout in seconds, 30 to 120 (left as it is when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<u32>,
    /// The virtual IPs, matched by type and IP version (left as they are when empty; one
    /// `PUBLIC` IPv4 when the load balancer is created).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub virtual_ips: Vec<VipSpec>,
    /// Half-closed TCP connections supported.
    #[serde(default)]
    pub half_closed: bool,
    /// The nodes, matched by address and port.
    #[serde(default)]
    pub nodes: Vec<NodeSpec>,
    /// The health monitor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_monitor: Option<MonitorSpec>,
    /// The access list, matched by address and type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access_list: Vec<AccessSpec>,
    /// The connection throttle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_throttle: Option<ThrottleSpec>,
    /// Session persistence (`HTTP_COOKIE`, `SOURCE_IP`, `SSL_ID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_persistence: Option<lb_sessions::Type>,
    /// SSL termination.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssl_termination: Option<SslSpec>,
    /// Certificate mappings (need SSL termination), matched by host name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificate_mappings: Vec<MappingSpec>,
    /// HTTP requests answered with a redirect to HTTPS.
    #[serde(default)]
    pub https_redirect: bool,
    /// The error page (HTML file), HTTP load balancers only (left as it is when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_page_file: Option<FileText>,
    /// Connection logging on or off.
    #[serde(default)]
    pub connection_logging: bool,
    /// Content caching on or off.
    #[serde(default)]
    pub content_caching: bool,
    /// Metadata, key to value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

impl Document {
    /// Reads and checks a document whose files (certificates, keys, error pages) are named
    /// relative to the current folder.
    ///
    /// # Errors
    ///
    /// As [`Document::read`].
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_lb::Document;
    ///
    /// let err = Document::from_json(r#"{"load_balancers": [
    ///     {"name": "shop", "protocol": "HTTP", "port": 80, "helth_monitor": {}}]}"#)
    ///     .unwrap_err();
    /// assert!(err.is_invalid_input());
    /// assert!(err.to_string().contains("load_balancers[0].helth_monitor: unknown field `helth_monitor`"), "{err}");
    /// ```
    pub fn from_json(text: &str) -> Result<Document, Error> {
        Document::from_json_in(text, Path::new("."))
    }

    /// Reads and checks the document in file `path`; the files it names are relative to the
    /// folder `path` is in.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when the file cannot be read;
    /// naming the field's path, line and column for JSON that is not a document (an unknown
    /// field, a wrong type); naming the load balancer and field for a file it names that cannot
    /// be read, and for values that cannot be valid ([`Document::check`]).
    pub fn read(path: &Path) -> Result<Document, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::invalid_input(format!("cannot read the document {}: {e}", path.display()))
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Document::from_json_in(&text, base)
    }

    /// Reads and checks a document whose files are named relative to folder `base`.
    ///
    /// # Errors
    ///
    /// As [`Document::read`].
    pub fn from_json_in(text: &str, base: &Path) -> Result<Document, Error> {
        let mut json = serde_json::Deserializer::from_str(text);
        let mut doc: Document = serde_path_to_error::deserialize(&mut json).map_err(|e| {
            let path = e.path().to_string();
            Error::invalid_input(format!("the document is invalid: {path}: {}", e.inner()))
        })?;
        doc.load_files(base)?;
        doc.check()?;
        Ok(doc)
    }

    /// Reads the files the document names, relative to `base`. Key files that cannot be read
    /// are not an error here: a key is needed only to install a certificate.
    fn load_files(&mut self, base: &Path) -> Result<(), Error> {
        for (i, lb) in self.load_balancers.iter_mut().enumerate() {
            let at = format!("load_balancers[{i}] ({:?})", lb.name);
            if let Some(ssl) = &mut lb.ssl_termination {
                ssl.load(base, &format!("{at}.ssl_termination"))?;
            }
            for (j, m) in lb.certificate_mappings.iter_mut().enumerate() {
                m.load(base, &format!("{at}.certificate_mappings[{j}]"))?;
            }
            if let Some(page) = &mut lb.error_page_file {
                page.load(base, &format!("{at}.error_page_file"))?;
            }
        }
        Ok(())
    }

    /// The document as pretty JSON (files by path; what they hold is not written).
    pub fn to_json(&self) -> String {
        // A document is plain data: serialising it cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Checks every value the SDK checks before sending, names given once, and the rules
    /// between fields the service enforces (HTTPS redirect, SSL termination, error pages).
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) starting with
    /// `load_balancers[i] (name).field`.
    pub fn check(&self) -> Result<(), Error> {
        for (i, lb) in self.load_balancers.iter().enumerate() {
            let prefix = format!("load_balancers[{i}] ({:?})", lb.name);
            if self.load_balancers[..i].iter().any(|o| o.name == lb.name) {
                let why = format!("{prefix}.name: this name is given twice");
                return Err(Error::invalid_input(why));
            }
            check_lb(lb, &prefix)?;
        }
        Ok(())
    }
}

impl LbSpec {
    /// The nodes as the nodes crate's options.
    pub(crate) fn node_opts(&self) -> Vec<lb_nodes::NodeOpts> {
        self.nodes.iter().map(NodeSpec::opts).collect()
    }
}
