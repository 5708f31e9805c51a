//! SSL termination and certificate mappings in a document: certificates, keys and chains by
//! file path, never inline.

use std::path::Path;

use lb_ssl::{CertificateBundle, CipherProfile};
use rackcloud_core::Error;
use serde::{Deserialize, Serialize};

use crate::files::{Cap, FileText, KeyFile, ReadOptions};

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

/// The certificate, key and chain of a termination or a mapping.
pub(crate) trait CertificateFiles {
    /// The three files, to read.
    fn files_mut(&mut self) -> (&mut FileText, &mut KeyFile, Option<&mut FileText>);

    /// The three files.
    fn files(&self) -> (&FileText, &KeyFile, Option<&FileText>);

    /// Reads the certificate and chain (an error naming the field when one cannot be read)
    /// and the key when its file can be read, relative to `base` as `opts` says.
    fn load(&mut self, base: &Path, opts: &ReadOptions, at: &str) -> Result<(), Error> {
        let (certificate, key, chain) = self.files_mut();
        let field = format!("{at}.certificate_file");
        certificate.load(base, opts, Cap::CERTIFICATE, &field)?;
        no_key_in(certificate, &field)?;
        key.load(base, opts, &format!("{at}.private_key_file"))?;
        if let Some(chain) = chain {
            let at = format!("{at}.intermediate_certificate_file");
            chain.load(base, opts, Cap::CERTIFICATE, &at)?;
            no_key_in(chain, &at)?;
        }
        Ok(())
    }

    /// The bundle to send, checked; an error naming the key file when it could not be read.
    fn bundle(&self, at: &str) -> Result<CertificateBundle, Error> {
        let (certificate, key, chain) = self.files();
        let key = key.require(
            &format!("{at}.private_key_file"),
            "the certificate is installed",
        )?;
        let mut bundle =
            CertificateBundle::new(certificate.text().unwrap_or_default(), key.clone());
        if let Some(chain) = chain.and_then(FileText::text) {
            bundle = bundle.chain(chain);
        }
        bundle
            .check()
            .map_err(|e| Error::invalid_input(format!("{at}: {}", strip(&e))))?;
        Ok(bundle)
    }

    /// Whether the certificate and chain are those of `have`.
    fn same_certificate(&self, have: &Self) -> bool {
        let (certificate, _, chain) = self.files();
        let (have_certificate, _, have_chain) = have.files();
        certificate.same_text(have_certificate.text())
            && crate::files::same_optional(chain, have_chain)
    }
}

/// Refuses a certificate file that also holds a private key: certificates are shown by the
/// service and written by export, so the key would leak.
fn no_key_in(file: &FileText, at: &str) -> Result<(), Error> {
    if file.text().is_some_and(|t| t.contains("PRIVATE KEY-----")) {
        return Err(Error::invalid_input(format!(
            "{at}: {:?} holds a private key; keep the key in private_key_file alone",
            file.path()
        )));
    }
    Ok(())
}

/// An error's message without its kind's prefix and the `(nothing was sent)` its display adds
/// (the error it goes into adds its own), to be placed after a field's name.
pub(crate) fn strip(e: &Error) -> String {
    e.to_string()
        .trim_start_matches("invalid input: ")
        .trim_end_matches(" (nothing was sent)")
        .to_owned()
}

impl MappingSpec {
    /// A mapping of `host_name` to this certificate and key.
    pub fn new(host_name: impl Into<String>, certificate: FileText, key: KeyFile) -> MappingSpec {
        MappingSpec {
            host_name: host_name.into(),
            certificate_file: certificate,
            private_key_file: key,
            intermediate_certificate_file: None,
        }
    }
}

macro_rules! certificate_files {
    ($spec:ty) => {
        impl CertificateFiles for $spec {
            fn files_mut(&mut self) -> (&mut FileText, &mut KeyFile, Option<&mut FileText>) {
                (
                    &mut self.certificate_file,
                    &mut self.private_key_file,
                    self.intermediate_certificate_file.as_mut(),
                )
            }

            fn files(&self) -> (&FileText, &KeyFile, Option<&FileText>) {
                (
                    &self.certificate_file,
                    &self.private_key_file,
                    self.intermediate_certificate_file.as_ref(),
                )
            }
        }
    };
}

certificate_files!(SslSpec);
certificate_files!(MappingSpec);

impl SslSpec {
    /// Termination with this certificate and key on `secure_port`, enabled, not secure
    /// traffic only.
    pub fn new(certificate: FileText, key: KeyFile, secure_port: u16) -> SslSpec {
        SslSpec {
            certificate_file: certificate,
            private_key_file: key,
            intermediate_certificate_file: None,
            secure_port,
            enabled: true,
            secure_traffic_only: false,
            cipher_profile: None,
        }
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
