//! [`CertificateInfo`]: what a PEM certificate says, read with a real X.509 parser.

use jiff::Timestamp;
use rackcloud_core::Error;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use x509_cert::Certificate;
use x509_cert::der::oid::AssociatedOid;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::ext::pkix::name::GeneralName;

/// What a certificate says about itself: subject, issuer, host names and validity.
///
/// Read from PEM with [`CertificateInfo::from_pem`]; never holds a key.
///
/// # Examples
///
/// ```
/// let err = lb_ssl::CertificateInfo::from_pem("not a certificate").unwrap_err();
/// assert!(err.is_invalid_input());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    subject: String,
    issuer: String,
    names: Vec<String>,
    not_before: Timestamp,
    not_after: Timestamp,
    der: Vec<u8>,
}

impl CertificateInfo {
    /// Parses the first certificate of a PEM text.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when the text holds no PEM
    /// certificate or the certificate is not valid X.509.
    pub fn from_pem(pem: &str) -> Result<CertificateInfo, Error> {
        let mut all = parse_all(pem, "the certificate")?;
        Ok(all.remove(0).info)
    }

    /// The subject's distinguished name (RFC 4514), e.g. `CN=www.example.com`.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The issuer's distinguished name (RFC 4514).
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// The DNS names of the subject alternative name extension, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The start of validity.
    pub fn not_before(&self) -> Timestamp {
        self.not_before
    }

    /// The end of validity (the expiry).
    pub fn not_after(&self) -> Timestamp {
        self.not_after
    }

    /// The certificate's DER bytes: two certificates are the same when these are.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}

/// A parsed certificate: the public facts plus what the chain and key checks need.
pub(crate) struct Parsed {
    pub(crate) info: CertificateInfo,
    pub(crate) cert: Certificate,
}

impl Parsed {
    /// The subject public key's bits (an RSAPublicKey DER, or an EC point).
    pub(crate) fn public_key_bits(&self) -> &[u8] {
        self.cert
            .tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .raw_bytes()
    }
}

/// Every certificate of a PEM text, in order; `what` names the text in messages. A text that
/// also holds a private key is refused: the certificate is shown by the service and written by
/// tools, so a key inside it would leak.
pub(crate) fn parse_all(pem: &str, what: &str) -> Result<Vec<Parsed>, Error> {
    if PrivateKeyDer::from_pem_slice(pem.as_bytes()).is_ok() {
        return Err(Error::invalid_input(format!(
            "{what} holds a private key: give the key on its own, never with certificates"
        )));
    }
    let mut out = Vec::new();
    for item in CertificateDer::pem_slice_iter(pem.as_bytes()) {
        let der = item.map_err(|_| {
            Error::invalid_input(format!(
                "{what} is not valid PEM; expected BEGIN CERTIFICATE blocks"
            ))
        })?;
        out.push(parse_der(der.as_ref(), what, out.len())?);
    }
    if out.is_empty() {
        return Err(Error::invalid_input(format!(
            "{what} holds no PEM certificate; expected a BEGIN CERTIFICATE block"
        )));
    }
    Ok(out)
}

fn parse_der(der: &[u8], what: &str, index: usize) -> Result<Parsed, Error> {
    let bad = || {
        Error::invalid_input(format!(
            "{what}: certificate {} is not valid X.509",
            index + 1
        ))
    };
    let cert = Certificate::from_der(der).map_err(|_| bad())?;
    let tbs = &cert.tbs_certificate;
    let not_before = timestamp(tbs.validity.not_before.to_unix_duration()).ok_or_else(bad)?;
    let not_after = timestamp(tbs.validity.not_after.to_unix_duration()).ok_or_else(bad)?;
    let mut names = Vec::new();
    for ext in tbs.extensions.iter().flatten() {
        if ext.extn_id == SubjectAltName::OID {
            let san = SubjectAltName::from_der(ext.extn_value.as_bytes()).map_err(|_| bad())?;
            for name in san.0 {
                if let GeneralName::DnsName(dns) = name {
                    names.push(dns.to_string());
                }
            }
        }
    }
    let info = CertificateInfo {
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        names,
        not_before,
        not_after,
        der: cert.to_der().map_err(|_| bad())?,
    };
    Ok(Parsed { info, cert })
}

fn timestamp(since_epoch: std::time::Duration) -> Option<Timestamp> {
    let secs = i64::try_from(since_epoch.as_secs()).ok()?;
    Timestamp::from_second(secs).ok()
}
