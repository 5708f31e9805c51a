//! [`export`]: the document of existing load balancers, with the files it names.

#[cfg(doc)]
use std::io;
use std::path::{Path, PathBuf};

use rackcloud_core::{Error, ServiceClient};

use crate::current::Current;
use crate::document::Document;
use crate::files::{FileText, WriteError, Written, unique_paths, write_file};
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

    /// Writes [`files`](Export::files) into folder `dir` with
    /// [`write_file`](crate::files::write_file); gives the paths written. A file that exists
    /// with the same text is left as it is; one with other text is not overwritten; nothing
    /// is written through a symbolic link.
    ///
    /// # Errors
    ///
    /// A [`WriteError`] naming the file that could not be written and why (an
    /// [`AlreadyExists`](io::ErrorKind::AlreadyExists) error for one with other text), the
    /// files written before it and those not written.
    pub fn write_files(&self, dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
        self.write(dir, false)
    }

    /// [`write_files`](Export::write_files), replacing files that exist with other text (each
    /// written in full beside it, then renamed over it).
    ///
    /// # Errors
    ///
    /// As [`write_files`](Export::write_files).
    pub fn overwrite_files(&self, dir: &Path) -> Result<Vec<PathBuf>, WriteError> {
        self.write(dir, true)
    }

    fn write(&self, dir: &Path, replace: bool) -> Result<Vec<PathBuf>, WriteError> {
        let mut written = Vec::new();
        for (i, file) in self.files.iter().enumerate() {
            let path = dir.join(file.path());
            let text = file.text().unwrap_or_default();
            match write_file(&path, text.as_bytes(), replace) {
                Ok(Written::Unchanged) => {}
                Ok(_) => written.push(path),
                Err(e) => {
                    let rest = self.files[i + 1..].iter().map(|f| dir.join(f.path()));
                    return Err(WriteError::new(written, path, rest.collect(), e));
                }
            }
        }
        Ok(written)
    }
}

/// The page `GET …/errorpage` shows when no custom page is set
/// (docs/api/logging-caching-errorpage.md), compared with runs of whitespace as one space.
const DEFAULT_ERROR_PAGE: &str = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The service is temporarily unavailable. Please try again later.</p></body></html>";

/// Whether `page` is the service's default error page.
fn is_default_error_page(page: &str) -> bool {
    let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    words(page) == words(DEFAULT_ERROR_PAGE)
}

/// The document describing load balancers `ids` as they are ([`Current::read`]), with the
/// files it names: `{name}.crt`, `{name}-chain.crt`, `{name}-{host}.crt` of a mapping,
/// `{name}-error.html` (the name in lower case, other characters than letters, digits, `-` and
/// `_` as `-`; `-2`, `-3`… added to a name met before; `lb` before a name starting with `-`,
/// `_` after a Windows device name such as `con`; a name over 255 bytes cut, with a short hash
/// of the whole). Planning it (once its files are written) shows no change.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when two of them have the same
/// name (a document matches load balancers by name, so it cannot hold both); any error
/// reading them.
pub fn export(client: &ServiceClient, ids: &[u64]) -> Result<Export, Error> {
    let mut load_balancers: Vec<LbSpec> = Vec::new();
    for &id in ids {
        let current = Current::read(client, id)?;
        let mut spec = current.spec().clone();
        // The service shows its default page when none is set: that is no custom page to
        // declare (applying it elsewhere would install it as one).
        if spec
            .error_page_file
            .as_ref()
            .and_then(FileText::text)
            .is_some_and(is_default_error_page)
        {
            spec.error_page_file = None;
        }
        if let Some(other) = load_balancers.iter().position(|l| l.name == spec.name) {
            return Err(Error::invalid_input(format!(
                "load balancers {} and {id} are both named {:?}: a document matches load balancers by name, so it cannot hold both (rename one first)",
                ids[other], spec.name
            )));
        }
        load_balancers.push(spec);
    }
    // Names made from names and host names may still meet (a load balancer "shop-api" and a
    // mapping "api" of "shop"): every file gets a path of its own.
    unique_paths(load_balancers.iter_mut().flat_map(|lb| {
        let mut paths: Vec<&mut String> = Vec::new();
        if let Some(ssl) = &mut lb.ssl_termination {
            paths.push(ssl.certificate_file.path_mut());
            paths.extend(
                ssl.intermediate_certificate_file
                    .as_mut()
                    .map(FileText::path_mut),
            );
            paths.push(ssl.private_key_file.path_mut());
        }
        for m in &mut lb.certificate_mappings {
            paths.push(m.certificate_file.path_mut());
            paths.extend(
                m.intermediate_certificate_file
                    .as_mut()
                    .map(FileText::path_mut),
            );
            paths.push(m.private_key_file.path_mut());
        }
        paths.extend(lb.error_page_file.as_mut().map(FileText::path_mut));
        paths
    }));
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
