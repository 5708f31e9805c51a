//! The exact requests every operation sends (method, path with query, headers, body), and how
//! the answers are read.

use lb_nodes::{BulkUpdateOpts, Condition, CreateOpts, ListOpts, Status, Type, UpdateOpts};
use rackcloud_core::kit::MAX_IDS_PER_REQUEST;
use rackcloud_core::model::NodeOpts;
use rackcloud_emulator::{DEMO_TENANT, Emulator, RecordedRequest};

use crate::common::{dfw, fixture, instant, nodes_path, quick};

fn only(emulator: &Emulator) -> RecordedRequest {
    let requests = emulator.requests();
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.into_iter().next().expect("one request")
}

fn assert_headers(r: &RecordedRequest, client: &rackcloud_core::ServiceClient, body: bool) {
    assert_eq!(r.header("accept"), Some("application/json"));
    assert_eq!(
        r.header("x-auth-token"),
        Some(client.provider().token().expose())
    );
    let content_type = body.then_some("application/json");
    assert_eq!(r.header("content-type"), content_type);
    assert_eq!(r.body.is_empty(), !body);
}

#[test]
fn create_sends_every_field_in_one_post_and_reads_the_new_nodes() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let opts = CreateOpts::new([
        NodeOpts::new("10.1.1.1", 80)
            .node_type(Type::Primary)
            .weight(7),
        NodeOpts::new("web-2.example.com", 8080).condition(Condition::Draining),
    ]);
    let result = lb_nodes::create(&client, 1, &opts);
    assert_eq!(result.status(), Some(202));
    let added = result.extract().expect("added");
    let r = only(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("POST", nodes_path(1, "").as_str())
    );
    assert_headers(&r, &client, true);
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        fixture("create_request.json")
    );
    assert_eq!(added.len(), 2);
    assert_eq!(added[1].address(), "web-2.example.com");
    assert_eq!(added[1].condition(), &Condition::Draining);
    assert_eq!(added[0].status(), &Status::Online);
    assert!(added[0].id() > 0 && added[0].id() != added[1].id());
}

#[test]
fn list_get_and_find_read_the_nodes() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let page = lb_nodes::list(&client, 1, &ListOpts::new().limit(1).marker(1))
        .extract()
        .expect("page");
    let r = only(&emulator);
    assert_eq!(r.method, "GET");
    assert_eq!(r.path, nodes_path(1, "?limit=1&marker=1"));
    assert_headers(&r, &client, false);
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].id(), 2);

    emulator.clear_requests();
    let all = lb_nodes::list_all(&client, 1, ListOpts::new().limit(1)).expect("all");
    assert_eq!(all.iter().map(|n| n.id()).collect::<Vec<_>>(), [1, 2]);
    let paths: Vec<String> = emulator.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            nodes_path(1, "?limit=1"),
            nodes_path(1, "?limit=1&marker=1"),
            nodes_path(1, "?limit=1&marker=2"),
        ]
    );

    emulator.clear_requests();
    let node = lb_nodes::get(&client, 1, 2).extract().expect("node");
    assert_eq!(only(&emulator).path, nodes_path(1, "/2"));
    assert_eq!((node.address(), node.port()), ("10.180.0.12", 80));
    assert_eq!(node.node_type(), &Type::Primary);
    assert_eq!(node.weight(), None, "RANDOM is not a weighted algorithm");

    let found = lb_nodes::find_by_address_port(&client, 1, "10.180.0.12", 80).expect("found");
    assert_eq!(found.map(|n| n.id()), Some(2));
    let none = lb_nodes::find_by_address_port(&client, 1, "10.180.0.12", 81).expect("read");
    assert_eq!(none, None);
}

#[test]
fn update_sends_the_exact_body() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let opts = UpdateOpts::new()
        .condition(Condition::Draining)
        .node_type(Type::Primary)
        .weight(5);
    let result = lb_nodes::update(&client, 1, 2, &opts);
    assert_eq!(result.status(), Some(202));
    result.extract_err().expect("accepted");
    let r = only(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", nodes_path(1, "/2").as_str())
    );
    assert_headers(&r, &client, true);
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        fixture("update_request.json")
    );
}

#[test]
fn bulk_update_puts_the_list_on_the_collection() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    let opts = BulkUpdateOpts::new()
        .node(1, UpdateOpts::new().condition(Condition::Disabled))
        .node(2, UpdateOpts::new().weight(10));
    let outcome = lb_nodes::bulk_update(&client, 1, &opts, &quick());
    assert_eq!(outcome.done(), [1, 2]);
    let r = only(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("PUT", nodes_path(1, "").as_str())
    );
    assert_headers(&r, &client, true);
    assert_eq!(
        String::from_utf8_lossy(&r.body),
        fixture("bulk_update_request.json")
    );
    let node = lb_nodes::get(&client, 1, 1).extract().expect("node");
    assert_eq!(node.condition(), &Condition::Disabled);
    assert_eq!(node.status(), &Status::Offline, "DISABLED shows OFFLINE");
}

#[test]
fn delete_and_bulk_delete_send_no_body() {
    let emulator = Emulator::start().expect("emulator");
    let client = dfw(&emulator);
    emulator.clear_requests();
    lb_nodes::delete(&client, 1, 2)
        .extract_err()
        .expect("deleted");
    let r = only(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        ("DELETE", nodes_path(1, "/2").as_str())
    );
    assert_headers(&r, &client, false);

    emulator.clear_requests();
    let outcome = lb_nodes::bulk_delete(&client, 2, &[4, 3], &quick());
    outcome.extract_err().expect("deleted");
    let r = only(&emulator);
    assert_eq!(
        (r.method.as_str(), r.path.as_str()),
        (
            "DELETE",
            crate::common::lb_path("/2/nodes?id=4&id=3").as_str()
        )
    );
    assert_headers(&r, &client, false);
}

#[test]
fn events_are_read_page_after_page() {
    let emulator = instant();
    let client = dfw(&emulator);
    let nodes: Vec<NodeOpts> = (1..=3)
        .map(|i| NodeOpts::new(format!("10.9.0.{i}"), 80))
        .collect();
    let added = lb_nodes::create(&client, 1, &CreateOpts::new(nodes))
        .extract()
        .expect("added");
    assert!(emulator.set_node_status("DFW", DEMO_TENANT, 1, added[0].id(), "OFFLINE"));
    emulator.clear_requests();
    let first = lb_nodes::events(&client, 1, &ListOpts::new().limit(2))
        .extract()
        .expect("page");
    assert_eq!(only(&emulator).path, nodes_path(1, "/events?limit=2"));
    assert_eq!(first.len(), 2);
    let all = lb_nodes::events_all(&client, 1, ListOpts::new().limit(2)).expect("all");
    assert_eq!(all.len(), 4);
    let last = &all[3];
    assert_eq!(last.event_type(), Some("NODE_STATUS_CHANGE"));
    assert_eq!(last.node_id(), Some(added[0].id()));
    assert_eq!(last.load_balancer_id(), Some(1));
    assert_eq!(last.account_id(), Some(DEMO_TENANT));
    assert!(last.description().is_some_and(|d| d.contains("OFFLINE")));
    assert_eq!(all[0].category(), Some("CREATE"));
}

#[test]
fn twenty_five_ids_are_three_requests_with_waits_between() {
    let emulator = crate::common::pending().start().expect("emulator");
    let client = dfw(&emulator);
    let wait = quick();
    // Load balancer 1 has nodes 1 and 2; 23 more make 25.
    let nodes: Vec<NodeOpts> = (1..=23)
        .map(|i| NodeOpts::new(format!("10.8.0.{i}"), 80))
        .collect();
    let added = lb_nodes::create(&client, 1, &CreateOpts::new(nodes))
        .and_wait(&wait)
        .expect("added");
    let mut ids: Vec<u64> = vec![1, 2];
    ids.extend(added.iter().map(|n| n.id()));
    assert_eq!(ids.len(), 25);

    let update = ids.iter().fold(BulkUpdateOpts::new(), |b, id| {
        b.node(*id, UpdateOpts::new().weight(3))
    });
    emulator.clear_requests();
    lb_nodes::bulk_update(&client, 1, &update, &wait)
        .and_wait(&wait)
        .expect("updated");
    let puts: Vec<usize> = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .map(|r| {
            r.body_json().expect("json")["nodes"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .collect();
    assert_eq!(puts, [MAX_IDS_PER_REQUEST, MAX_IDS_PER_REQUEST, 5]);

    emulator.clear_requests();
    lb_nodes::bulk_delete(&client, 1, &ids, &wait)
        .and_wait(&wait)
        .expect("deleted");
    let deletes: Vec<String> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .map(|r| r.path)
        .collect();
    assert_eq!(deletes.len(), 3);
    assert_eq!(deletes[2].matches("id=").count(), 5);
    // The outcome's and_wait polled after the last request until the change was applied.
    let last_delete = emulator
        .requests()
        .iter()
        .rposition(|r| r.method == "DELETE")
        .expect("a DELETE");
    let polls = emulator.requests()[last_delete + 1..]
        .iter()
        .filter(|r| r.method == "GET")
        .count();
    assert!(polls >= 1, "no poll after the last request");
    assert_eq!(
        emulator
            .load_balancer_status("DFW", DEMO_TENANT, 1)
            .as_deref(),
        Some("ACTIVE")
    );
    assert!(
        lb_nodes::list(&client, 1, &ListOpts::new())
            .extract()
            .expect("list")
            .is_empty()
    );
}
