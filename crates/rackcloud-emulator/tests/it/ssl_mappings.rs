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
                "Must provide a private key for the certificate mapping.",
                "Must provide a certificate for the certificate mapping.",
                "Must provide a host name for the certificate mapping.",
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
                "Certificate mapping limit reached. Limit is set to '20'. Please contact support if you would like to increase your limit."
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
                "Duplicate host name detected. Certificate mapping with id '2' has already configured the host name provided."
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
            "The certificate mapping must have at least one of the following to update: certificate, privateKey, intermediateCertificate, or hostName."
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
        flat(
            404,
            "Certificate mapping not found for requested load balancer."
        )
    );
    assert_eq!(lb.delete(&format!("{MAPS}/9"))?.status, 404);
    assert_eq!(lb.delete(&format!("{MAPS}/1"))?.status, 202);
    Ok(())
}

#[test]
fn an_id_in_the_body_and_a_host_name_over_128_characters_are_refused_in_the_service_order()
-> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let (c, k) = cert("www.example.com");
    let ssl = json!({"certificate": c, "privatekey": k, "securePort": 443}).to_string();
    lb.put("/loadbalancers/1/ssltermination", &ssl)?;
    assert_eq!(lb.post(MAPS, &add("a.example.com"))?.status, 202);
    let long = format!("{}.com", "a".repeat(125));
    let body = json!({"certificateMapping": {"id": 5, "hostName": long}}).to_string();
    let a = lb.post(MAPS, &body)?;
    assert_eq!(
        (a.status, a.json()?),
        (
            400,
            validation(&[
                "Certificate mapping id field cannot be modified.",
                "Must provide a private key for the certificate mapping.",
                "Must provide a certificate for the certificate mapping.",
                "Host name is too long. Maximum length for the host name is 128 characters.",
            ])
        )
    );
    let a = lb.put(&format!("{MAPS}/1"), &body)?;
    assert_eq!(
        (a.status, a.json()?),
        (
            400,
            validation(&[
                "Certificate mapping id field cannot be modified.",
                "Host name is too long. Maximum length for the host name is 128 characters.",
            ])
        )
    );
    let at_limit = format!("{}.com", "a".repeat(124));
    let a = lb.put(
        &format!("{MAPS}/1"),
        &json!({"certificateMapping": {"hostName": at_limit}}).to_string(),
    )?;
    assert_eq!(a.status, 202, "128 characters is allowed");
    Ok(())
}

#[test]
fn host_names_follow_the_service_pattern() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let (c, k) = cert("www.example.com");
    let ssl = json!({"certificate": c, "privatekey": k, "securePort": 443}).to_string();
    lb.put("/loadbalancers/1/ssltermination", &ssl)?;
    lb.post(MAPS, &add("a.example.com"))?;
    for bad in [
        "",
        "-a.example.com",
        "a..example.com",
        "a.example.*",
        "a_b.example.com",
    ] {
        let body = json!({"certificateMapping": {"hostName": bad}}).to_string();
        let a = lb.put(&format!("{MAPS}/1"), &body)?;
        assert_eq!(
            (a.status, a.json()?),
            (
                400,
                validation(&["Host name is invalid. Please provide a valid host name."])
            ),
            "{bad:?}"
        );
    }
    for good in ["*.example.org", "x", "a-b.c1.example.com"] {
        let body = json!({"certificateMapping": {"hostName": good}}).to_string();
        lb.get("/loadbalancers/1")?;
        let a = lb.put(&format!("{MAPS}/1"), &body)?;
        assert_eq!(a.status, 202, "{good:?}");
    }
    Ok(())
}

#[test]
fn every_mapping_operation_needs_a_termination() -> anyhow::Result<()> {
    let (_e, lb) = emulator(Duration::ZERO)?;
    let none = flat(
        404,
        "SSL termination not found for requested load balancer.",
    );
    assert_eq!(lb.get(MAPS)?.json()?, none);
    assert_eq!(lb.get(&format!("{MAPS}/1"))?.json()?, none);
    assert_eq!(lb.delete(&format!("{MAPS}/1"))?.json()?, none);
    Ok(())
}
