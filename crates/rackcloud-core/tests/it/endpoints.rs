//! Choosing the load balancer endpoint from the emulator's catalog.

use crate::common;

use rackcloud_core::{Availability, EndpointOpts, ErrorKind, new_lb_v1};
use rackcloud_emulator::{DEMO_TENANT, Emulator};

#[test]
fn region_from_options_in_any_case_or_the_users_default() {
    let emulator = Emulator::start().expect("emulator");
    let provider = common::provider(&emulator);
    let dfw = format!("{}/", emulator.lb_endpoint("DFW", DEMO_TENANT));
    let ord = format!("{}/", emulator.lb_endpoint("ORD", DEMO_TENANT));
    let endpoint = |opts| {
        new_lb_v1(&provider, opts)
            .expect("endpoint")
            .endpoint()
            .to_owned()
    };
    assert_eq!(endpoint(EndpointOpts::new().region("DFW")), dfw);
    assert_eq!(endpoint(EndpointOpts::new().region("ord")), ord);
    assert_eq!(
        endpoint(EndpointOpts::new()),
        dfw,
        "the user's default region"
    );
    assert!(dfw.ends_with(&format!("/v1.0/{DEMO_TENANT}/")));
}

#[test]
fn internal_urls_are_chosen_by_availability() {
    let emulator = Emulator::start().expect("emulator");
    let provider = common::provider(&emulator);
    let public = new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("public");
    let internal = new_lb_v1(
        &provider,
        EndpointOpts::new()
            .region("DFW")
            .availability(Availability::Internal),
    )
    .expect("internal");
    assert_ne!(public.endpoint(), internal.endpoint());
    // Both reach the same load balancers.
    let get = |c: &rackcloud_core::ServiceClient| {
        c.get(&c.service_url(&["loadbalancers", "1"]))
            .extract_json::<serde_json::Value>()
            .expect("load balancer")["loadBalancer"]["name"]
            .clone()
    };
    assert_eq!(get(&public), get(&internal));
}

#[test]
fn no_match_and_several_matches_are_errors_that_say_what_was_looked_for() {
    let emulator = Emulator::start().expect("emulator");
    let provider = common::provider(&emulator);
    let err = new_lb_v1(&provider, EndpointOpts::new().region("SYD")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EndpointNotFound);
    assert_eq!(
        err.to_string(),
        "no matching endpoint: the catalog has no endpoint of type rax:load-balancer named cloudLoadBalancers in region SYD with a publicURL; it has one in DFW, ORD"
    );
    let err = provider
        .locate_endpoint("rax:load-balancer", &EndpointOpts::new().region("DFW"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EndpointAmbiguous, "{err}");
    assert!(
        err.to_string().contains("cloudLoadBalancers in DFW at"),
        "{err}"
    );
    let err = new_lb_v1(
        &provider,
        EndpointOpts::new().region("DFW").name("noSuchService"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EndpointNotFound);
}

#[test]
fn each_region_has_its_own_load_balancers() {
    let emulator = Emulator::start().expect("emulator");
    let provider = common::provider(&emulator);
    let ord = new_lb_v1(&provider, EndpointOpts::new().region("ORD")).expect("ord");
    let err = ord
        .get(&ord.service_url(&["loadbalancers", "1"]))
        .extract_err()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}
