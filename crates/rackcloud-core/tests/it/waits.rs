//! Waiting the way the service behaves: polls counted from the emulator's request record for a
//! change it applies in 1 s, a deadline shorter than the pending time, and the GET budget as a
//! bound on the polls.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use rackcloud_core::kit::Method;
use rackcloud_core::model::LbStatus;
use rackcloud_core::{
    EndpointOpts, ErrorKind, Pacing, ProviderClient, ServiceClient, WaitOpts, new_lb_v1,
};
use rackcloud_emulator::{DEMO_TENANT, Emulator};
use serde_json::json;

use crate::common::{demo_key, dfw};

/// An emulator that applies every change in `pending`.
fn pending(pending: Duration) -> Emulator {
    Emulator::builder()
        .default_seed()
        .pending_time(pending)
        .start()
        .expect("emulator")
}

/// Enables session persistence on load balancer 1: one change, leaving it `PENDING_UPDATE`.
fn change(client: &ServiceClient) {
    let url = client.lb_url(1, &["sessionpersistence"]);
    let body = json!({"sessionPersistence": {"persistenceType": "SOURCE_IP"}});
    client.put(&url, &body).extract_err().expect("change");
}

/// The GETs of load balancer 1 the emulator recorded since the last clear (every request, as
/// `METHOD path`, must be one).
fn polls(emulator: &Emulator) -> usize {
    let path = format!("/dfw/v1.0/{DEMO_TENANT}/loadbalancers/1");
    let requests = emulator.requests();
    for r in &requests {
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", path.as_str()));
    }
    requests.len()
}

#[test]
fn a_change_applied_in_one_second_costs_at_most_four_polls() {
    let emulator = pending(Duration::from_secs(1));
    let client = dfw(&emulator);
    change(&client);
    emulator.clear_requests();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let opts = WaitOpts::new().on_progress(move |p| {
        log.lock().expect("lock").push((p.poll, p.status.cloned()));
    });
    let status = rackcloud_core::wait_until_active(&client, 1, &opts).expect("applied");
    assert_eq!(status, LbStatus::Active);
    let polls = polls(&emulator);
    assert!((2..=4).contains(&polls), "{polls} polls");
    let seen = seen.lock().expect("lock");
    assert_eq!(seen.len(), polls, "one progress report per poll");
    assert_eq!(seen[0], (1, Some(LbStatus::PendingUpdate)));
    assert_eq!(seen.last(), Some(&(polls as u32, Some(LbStatus::Active))));
}

#[test]
fn a_deadline_shorter_than_the_pending_time_ends_with_the_last_status() {
    let emulator = pending(Duration::from_secs(60));
    let client = dfw(&emulator);
    change(&client);
    emulator.clear_requests();
    let opts = WaitOpts::new()
        .interval(Duration::from_millis(50))
        .deadline(Duration::from_millis(300));
    let e = rackcloud_core::wait_until_active(&client, 1, &opts).unwrap_err();
    assert_eq!(
        (e.kind(), e.lb_status()),
        (ErrorKind::Timeout, Some("PENDING_UPDATE"))
    );
    let message = e.to_string();
    assert!(
        message.starts_with(
            "timed out: load balancer 1 did not become ACTIVE within the 0.3s deadline \
             (last status seen PENDING_UPDATE, "
        ),
        "{message}"
    );
    let polls = polls(&emulator);
    assert!(
        message.contains(&format!(" {polls} polls in ")),
        "{message}"
    );
}

#[test]
fn a_wait_never_polls_more_often_than_the_get_budget_allows() {
    // 60 GETs a second (the minute counted as one second): a poll every 1/60 s at most, so a
    // wait of 200 ms makes at most 13 polls however short its interval.
    let emulator = pending(Duration::from_secs(60));
    let pacing = Pacing::documented()
        .limit(Method::Get, 60, 1)
        .time_scale(60.0);
    let provider = ProviderClient::builder()
        .pacing(pacing.clone())
        .authenticate(demo_key(&emulator))
        .expect("authenticate");
    let client = new_lb_v1(&provider, EndpointOpts::new().region("DFW")).expect("endpoint");
    change(&client);
    emulator.clear_requests();
    let deadline = Duration::from_millis(200);
    let opts = WaitOpts::new().interval(Duration::ZERO).deadline(deadline);
    let e = rackcloud_core::wait_until_active(&client, 1, &opts).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    let share = pacing.poll_interval(1);
    assert_eq!(share, Duration::from_secs(1) / 60);
    let most = deadline.div_duration_f64(share).floor() as usize + 1;
    let polls = polls(&emulator);
    assert!(polls <= most, "{polls} polls, at most {most}");
    assert!(polls >= 2, "{polls} polls");
}
