//! [`export`]: the document of existing load balancers, with the files it names.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use rackcloud_core::{Error, ServiceClient};

use crate::current::{Current, file_stem};
use crate::document::Document;
use crate::files::FileText;
use crate::lb_spec::LbSpec;

/// What [`export`] gives: the document, the files it names with what they hold (certificates,
/// chains, error pages), and the private key files it names, which are not written: the
/// service never shows a key. Provide them before a certificate is to be replaced; until then
/// a plan of the document needs none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    document: Document,
    files: Vec<FileText>,
    keys: Vec<String>,
}

impl Export {
    /// The document.
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// The files to write next to the document (paths relative to its folder).
    pub fn files(&self) -> &[FileText] {
        &self.files
    }

    /// The private key files the document names and export leaves out (relative paths).
    pub fn keys_to_provide(&self) -> &[String] {
        &self.keys
    }

    /// Writes [`files`](Export::files) into folder `dir`; gives the paths written. A file that
    /// exists with the same text is left as it is; one with other text is not overwritten.
    ///
    /// # Errors
    ///
    /// An [`AlreadyExists`](io::ErrorKind::AlreadyExists) error naming a file that exists
    /// with other text (files before it in the list are written); any error of writing.
    pub fn write_files(&self, dir: &Path) -> io::Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for file in &self.files {
            let path = dir.join(file.path());
            let text = file.text().unwrap_or_default();
            match std::fs::read_to_string(&path) {
                Ok(old) if old == text => continue,
                Ok(_) => {
                    return Err(io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        format!(
                            "{} exists with other content: not overwritten (move it away, or export into another folder)",
                            path.display()
                        ),
                    ));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            std::fs::write(&path, text)?;
            written.push(path);
        }
        Ok(written)
    }
}

/// The document describing load balancers `ids` as they are ([`Current::read`]), with the
/// files it names: `{name}.crt`, `{name}-chain.crt`, `{name}-{host}.crt` of a mapping,
/// `{name}-error.html` (the name in lower case, other characters than letters, digits, `-` and
/// `_` as `-`; the id added when two names give the same). Planning it (once its files are
/// written) shows no change.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when two of them have the same
/// name (a document matches load balancers by name, so it cannot hold both); any error
/// reading them.
pub fn export(client: &ServiceClient, ids: &[u64]) -> Result<Export, Error> {
    let mut load_balancers: Vec<LbSpec> = Vec::new();
    let mut stems = BTreeSet::new();
    for &id in ids {
        let current = Current::read_as(client, id, |name| {
            let stem = file_stem(name);
            if stems.contains(&stem) {
                format!("{stem}-{id}")
            } else {
                stem
            }
        })?;
        let spec = current.spec();
        if let Some(other) = load_balancers.iter().position(|l| l.name == spec.name) {
            return Err(Error::invalid_input(format!(
                "load balancers {} and {id} are both named {:?}: a document matches load balancers by name, so it cannot hold both (rename one first)",
                ids[other], spec.name
            )));
        }
        stems.insert(file_stem(&spec.name));
        load_balancers.push(spec.clone());
    }
    let mut files = Vec::new();
    let mut keys = Vec::new();
    for lb in &load_balancers {
        if let Some(ssl) = &lb.ssl_termination {
            files.push(ssl.certificate_file.clone());
            files.extend(ssl.intermediate_certificate_file.clone());
            keys.push(ssl.private_key_file.path().to_owned());
        }
        for m in &lb.certificate_mappings {
            files.push(m.certificate_file.clone());
            files.extend(m.intermediate_certificate_file.clone());
            keys.push(m.private_key_file.path().to_owned());
        }
        files.extend(lb.error_page_file.clone());
    }
    Ok(Export {
        document: Document { load_balancers },
        files,
        keys,
    })
}
