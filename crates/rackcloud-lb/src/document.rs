//! The document: load balancers described completely, read from JSON with unknown fields
//! refused (docs/declarative.md is the reference).

use std::path::Path;

use rackcloud_core::Error;
use serde::{Deserialize, Serialize};

use crate::check::check_lb;
use crate::lb_spec::LbSpec;
use crate::ssl_spec::CertificateFiles as _;

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

impl Document {
    /// A document of these load balancers (checked when planned).
    pub fn new(load_balancers: Vec<LbSpec>) -> Document {
        Document { load_balancers }
    }

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
