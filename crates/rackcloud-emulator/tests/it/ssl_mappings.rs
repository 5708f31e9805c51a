//! `/loadbalancers/{id}/ssltermination/certificatemappings`: every rule in check order.

use std::time::Duration;

use crate::common::{flat, validation};
use crate::ssl::{cert, emulator};
use serde_json::json;

const MAPS: &str = "/loadbalancers/1/ssltermination/certificatemappings";

fn add(host: &str) -> String {
    let (c, k) = cert(host);
    json!({"certificateMapping": {"hostName": host, "privateKey": k, "certificate": c}}).to_string()
}

#[test]
fn add_checks_in_order_and_the_limit_is_a_flat_413() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let a = lb.post(MAPS, r#"{"certificateMapping":{}}"#)?;
    assert_eq!(
        (a.status, a.json()?),
        (
            400,
            validation(&[
                "Must provide a host name for the certificate mapping.",
                "Must provide a private key for the certificate mapping.",
                "Must provide a certificate for the certificate mapping.",
            ])
        )
    );
    let a = lb.post(
        "/loadbalancers/999/ssltermination/certificatemappings",
        &add("a.example.com"),
    )?;
    assert_eq!(a.status, 404);
    let a = lb.post(MAPS, &add("a.example.com"))?;
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
    let (c, k) = cert("www.example.com");
    let ssl = json!({"certificate": c, "privatekey": k, "securePort": 443}).to_string();
    assert_eq!(lb.put("/loadbalancers/1/ssltermination", &ssl)?.status, 202);
    for i in 0..20 {
        let a = lb.post(MAPS, &add(&format!("h{i}.example.com")))?;
        assert_eq!(a.status, 202, "mapping {i}");
        assert!(!String::from_utf8_lossy(&a.body).contains("privateKey"));
    }
    let a = lb.post(MAPS, &add("h1.example.com"))?;
    assert_eq!(
        (a.status, a.json()?),
        (
            413,
            flat(
                413,
                "Certificate mapping limit reached. Limit is set to '20'."
            )
        )
    );
    let list = lb.get(MAPS)?.json()?;
    assert_eq!(
        list["certificateMappings"][0],
        json!({"certificateMapping": {"id": 1, "hostName": "h0.example.com"}})
    );
    assert_eq!(lb.delete(&format!("{MAPS}/1"))?.status, 202);
    let a = lb.post(MAPS, &add("h1.example.com"))?;
    assert_eq!(
        (a.status, a.json()?),
        (
            422,
            flat(
                422,
                "Duplicate host name detected. Please ensure that host names are unique for each certificate mapping."
            )
        )
    );
    let (c2, _) = cert("x.example.com");
    let (_, k3) = cert("y.example.com");
    let mismatch = json!({"hostName": "z.example.com", "privateKey": k3, "certificate": c2});
    assert_eq!(
        lb.post(MAPS, &mismatch.to_string())?.json()?,
        flat(400, "The private key does not match the certificate.")
    );
    Ok(())
}

#[test]
fn show_update_and_delete() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let (c, k) = cert("www.example.com");
    let ssl = json!({"certificate": c, "privatekey": k, "securePort": 443}).to_string();
    lb.put("/loadbalancers/1/ssltermination", &ssl)?;
    lb.post(MAPS, &add("a.example.com"))?;
    lb.post(MAPS, &add("b.example.com"))?;
    let one = lb.get(&format!("{MAPS}/1"))?.json()?;
    assert_eq!(one["certificateMapping"]["hostName"], "a.example.com");
    assert!(one["certificateMapping"].get("privateKey").is_none());
    let a = lb.put(&format!("{MAPS}/1"), r#"{"certificateMapping":{}}"#)?;
    assert_eq!(
        a.json()?,
        validation(&[
            "Must provide at least one of hostName, privateKey, certificate or intermediateCertificate."
        ])
    );
    let a = lb.put(
        &format!("{MAPS}/1"),
        r#"{"certificateMapping":{"hostName":"b.example.com"}}"#,
    )?;
    assert_eq!(a.status, 422);
    let a = lb.put(
        &format!("{MAPS}/1"),
        r#"{"certificateMapping":{"hostName":"*.example.com"}}"#,
    )?;
    assert_eq!((a.status, a.body.len()), (202, 0));
    assert_eq!(
        lb.get(&format!("{MAPS}/9"))?.json()?,
        flat(404, "Certificate mapping not found.")
    );
    assert_eq!(lb.delete(&format!("{MAPS}/9"))?.status, 404);
    assert_eq!(lb.delete(&format!("{MAPS}/1"))?.status, 202);
    Ok(())
}
