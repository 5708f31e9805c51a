//! The exact requests every operation sends: paths, queries, headers, no body.

use jiff::Timestamp;
use lb_usage::{BillableOpts, UsageOpts, parse_time};
use rackcloud_core::ErrorKind;
use rackcloud_emulator::Emulator;

use crate::common::{dfw, dfw_no_retries, lb_path};

fn t(text: &str) -> Timestamp {
    parse_time(text).expect("a time")
}

#[test]
fn each_operation_sends_its_path_and_query() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let period = UsageOpts::new()
        .since(t("2026-11-01"))
        .until(t("2026-11-08T12:30:00-06:00"));
    emulator.clear_requests();
    lb_usage::account_usage(&client, &period)
        .extract()
        .expect("account");
    lb_usage::load_balancer_usage(&client, 1, &period)
        .extract()
        .expect("lb");
    lb_usage::load_balancer_usage(&client, 1, &UsageOpts::new())
        .extract()
        .expect("default");
    lb_usage::current_usage(&client, 2)
        .extract()
        .expect("current");
    let billable = BillableOpts::new(t("2026-11-01"), t("2026-12-01"))
        .limit(1000)
        .offset(3);
    lb_usage::billable(&client, &billable)
        .extract()
        .expect("billable");
    let query = "startTime=2026-11-01T00%3A00%3A00Z&endTime=2026-11-08T18%3A30%3A00Z";
    let want = [
        lb_path(&format!("/usage?{query}")),
        lb_path(&format!("/1/usage?{query}")),
        lb_path("/1/usage"),
        lb_path("/2/usage/current"),
        lb_path(
            "/billable?startTime=2026-11-01T00%3A00%3A00Z&endTime=2026-12-01T00%3A00%3A00Z&limit=1000&offset=3",
        ),
    ];
    let requests = emulator.requests();
    let got: Vec<_> = requests.iter().map(|r| r.path.clone()).collect();
    assert_eq!(got, want);
    for r in &requests {
        assert_eq!(r.method, "GET");
        assert!(r.body.is_empty());
        assert_eq!(r.header("content-type"), None);
        assert_eq!(r.header("accept"), Some("application/json"));
    }
}

#[test]
fn invalid_input_sends_nothing() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let before = emulator.stats().api_requests.total();
    let start = t("2026-11-08");
    let backwards = UsageOpts::new()
        .since(start)
        .until(t("2026-11-07T23:59:59Z"));
    let same = UsageOpts::new().since(start).until(start);
    let errors = [
        lb_usage::account_usage(&client, &backwards)
            .extract()
            .unwrap_err(),
        lb_usage::load_balancer_usage(&client, 1, &same)
            .extract()
            .unwrap_err(),
        lb_usage::load_balancer_usage(&client, 0, &UsageOpts::new())
            .extract()
            .unwrap_err(),
        lb_usage::current_usage(&client, 0).extract().unwrap_err(),
        lb_usage::billable(&client, &BillableOpts::new(start, start))
            .extract()
            .unwrap_err(),
        lb_usage::billable(&client, &BillableOpts::new(start, t("2026-11-09")).limit(0))
            .extract()
            .unwrap_err(),
        lb_usage::billable(
            &client,
            &BillableOpts::new(start, t("2026-11-09")).limit(1001),
        )
        .extract()
        .unwrap_err(),
    ];
    for e in &errors {
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    }
    assert_eq!(emulator.stats().api_requests.total(), before);
    // One second apart is a period.
    let tight = UsageOpts::new()
        .since(start)
        .until(t("2026-11-08T00:00:01Z"));
    lb_usage::account_usage(&client, &tight)
        .extract()
        .expect("one second");
}

#[test]
fn server_refusals_keep_their_kind() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw_no_retries(&emulator);
    let e = lb_usage::current_usage(&client, 999).extract().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NotFound);
    let url = format!(
        "{}?startTime=soon",
        client.service_url(&["loadbalancers", "usage"])
    );
    let e = client.get(&url).into_result().unwrap_err();
    assert_eq!((e.kind(), e.status()), (ErrorKind::Validation, Some(400)));
}
