//! Matching a private key to a certificate: the public key derived from the private key must be
//! the certificate's subject public key. The key's text never reaches a message.

use rackcloud_core::{Error, Secret};
use ring::rand::SystemRandom;
use ring::signature::{self, EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair};
use rustls_pki_types::PrivateKeyDer;
use rustls_pki_types::pem::PemObject;

/// The public key bits of a PEM private key (PKCS#1 RSA, or PKCS#8 RSA, ECDSA P-256/P-384 or
/// Ed25519), in the form a certificate's subject public key holds them.
///
/// # Errors
///
/// [`InvalidInput`](rackcloud_core::ErrorKind::InvalidInput) naming what is wrong, never
/// quoting the key.
pub(crate) fn public_key_bits(key: &Secret, what: &str) -> Result<Vec<u8>, Error> {
    let der = PrivateKeyDer::from_pem_slice(key.expose().as_bytes()).map_err(|_| {
        Error::invalid_input(format!(
            "{what} is not a PEM private key; expected BEGIN PRIVATE KEY or BEGIN RSA PRIVATE KEY"
        ))
    })?;
    let unusable = |detail: &str| Error::invalid_input(format!("{what} cannot be used: {detail}"));
    match der {
        PrivateKeyDer::Pkcs1(der) => RsaKeyPair::from_der(der.secret_pkcs1_der())
            .map(|k| k.public_key().as_ref().to_vec())
            .map_err(|e| unusable(&format!("not a valid RSA key ({e})"))),
        PrivateKeyDer::Pkcs8(der) => pkcs8_public(der.secret_pkcs8_der()).ok_or_else(|| {
            unusable("not an RSA (2048 bits or more), ECDSA P-256/P-384 or Ed25519 key")
        }),
        PrivateKeyDer::Sec1(_) => Err(unusable(
            "SEC1 EC keys are not read; convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)",
        )),
        _ => Err(unusable("unknown key format")),
    }
}

fn pkcs8_public(der: &[u8]) -> Option<Vec<u8>> {
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
