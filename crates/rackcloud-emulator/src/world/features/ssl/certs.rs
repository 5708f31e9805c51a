//! The service's certificate checks: the certificate and each intermediate parse as X.509, the
//! key parses and belongs to the certificate. Written for the emulator on its own (it shares no
//! code with the SDK).

use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use x509_cert::Certificate;
use x509_cert::der::Decode;

/// The message for an unreadable certificate.
pub(crate) const BAD_CERTIFICATE: &str =
    "Invalid certificate: the certificate could not be parsed.";
/// The message for an unreadable intermediate certificate.
pub(crate) const BAD_INTERMEDIATE: &str =
    "Invalid intermediate certificate: the intermediate certificate could not be parsed.";
/// The message for an unreadable key.
pub(crate) const BAD_KEY: &str = "Invalid private key: the private key could not be parsed.";
/// The message for a key that is not the certificate's.
pub(crate) const KEY_MISMATCH: &str = "The private key does not match the certificate.";

/// Checks a certificate, its key and its optional intermediate chain: `Err` with the message
/// of the first failure.
pub(crate) fn check_bundle(
    certificate: &str,
    key: &str,
    intermediate: Option<&str>,
) -> Result<(), &'static str> {
    let cert = first_certificate(certificate).ok_or(BAD_CERTIFICATE)?;
    if let Some(chain) = intermediate {
        let mut count = 0;
        for item in CertificateDer::pem_slice_iter(chain.as_bytes()) {
            let der = item.map_err(|_| BAD_INTERMEDIATE)?;
            Certificate::from_der(der.as_ref()).map_err(|_| BAD_INTERMEDIATE)?;
            count += 1;
        }
        if count == 0 {
            return Err(BAD_INTERMEDIATE);
        }
    }
    let public = public_key(key).ok_or(BAD_KEY)?;
    let spki = cert
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key;
    if spki.raw_bytes() != public.as_slice() {
        return Err(KEY_MISMATCH);
    }
    Ok(())
}

/// The first certificate of a PEM text, parsed.
fn first_certificate(pem: &str) -> Option<Certificate> {
    let der = CertificateDer::pem_slice_iter(pem.as_bytes())
        .next()?
        .ok()?;
    Certificate::from_der(der.as_ref()).ok()
}

/// The public key bits of a PEM private key: RSA (PKCS#1 or PKCS#8), ECDSA P-256/P-384 or
/// Ed25519 (PKCS#8).
fn public_key(pem: &str) -> Option<Vec<u8>> {
    match PrivateKeyDer::from_pem_slice(pem.as_bytes()).ok()? {
        PrivateKeyDer::Pkcs1(der) => RsaKeyPair::from_der(der.secret_pkcs1_der())
            .ok()
            .map(|k| k.public_key().as_ref().to_vec()),
        PrivateKeyDer::Pkcs8(der) => {
            let der = der.secret_pkcs8_der();
            if let Ok(k) = RsaKeyPair::from_pkcs8(der) {
                return Some(k.public_key().as_ref().to_vec());
            }
            let rng = SystemRandom::new();
            for alg in [
                &signature::ECDSA_P256_SHA256_ASN1_SIGNING,
                &signature::ECDSA_P384_SHA384_ASN1_SIGNING,
            ] {
                if let Ok(k) = EcdsaKeyPair::from_pkcs8(alg, der, &rng) {
                    return Some(k.public_key().as_ref().to_vec());
                }
            }
            Ed25519KeyPair::from_pkcs8_maybe_unchecked(der)
                .ok()
                .map(|k| k.public_key().as_ref().to_vec())
        }
        _ => None,
    }
}
