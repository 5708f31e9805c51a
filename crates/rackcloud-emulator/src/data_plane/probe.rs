//! One health check of one node: `CONNECT` opens a TCP connection; `HTTP` and `HTTPS` send
//! `GET {path}` (with the host header, or the node's address as `Host`) and match the status
//! code against `statusRegex` and the body (its first 64 KiB) against `bodyRegex`. `HTTPS`
//! does not verify the node's certificate, as a load balancer checking its own nodes need not.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::client::danger::{
    HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier,
};
use tokio_rustls::rustls::crypto::{self, CryptoProvider};
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use tokio_rustls::rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};

use crate::features::health_monitor::HealthMonitor;

/// The most of an answer's body matched against `bodyRegex`.
const MAX_BODY: usize = 64 * 1024;

/// Whether the node passes one check, within `timeout`; a node without a backend mapping
/// never does.
pub(crate) async fn check(
    monitor: &HealthMonitor,
    target: Option<SocketAddr>,
    host: &str,
    timeout: Duration,
) -> bool {
    let Some(target) = target else {
        return false;
    };
    tokio::time::timeout(timeout, attempt(monitor, target, host))
        .await
        .unwrap_or(false)
}

async fn attempt(monitor: &HealthMonitor, target: SocketAddr, host: &str) -> bool {
    let Ok(stream) = TcpStream::connect(target).await else {
        return false;
    };
    match monitor.kind.as_str() {
        "HTTP" => http(monitor, stream, host).await,
        "HTTPS" => {
            let name = ServerName::try_from(host.to_owned())
                .unwrap_or_else(|_| ServerName::try_from("localhost").expect("a valid name"));
            let connector = TlsConnector::from(Arc::new(no_verify_config()));
            match connector.connect(name, stream).await {
                Ok(tls) => http(monitor, tls, host).await,
                Err(_) => false,
            }
        }
        _ => true,
    }
}

async fn http<S>(monitor: &HealthMonitor, stream: S, node_host: &str) -> bool
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let Ok((mut sender, connection)) =
        hyper::client::conn::http1::handshake::<_, Empty<Bytes>>(TokioIo::new(stream)).await
    else {
        return false;
    };
    let driver = tokio::spawn(connection);
    let host = monitor.host_header.as_deref().unwrap_or(node_host);
    let request = hyper::Request::get(monitor.path.as_deref().unwrap_or("/"))
        .header(hyper::header::HOST, host)
        .header(
            hyper::header::USER_AGENT,
            "rackcloud-emulator-health-monitor",
        )
        .body(Empty::new());
    let passed = match request {
        Ok(request) => match sender.send_request(request).await {
            Ok(response) => {
                let status = response.status().as_u16().to_string();
                let body = read_body(response.into_body()).await;
                matches(monitor.status_regex.as_deref(), &status)
                    && monitor
                        .body_regex
                        .as_deref()
                        .is_none_or(|re| matches(Some(re), &String::from_utf8_lossy(&body)))
            }
            Err(_) => false,
        },
        Err(_) => false,
    };
    driver.abort();
    passed
}

async fn read_body(mut body: hyper::body::Incoming) -> Vec<u8> {
    let mut out = Vec::new();
    while out.len() < MAX_BODY {
        match body.frame().await {
            Some(Ok(frame)) => {
                if let Some(data) = frame.data_ref() {
                    out.extend_from_slice(data);
                }
            }
            _ => break,
        }
    }
    out.truncate(MAX_BODY);
    out
}

/// Whether `text` matches the expression (no expression matches everything; one that does
/// not compile matches nothing).
fn matches(regex: Option<&str>, text: &str) -> bool {
    regex.is_none_or(|re| regex::Regex::new(re).is_ok_and(|re| re.is_match(text)))
}

fn no_verify_config() -> ClientConfig {
    let provider = crate::io::tls::ring_provider();
    ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .expect("the ring provider supports the default versions")
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(NoVerify(provider)))
        .with_no_client_auth()
}

/// Accepts any certificate, checking only that the handshake's signatures are sound.
#[derive(Debug)]
struct NoVerify(Arc<CryptoProvider>);

impl ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, tokio_rustls::rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, tokio_rustls::rustls::Error> {
        crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, tokio_rustls::rustls::Error> {
        crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_match_status_and_body() {
        assert!(matches(Some("^[234][0-9][0-9]$"), "204"));
        assert!(!matches(Some("^[234][0-9][0-9]$"), "503"));
        assert!(matches(None, "anything"));
        assert!(!matches(Some("("), "anything"));
    }
}
