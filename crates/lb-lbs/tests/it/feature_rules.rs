//! The server's rules as the SDK reports them: kind and status.

use lb_lbs::ListOpts;
use rackcloud_core::ErrorKind;
use rackcloud_emulator::{DEMO_TENANT, Emulator, LoadBalancerSeed};

use crate::common::dfw_no_retries;

/// The default seed plus 5, a UDP load balancer, and 6, one in ERROR.
fn emulator() -> Emulator {
    Emulator::builder()
        .default_seed()
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(5, "dns", "UDP").port(53),
        )
        .load_balancer(
            "DFW",
            DEMO_TENANT,
            LoadBalancerSeed::new(6, "broken", "HTTP").status("ERROR"),
        )
        .start()
        .expect("emulator")
}

fn kind_and_status(e: rackcloud_core::Error) -> (ErrorKind, Option<u16>) {
    (e.kind(), e.status())
}

#[test]
fn protocol_rules_are_400s() {
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    let bad = (ErrorKind::Validation, Some(400));
    let refused = |r: lb_lbs::SettingResult| kind_and_status(r.extract_err().expect_err("refused"));
    assert_eq!(refused(lb_lbs::enable_logging(&client, 5)), bad);
    assert_eq!(refused(lb_lbs::enable_caching(&client, 2)), bad);
    assert_eq!(refused(lb_lbs::set_error_page(&client, 3, "<p>x</p>")), bad);
    // Disabling caching is allowed on any protocol; logging works on TCP.
    lb_lbs::disable_caching(&client, 2)
        .extract_err()
        .expect("disable caching on TCP");
    lb_lbs::enable_logging(&client, 3)
        .extract_err()
        .expect("logging on HTTPS");
}

#[test]
fn lookups_and_status() {
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    let e = lb_lbs::get_stats(&client, 999)
        .extract()
        .expect_err("unknown");
    assert_eq!(kind_and_status(e), (ErrorKind::NotFound, Some(404)));
    let e = lb_lbs::enable_logging(&client, 6)
        .extract_err()
        .expect_err("ERROR");
    assert_eq!(kind_and_status(e), (ErrorKind::Immutable, Some(422)));
    assert_eq!(
        lb_lbs::enable_logging(&client, 6)
            .extract_err()
            .expect_err("ERROR")
            .lb_status()
            .map(ToString::to_string),
        Some("ERROR".to_owned())
    );
    // The error page's own wording names no status.
    let e = lb_lbs::delete_error_page(&client, 6)
        .extract_err()
        .expect_err("ERROR");
    assert_eq!((e.status(), e.lb_status()), (Some(422), None));
    // Reads work in any status but deleted.
    assert!(
        !lb_lbs::is_logging_enabled(&client, 6)
            .extract()
            .expect("read")
    );
    lb_lbs::delete(&client, 2).extract_err().expect("delete");
    rackcloud_core::kit::poll_until_deleted(2, &crate::common::quick(), || {
        lb_lbs::get(&client, 2).extract()
    })
    .expect("deleted");
    let e = lb_lbs::is_content_cached(&client, 2)
        .extract()
        .expect_err("deleted");
    assert_eq!(kind_and_status(e), (ErrorKind::Gone, Some(410)));
}

#[test]
fn bulk_delete_is_all_or_nothing() {
    let emulator = emulator();
    let client = dfw_no_retries(&emulator);
    let outcome = lb_lbs::bulk_delete(&client, &[1, 6]);
    assert_eq!(outcome.failed(), [1, 6]);
    let e = outcome.extract_err().expect_err("6 is in ERROR");
    assert_eq!(kind_and_status(e), (ErrorKind::Validation, Some(400)));
    assert_eq!(
        lb_lbs::get(&client, 1).extract().expect("kept").status(),
        &lb_lbs::Status::Active
    );
    let e = lb_lbs::list(&client, &ListOpts::new().limit(101))
        .extract()
        .expect_err("limit");
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
}
