//! The document: load balancers described completely, read from JSON with unknown fields
//! refused (docs/declarative.md is the reference).

use std::path::Path;

use rackcloud_core::Error;
use serde::{Deserialize, Serialize};

use crate::check::check_lb;
use crate::files::{Cap, ReadOptions, read_text};
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
    /// folder `path` is in, and must be inside it ([`Document::read_with`] to allow others).
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when the file cannot be read,
    /// is not a regular file or is larger than 4 MiB ([`Cap::DOCUMENT`]); naming the field's
    /// path, line and column for JSON that is not a document (an unknown field, a wrong type,
    /// a field or metadata key given twice); naming the load balancer and field for a file it
    /// names that cannot be read, is outside the document's folder or over its cap, and for
    /// values that cannot be valid ([`Document::check`]).
    pub fn read(path: &Path) -> Result<Document, Error> {
        Document::read_with(path, &ReadOptions::new())
    }

    /// [`Document::read`], finding the files it names as `opts` says.
    ///
    /// # Errors
    ///
    /// As [`Document::read`].
    ///
    /// # Examples
    ///
    /// ```
    /// use rackcloud_lb::Document;
    /// use rackcloud_lb::files::ReadOptions;
    ///
    /// let dir = tempfile::tempdir()?;
    /// let pages = tempfile::tempdir()?;
    /// std::fs::write(pages.path().join("sorry.html"), "<html>Sorry</html>")?;
    /// let doc = dir.path().join("shop.json");
    /// let page = pages.path().join("sorry.html");
    /// std::fs::write(&doc, format!(r#"{{"load_balancers": [{{"name": "shop", "protocol": "HTTP",
    ///     "port": 80, "nodes": [{{"address": "10.0.0.1", "port": 8080}}],
    ///     "error_page_file": {:?}}}]}}"#, page.display().to_string()))?;
    ///
    /// let err = Document::read(&doc).unwrap_err();
    /// assert!(err.to_string().contains("is an absolute path, outside the document's folder"), "{err}");
    /// let read = Document::read_with(&doc, &ReadOptions::new().allow_outside_files(true))?;
    /// assert_eq!(read.files(), [page.display().to_string()]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_with(path: &Path, opts: &ReadOptions) -> Result<Document, Error> {
        let text = read_text(path, Cap::DOCUMENT).map_err(|e| {
            Error::invalid_input(format!("cannot read the document {}: {e}", path.display()))
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Document::from_json_with(&text, base, opts)
    }

    /// Reads and checks a document whose files are named relative to folder `base` (and
    /// must be inside it).
    ///
    /// # Errors
    ///
    /// As [`Document::read`].
    pub fn from_json_in(text: &str, base: &Path) -> Result<Document, Error> {
        Document::from_json_with(text, base, &ReadOptions::new())
    }

    /// [`Document::from_json_in`], finding the files it names as `opts` says. A UTF-8
    /// byte-order mark before the JSON is accepted.
    ///
    /// # Errors
    ///
    /// As [`Document::read`].
    pub fn from_json_with(text: &str, base: &Path, opts: &ReadOptions) -> Result<Document, Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut json = serde_json::Deserializer::from_str(text);
        let mut doc: Document = serde_path_to_error::deserialize(&mut json).map_err(|e| {
            let path = e.path().to_string();
            Error::invalid_input(format!("the document is invalid: {path}: {}", e.inner()))
        })?;
        doc.load_files(base, opts)?;
        doc.check()?;
        Ok(doc)
    }

    /// The paths of the files the document names (certificates, keys, chains, error pages),
    /// as it writes them, in the order they are read: what reading the document reads.
    pub fn files(&self) -> Vec<String> {
        let mut files = Vec::new();
        for lb in &self.load_balancers {
            let ssl = lb.ssl_termination.iter().map(|s| s.files());
            for (certificate, key, chain) in
                ssl.chain(lb.certificate_mappings.iter().map(|m| m.files()))
            {
                files.push(certificate.path().to_owned());
                files.push(key.path().to_owned());
                files.extend(chain.map(|c| c.path().to_owned()));
            }
            files.extend(lb.error_page_file.as_ref().map(|p| p.path().to_owned()));
        }
        files
    }

    /// Reads the files the document names, relative to `base`. Key files that cannot be read
    /// are not an error here: a key is needed only to install a certificate.
    fn load_files(&mut self, base: &Path, opts: &ReadOptions) -> Result<(), Error> {
        for (i, lb) in self.load_balancers.iter_mut().enumerate() {
            let at = format!("load_balancers[{i}] ({:?})", lb.name);
            if let Some(ssl) = &mut lb.ssl_termination {
                ssl.load(base, opts, &format!("{at}.ssl_termination"))?;
            }
            for (j, m) in lb.certificate_mappings.iter_mut().enumerate() {
                m.load(base, opts, &format!("{at}.certificate_mappings[{j}]"))?;
            }
            if let Some(page) = &mut lb.error_page_file {
                page.load(
                    base,
                    opts,
                    Cap::ERROR_PAGE,
                    &format!("{at}.error_page_file"),
                )?;
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
