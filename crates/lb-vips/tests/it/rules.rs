//! The server's rules as the SDK reports them (kind and status), and input refused before
//! sending.

use lb_vips::{AddOpts, AddOptsBuilder};
use rackcloud_core::model::{IpVersion, VipType};
use rackcloud_core::{Error, ErrorKind};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::{Map, Value, json};

use crate::common::{dfw, dfw_no_retries, quick};

/// A body written by hand, to reach the server's own checks.
struct Raw(Value);

impl AddOptsBuilder for Raw {
    fn to_vip_add_map(&self) -> Result<Map<String, Value>, Error> {
        Ok(self.0.as_object().cloned().unwrap_or_default())
    }
}

#[test]
fn invalid_input_is_refused_before_sending() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let before = emulator.stats().api_requests.total();
    let refused = [
        lb_vips::add(&client, 1, &AddOpts::new().ip_version(IpVersion::Ipv4))
            .extract()
            .unwrap_err(),
        lb_vips::add(&client, 1, &AddOpts::new().vip_type(VipType::Servicenet))
            .extract()
            .unwrap_err(),
        lb_vips::add(
            &client,
            1,
            &AddOpts::new().vip_type(VipType::Other(" ".into())),
        )
        .extract()
        .unwrap_err(),
        lb_vips::add(&client, 0, &AddOpts::new())
            .extract()
            .unwrap_err(),
        lb_vips::list(&client, 0).extract().unwrap_err(),
        lb_vips::delete(&client, 1, 0).extract_err().unwrap_err(),
        lb_vips::bulk_delete(&client, 1, &[], &quick())
            .extract_err()
            .unwrap_err(),
        lb_vips::bulk_delete(&client, 1, &[4, 4], &quick())
            .extract_err()
            .unwrap_err(),
        lb_vips::bulk_delete(&client, 0, &[4], &quick())
            .extract_err()
            .unwrap_err(),
    ];
    for e in refused {
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
}

#[test]
fn the_server_refuses_what_only_creation_may_have() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    for body in [
        json!({"type": "PUBLIC", "ipVersion": "IPV4"}),
        json!({"type": "SERVICENET", "ipVersion": "IPV6"}),
        json!({"id": 1}),
    ] {
        let e = lb_vips::add(&client, 1, &Raw(body)).extract().unwrap_err();
        assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(400)));
    }
    let e = lb_vips::add(&client, 999, &AddOpts::new())
        .extract()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::NotFound, Some(404)));
}

#[test]
fn the_ipv6_limit_is_over_limit_and_not_repeated() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    for _ in 0..24 {
        lb_vips::add(&client, 2, &AddOpts::new())
            .extract()
            .expect("add");
    }
    let before = emulator.stats().api_requests.total();
    let e = lb_vips::add(&client, 2, &AddOpts::new())
        .extract()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::OverLimit, Some(413)));
    assert_eq!(emulator.stats().api_requests.total(), before + 1);
}

#[test]
fn busy_last_and_foreign_virtual_ips() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(std::time::Duration::from_secs(30))
        .start()
        .expect("emulator");
    let client = dfw_no_retries(&emulator);
    let ids: Vec<u64> = lb_vips::list(&client, 1)
        .extract()
        .expect("list")
        .iter()
        .map(|v| v.id())
        .collect();
    let other = lb_vips::list(&client, 2).extract().expect("list")[0].id();
    let e = lb_vips::delete(&client, 1, other)
        .extract_err()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::NotFound, Some(404)));
    let e = lb_vips::bulk_delete(&client, 1, &[ids[0], other], &quick())
        .extract_err()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(400)));
    let e = lb_vips::bulk_delete(&client, 1, &ids, &quick())
        .extract_err()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(400)));

    lb_vips::delete(&client, 1, ids[0])
        .extract_err()
        .expect("delete");
    let e = lb_vips::add(&client, 1, &AddOpts::new())
        .extract()
        .unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Immutable, Some(422)));
    let e = lb_vips::delete(&client, 1, ids[1])
        .extract_err()
        .unwrap_err();
    assert_eq!(
        (e.kind(), e.status()),
        (ErrorKind::Validation, Some(400)),
        "the last one"
    );
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("PENDING_UPDATE")
    );
}

#[test]
fn a_failed_chunk_says_what_went_through() {
    let emulator = Emulator::builder()
        .default_seed()
        .pending_time(std::time::Duration::ZERO)
        .start()
        .expect("emulator");
    let client = dfw(&emulator);
    let mut added = Vec::new();
    for _ in 0..11 {
        added.push(
            lb_vips::add(&client, 1, &AddOpts::new())
                .extract()
                .expect("add")
                .id(),
        );
    }
    // The second chunk names a virtual IP of another load balancer.
    let other = lb_vips::list(&client, 2).extract().expect("list")[0].id();
    added.push(other);
    let outcome = lb_vips::bulk_delete(&client, 1, &added, &quick());
    assert_eq!(outcome.done(), &added[..10]);
    assert_eq!(outcome.failed(), &added[10..]);
    let e = outcome.extract_err().unwrap_err();
    assert_eq!(e.status(), Some(400));
    assert!(e.to_string().contains("went through"), "{e}");
}
