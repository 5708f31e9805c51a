//! SSL termination and certificate mappings in a document: certificates, keys and chains by
//! file path, never inline.

use std::path::Path;

use lb_ssl::{CertificateBundle, CipherProfile};
use rackcloud_core::Error;
use serde::{Deserialize, Serialize};

use crate::files::{FileText, KeyFile};

/// SSL termination: the load balancer also serves TLS on `secure_port`, with this certificate.
///
/// The private key is never read back from the service: a certificate that is the same as the
/// installed one needs no key, so an exported document (which names the key file without
/// writing it) plans no change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SslSpec {
    /// The certificate (PEM file).
    pub certificate_file: FileText,
    /// Its private key (PEM file; read only, never written or shown).
    pub private_key_file: KeyFile,
    /// The intermediate chain (PEM file), the certificate's issuer first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediate_certificate_file: Option<FileText>,
    /// The port TLS is served on (443 for HTTPS redirect).
    pub secure_port: u16,
    /// Termination on (default) or off.
    #[serde(default = "on")]
    pub enabled: bool,
    /// Only TLS traffic is accepted (required for HTTPS redirect).
    #[serde(default)]
    pub secure_traffic_only: bool,
    /// The cipher profile, compared only when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cipher_profile: Option<CipherProfile>,
}

fn on() -> bool {
    true
}

/// A certificate mapping: another certificate, served to clients asking for `host_name` (SNI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MappingSpec {
    /// The host name (`*.example.com` allowed), the key that matches it to a mapping.
    pub host_name: String,
    /// The certificate (PEM file).
    pub certificate_file: FileText,
    /// Its private key (PEM file).
    pub private_key_file: KeyFile,
    /// The intermediate chain (PEM file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermediate_certificate_file: Option<FileText>,
}

/// A certificate, key and chain read from files.
struct Files<'a> {
    certificate: &'a mut FileText,
    key: &'a mut KeyFile,
    chain: Option<&'a mut FileText>,
}

impl Files<'_> {
    /// Reads the files; checks the bundle when the key could be read.
    fn load(self, base: &Path, at: &str) -> Result<(), Error> {
        self.certificate
            .load(base, &format!("{at}.certificate_file"))?;
        self.key.load(base);
        if let Some(chain) = self.chain {
            chain.load(base, &format!("{at}.intermediate_certificate_file"))?;
        }
        Ok(())
    }
}

/// The bundle of a certificate, its key and chain, for sending; `why` says what needs the key.
fn bundle(
    certificate: &FileText,
    key: &KeyFile,
    chain: Option<&FileText>,
    at: &str,
    why: &str,
) -> Result<CertificateBundle, Error> {
    let key = key.require(&format!("{at}.private_key_file"), why)?;
    let mut bundle = CertificateBundle::new(certificate.text().unwrap_or_default(), key.clone());
    if let Some(chain) = chain.and_then(FileText::text) {
        bundle = bundle.chain(chain);
    }
    bundle
        .check()
        .map_err(|e| Error::invalid_input(format!("{at}: {}", strip(&e))))?;
    Ok(bundle)
}

/// An error's message without its kind's prefix, to be placed after a field's name.
pub(crate) fn strip(e: &Error) -> String {
    e.to_string()
        .trim_start_matches("invalid input: ")
        .to_owned()
}

impl SslSpec {
    /// Reads the certificate, chain and (when it exists) key files, relative to `base`.
    pub(crate) fn load(&mut self, base: &Path, at: &str) -> Result<(), Error> {
        Files {
            certificate: &mut self.certificate_file,
            key: &mut self.private_key_file,
            chain: self.intermediate_certificate_file.as_mut(),
        }
        .load(base, at)
    }

    /// The certificate bundle to install, checked; an error naming the key file when it could
    /// not be read.
    pub(crate) fn bundle(&self, at: &str) -> Result<CertificateBundle, Error> {
        bundle(
            &self.certificate_file,
            &self.private_key_file,
            self.intermediate_certificate_file.as_ref(),
            at,
            "the certificate is installed",
        )
    }

    /// Whether the certificate and chain are those of `have`.
    pub(crate) fn same_certificate(&self, have: &SslSpec) -> bool {
        self.certificate_file
            .same_text(have.certificate_file.text())
            && crate::files::same_optional(
                self.intermediate_certificate_file.as_ref(),
                have.intermediate_certificate_file.as_ref(),
            )
    }

    /// Whether the settings other than the certificate are those of `have` (the cipher
    /// profile only when given).
    pub(crate) fn same_settings(&self, have: &SslSpec) -> bool {
        self.secure_port == have.secure_port
            && self.enabled == have.enabled
            && self.secure_traffic_only == have.secure_traffic_only
            && (self.cipher_profile.is_none() || self.cipher_profile == have.cipher_profile)
    }
}

impl MappingSpec {
    /// Reads the files, relative to `base`.
    pub(crate) fn load(&mut self, base: &Path, at: &str) -> Result<(), Error> {
        Files {
            certificate: &mut self.certificate_file,
            key: &mut self.private_key_file,
            chain: self.intermediate_certificate_file.as_mut(),
        }
        .load(base, at)
    }

    /// The bundle to send, checked.
    pub(crate) fn bundle(&self, at: &str) -> Result<CertificateBundle, Error> {
        bundle(
            &self.certificate_file,
            &self.private_key_file,
            self.intermediate_certificate_file.as_ref(),
            at,
            "the certificate is installed",
        )
    }

    /// Whether the certificate and chain are those of `have`.
    pub(crate) fn same_certificate(&self, have: &MappingSpec) -> bool {
        self.certificate_file
            .same_text(have.certificate_file.text())
            && crate::files::same_optional(
                self.intermediate_certificate_file.as_ref(),
                have.intermediate_certificate_file.as_ref(),
            )
    }
}
