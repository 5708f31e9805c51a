//! The exact requests list, get, create, update and delete send, and how their answers are read.

use lb_lbs::{Algorithm, CreateOpts, ListOpts, Protocol, Status, UpdateOpts, VipOpts};
use rackcloud_core::model::{IpVersion, NodeCondition, NodeOpts, VipType};
use rackcloud_emulator::DEMO_TENANT;
use rackcloud_emulator::{Emulator, RecordedRequest};
use serde_json::Value;

/// The one request the emulator recorded since it was last cleared.
pub(crate) fn only_request(emulator: &Emulator) -> RecordedRequest {
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.into_iter().next().expect("one request")
}

pub(crate) fn assert_common_headers(r: &RecordedRequest, client: &rackcloud_core::ServiceClient) {
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(
        r.header("x-auth-token"),
        Some(client.provider().token().expose())
    );
}

pub(crate) fn assert_no_body(r: &RecordedRequest) {
    assert_eq!(r.header("content-type"), None);
    assert!(r.body.is_empty());
}

#[test]
pub(crate) fn list_sends_a_bare_get_with_the_paging_query() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    for (opts, query) in [
        (ListOpts::new(), ""),
        (ListOpts::new().limit(2), "?limit=2"),
        (ListOpts::new().marker(1), "?marker=1"),
        (ListOpts::new().limit(1).marker(2), "?limit=1&marker=2"),
    ] {
        emulator.clear_requests();
        let result = lb_lbs::list(&client, &opts);
        assert_eq!(result.status(), Some(200));
        assert!(result.extract().is_ok());
        let r = only_request(&emulator);
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("GET", crate::common::path(query).as_str())
        );
        assert_common_headers(&r, &client);
        assert_no_body(&r);
    }
}

#[test]
pub(crate) fn list_items_carry_the_summary_fields() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let all = lb_lbs::list(&client, &ListOpts::new())
        .extract()
        .expect("list");
    let summary: Vec<(u64, &str, &Protocol, u16)> = all
        .iter()
        .map(|lb| (lb.id(), lb.name(), lb.protocol(), lb.port()))
        .collect();
    assert_eq!(
        summary,
        [
            (1, "web", &Protocol::Http, 80),
            (2, "tcp", &Protocol::Tcp, 8080),
            (3, "secure", &Protocol::Https, 443)
        ]
    );
    let web = &all[0];
    assert_eq!(web.status(), &Status::Active);
    assert_eq!(web.algorithm(), &Algorithm::Random);
    assert_eq!(web.node_count(), 2);
    assert_eq!(web.virtual_ips().len(), 2);
    assert!(!web.created().is_empty());
    // The list reports the timeout (as the documentation's example shows), not half-closed.
    assert_eq!((web.timeout(), web.half_closed()), (Some(30), None));
}

#[test]
pub(crate) fn get_sends_a_bare_get_and_reads_every_field() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    lb_sessions::enable(
        &client,
        1,
        &lb_sessions::CreateOpts::new(lb_sessions::Type::HttpCookie),
    )
    .extract_err()
    .expect("enable persistence");
    emulator.clear_requests();
    let result = lb_lbs::get(&client, 1);
    assert_eq!(result.status(), Some(200));
    assert_eq!(result.header("content-type"), Some("application/json"));
    let lb = result.extract().expect("get");
    let r = only_request(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("GET", crate::common::path("/1").as_str())
    );
    assert_common_headers(&r, &client);
    assert_no_body(&r);

    assert_eq!((lb.id(), lb.name(), lb.port()), (1, "web", 80));
    assert_eq!(lb.protocol(), &Protocol::Http);
    assert_eq!(lb.status(), &Status::Active);
    assert_eq!(lb.algorithm(), &Algorithm::Random);
    assert_eq!(lb.node_count(), 2);
    // The type lb-sessions reads, not a string to convert.
    assert_eq!(
        lb.session_persistence(),
        Some(&lb_sessions::Type::HttpCookie)
    );
    assert_eq!((lb.timeout(), lb.half_closed()), (Some(30), Some(false)));
    let versions: Vec<(&VipType, &IpVersion)> = lb
        .virtual_ips()
        .iter()
        .map(|v| (v.vip_type(), v.ip_version()))
        .collect();
    assert_eq!(
        versions,
        [
            (&VipType::Public, &IpVersion::Ipv4),
            (&VipType::Public, &IpVersion::Ipv6)
        ]
    );
    // `2026-11-25T03:21:04Z`, kept as the server wrote it.
    for time in [lb.created(), lb.updated()] {
        assert_eq!(time.len(), 20, "{time}");
        assert!(time.ends_with('Z'), "{time}");
    }
}

#[test]
pub(crate) fn the_body_the_emulator_sends_matches_the_fixture() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let url = client.service_url(&["loadbalancers", "3"]);
    let response = client.get(&url).into_result().expect("get");
    let mut body: Value = serde_json::from_slice(response.body()).expect("json");
    for key in ["created", "updated"] {
        body["loadBalancer"][key]["time"] = Value::from("<time>");
    }
    let fixture: Value =
        serde_json::from_str(&crate::common::fixture("get_secure_response.json")).expect("fixture");
    assert_eq!(body, fixture);
    // And the crate reads it.
    let lb = lb_lbs::get(&client, 3).extract().expect("get");
    assert_eq!(
        (lb.name(), lb.protocol(), lb.node_count()),
        ("secure", &Protocol::Https, 2)
    );
    assert_eq!(lb.virtual_ips()[1].address(), "2001:db8::6");
}

#[test]
pub(crate) fn create_sends_the_exact_body_and_reads_the_new_load_balancer() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let opts = CreateOpts::new("api", Protocol::Https)
        .port(8443)
        .algorithm(Algorithm::WeightedRoundRobin)
        .timeout(60)
        .half_closed(false)
        .virtual_ip(VipOpts::servicenet().ip_version(IpVersion::Ipv4))
        .node(NodeOpts::new("10.180.0.21", 443).weight(10))
        .node(NodeOpts::new("10.180.0.22", 443).condition(NodeCondition::Draining));
    emulator.clear_requests();
    let result = lb_lbs::create(&client, &opts);
    assert_eq!(result.status(), Some(202));
    let lb = result.extract().expect("created");
    let r = only_request(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", crate::common::path("").as_str())
    );
    assert_common_headers(&r, &client);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        crate::common::fixture("create_request.json")
    );

    assert!(lb.id() >= 1000, "{}", lb.id());
    assert_eq!(lb.status(), &Status::Build);
    assert_eq!((lb.name(), lb.port(), lb.node_count()), ("api", 8443, 2));
    assert_eq!(lb.algorithm(), &Algorithm::WeightedRoundRobin);
    assert_eq!(lb.timeout(), Some(60));
    let kinds: Vec<(&VipType, &IpVersion)> = lb
        .virtual_ips()
        .iter()
        .map(|v| (v.vip_type(), v.ip_version()))
        .collect();
    assert_eq!(kinds, [(&VipType::Servicenet, &IpVersion::Ipv4)]);
}

#[test]
pub(crate) fn a_shared_virtual_ip_is_sent_by_id_and_is_the_same_address() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let opts = CreateOpts::new("api-8443", Protocol::Https)
        .port(8443)
        .virtual_ip(VipOpts::shared(1));
    let lb = lb_lbs::create(&client, &opts).extract().expect("created");
    assert_eq!(
        only_request(&emulator).body_json(),
        Some(
            serde_json::json!({"loadBalancer": {"name": "api-8443", "protocol": "HTTPS",
            "port": 8443, "virtualIps": [{"id": 1}]}})
        )
    );
    let shared = lb_lbs::get(&client, 1)
        .extract()
        .expect("get 1")
        .virtual_ips()[0]
        .clone();
    assert_eq!(lb.virtual_ips()[0], shared);
}

#[test]
pub(crate) fn a_minimal_create_sends_only_what_was_set() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let opts = CreateOpts::new("blog", Protocol::Http).virtual_ip(VipOpts::public());
    let lb = lb_lbs::create(&client, &opts).extract().expect("created");
    assert_eq!(
        String::from_utf8_lossy(&only_request(&emulator).body),
        crate::common::fixture("create_minimal_request.json")
    );
    // The server's defaults.
    assert_eq!((lb.port(), lb.algorithm()), (80, &Algorithm::Random));
    assert_eq!((lb.timeout(), lb.node_count()), (Some(30), 0));
}

#[test]
pub(crate) fn update_sends_the_exact_body_and_the_change_reads_back() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    let opts = UpdateOpts::new()
        .name("web-2")
        .algorithm(Algorithm::LeastConnections)
        .protocol(Protocol::Tcp)
        .port(8080)
        .timeout(120)
        .half_closed(true);
    emulator.clear_requests();
    let result = lb_lbs::update(&client, 1, &opts);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("accepted");
    let r = only_request(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", crate::common::path("/1").as_str())
    );
    assert_common_headers(&r, &client);
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        crate::common::fixture("update_request.json")
    );

    let lb = lb_lbs::get(&client, 1).extract().expect("get");
    assert_eq!(
        (lb.name(), lb.protocol(), lb.port()),
        ("web-2", &Protocol::Tcp, 8080)
    );
    assert_eq!(lb.algorithm(), &Algorithm::LeastConnections);
    assert_eq!((lb.timeout(), lb.half_closed()), (Some(120), Some(true)));
}

#[test]
pub(crate) fn delete_sends_a_bare_delete() {
    let emulator = Emulator::start().expect("emulator");
    let client = crate::common::dfw(&emulator);
    emulator.clear_requests();
    let result = lb_lbs::delete(&client, 2);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("accepted");
    let r = only_request(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("DELETE", crate::common::path("/2").as_str())
    );
    assert_common_headers(&r, &client);
    assert_no_body(&r);
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 2)
            .as_deref(),
        Some("DELETED")
    );
    // A deleted load balancer is still readable by id, and no longer listed.
    let lb = lb_lbs::get(&client, 2).extract().expect("get");
    assert_eq!(lb.status(), &Status::Deleted);
    let ids: Vec<u64> = lb_lbs::list_all(&client, ListOpts::new())
        .expect("list")
        .iter()
        .map(|lb| lb.id())
        .collect();
    assert_eq!(ids, [1, 3]);
}
