//! Certificate mappings: the exact wire, the double-wrapped list, the limit and duplicates.

use lb_ssl::{CertificateBundle, CreateMappingOpts, MAPPING_LIMIT, UpdateMappingOpts};
use rackcloud_core::ErrorKind;
use serde_json::{Value, json};

use crate::common::{bundle, dfw, dfw_no_retries, emulator, install, path, quick, self_signed};

#[test]
fn every_mapping_operation_sends_the_exact_request() {
    let emulator = emulator();
    let client = dfw(&emulator);
    install(&client, 1, &self_signed("www.example.com"));
    let t = self_signed("shop.example.org");
    emulator.clear_requests();
    let opts = CreateMappingOpts::new("shop.example.org", bundle(&t));
    let created = lb_ssl::create_mapping(&client, 1, &opts)
        .and_wait(&quick())
        .expect("add");
    assert_eq!(created.host_name(), "shop.example.org");
    assert_eq!(created.certificate(), Some(t.cert.as_str()));
    let id = created.id();
    let add = emulator
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .expect("post");
    assert_eq!(add.path, path(1, "/certificatemappings"));
    let sent: Value = serde_json::from_slice(&add.body).expect("json");
    assert_eq!(
        sent,
        json!({"certificateMapping": {"hostName": "shop.example.org", "privateKey": t.key, "certificate": t.cert}})
    );

    let list = lb_ssl::list_mappings(&client, 1).extract().expect("list");
    assert_eq!(
        (list.len(), list[0].id(), list[0].host_name()),
        (1, id, "shop.example.org")
    );
    assert_eq!(list[0].certificate(), None);
    let one = lb_ssl::get_mapping(&client, 1, id).extract().expect("show");
    assert_eq!(one, created);

    emulator.clear_requests();
    let update = UpdateMappingOpts::new().host_name("*.example.org");
    let result = lb_ssl::update_mapping(&client, 1, id, &update);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("update without a body");
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("PUT", path(1, &format!("/certificatemappings/{id}")))
    );
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        r#"{"certificateMapping":{"hostName":"*.example.org"}}"#
    );
    rackcloud_core::wait_until_active(&client, 1, &quick()).expect("wait");
    emulator.clear_requests();
    lb_ssl::delete_mapping(&client, 1, id)
        .and_wait(&quick())
        .expect("delete");
    let r = &emulator.requests()[0];
    assert_eq!(
        (r.method.as_str(), r.path.clone()),
        ("DELETE", path(1, &format!("/certificatemappings/{id}")))
    );
    assert!(
        lb_ssl::list_mappings(&client, 1)
            .extract()
            .expect("list")
            .is_empty()
    );
}

#[test]
fn limit_duplicates_and_missing_termination() {
    let emulator = rackcloud_emulator::Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let t = self_signed("a.example.com");
    let b = bundle(&t);
    let err = lb_ssl::create_mapping(
        &client,
        1,
        &CreateMappingOpts::new("a.example.com", b.clone()),
    )
    .extract()
    .expect_err("no termination");
    assert_eq!((err.kind(), err.status()), (ErrorKind::NotFound, Some(404)));

    let emulator = crate::common::slow(std::time::Duration::ZERO, std::time::Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw_no_retries(&emulator);
    install(&client, 1, &t);
    for i in 0..MAPPING_LIMIT {
        let opts = CreateMappingOpts::new(format!("h{i}.example.com"), b.clone());
        lb_ssl::create_mapping(&client, 1, &opts)
            .extract()
            .expect("under the limit");
    }
    let over = CreateMappingOpts::new("h99.example.com", b.clone());
    let err = lb_ssl::create_mapping(&client, 1, &over)
        .extract()
        .expect_err("limit");
    assert_eq!(
        (err.kind(), err.status()),
        (ErrorKind::OverLimit, Some(413))
    );
    let id = lb_ssl::list_mappings(&client, 1).extract().expect("list")[0].id();
    lb_ssl::delete_mapping(&client, 1, id)
        .extract_err()
        .expect("delete");
    let dup = CreateMappingOpts::new("h1.example.com", b);
    let err = lb_ssl::create_mapping(&client, 1, &dup)
        .extract()
        .expect_err("duplicate");
    assert_eq!(err.status(), Some(422));
    assert!(!err.is_immutable());
}

#[test]
fn invalid_mapping_options_send_nothing() {
    let emulator = rackcloud_emulator::Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let t = self_signed("a.example.com");
    let other = self_signed("b.example.com");
    let mismatched = CertificateBundle::new(t.cert.clone(), other.key.clone());
    assert!(
        lb_ssl::create_mapping(
            &client,
            1,
            &CreateMappingOpts::new("a.example.com", mismatched)
        )
        .extract()
        .expect_err("key")
        .is_invalid_input()
    );
    assert!(
        lb_ssl::create_mapping(&client, 1, &CreateMappingOpts::new("", bundle(&t)))
            .extract()
            .expect_err("host")
            .is_invalid_input()
    );
    assert!(
        lb_ssl::update_mapping(&client, 1, 1, &UpdateMappingOpts::new())
            .extract_err()
            .expect_err("empty")
            .is_invalid_input()
    );
    assert!(
        lb_ssl::update_mapping(&client, 1, 0, &UpdateMappingOpts::new().host_name("x"))
            .extract_err()
            .expect_err("id")
            .is_invalid_input()
    );
    assert!(
        lb_ssl::get_mapping(&client, 0, 1)
            .extract()
            .expect_err("id")
            .is_invalid_input()
    );
    assert_eq!(emulator.stats().api_requests.total(), before);
}
