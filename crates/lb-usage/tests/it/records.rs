//! The emulator's usage model as the SDK reads it: records follow the traffic served
//! (docs/testing-with-the-emulator.md, "Usage").

use jiff::{SignedDuration, Timestamp};
use lb_usage::{BillableOpts, SslMode, UsageOpts};
use rackcloud_core::model::VipType;
use rackcloud_emulator::Emulator;

use crate::common::dfw;

#[test]
fn records_count_the_bytes_of_the_requests_served() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let before = lb_usage::current_usage(&client, 1)
        .extract()
        .expect("before");
    assert_eq!(before.len(), 1);
    let r = &before[0];
    assert_eq!(r.event_type(), Some("CREATE_LOADBALANCER"));
    assert_eq!(
        (r.vip_type(), r.ssl_mode()),
        (Some(&VipType::Public), Some(&SslMode::Off))
    );
    // One request with a body of 59 bytes; its answer is empty (202).
    let body = serde_json::json!({"sessionPersistence": {"persistenceType": "HTTP_COOKIE"}});
    let sent = body.to_string().len() as u64;
    client
        .put(&client.lb_url(1, &["sessionpersistence"]), &body)
        .extract_err()
        .expect("put");
    let after = lb_usage::current_usage(&client, 1)
        .extract()
        .expect("after");
    let a = &after[0];
    assert_eq!(a.incoming_transfer(), r.incoming_transfer() + sent);
    assert_eq!(a.outgoing_transfer(), r.outgoing_transfer());
    // Usage reads are not metered: reading again changes nothing.
    let again = lb_usage::current_usage(&client, 1)
        .extract()
        .expect("again");
    assert_eq!(again[0].incoming_transfer(), a.incoming_transfer());
    assert!(a.start_time() <= a.end_time());
    let lb: serde_json::Value = client
        .get(&client.lb_url(1, &[]))
        .extract_json()
        .expect("lb");
    let vips = lb["loadBalancer"]["virtualIps"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(a.num_vips() as usize, vips);
    let polls = f64::from(a.num_polls().max(1));
    assert!(a.average_num_connections() * polls >= 1.0);
}

#[test]
fn periods_before_the_load_balancers_existed_are_empty() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let now = Timestamp::now();
    let last_month = UsageOpts::new()
        .since(now - SignedDuration::from_hours(24 * 30))
        .until(now - SignedDuration::from_hours(24 * 29));
    assert!(
        lb_usage::load_balancer_usage(&client, 1, &last_month)
            .extract()
            .expect("lb")
            .is_empty()
    );
    let usage = lb_usage::account_usage(&client, &last_month)
        .extract()
        .expect("account");
    assert!(usage.load_balancers().is_empty());
    assert_eq!(usage.records()[0].num_load_balancers(), 3);
    let billable = BillableOpts::new(
        now - SignedDuration::from_hours(48),
        now - SignedDuration::from_hours(24),
    );
    assert!(
        lb_usage::billable_all(&client, &billable)
            .expect("billable")
            .is_empty()
    );
    let pages = lb_usage::billable_pages(
        &client,
        &BillableOpts::new(
            now - SignedDuration::from_hours(1),
            now + SignedDuration::from_hours(1),
        )
        .limit(1),
        rackcloud_core::kit::PageBound::default(),
    );
    let sizes: Vec<usize> = pages.map(|p| p.expect("page").len()).collect();
    // The fourth request finds an empty page, which ends the walk.
    assert_eq!(sizes, [1, 1, 1]);
}
