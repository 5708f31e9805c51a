//! The server's rules as the SDK reports them, and the checks made before sending. Retries
//! are off here, so each answer is seen as the server gave it.

use std::time::Duration;

use lb_acl::AppendOpts;
use rackcloud_core::ErrorKind;
use rackcloud_core::model::{AppendItem, MAX_ITEMS};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

use crate::common::{dfw, dfw_no_retries, quick, slow};

fn denies(n: usize, third: usize) -> AppendOpts {
    (0..n)
        .map(|i| AppendItem::deny(format!("10.{third}.{}.{}", i / 200, i % 200)))
        .collect()
}

#[test]
fn the_size_limit_is_a_400_that_is_not_a_rate_limit() {
    let emulator = slow(Duration::from_millis(30), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw_no_retries(&emulator);
    lb_acl::append(&client, 1, &denies(MAX_ITEMS - 1, 1))
        .and_wait(&quick())
        .expect("99");
    let err = lb_acl::append(&client, 1, &denies(2, 2))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(err.status(), Some(400));
    assert!(err.is_size_limit(), "{err}");
    assert!(!err.is_rate_limited());
    assert!(!err.is_transient());
    // The 100th item fits.
    lb_acl::append(&client, 1, &denies(1, 2))
        .extract_err()
        .expect("100");
}

#[test]
fn duplicates_with_the_list_are_validation_errors() {
    let emulator = slow(Duration::from_millis(30), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw_no_retries(&emulator);
    lb_acl::append(&client, 2, &AppendOpts::new().allow("192.0.2.7"))
        .and_wait(&quick())
        .expect("first");
    let err = lb_acl::append(&client, 2, &AppendOpts::new().deny("192.0.2.7"))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(!err.is_size_limit());
}

#[test]
fn busy_unknown_and_foreign_ids() {
    let emulator = slow(Duration::from_millis(300), Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw_no_retries(&emulator);
    lb_acl::append(&client, 1, &denies(3, 1))
        .extract_err()
        .expect("append");
    let err = lb_acl::append(&client, 1, &denies(1, 2))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Immutable);
    assert_eq!(err.lb_status(), Some("PENDING_UPDATE"));
    let err = lb_acl::delete_all(&client, 1).extract_err().unwrap_err();
    assert_eq!((err.kind(), err.status()), (ErrorKind::Conflict, Some(422)));
    let err = lb_acl::delete(&client, 1, 7).extract_err().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    rackcloud_core::wait_until_active(&client, 1, &quick()).expect("settle");
    let outcome = lb_acl::bulk_delete(&client, 1, &[100_001, 200_001], &quick());
    assert_eq!(outcome.failed(), &[100_001, 200_001]);
    let err = outcome.extract_err().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert_eq!(lb_acl::list(&client, 1).extract().expect("list").len(), 3);
    let err = lb_acl::list(&client, 999).extract().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "ERROR");
    let err = lb_acl::delete(&client, 1, 100_001)
        .extract_err()
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.lb_status()),
        (ErrorKind::Immutable, Some("ERROR"))
    );
}

#[test]
fn invalid_input_sends_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let errors = [
        lb_acl::list(&client, 0).extract().unwrap_err(),
        lb_acl::append(&client, 0, &denies(1, 1))
            .extract_err()
            .unwrap_err(),
        lb_acl::append(&client, 1, &AppendOpts::new())
            .extract_err()
            .unwrap_err(),
        lb_acl::append(&client, 1, &denies(MAX_ITEMS + 1, 1))
            .extract_err()
            .unwrap_err(),
        lb_acl::append(
            &client,
            1,
            &AppendOpts::new().allow("192.0.2.1").deny("192.0.2.1"),
        )
        .extract_err()
        .unwrap_err(),
        lb_acl::append(&client, 1, &AppendOpts::new().allow("192.0.2.0/33"))
            .extract_err()
            .unwrap_err(),
        lb_acl::append(&client, 1, &AppendOpts::new().allow("2001:db8::/129"))
            .extract_err()
            .unwrap_err(),
        lb_acl::append(&client, 1, &AppendOpts::new().allow("host.example"))
            .extract_err()
            .unwrap_err(),
        lb_acl::delete(&client, 1, 0).extract_err().unwrap_err(),
        lb_acl::delete_all(&client, 0).extract_err().unwrap_err(),
        lb_acl::bulk_delete(&client, 1, &[], &quick())
            .extract_err()
            .unwrap_err(),
        lb_acl::bulk_delete(&client, 1, &[4, 4], &quick())
            .extract_err()
            .unwrap_err(),
        lb_acl::bulk_delete(&client, 0, &[4], &quick())
            .extract_err()
            .unwrap_err(),
    ];
    for err in &errors {
        assert!(err.is_invalid_input(), "{err}");
        assert_eq!(err.status(), None);
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
    // The boundaries that pass.
    lb_acl::append(
        &client,
        1,
        &AppendOpts::new()
            .allow("192.0.2.0/32")
            .allow("2001:db8::/128")
            .deny("::/0"),
    )
    .extract_err()
    .expect("valid prefixes");
}
