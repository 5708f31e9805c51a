//! The documentation's example answers, read field by field: `accountId` at the root of the
//! account report, `timeout` and `algorithm` of billable load balancers, ids written as
//! strings (docs/api/usage.md, docs/api/conventions.md).

use lb_usage::{BillableOpts, UsageOpts, parse_time};
use rackcloud_emulator::{Emulator, InjectedBody, InjectedFault};
use serde_json::json;

use crate::common::dfw;

fn answer(emulator: &Emulator, path: &str, body: serde_json::Value) {
    emulator.inject(
        InjectedFault::new(
            Some("GET"),
            &format!("/dfw/v1.0/*/loadbalancers{path}"),
            200,
        )
        .body(InjectedBody::Json(body)),
    );
}

#[test]
fn the_account_id_is_read_at_the_root_of_the_account_report() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    answer(
        &emulator,
        "/usage",
        json!({"accountUsage":{"links":[],"accountUsageRecords":[
                {"numLoadBalancers":1,"numPublicVips":1,"numServicenetVips":0,
                 "startTime":"2019-12-05T18:55:56Z"}]},
               "loadBalancerUsages":[{"loadBalancerUsageRecords":[{"id":"11007607",
                 "numPolls":2,"startTime":"2019-12-05T18:55:56Z","endTime":"2019-12-05T19:00:00Z"}],
                 "links":[],"loadBalancerId":"331456","loadBalancerName":"a-new-loadbalancer"}],
               "accountId":5806065}),
    );
    let usage = lb_usage::account_usage(&client, &UsageOpts::new())
        .extract()
        .expect("the documented body");
    assert_eq!(usage.account_id(), Some(5_806_065));
    assert_eq!(usage.records()[0].account_id(), None);
    assert_eq!(usage.load_balancers()[0].id(), 331_456);
    assert_eq!(usage.load_balancers()[0].records()[0].id(), 11_007_607);
    // The emulator writes it where the service does.
    let live = lb_usage::account_usage(&client, &UsageOpts::new())
        .extract()
        .expect("live");
    assert_eq!(live.account_id(), Some(123_456));
}

#[test]
fn billable_load_balancers_keep_timeout_and_algorithm() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    let period = BillableOpts::new(
        parse_time("2019-11-01").expect("t"),
        parse_time("2019-12-31").expect("t"),
    );
    answer(
        &emulator,
        "/billable",
        json!({"loadBalancers":[{"timeout":30,"created":{"time":"2019-11-06T17:33:29Z"},
            "updated":{"time":"2019-12-04T16:27:58Z"},"nodeCount":1,"algorithm":"RANDOM",
            "status":"DELETED","name":"a-new-loadbalancer","id":"320029","protocol":"HTTP","port":80}]}),
    );
    let page = lb_usage::billable(&client, &period)
        .extract()
        .expect("the documented body");
    assert_eq!(page[0].id(), 320_029);
    assert_eq!(page[0].timeout(), Some(30));
    assert_eq!(page[0].algorithm(), Some("RANDOM"));
    let live = lb_usage::billable(
        &client,
        &BillableOpts::new(
            parse_time("2000-01-01").expect("t"),
            parse_time("2100-01-01").expect("t"),
        ),
    )
    .extract()
    .expect("live");
    assert!(!live.is_empty());
    assert!(
        live.iter()
            .all(|lb| lb.timeout().is_some() && lb.algorithm().is_some())
    );
}
