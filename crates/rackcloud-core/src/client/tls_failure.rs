//! A refused TLS handshake in the user's words: what was wrong with the certificate and what
//! to do about it, with rustls's own error kept as the source.

use rustls::{CertificateError, Error as TlsError};

use crate::error::Error;
use crate::error_kind::ErrorKind;

/// The words that end a message about an untrusted certificate, naming the setting that fixes
/// it (the CLI replaces them with its own flag).
pub(crate) const TRUST_HINT: &str =
    "trust its certificate authority with ProviderClientBuilder::trusted_roots";

/// A TLS failure talking to `peer` (`host:port`), with the rustls error as its source so that
/// callers can inspect it. Not repeated: trying again meets the same certificate.
pub(crate) fn tls_failure(tls: TlsError, peer: &str) -> Error {
    let why = match &tls {
        TlsError::InvalidCertificate(cert) => certificate_words(cert),
        TlsError::AlertReceived(alert) => {
            format!("the server ended the handshake ({alert:?} alert)")
        }
        TlsError::NoCertificatesPresented => "the server presented no certificate".to_owned(),
        TlsError::PeerIncompatible(_) | TlsError::PeerMisbehaved(_) => {
            "the server does not speak a TLS version or cipher this client accepts".to_owned()
        }
        TlsError::InvalidMessage(_) | TlsError::InappropriateMessage { .. } => {
            "the server's answer is not TLS (a plain http:// server on this port?)".to_owned()
        }
        other => format!("the TLS library refused the connection ({other})"),
    };
    // A refused certificate ends the handshake before any of the request is sent.
    let refused_certificate = matches!(
        tls,
        TlsError::InvalidCertificate(_) | TlsError::NoCertificatesPresented
    );
    let error = Error::new(
        ErrorKind::Transport,
        format!("TLS handshake with {peer} failed: {why}"),
    )
    .with_source(tls);
    if refused_certificate {
        error.with_not_sent_for_good()
    } else {
        error
    }
}

fn certificate_words(cert: &CertificateError) -> String {
    let untrusted = |what: &str| format!("{what}; {TRUST_HINT}");
    match cert {
        CertificateError::UnknownIssuer => {
            untrusted("the server's certificate is not signed by a trusted certificate authority")
        }
        CertificateError::Other(other) if other.to_string().contains("CaUsedAsEndEntity") => {
            "the server presented a certificate authority's own certificate, which cannot identify a server: give the server a certificate that authority signed"
                .to_owned()
        }
        CertificateError::BadSignature | CertificateError::BadEncoding => {
            "the server's certificate is malformed or its signature does not verify".to_owned()
        }
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            "the server's certificate has expired (or this machine's clock is wrong)".to_owned()
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            "the server's certificate is not valid yet (or this machine's clock is wrong)"
                .to_owned()
        }
        CertificateError::Revoked => "the server's certificate has been revoked".to_owned(),
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            "the server's certificate is not valid for this host name".to_owned()
        }
        CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
            "the server's certificate is not meant to identify a server".to_owned()
        }
        _ => "the server's certificate was refused".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustls::OtherError;
    use std::sync::Arc;

    #[derive(Debug)]
    struct CaUsedAsEndEntity;

    impl std::fmt::Display for CaUsedAsEndEntity {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("CaUsedAsEndEntity")
        }
    }

    impl std::error::Error for CaUsedAsEndEntity {}

    #[test]
    fn certificates_refused_in_plain_words() {
        let e = tls_failure(
            TlsError::InvalidCertificate(CertificateError::UnknownIssuer),
            "127.0.0.1:8443",
        );
        assert_eq!(
            e.to_string(),
            "transport failure: TLS handshake with 127.0.0.1:8443 failed: the server's certificate is not signed by a trusted certificate authority; trust its certificate authority with ProviderClientBuilder::trusted_roots"
        );
        let ca = TlsError::InvalidCertificate(CertificateError::Other(OtherError(Arc::new(
            CaUsedAsEndEntity,
        ))));
        let text = tls_failure(ca, "h:443").to_string();
        assert!(
            text.contains("a certificate authority's own certificate"),
            "{text}"
        );
        for text in [text, e.to_string()] {
            for sdk_words in ["Other(", "OtherError", "UnknownIssuer", "see TrustedRoots"] {
                assert!(!text.contains(sdk_words), "{text}");
            }
        }
        assert!(std::error::Error::source(&e).is_some());
        assert!(e.nothing_sent() && !e.is_transient());
    }
}
