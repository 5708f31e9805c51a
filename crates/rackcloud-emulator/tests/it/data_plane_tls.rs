//! SSL termination on the secure port with the uploaded certificate, secure traffic only, and
//! the HTTPS redirect.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use rackcloud_emulator::DEMO_TENANT;
use serde_json::json;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName, pem::PemObject};
use tokio_rustls::rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

use crate::common::eventually;
use crate::data_plane_kit::{Backend, Plane, connect, get, header_value, request};

/// A TLS client that trusts only `cert_pem`, asking for `www.example.com`.
fn tls_get(addr: SocketAddr, cert_pem: &str) -> anyhow::Result<crate::data_plane_kit::Reply> {
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(cert_pem.as_bytes()) {
        roots.add(cert?)?;
    }
    // The provider rustls's crate features name: *ring*, the only one in this build.
    let config = ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = ServerName::try_from("www.example.com")?;
    let connection = ClientConnection::new(Arc::new(config), name)?;
    let mut stream = StreamOwned::new(connection, connect(addr)?);
    request(&mut stream, "/secure?x=1", &[("Connection", "close")])
}

fn terminated(secure_only: bool) -> anyhow::Result<(Plane, Backend, String)> {
    let alpha = Backend::http("alpha", Duration::ZERO)?;
    let plane = Plane::start("HTTP", &[&alpha, &alpha], |b| b)?;
    let (cert, key) = crate::ssl::cert("www.example.com");
    plane.change(
        "PUT",
        "/loadbalancers/1/ssltermination",
        Some(json!({"sslTermination": {
            "certificate": cert, "privatekey": key, "securePort": 443,
            "enabled": true, "secureTrafficOnly": secure_only,
        }})),
    )?;
    Ok((plane, alpha, cert))
}

fn listener(plane: &Plane) -> anyhow::Result<rackcloud_emulator::LbListener> {
    plane
        .emulator
        .listener("DFW", DEMO_TENANT, 1)
        .ok_or_else(|| anyhow::anyhow!("no listener"))
}

#[test]
fn the_secure_port_serves_the_uploaded_certificate_and_forwards_as_https() -> anyhow::Result<()> {
    let (plane, alpha, cert) = terminated(false)?;
    let secure = listener(&plane)?
        .secure_addr()
        .ok_or_else(|| anyhow::anyhow!("no secure port"))?;
    let reply = tls_get(secure, &cert)?;
    assert_eq!((reply.status, reply.body.as_str()), (200, "alpha"));
    let head = alpha.last_head().unwrap_or_default();
    assert!(head.starts_with("GET /secure?x=1 HTTP/1.1"), "{head}");
    assert_eq!(header_value(&head, "x-forwarded-proto"), Some("https"));
    assert_eq!(header_value(&head, "x-forwarded-port"), Some("443"));
    assert_eq!(header_value(&head, "x-forwarded-for"), Some("127.0.0.1"));
    // A client that does not trust the certificate fails its handshake.
    let (other, _) = crate::ssl::cert("www.example.com");
    assert!(tls_get(secure, &other).is_err());
    // The plain port still serves, as plain HTTP.
    let plain = get(plane.addr()?, "/", &[])?;
    assert_eq!(plain.body, "alpha");
    let head = alpha.last_head().unwrap_or_default();
    assert_eq!(header_value(&head, "x-forwarded-proto"), Some("http"));
    assert_eq!(header_value(&head, "x-forwarded-port"), Some("80"));
    // Without termination, no secure port.
    plane.change("DELETE", "/loadbalancers/1/ssltermination", None)?;
    eventually(|| Ok(listener(&plane)?.secure_port.is_none()))?;
    eventually(|| Ok(connect(secure).is_err()))?;
    Ok(())
}

#[test]
fn secure_traffic_only_closes_the_plain_port_and_the_redirect_answers_it() -> anyhow::Result<()> {
    let (plane, _alpha, cert) = terminated(true)?;
    let l = listener(&plane)?;
    assert_eq!(l.port, None);
    let secure = l
        .secure_addr()
        .ok_or_else(|| anyhow::anyhow!("no secure port"))?;
    assert_eq!(tls_get(secure, &cert)?.body, "alpha");
    plane.change(
        "PUT",
        "/loadbalancers/1",
        Some(json!({"loadBalancer": {"httpsRedirect": true}})),
    )?;
    let plain = listener(&plane)?
        .addr()
        .ok_or_else(|| anyhow::anyhow!("the plain port answers the redirect"))?;
    let redirect = get(plain, "/shop?item=7", &[])?;
    assert_eq!(redirect.status, 301);
    assert_eq!(
        redirect.header("location"),
        Some("https://www.example.com/shop?item=7")
    );
    Ok(())
}
