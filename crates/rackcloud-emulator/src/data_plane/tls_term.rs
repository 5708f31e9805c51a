//! SSL termination on the secure port: a rustls acceptor made from the uploaded certificate,
//! its intermediate chain and its key, kept while they stay the same.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex};

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;

use super::view::TerminationView;
use crate::sync::lock;

/// The most acceptors kept; the cache starts afresh past it.
const MAX_ACCEPTORS: usize = 256;

/// Acceptors by the hash of their certificate, chain and key.
#[derive(Default)]
pub(crate) struct Cache {
    acceptors: Mutex<HashMap<u64, TlsAcceptor>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache").finish_non_exhaustive()
    }
}

impl Cache {
    /// The acceptor for a termination; `None` when its certificate or key cannot be used.
    pub(crate) fn acceptor(&self, t: &TerminationView) -> Option<TlsAcceptor> {
        let mut hasher = DefaultHasher::new();
        (&t.certificate, &t.intermediate, &t.private_key).hash(&mut hasher);
        let id = hasher.finish();
        if let Some(acceptor) = lock(&self.acceptors).get(&id) {
            return Some(acceptor.clone());
        }
        let acceptor = build(t)?;
        let mut acceptors = lock(&self.acceptors);
        if acceptors.len() >= MAX_ACCEPTORS {
            acceptors.clear();
        }
        acceptors.insert(id, acceptor.clone());
        Some(acceptor)
    }
}

/// The certificate, then the intermediate certificates in their order, with the key.
fn build(t: &TerminationView) -> Option<TlsAcceptor> {
    let mut chain: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(t.certificate.as_bytes())
            .take(1)
            .collect::<Result<_, _>>()
            .ok()?;
    if let Some(intermediate) = &t.intermediate {
        for cert in CertificateDer::pem_slice_iter(intermediate.as_bytes()) {
            chain.push(cert.ok()?);
        }
    }
    let key = PrivateKeyDer::from_pem_slice(t.private_key.as_bytes()).ok()?;
    let config = ServerConfig::builder_with_provider(crate::io::tls::ring_provider())
        .with_safe_default_protocol_versions()
        .ok()?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|err| log::warn!("emulator data plane: SSL termination unusable: {err}"))
        .ok()?;
    Some(TlsAcceptor::from(Arc::new(config)))
}
