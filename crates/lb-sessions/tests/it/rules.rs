//! The server's rules as the SDK reports them: protocols, statuses, missing and deleted load
//! balancers. Retries are off here, so each answer is seen as the server gave it; the retry
//! policy has its own tests (fault_matrix.rs).

use rackcloud_emulator::DEMO_TENANT;
use std::time::{Duration, Instant};

use lb_sessions::{CreateOpts, Type};
use rackcloud_core::ErrorKind;
use rackcloud_emulator::Emulator;

fn enable(
    client: &rackcloud_core::ServiceClient,
    id: u64,
    t: Type,
) -> Result<(), rackcloud_core::Error> {
    lb_sessions::enable(client, id, &CreateOpts::new(t)).extract_err()
}

#[test]
fn each_mode_is_allowed_only_on_its_protocols() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw_no_retries(&emulator);
    // 1 web HTTP, 2 tcp TCP, 3 secure HTTPS.
    let err = enable(&client, 2, Type::HttpCookie).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.server_message().is_some(), "{err}");
    let err = enable(&client, 1, Type::SslId).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    assert!(err.server_message().is_some(), "{err}");
    enable(&client, 3, Type::SslId).expect("SSL_ID on HTTPS");
    enable(&client, 2, Type::SourceIp).expect("SOURCE_IP on TCP");
    enable(&client, 1, Type::HttpCookie).expect("HTTP_COOKIE on HTTP");
    assert_eq!(
        emulator.session_persistence("DFW", DEMO_TENANT, 2),
        Some(Some("SOURCE_IP".into()))
    );
}

#[test]
fn a_change_while_pending_is_immutable_and_names_the_status() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(Duration::from_millis(400))
        .start()
        .expect("emulator");
    let client = crate::common::dfw_no_retries(&emulator);
    enable(&client, 1, Type::HttpCookie).expect("first change");
    let err = enable(&client, 1, Type::SourceIp).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Immutable);
    assert!(err.is_immutable());
    assert_eq!(err.lb_status(), Some("PENDING_UPDATE"));
    assert_eq!(err.status(), Some(422));
    // Reading works in every status.
    assert_eq!(
        lb_sessions::get(&client, 1)
            .extract()
            .expect("get")
            .map(|p| p.persistence_type().clone()),
        Some(Type::HttpCookie)
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while emulator
        .load_balancer_status("DFW", DEMO_TENANT, 1)
        .as_deref()
        != Some("ACTIVE")
    {
        assert!(Instant::now() < deadline, "the change was never applied");
        std::thread::sleep(Duration::from_millis(20));
    }
    lb_sessions::disable(&client, 1)
        .extract_err()
        .expect("change once active");
}

#[test]
fn final_statuses_are_immutable_too() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw_no_retries(&emulator);
    for status in ["ERROR", "SUSPENDED", "BUILD"] {
        emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, status);
        let err = enable(&client, 1, Type::HttpCookie).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Immutable, "{status}");
        assert_eq!(err.lb_status(), Some(status));
    }
}

#[test]
fn already_disabled_is_checked_before_the_status() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw_no_retries(&emulator);
    emulator.set_load_balancer_status("DFW", DEMO_TENANT, 1, "PENDING_UPDATE");
    let err = lb_sessions::disable(&client, 1).extract_err().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyDisabled);
}

#[test]
fn validation_comes_before_lookup() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw_no_retries(&emulator);
    let err = enable(&client, 999, Type::Other("NOT_A_MODE".into())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Validation);
    let err = enable(&client, 999, Type::SourceIp).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert!(err.server_message().is_some(), "{err}");
}

#[test]
fn a_deleted_load_balancer_is_gone() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw_no_retries(&emulator);
    client
        .delete(&client.service_url(&["loadbalancers", "2"]))
        .extract_err()
        .expect("delete the load balancer");
    let deadline = Instant::now() + Duration::from_secs(5);
    while emulator
        .load_balancer_status("DFW", DEMO_TENANT, 2)
        .as_deref()
        != Some("DELETED")
    {
        assert!(Instant::now() < deadline, "never deleted");
        std::thread::sleep(Duration::from_millis(20));
    }
    for err in [
        lb_sessions::get(&client, 2).extract().unwrap_err(),
        enable(&client, 2, Type::SourceIp).unwrap_err(),
        lb_sessions::disable(&client, 2).extract_err().unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::Gone, "{err}");
        assert!(err.server_message().is_some(), "{err}");
    }
}
