//! A configured load balancer in one request: the exact body `create` sends with every part the
//! service takes at creation, and what the new load balancer then shows.

use lb_lbs::{CreateOpts, Protocol, Status, VipOpts};
use rackcloud_core::model::NodeOpts;
use rackcloud_core::model::{AppendOpts, HttpOpts, MonitorType, PersistenceType, ThrottleOpts};
use rackcloud_emulator::Emulator;

use crate::wire::only_request;

fn configured() -> CreateOpts {
    CreateOpts::new("shop", Protocol::Http)
        .virtual_ip(VipOpts::public())
        .node(NodeOpts::new("10.180.0.21", 80))
        .health_monitor(HttpOpts::http(10, 5, 2, "/health", "^2").host_header("shop.example.com"))
        .connection_throttle(ThrottleOpts::new(100))
        .access_list(AppendOpts::new().deny("192.0.2.0/24").allow("192.0.2.7"))
        .metadata("team", "web")
        .metadata("tier", "gold")
        .connection_logging(true)
        .content_caching(true)
        .session_persistence(PersistenceType::HttpCookie)
}

#[test]
pub(crate) fn create_sends_every_configuration_part_in_one_request() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let created = lb_lbs::create(&client, &configured());
    assert_eq!(created.status(), Some(202));
    let lb = created.extract().expect("created");
    let r = only_request(&emulator);
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        crate::common::fixture("create_configured_request.json")
    );
    assert_eq!(lb.status(), &Status::Build);
}

#[test]
pub(crate) fn the_new_load_balancer_shows_the_configuration_it_was_created_with() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let id = lb_lbs::create(&client, &configured())
        .extract()
        .expect("created")
        .id();
    let lb = lb_lbs::get(&client, id).extract().expect("get");
    let monitor = lb.health_monitor().expect("a monitor");
    assert_eq!(
        (monitor.monitor_type(), monitor.delay(), monitor.path()),
        (&MonitorType::Http, 10, Some("/health"))
    );
    assert_eq!(monitor.host_header(), Some("shop.example.com"));
    let throttle = lb.connection_throttle().expect("a throttle");
    assert_eq!(throttle.max_connections(), Some(100));
    let access: Vec<(&str, &str)> = lb
        .access_list()
        .iter()
        .map(|item| (item.address(), item.kind().as_str()))
        .collect();
    assert_eq!(access, [("192.0.2.0/24", "DENY"), ("192.0.2.7", "ALLOW")]);
    let metadata: Vec<(&str, &str)> = lb.metadata().iter().map(|m| (m.key(), m.value())).collect();
    assert_eq!(metadata, [("team", "web"), ("tier", "gold")]);
    assert_eq!(lb.connection_logging(), Some(true));
    assert_eq!(lb.content_caching(), Some(true));
    assert_eq!(lb.session_persistence(), Some(&PersistenceType::HttpCookie));
}

#[test]
pub(crate) fn a_part_out_of_bounds_is_refused_before_sending() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let cases = [
        configured().health_monitor(HttpOpts::http(10, 5, 2, "health", "^2")),
        configured().connection_throttle(ThrottleOpts::new(0)),
        configured().access_list(AppendOpts::new().deny("192.0.2.7").allow("192.0.2.7/32")),
        configured().metadata("team", "again"),
        configured().metadata("k".repeat(33), "v"),
    ];
    for opts in cases {
        let e = lb_lbs::create(&client, &opts)
            .extract()
            .expect_err("refused");
        assert!(e.is_invalid_input(), "{e}");
    }
    assert_eq!(emulator.requests().len(), 0);
}
