//! HTTPS: a certificate authority and a server certificate for `localhost` and `127.0.0.1`,
//! both made when the emulator starts, and the TLS acceptor that serves with them; and the
//! *ring* crypto provider every TLS connection of the emulator uses ([`ring_provider`]).

use std::io;
use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::crypto::{
    CryptoProvider, GetRandomFailed, KeyProvider, SecureRandom, WebPkiSupportedAlgorithms, ring,
};
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::sign::SigningKey;
use tokio_rustls::rustls::{ServerConfig, SignatureScheme};
use webpki::ring as algs;

/// The names the server certificate is valid for.
const SERVER_NAMES: [&str; 2] = ["localhost", "127.0.0.1"];

/// What a TLS emulator serves with: the acceptor and the CA's certificate in PEM.
#[derive(Clone)]
pub(crate) struct Tls {
    pub(crate) acceptor: TlsAcceptor,
    pub(crate) ca_pem: String,
}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tls").finish_non_exhaustive()
    }
}

/// Makes a fresh CA and a server certificate signed by it. Nothing is written to disk; the
/// keys live as long as the emulator.
pub(crate) fn generate() -> io::Result<Tls> {
    let ca_key = KeyPair::generate().map_err(other)?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(other)?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "rackcloud emulator CA");
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca = ca_params.self_signed(&ca_key).map_err(other)?;

    let server_key = KeyPair::generate().map_err(other)?;
    let names: Vec<String> = SERVER_NAMES.iter().map(|n| (*n).to_owned()).collect();
    let mut params = CertificateParams::new(names).map_err(other)?;
    params
        .distinguished_name
        .push(DnType::CommonName, "rackcloud emulator");
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let server = params.signed_by(&server_key, &ca, &ca_key).map_err(other)?;

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der()));
    let chain = vec![server.der().clone(), ca.der().clone()];
    let config = ServerConfig::builder_with_provider(ring_provider())
        .with_safe_default_protocol_versions()
        .map_err(other)?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(other)?;
    Ok(Tls {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        ca_pem: ca.pem(),
    })
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(format!("cannot set up the emulator's TLS: {e}"))
}

/// The *ring* crypto provider: rustls's *ring* cipher suites, key exchange groups and key
/// loading, webpki's *ring* signature algorithms, and *ring*'s system random source.
///
/// rustls 0.23.48 deprecates `rustls::crypto::ring::default_provider` because *ring* has no
/// post-quantum key exchange, and points to building a `CryptoProvider` of one's choosing. The
/// emulator serves loopback with certificates made at start, where post-quantum key exchange
/// protects nothing, and *ring* is the provider the SDK's ureq already brings: one crypto
/// library in the binary instead of two. This is the provider rustls built, from its public
/// parts.
pub(crate) fn ring_provider() -> Arc<CryptoProvider> {
    Arc::new(CryptoProvider {
        cipher_suites: ring::DEFAULT_CIPHER_SUITES.to_vec(),
        kx_groups: ring::DEFAULT_KX_GROUPS.to_vec(),
        signature_verification_algorithms: SIGNATURE_ALGORITHMS,
        secure_random: &Ring,
        key_provider: &Ring,
    })
}

/// What webpki verifies with *ring*, and the TLS signature schemes each serves (for TLS 1.2 the
/// curve is not fixed by the scheme, for TLS 1.3 it is).
static SIGNATURE_ALGORITHMS: WebPkiSupportedAlgorithms = WebPkiSupportedAlgorithms {
    all: &[
        algs::ECDSA_P256_SHA256,
        algs::ECDSA_P256_SHA384,
        algs::ECDSA_P384_SHA256,
        algs::ECDSA_P384_SHA384,
        algs::ED25519,
        algs::RSA_PSS_2048_8192_SHA256_LEGACY_KEY,
        algs::RSA_PSS_2048_8192_SHA384_LEGACY_KEY,
        algs::RSA_PSS_2048_8192_SHA512_LEGACY_KEY,
        algs::RSA_PKCS1_2048_8192_SHA256,
        algs::RSA_PKCS1_2048_8192_SHA384,
        algs::RSA_PKCS1_2048_8192_SHA512,
        algs::RSA_PKCS1_2048_8192_SHA256_ABSENT_PARAMS,
        algs::RSA_PKCS1_2048_8192_SHA384_ABSENT_PARAMS,
        algs::RSA_PKCS1_2048_8192_SHA512_ABSENT_PARAMS,
    ],
    mapping: &[
        (
            SignatureScheme::ECDSA_NISTP384_SHA384,
            &[algs::ECDSA_P384_SHA384, algs::ECDSA_P256_SHA384],
        ),
        (
            SignatureScheme::ECDSA_NISTP256_SHA256,
            &[algs::ECDSA_P256_SHA256, algs::ECDSA_P384_SHA256],
        ),
        (SignatureScheme::ED25519, &[algs::ED25519]),
        (
            SignatureScheme::RSA_PSS_SHA512,
            &[algs::RSA_PSS_2048_8192_SHA512_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PSS_SHA384,
            &[algs::RSA_PSS_2048_8192_SHA384_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PSS_SHA256,
            &[algs::RSA_PSS_2048_8192_SHA256_LEGACY_KEY],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA512,
            &[algs::RSA_PKCS1_2048_8192_SHA512],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA384,
            &[algs::RSA_PKCS1_2048_8192_SHA384],
        ),
        (
            SignatureScheme::RSA_PKCS1_SHA256,
            &[algs::RSA_PKCS1_2048_8192_SHA256],
        ),
    ],
};

/// *ring*'s random source and rustls's *ring* key loading.
#[derive(Debug)]
struct Ring;

impl SecureRandom for Ring {
    fn fill(&self, buf: &mut [u8]) -> Result<(), GetRandomFailed> {
        ::ring::rand::SecureRandom::fill(&::ring::rand::SystemRandom::new(), buf)
            .map_err(|_| GetRandomFailed)
    }
}

impl KeyProvider for Ring {
    fn load_private_key(
        &self,
        key: PrivateKeyDer<'static>,
    ) -> Result<Arc<dyn SigningKey>, tokio_rustls::rustls::Error> {
        ring::sign::any_supported_type(&key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provider_offers_what_rustls_ring_provider_offered() {
        let provider = ring_provider();
        let suites: Vec<_> = provider.cipher_suites.iter().map(|s| s.suite()).collect();
        let expected: Vec<_> = ring::ALL_CIPHER_SUITES.iter().map(|s| s.suite()).collect();
        assert_eq!(suites, expected);
        let groups: Vec<_> = provider.kx_groups.iter().map(|g| g.name()).collect();
        let expected: Vec<_> = ring::ALL_KX_GROUPS.iter().map(|g| g.name()).collect();
        assert_eq!(groups, expected);
        let mut random = [0u8; 32];
        provider.secure_random.fill(&mut random).expect("random");
        assert_ne!(random, [0u8; 32]);
        assert!(
            SIGNATURE_ALGORITHMS
                .mapping
                .iter()
                .all(|(_, algs)| !algs.is_empty())
        );
    }

    #[test]
    fn the_acceptor_is_built_and_its_key_loads() {
        let tls = generate().expect("TLS set up");
        assert!(tls.ca_pem.starts_with("-----BEGIN CERTIFICATE-----"));
    }
}
