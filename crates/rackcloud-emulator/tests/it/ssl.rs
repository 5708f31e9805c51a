//! `/loadbalancers/{id}/ssltermination`: every rule of docs/api/ssl-termination.md in check
//! order, with certificates generated here (rcgen) and really parsed by the emulator.

use std::time::Duration;

use crate::common::{Lb, flat, validation};
use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed};
use rcgen::{CertificateParams, KeyPair};
use serde_json::{Value, json};

const SSL: &str = "/loadbalancers/1/ssltermination";

/// A self-signed certificate for `host` and its PKCS#8 key, PEM.
pub fn cert(host: &str) -> (String, String) {
    let key = KeyPair::generate().expect("key");
    let cert = CertificateParams::new(vec![host.to_owned()])
        .expect("params")
        .self_signed(&key)
        .expect("cert");
    (cert.pem(), key.serialize_pem())
}

/// The default seed plus 20 (TCP_CLIENT_FIRST) and 21 (HTTP on 8080), changes pending `pending`.
pub fn emulator(pending: Duration) -> anyhow::Result<(Emulator, Lb)> {
    let emulator = Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(20, "cf", "TCP_CLIENT_FIRST").port(9000),
        )
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(21, "alt", "HTTP").port(8080),
        )
        .pending_time(pending)
        .start()?;
    let lb = Lb::demo(&emulator)?;
    Ok((emulator, lb))
}

fn body(cert: &str, key: &str, port: u16) -> String {
    json!({"sslTermination": {"certificate": cert, "privatekey": key, "securePort": port}})
        .to_string()
}

#[test]
fn put_checks_the_body_first_with_every_message() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let (c, k) = cert("www.example.com");
    let a = lb.put(
        SSL,
        &json!({"sslTermination": {"certificate": c}}).to_string(),
    )?;
    assert_eq!(
        (a.status, a.json()?),
        (
            400,
            validation(&[
                "Must provide a certificate and a private key together.",
                "Must provide a secure port with a certificate and private key.",
            ])
        )
    );
    let a = lb.put(
        SSL,
        &json!({"sslTermination": {"intermediateCertificate": c, "enabled": true}}).to_string(),
    )?;
    assert_eq!(
        a.json()?,
        validation(&[
            "Must provide a certificate and private key with an intermediate certificate."
        ])
    );
    let dup = json!({"securityProtocols": [
        {"securityProtocolName": "TLS_10", "securityProtocolStatus": "DISABLED"},
        {"securityProtocolName": "TLS_10", "securityProtocolStatus": "ENABLED"}]});
    let a = lb.put(SSL, &dup.to_string())?;
    assert_eq!(
        a.json()?,
        validation(&["Must not provide duplicate security protocols."])
    );
    let a = lb.put(SSL, r#"{"sslTermination":{}}"#)?;
    assert_eq!(
        a.json()?,
        validation(&["Must provide at least one SSL termination attribute to update."])
    );
    // The mapping spelling of the key is not the termination's field.
    let wrong = json!({"sslTermination": {"certificate": c, "privateKey": k, "securePort": 443}});
    let a = lb.put(SSL, &wrong.to_string())?;
    assert_eq!(
        (a.status, a.json()?),
        (
            400,
            json!({"message": ["JSON does not match the expected schema"]})
        )
    );
    // Body before lookup.
    let a = lb.put(
        "/loadbalancers/999/ssltermination",
        r#"{"sslTermination":{}}"#,
    )?;
    assert_eq!(a.status, 400);
    let a = lb.put("/loadbalancers/999/ssltermination", &body(&c, &k, 443))?;
    assert_eq!(
        (a.status, a.json()?),
        (404, flat(404, "Load balancer not found"))
    );
    Ok(())
}

#[test]
fn put_rules_after_the_lookup_in_order() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let (c, k) = cert("www.example.com");
    let protocol = flat(
        400,
        "SSL termination can only be configured on a load balancer using a non-secure protocol such as HTTP; TCP_CLIENT_FIRST and secure protocols are not supported.",
    );
    for id in [3, 20] {
        let a = lb.put(
            &format!("/loadbalancers/{id}/ssltermination"),
            &body(&c, &k, 8443),
        )?;
        assert_eq!((a.status, a.json()?), (400, protocol.clone()));
    }
    let a = lb.put(SSL, r#"{"enabled":true}"#)?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "No SSL termination is configured: a certificate, a private key and a secure port are required to create one."
        )
    );
    let a = lb.put(SSL, &body(&c, &k, 80))?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Secure port: '80' must be unique across loadbalancers sharing the same virtual ip. Ports in use: 80"
        )
    );
    let unknown =
        json!({"certificate": c, "privatekey": k, "securePort": 443, "cipherProfile": "weak"});
    let a = lb.put(SSL, &unknown.to_string())?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Cipher profile 'weak' is not supported. Supported profiles: default, CLBCipherPolicy2017-08, CLBCipherPolicy2019-05."
        )
    );
    let (_, other_key) = cert("other.example.com");
    let a = lb.put(SSL, &body(&c, &other_key, 443))?;
    assert_eq!(
        a.json()?,
        flat(400, "The private key does not match the certificate.")
    );
    let a = lb.put(
        SSL,
        &body(
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            &k,
            443,
        ),
    )?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Invalid certificate: the certificate could not be parsed."
        )
    );
    let a = lb.put(SSL, &body(&c, "not a key", 443))?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Invalid private key: the private key could not be parsed."
        )
    );
    let bad_chain = json!({"certificate": c, "privatekey": k, "securePort": 443, "intermediateCertificate": "junk"});
    let a = lb.put(SSL, &bad_chain.to_string())?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Invalid intermediate certificate: the intermediate certificate could not be parsed."
        )
    );
    Ok(())
}

#[test]
fn put_accepts_with_202_and_a_body_without_the_key_then_is_immutable() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::from_secs(60))?;
    let (c, k) = cert("www.example.com");
    // Root key optional, strings for numbers and booleans, null as absent.
    let loose = json!({"certificate": c, "privatekey": k, "securePort": "443", "secureTrafficOnly": "true", "intermediateCertificate": null});
    let a = lb.put(SSL, &loose.to_string())?;
    assert_eq!(a.status, 202);
    let shown = a.json()?;
    assert_eq!(shown["sslTermination"]["securePort"], 443);
    assert_eq!(shown["sslTermination"]["secureTrafficOnly"], true);
    assert!(!String::from_utf8_lossy(&a.body).contains("privatekey"));
    let got: Value = lb.get("/loadbalancers/1")?.json()?;
    assert_eq!(got["loadBalancer"]["status"], "PENDING_UPDATE");
    let a = lb.put(SSL, r#"{"enabled":false}"#)?;
    assert_eq!(
        (a.status, a.json()?),
        (
            422,
            flat(
                422,
                "Load Balancer '1' has a status of 'PENDING_UPDATE' and is considered immutable."
            )
        )
    );
    let a = lb.get(SSL)?;
    assert_eq!(a.status, 200);
    assert!(
        !String::from_utf8_lossy(&a.body)
            .to_lowercase()
            .contains("privatekey")
    );
    assert!(!String::from_utf8_lossy(&a.body).contains(k.lines().nth(1).unwrap_or("?")));
    Ok(())
}

#[test]
fn show_and_delete_when_none_and_ciphers() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let a = lb.get(SSL)?;
    assert_eq!(
        (a.status, a.json()?),
        (
            404,
            flat(
                404,
                "SSL termination not found for requested load balancer."
            )
        )
    );
    let a = lb.delete(SSL)?;
    assert_eq!(
        (a.status, a.json()?),
        (
            400,
            flat(
                400,
                "SSL termination could not be found for the requested loadbalancer."
            )
        )
    );
    let a = lb.get(&format!("{SSL}/ciphers"))?;
    assert_eq!(a.status, 200);
    assert!(a.json()?["ciphers"][0]["name"].is_string());
    Ok(())
}

#[test]
fn redirect_preconditions_and_the_protocol_rule() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let precondition = flat(
        400,
        "HTTPS Redirect can only be enabled on an HTTPS load balancer using port 443, or on an HTTP load balancer with SSL termination on secure port 443 with secure traffic only.",
    );
    let on = r#"{"loadBalancer":{"httpsRedirect":true}}"#;
    assert_eq!(lb.put("/loadbalancers/1", on)?.json()?, precondition);
    assert_eq!(lb.put("/loadbalancers/3", on)?.status, 202);
    let create = json!({"loadBalancer": {"name": "r", "protocol": "HTTP", "port": 80, "httpsRedirect": true, "virtualIps": [{"type": "PUBLIC"}]}});
    assert_eq!(
        lb.post("/loadbalancers", &create.to_string())?.json()?,
        flat(
            400,
            "HTTPS Redirect is only valid for load balancers using the HTTPS protocol, or for load balancers with a 'Secure Only' SSL Termination."
        )
    );
    let (c, k) = cert("www.example.com");
    assert_eq!(lb.put(SSL, &body(&c, &k, 443))?.status, 202);
    // Secure traffic only is still off.
    assert_eq!(lb.put("/loadbalancers/1", on)?.json()?, precondition);
    assert_eq!(lb.put(SSL, r#"{"secureTrafficOnly":true}"#)?.status, 202);
    assert_eq!(lb.put("/loadbalancers/1", on)?.status, 202);
    let a = lb.put(SSL, r#"{"secureTrafficOnly":false}"#)?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "HTTPS Redirect is enabled: SSL termination must keep secureTrafficOnly true and securePort 443."
        )
    );
    let a = lb.delete(SSL)?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Cannot delete SSL Termination while HTTPS Redirect is enabled. Please disable HTTPS Redirect and try again."
        )
    );
    let a = lb.put("/loadbalancers/1", r#"{"loadBalancer":{"protocol":"TCP"}}"#)?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Cannot change the protocol of a load balancer with SSL termination. Please delete SSL termination first."
        )
    );
    let a = lb.put("/loadbalancers/1", r#"{"loadBalancer":{"port":8081}}"#)?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Cannot change the port of a load balancer while HTTPS Redirect is enabled."
        )
    );
    assert_eq!(
        lb.put(
            "/loadbalancers/1",
            r#"{"loadBalancer":{"httpsRedirect":false}}"#
        )?
        .status,
        202
    );
    let a = lb.put("/loadbalancers/1", r#"{"loadBalancer":{"port":443}}"#)?;
    assert_eq!(
        a.json()?,
        flat(
            400,
            "Load balancer port must not be the same as the SSL termination's secure port."
        )
    );
    assert_eq!(lb.delete(SSL)?.status, 202);
    assert_eq!(lb.get(SSL)?.status, 404);
    Ok(())
}
