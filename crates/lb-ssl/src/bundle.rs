//! [`CertificateBundle`]: a certificate, its private key and an optional intermediate chain,
//! checked together before anything is sent.

use std::fmt;

use jiff::{SignedDuration, Timestamp};
use rackcloud_core::{Error, Secret};

use crate::certificate::{CertificateInfo, Parsed, parse_all};
use crate::chain::issued_by;
use crate::key::public_key_bits;

/// How close to its expiry a certificate is reported by a [`CertificateWarning`]: 30 days.
pub const EXPIRY_WARNING: SignedDuration = SignedDuration::from_hours(30 * 24);

/// A certificate (PEM), its private key (PEM, a [`Secret`]) and an optional intermediate chain
/// (PEM, the certificate's issuer first).
///
/// [`check`](CertificateBundle::check) proves, without sending anything, that each part parses,
/// the key belongs to the certificate, the chain is in order and nothing has expired. Every
/// operation that sends a bundle checks it first. Its `Debug` never shows the key.
///
/// # Examples
///
/// ```
/// use lb_ssl::CertificateBundle;
///
/// let bundle = CertificateBundle::new("-----BEGIN CERTIFICATE-----\n…", "not a key");
/// let err = bundle.check().unwrap_err();
/// assert!(err.is_invalid_input());
/// assert!(!format!("{bundle:?} {err}").contains("not a key"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateBundle {
    certificate: String,
    private_key: Secret,
    chain: Option<String>,
}

impl CertificateBundle {
    /// A certificate and its private key, both PEM.
    pub fn new(
        certificate: impl Into<String>,
        private_key: impl Into<Secret>,
    ) -> CertificateBundle {
        CertificateBundle {
            certificate: certificate.into(),
            private_key: private_key.into(),
            chain: None,
        }
    }

    /// The intermediate certificates (PEM, concatenated), the certificate's issuer first.
    pub fn chain(mut self, chain: impl Into<String>) -> CertificateBundle {
        self.chain = Some(chain.into());
        self
    }

    /// The certificate's PEM text.
    pub fn certificate(&self) -> &str {
        &self.certificate
    }

    /// The private key.
    pub fn private_key(&self) -> &Secret {
        &self.private_key
    }

    /// The intermediate chain's PEM text, if any.
    pub fn intermediate(&self) -> Option<&str> {
        self.chain.as_deref()
    }

    /// The certificate's subject, issuer, names and validity.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) when it does not parse.
    pub fn info(&self) -> Result<CertificateInfo, Error> {
        CertificateInfo::from_pem(&self.certificate)
    }

    /// Checks the bundle now; see [`check_at`](CertificateBundle::check_at).
    ///
    /// # Errors
    ///
    /// As [`check_at`](CertificateBundle::check_at).
    pub fn check(&self) -> Result<Vec<CertificateWarning>, Error> {
        self.check_at(Timestamp::now())
    }

    /// Checks the bundle as of `now`: the certificate and every chain certificate parse, the key
    /// belongs to the certificate, the certificate was issued by the chain's first certificate
    /// and each chain certificate by the next, and none has expired. A certificate not yet
    /// valid, or expiring within [`EXPIRY_WARNING`], is reported in the warnings returned.
    ///
    /// # Errors
    ///
    /// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) saying which check failed;
    /// the message never quotes the key.
    pub fn check_at(&self, now: Timestamp) -> Result<Vec<CertificateWarning>, Error> {
        let mut certs = parse_all(&self.certificate, "the certificate")?;
        if certs.len() > 1 {
            return Err(Error::invalid_input(
                "the certificate holds more than one certificate; put the intermediates in the chain",
            ));
        }
        let key = public_key_bits(&self.private_key, "the private key")?;
        if key != certs[0].public_key_bits() {
            return Err(Error::invalid_input(
                "the private key does not belong to the certificate",
            ));
        }
        if let Some(chain) = &self.chain {
            certs.extend(parse_all(chain, "the intermediate chain")?);
        }
        check_order(&certs)?;
        validity(&certs, now)
    }
}

/// Checks an intermediate chain on its own (for a mapping update that sends only the chain):
/// it parses, each certificate was issued by the next, none has expired.
pub(crate) fn check_chain_alone(
    chain: &str,
    now: Timestamp,
) -> Result<Vec<CertificateWarning>, Error> {
    let certs = parse_all(chain, "the intermediate chain")?;
    check_order(&certs)?;
    validity(&certs, now)
}

fn check_order(certs: &[Parsed]) -> Result<(), Error> {
    for (i, pair) in certs.windows(2).enumerate() {
        if !issued_by(&pair[0], &pair[1]) {
            let child = if i == 0 {
                "the certificate".to_owned()
            } else {
                format!("chain certificate {i}")
            };
            return Err(Error::invalid_input(format!(
                "the intermediate chain is not in order: {child} ({}) was not issued by chain certificate {} ({}); list the issuer of each certificate right after it",
                pair[0].info.subject(),
                i + 1,
                pair[1].info.subject(),
            )));
        }
    }
    Ok(())
}

fn validity(certs: &[Parsed], now: Timestamp) -> Result<Vec<CertificateWarning>, Error> {
    let mut warnings = Vec::new();
    for parsed in certs {
        let info = &parsed.info;
        if info.not_after() <= now {
            return Err(Error::invalid_input(format!(
                "the certificate {} expired at {}; use a current one",
                info.subject(),
                info.not_after()
            )));
        }
        if info.not_before() > now {
            warnings.push(CertificateWarning::NotYetValid {
                subject: info.subject().to_owned(),
                not_before: info.not_before(),
            });
        }
        if now
            .saturating_add(EXPIRY_WARNING)
            .is_ok_and(|soon| info.not_after() <= soon)
        {
            warnings.push(CertificateWarning::ExpiresSoon {
                subject: info.subject().to_owned(),
                not_after: info.not_after(),
            });
        }
    }
    Ok(warnings)
}

/// Something about a bundle worth telling a person, that does not stop it being sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CertificateWarning {
    /// The certificate expires within [`EXPIRY_WARNING`].
    ExpiresSoon {
        /// The certificate's subject.
        subject: String,
        /// Its expiry.
        not_after: Timestamp,
    },
    /// The certificate is not valid yet.
    NotYetValid {
        /// The certificate's subject.
        subject: String,
        /// The start of its validity.
        not_before: Timestamp,
    },
}

impl fmt::Display for CertificateWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CertificateWarning::ExpiresSoon { subject, not_after } => {
                write!(f, "the certificate {subject} expires soon, at {not_after}")
            }
            CertificateWarning::NotYetValid {
                subject,
                not_before,
            } => {
                write!(
                    f,
                    "the certificate {subject} is not valid before {not_before}"
                )
            }
        }
    }
}
