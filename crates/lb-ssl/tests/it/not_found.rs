//! Only the service's own "no SSL termination" 404 reads as none; every other 404 is an error,
//! in `get`, in the workflows that read the termination first, and for ids written as strings.

use crate::common::{dfw, emulator, install, self_signed};
use lb_ssl::{CertificateBundle, NO_TERMINATION};
use rackcloud_emulator::{InjectedBody, InjectedFault};
use serde_json::json;

#[test]
fn get_of_a_load_balancer_that_does_not_exist_is_an_error_not_none() {
    let emulator = emulator();
    let client = dfw(&emulator);
    let e = lb_ssl::get(&client, 999_999).extract().unwrap_err();
    assert!(e.is_not_found());
    assert_eq!(
        e.fault().and_then(|f| f.message()),
        Some("Load balancer not found")
    );
    assert_eq!(lb_ssl::get(&client, 1).extract().expect("none"), None);
    assert_eq!(
        NO_TERMINATION,
        "SSL termination not found for requested load balancer."
    );
}

#[test]
fn an_html_404_is_an_error_not_none() {
    let emulator = emulator();
    let client = dfw(&emulator);
    emulator.inject(
        InjectedFault::new(
            Some("GET"),
            "/dfw/v1.0/*/loadbalancers/1/ssltermination",
            404,
        )
        .body(InjectedBody::Html),
    );
    let e = lb_ssl::get(&client, 1).extract().unwrap_err();
    assert!(e.is_not_found());
}

#[test]
fn rotate_on_a_load_balancer_that_does_not_exist_says_so() {
    let emulator = emulator();
    let client = dfw(&emulator);
    let t = self_signed("www.example.com");
    let bundle = CertificateBundle::new(t.cert.clone(), t.key.clone());
    let e =
        lb_ssl::workflows::rotate_certificate(&client, 999_999, &bundle, &crate::common::quick())
            .unwrap_err();
    assert_eq!(
        e.fault().and_then(|f| f.message()),
        Some("Load balancer not found"),
        "{e}"
    );
}

#[test]
fn mapping_ids_written_as_strings_are_read() {
    let emulator = emulator();
    let client = dfw(&emulator);
    install(&client, 1, &self_signed("www.example.com"));
    emulator.inject(
        InjectedFault::new(
            Some("GET"),
            "/dfw/v1.0/*/loadbalancers/1/ssltermination/certificatemappings",
            200,
        )
        .body(InjectedBody::Json(json!({"certificateMappings":[
            {"certificateMapping":{"id":"7","hostName":"a.example.com"}},
            {"certificateMapping":{"id":8,"hostName":"b.example.com"}}]}))),
    );
    let ids: Vec<u64> = lb_ssl::list_mappings(&client, 1)
        .extract()
        .expect("list")
        .iter()
        .map(|m| m.id())
        .collect();
    assert_eq!(ids, [7, 8]);
}
